; tiny_2_2_2.s - a complete hand-written SpikeCore network, small enough to
; follow by hand: 2 inputs -> 2 hidden neurons -> 2 output neurons.
;
;   core 0: the 2 input neurons. The host writes each pixel byte p (0..255)
;           into the bias of its input neuron; with threshold 255 the neuron
;           fires at rate p/255 (constant-current encoding, no randomness).
;   core 1: hidden layer fc1. Each input spike arrives on axon 0 or 1; ACC adds
;           that axon's weight row to accumulators 0..1; PSUM hands the sums
;           to the soma of slots 0..1 of this same core; FIRE integrates them.
;   core 2: output layer fc2, the same pattern, read out by the host.
;
; Weights (SRAM rows are per axon = per input, columns per neuron):
;   fc1: hidden0 = 60*in0 - 30*in1, hidden1 = -20*in0 + 50*in1, threshold 100
;   fc2: out0 = 40*h0 - 10*h1,      out1 = -10*h0 + 40*h1,      threshold 100

.chip mesh=16x8
.model "tiny_2_2_2"
.timesteps 16

.input 0 core=0 slot=0 count=2
.output 0 core=2 slot=0 count=2

.layer input input core=0 slot=0 count=2
.layer fc1 hidden core=1 slot=0 count=2
.layer fc2 output core=2 slot=0 count=2

; The integer reference (the same network as a quantized ANN; weights are
; outputs x inputs, row-major, i.e. the transpose of the SRAM rows).
.reference fc1 in=2 out=2 threshold=100
.refweights fc1 0: 60 -30 -20 50
.refbias fc1 0: 0 0
.reference fc2 in=2 out=2 threshold=100
.refweights fc2 0: 40 -10 -10 40
.refbias fc2 0: 0 0

.core 0                                 ; input neurons
  .neuron 0..1 threshold=255
  FIRE neurons=0..1
  .route neurons=0..1 core=1 axon=0     ; input i -> core 1 axon i

.core 1                                 ; fc1
  .neuron 0..1 threshold=100
  .weights 0: 60 -20                    ; axon 0 (input 0) -> acc 0..1
  .weights 2: -30 50                    ; axon 1 (input 1) -> acc 0..1
  ACC axons=0..1 w=0 cols=2 acc=0
  PSUM acc=0..1 core=1 neuron=0         ; to this core's own somas
  FIRE neurons=0..1
  .route neurons=0..1 core=2 axon=0     ; hidden j -> core 2 axon j

.core 2                                 ; fc2 (output)
  .neuron 0..1 threshold=100
  .weights 0: 40 -10 -10 40
  ACC axons=0..1 w=0 cols=2 acc=0
  PSUM acc=0..1 core=2 neuron=0
  FIRE neurons=0..1
