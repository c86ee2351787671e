; Hand-written seed for the assembler harness: every directive, every
; mnemonic (mixed case), every field form (a..b, count=n, acc=K..L), quoted
; names with escapes, hexadecimal and signed numbers, comments everywhere.
.chip mesh = 4x4
.model "seed \"every\" statement\x21"
.timesteps 0x20

.input 0 core=0 slot=0 count=3
.input 3 core=5 slot=0
.output 0 core=2 slot=4 count=2
.layer "in put" input core=0 slot=0 count=3
.layer "in put" input core=5 slot=0
.layer h1 hidden core=1 slot=0 count=4
.layer out output core=2 slot=4 count=2
.layer empty hidden

.reference h1 in=4 out=4 threshold=127
.refweights h1 0: 1 -2 3 -4 5 -6 7 -8
.refweights h1 8: 127 -127 0 0 0x10 -0x10 1 1
.refbias h1 0: -32768 32767 0 1
.reference out in=4 out=2 threshold=1
.refweights out 0: 1 2 3 4 5 6 7 8
.refbias out 0: 0 0

.core 0                                  ; inputs
  .neuron 0..2 threshold=255 bias=0 start=0 init=127
  fire neurons=0 count=3
  .route neurons=0..2 core=1 axon=0

.core 5
  .neuron 0 threshold=255
  FIRE neurons=0..0
  .route neurons=0 core=1 axon=3

.core 1                                  ; hidden
  .neuron 0..3 threshold=100 bias=-5 start=1 init=-100
  .weights 0: 1 -2 3 -4 5 -6 7 -8
  .weights 8: 127 -127 0 0 16 -16 1 1
  Acc axons=0..3 w=0 acc=0..3
  ACC axons=0..1 w=0 cols=4 acc=4
  PSUM acc=0..3 core=1 neuron=0
  psum acc=4 count=4 core=1 neuron=4
  LEAK neurons=0..3 shift=2
  FIRE neurons=0..3
  .route neurons=0..3 core=2 axon=0
  .route neurons=0..1 core=2 axon=8

.core 2                                  ; output
  .neuron 4..5 threshold=1
  .weights 0x0: 1 2 3 4 5 6 7 8
  ACC axons=0..3 w=0 cols=2 acc=0
  CONV axons=8 in=1x2x2 kernel=2x2 stride=1 pad=1 out=1x1x2 w=0 acc=2..3
  PSUM acc=0..1 core=2 neuron=4
  leak neurons=4 count=2 shift=15
  FIRE neurons=4..5
