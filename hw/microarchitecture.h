// Timing and sizing constants of the cycle-level model: the microarchitecture
// that docs/isa.md leaves open. docs/microarchitecture.md explains each one;
// the SystemC models and the tests read them from here only.
#pragma once

#include <cstdint>

namespace spikecore::hw {

// ---- Clock -------------------------------------------------------------------
constexpr double kDefaultClockMhz = 500.0;  // modeled: 2 ns per cycle

// ---- Router --------------------------------------------------------------------
constexpr unsigned kRouterPorts = 5;         // N, E, S, W, Local
constexpr unsigned kRouterBufferFlits = 4;   // input buffer depth per port
// A flit written into an input buffer in cycle c may leave it in cycle
// c + kRouterHopCycles at the earliest: one cycle for buffer write and route
// computation, one for switch traversal and the link.
constexpr unsigned kRouterHopCycles = 2;
// Unloaded latency from the cycle a core injects a flit to the cycle the
// destination core's event FIFO holds it: every router on the path (hops + 1 of
// them) costs kRouterHopCycles.
constexpr uint64_t unloaded_latency(unsigned hops) {
  return uint64_t(kRouterHopCycles) * (hops + 1);
}

// ---- Neuron core -------------------------------------------------------------
constexpr unsigned kEventFifoFlits = 4;  // flits ejected by the router, waiting for the core
// Outbox of the fan-out unit. One entry per neuron slot, so a fire phase never
// waits for the NoC (a neuron fires at most once per step); partial sums wait
// when it is full.
constexpr unsigned kOutboxEntries = 64;
constexpr unsigned kAccDispatchCycles = 1;  // per matching ACC (or per event with none)
constexpr unsigned kAccCyclesPerColumn = 1; // one synapse (weight read) per cycle
// PSUM scans one accumulator per cycle; FIRE and LEAK update one neuron per cycle;
// the fan-out unit injects at most one flit per cycle.

// ---- Time-step barrier ---------------------------------------------------------
// Cycles between the last cycle of a phase and the first cycle of the next one
// (global AND of the idle signals plus the broadcast of the next phase).
constexpr unsigned kBarrierCycles = 4;

// ---- Host interface --------------------------------------------------------------
// Latency annotated on every memory-mapped access (b_transport). Host accesses
// happen while no step runs, so they never count toward step cycles.
constexpr unsigned kHostAccessCycles = 4;

}  // namespace spikecore::hw
