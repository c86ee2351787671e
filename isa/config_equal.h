// Field-by-field equality of ChipConfig parts (the shared headers define no
// operator==). Used by the image writer, the printer and the tests.
#pragma once

#include "isa/chip_config.h"

namespace spikecore::isa {

inline bool same(const NeuronParams& a, const NeuronParams& b) {
  return a.threshold == b.threshold && a.bias == b.bias && a.bias_start == b.bias_start &&
         a.initial_potential == b.initial_potential;
}
inline bool is_default(const NeuronParams& p) { return same(p, NeuronParams{}); }

// Instructions compare by the fields their opcode uses (unused members are ignored).
bool same(const Instruction& a, const Instruction& b);
inline bool same(const RouteEntry& a, const RouteEntry& b) {
  return a.neuron_base == b.neuron_base && a.count == b.count && a.dst_core == b.dst_core &&
         a.dst_axon_base == b.dst_axon_base && a.dst_chip == b.dst_chip;
}
bool same(const CoreConfig& a, const CoreConfig& b);
bool same(const HostConfig& a, const HostConfig& b);
bool same(const ChipConfig& a, const ChipConfig& b);

}  // namespace spikecore::isa
