// Timing and sizing of the cycle-level model: the microarchitecture that
// docs/isa.md leaves open. The models take an isa::Microarchitecture (from a
// hardware description file, --hw); the constants below are its defaults, the
// chip docs/microarchitecture.md describes, which the tests use.
#pragma once

#include <cstdint>

#include "isa/hardware_description.h"

namespace spikecore::hw {

inline constexpr isa::Microarchitecture kDefaultMicroarchitecture{};

// ---- Clock -------------------------------------------------------------------
constexpr double kDefaultClockMhz = kDefaultMicroarchitecture.clock_mhz;  // 2 ns per cycle

// ---- Router --------------------------------------------------------------------
constexpr unsigned kRouterPorts = 5;         // N, E, S, W, Local
constexpr unsigned kRouterBufferFlits = kDefaultMicroarchitecture.router_buffer_flits;
// A flit written into an input buffer in cycle c may leave it in cycle
// c + kRouterHopCycles at the earliest: one cycle for buffer write and route
// computation, one for switch traversal and the link.
constexpr unsigned kRouterHopCycles = kDefaultMicroarchitecture.router_hop_cycles;
// Unloaded latency from the cycle a core injects a flit to the cycle the
// destination core's event FIFO holds it: every router on the path (hops + 1 of
// them) costs the hop cycles.
constexpr uint64_t unloaded_latency(unsigned hops, unsigned hop_cycles = kRouterHopCycles) {
  return uint64_t(hop_cycles) * (hops + 1);
}

// ---- Neuron core -------------------------------------------------------------
constexpr unsigned kEventFifoFlits = kDefaultMicroarchitecture.event_fifo_flits;
// Outbox of the fan-out unit. One entry per neuron slot, so a fire phase never
// waits for the NoC (a neuron fires at most once per step); partial sums wait
// when it is full.
constexpr unsigned kOutboxEntries = kDefaultMicroarchitecture.outbox_entries;
constexpr unsigned kAccDispatchCycles = kDefaultMicroarchitecture.acc_dispatch_cycles;
constexpr unsigned kAccCyclesPerColumn = kDefaultMicroarchitecture.acc_cycles_per_column;
// PSUM scans one accumulator per cycle; FIRE and LEAK update one neuron per cycle;
// the fan-out unit injects at most one flit per cycle.

// ---- Time-step barrier ---------------------------------------------------------
// Cycles between the last cycle of a phase and the first cycle of the next one
// (global AND of the idle signals plus the broadcast of the next phase).
constexpr unsigned kBarrierCycles = kDefaultMicroarchitecture.barrier_cycles;

// ---- Host interface --------------------------------------------------------------
// Latency annotated on every memory-mapped access (b_transport). Host accesses
// happen while no step runs, so they never count toward step cycles.
constexpr unsigned kHostAccessCycles = kDefaultMicroarchitecture.host_access_cycles;

}  // namespace spikecore::hw
