; Hand-written seed: one of each kind of error the assembler reports.
.chip mesh=16x8
.model tiny
.timesteps 70000
.input 1 core=0 slot=0 count=2
.layer fc1 middle core=1 slot=0
.reference r in=2 out=1 threshold=1
.refweights r 0: 1 200
.core 1
  .weights 0: 200 1
  ACX axons=0..1
  PSUM acc=0..1 neuron=0
  FIRE neurons=3..1
  LEAK neurons=0 shift=16 shift=1
.core 1
.core 999
  .route neurons=0..70 core=1 axon=300
  .bogus
"unterminated
