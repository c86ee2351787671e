; Weights are int8 in -127..127; 200 does not fit.
.core 0
  .weights 0: 10 200 -5
