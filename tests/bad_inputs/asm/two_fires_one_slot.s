; Slots 2..3 are fired by two FIRE instructions: a neuron may fire once per step.
.core 0
  FIRE neurons=0..3
  FIRE neurons=2..5
