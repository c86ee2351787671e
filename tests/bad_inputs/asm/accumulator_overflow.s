; Every spike of core 0's 64 neurons reaches core 1 five times (5 route
; entries): accumulator 0 can reach 5 x 64 x 127 = 40640 in one step, past
; the int16 range, which check() rejects (docs/isa.md section 13).
.chip mesh=2x1
.core 0
  .neuron 0..63 threshold=1 bias=1
  FIRE neurons=0..63
  .route neurons=0..63 core=1 axon=0
  .route neurons=0..63 core=1 axon=0
  .route neurons=0..63 core=1 axon=0
  .route neurons=0..63 core=1 axon=0
  .route neurons=0..63 core=1 axon=0
.core 1
  .weights 0: 127 127 127 127 127 127 127 127 127 127 127 127 127 127 127 127
  .weights 16: 127 127 127 127 127 127 127 127 127 127 127 127 127 127 127 127
  .weights 32: 127 127 127 127 127 127 127 127 127 127 127 127 127 127 127 127
  .weights 48: 127 127 127 127 127 127 127 127 127 127 127 127 127 127 127 127
  ACC axons=0..63 w=0 cols=1 acc=0
  PSUM acc=0 core=1 neuron=0
  FIRE neurons=0
