// Modeled energy per hardware event. These are not measurements of any chip:
// they are per-event costs borrowed from the published Loihi figures (Davies
// et al., IEEE Micro 38(1), 2018) so that runs can be compared with each other.
// Every figure derived from them is printed tagged "modeled" (docs/simulator.md).
#pragma once

#include "platform/sim/sample_outcome.h"

namespace spikecore::sim::energy {

constexpr double kSynapticOpPj = 23.6;     // one weight read + accumulate (modeled)
constexpr double kNeuronUpdatePj = 52.0;   // one FIRE or LEAK neuron update (modeled)
constexpr double kFlitHopPj = 3.5;         // one flit crossing one router hop (modeled)
constexpr double kFlitInjectPj = 1.7;      // one flit injected/ejected at a core (modeled)

inline double inference_pj(const HardwareCounts& c) {
  return double(c.synaptic_ops) * kSynapticOpPj + double(c.neuron_updates) * kNeuronUpdatePj +
         double(c.hops) * kFlitHopPj + double(c.flits) * kFlitInjectPj;
}

}  // namespace spikecore::sim::energy
