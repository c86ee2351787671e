; A partial sum sent to core 99 of a 4x4 mesh (cores 0..15).
.chip mesh=4x4
.core 0
  PSUM acc=0..1 core=99 neuron=0
