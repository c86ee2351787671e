; flood_784.s - a legal image whose event phases take about 41 000 cycles:
; the test image of the SystemC step watchdog (tests/bad_inputs, cases
; sim.watchdog_*). isa::check() accepts it; it is only slow.
;
; A checked image cannot deadlock the NoC or make a flit loop: XY routing on a
; mesh has no cyclic channel dependency, every destination exists (check()),
; the outbox holds a whole fire phase and the event FIFO drains in the event
; phase (docs/microarchitecture.md sections 3-5). What a hand-written image
; can still do is flood one core. Here the 64 neurons of core 16 (x=0, y=1;
; threshold 1, bias 1) fire in every step and send each spike 8 times to core
; 13 (x=13, y=0): 512 spikes per step, each costing core 13 16 ACCs x (1
; dispatch + 4 columns) = 80 cycles, so 512 x 80 = 40 960 cycles per event
; phase, with the routers between the two cores backed up. The weights are all
; zero, so the accumulator bound of check() holds.
;
; The default watchdog (50 M cycles) lets it finish; the tests lower the bound
; with SPIKECORE_STEP_WATCHDOG_CYCLES=10000 so that it stops in step 0 or 1.
.chip mesh=16x8
.model "flood_784"
.timesteps 4
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
.output 0 core=13 slot=0 count=10
.layer flood hidden core=16 slot=0 count=64
.layer out output core=13 slot=0 count=10

.core 16
  .neuron 0..63 threshold=1 bias=1
  FIRE neurons=0..63
  .route neurons=0..63 core=13 axon=0
  .route neurons=0..63 core=13 axon=0
  .route neurons=0..63 core=13 axon=0
  .route neurons=0..63 core=13 axon=0
  .route neurons=0..63 core=13 axon=0
  .route neurons=0..63 core=13 axon=0
  .route neurons=0..63 core=13 axon=0
  .route neurons=0..63 core=13 axon=0
.core 13
  ACC axons=0..63 w=0 cols=4 acc=0
  ACC axons=0..63 w=0 cols=4 acc=0
  ACC axons=0..63 w=0 cols=4 acc=0
  ACC axons=0..63 w=0 cols=4 acc=0
  ACC axons=0..63 w=0 cols=4 acc=0
  ACC axons=0..63 w=0 cols=4 acc=0
  ACC axons=0..63 w=0 cols=4 acc=0
  ACC axons=0..63 w=0 cols=4 acc=0
  ACC axons=0..63 w=0 cols=4 acc=0
  ACC axons=0..63 w=0 cols=4 acc=0
  ACC axons=0..63 w=0 cols=4 acc=0
  ACC axons=0..63 w=0 cols=4 acc=0
  ACC axons=0..63 w=0 cols=4 acc=0
  ACC axons=0..63 w=0 cols=4 acc=0
  ACC axons=0..63 w=0 cols=4 acc=0
  ACC axons=0..63 w=0 cols=4 acc=0
