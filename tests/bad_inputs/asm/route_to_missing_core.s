; A route to core 16 of a 4x4 mesh (cores 0..15).
.chip mesh=4x4
.core 0
  .neuron 0..1 threshold=10
  FIRE neurons=0..1
  .route neurons=0..1 core=16 axon=0
