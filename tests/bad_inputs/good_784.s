; good_784.s - a small valid network with MNIST-sized input (784 pixels): the
; image the bad-input fixtures start from (make_fixtures.sh assembles it, then
; corrupts copies of it).
;
;   cores 0..12  the 784 input neurons (64 per core, 16 on core 12); only
;                inputs 0..3 (core 0, slots 0..3) are wired on
;   core 13      fc1: 4 hidden neurons, one per wired input
;   core 14      out: 10 output neurons fed by the hidden ones
.chip mesh=16x8
.model "bad_inputs_good_784"
.timesteps 8
.input 0 core=0 slot=0 count=64
.input 64 core=1 slot=0 count=64
.input 128 core=2 slot=0 count=64
.input 192 core=3 slot=0 count=64
.input 256 core=4 slot=0 count=64
.input 320 core=5 slot=0 count=64
.input 384 core=6 slot=0 count=64
.input 448 core=7 slot=0 count=64
.input 512 core=8 slot=0 count=64
.input 576 core=9 slot=0 count=64
.input 640 core=10 slot=0 count=64
.input 704 core=11 slot=0 count=64
.input 768 core=12 slot=0 count=16
.output 0 core=14 slot=0 count=10
.layer input input core=0 slot=0 count=4
.layer fc1 hidden core=13 slot=0 count=4
.layer out output core=14 slot=0 count=10

.core 0
  .neuron 0..3 threshold=255
  FIRE neurons=0..3
  .route neurons=0..3 core=13 axon=0
.core 13
  .neuron 0..3 threshold=100
  .weights 0: 60 0 0 0  0 60 0 0  0 0 60 0  0 0 0 60
  ACC axons=0..3 w=0 cols=4 acc=0
  PSUM acc=0..3 core=13 neuron=0
  FIRE neurons=0..3
  .route neurons=0..3 core=14 axon=0
.core 14
  .neuron 0..9 threshold=100
  .weights 0: 40 -10 5 0 0 0 0 0 0 0
  .weights 10: -10 40 0 5 0 0 0 0 0 0
  .weights 20: 0 0 40 -10 5 0 0 0 0 0
  .weights 30: 0 0 0 0 0 40 -10 5 0 0
  ACC axons=0..3 w=0 cols=10 acc=0
  PSUM acc=0..9 core=14 neuron=0
  FIRE neurons=0..9
