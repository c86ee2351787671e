; saturate_784.s - a hand-written network built to clip int16 values, for the
; per-layer saturation report of spikecore-sim (tests/sim/sim_saturation_test).
; MNIST-sized input (784 pixels); only inputs 0..63 (core 0) are wired on.
;
;   fc1 (core 13), fed by inputs 0..63 through 4 identical ACCs per axon:
;     slot 0, w = +127: I = 4 x 64 x 127 = 32512 per step when all 64 inputs
;       spike (32512 is within the check() bound of 32767), threshold 32767.
;       With pixels 255 the inputs spike in every step, delivered in steps
;       1..T-1: V = 32512, 65024 -> clips to 32767 and spikes (V = 0), 32512,
;       clip, ... so floor((T-1)/2) clips at +32767 (CNT_SAT_SOMA): 3 for T = 8.
;     slot 1, w = -127: V = -32512, then -65024 clips to -32768 and clips again
;       in every later step: T-2 floor clips (CNT_FLOOR_SOMA), 6 for T = 8.
;   out (core 14): class 0 has bias -20000: V = -20000 in step 0, clipped to
;     -32768 in each of steps 1..T-1 (fc1's +50 spikes do not change that):
;     T-1 = 7 floor clips for T = 8, whatever the pixels. Classes 1..9 never clip.
;   input (core 0): threshold 255, bias = pixel <= 255: never clips.
; With pixels 0 nothing reaches fc1: 0 clips in fc1, still 7 in out.
; No ACC can clip in a checked image (docs/isa.md section 2).
.chip mesh=16x8
.model "saturate_784"
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
.layer input input core=0 slot=0 count=64
.layer input input core=1 slot=0 count=64
.layer input input core=2 slot=0 count=64
.layer input input core=3 slot=0 count=64
.layer input input core=4 slot=0 count=64
.layer input input core=5 slot=0 count=64
.layer input input core=6 slot=0 count=64
.layer input input core=7 slot=0 count=64
.layer input input core=8 slot=0 count=64
.layer input input core=9 slot=0 count=64
.layer input input core=10 slot=0 count=64
.layer input input core=11 slot=0 count=64
.layer input input core=12 slot=0 count=16
.layer fc1 hidden core=13 slot=0 count=2
.layer out output core=14 slot=0 count=10

.core 0
  .neuron 0..63 threshold=255
  FIRE neurons=0..63
  .route neurons=0..63 core=13 axon=0
.core 13
  .neuron 0..1 threshold=32767
  .weights 0: 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127
  .weights 16: 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127
  .weights 32: 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127
  .weights 48: 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127
  .weights 64: 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127
  .weights 80: 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127
  .weights 96: 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127
  .weights 112: 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127 127 -127
  ACC axons=0..63 w=0 cols=2 acc=0
  ACC axons=0..63 w=0 cols=2 acc=0
  ACC axons=0..63 w=0 cols=2 acc=0
  ACC axons=0..63 w=0 cols=2 acc=0
  PSUM acc=0..1 core=13 neuron=0
  FIRE neurons=0..1
  .route neurons=0 core=14 axon=0
.core 14
  .neuron 0 threshold=100 bias=-20000
  .neuron 1..9 threshold=100
  .weights 0: 50 0 0 0 0 0 0 0 0 0
  ACC axons=0 w=0 cols=10 acc=0
  PSUM acc=0..9 core=14 neuron=0
  FIRE neurons=0..9
