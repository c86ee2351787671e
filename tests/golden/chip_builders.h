// Short constructors for hand-built chips in the golden-model tests. Field
// values are written the way assembly reads (counts are real counts).
#pragma once

#include <cstdint>

#include "isa/chip_config.h"

namespace spikecore::golden::testing {

inline isa::Instruction acc(unsigned axon_base, unsigned axon_count, unsigned weight_offset,
                            unsigned cols, unsigned acc_base) {
  isa::Instruction ins;
  ins.op = isa::Opcode::kAcc;
  ins.acc.axon_base = uint8_t(axon_base);
  ins.acc.axon_count = uint16_t(axon_count);
  ins.acc.weight_offset = uint8_t(weight_offset);
  ins.acc.cols = uint8_t(cols);
  ins.acc.acc_base = uint8_t(acc_base);
  return ins;
}

inline isa::Instruction psum(unsigned acc_base, unsigned count, unsigned dst_core,
                             unsigned dst_neuron) {
  isa::Instruction ins;
  ins.op = isa::Opcode::kPsum;
  ins.psum.acc_base = uint8_t(acc_base);
  ins.psum.count = uint8_t(count);
  ins.psum.dst_core = uint8_t(dst_core);
  ins.psum.dst_neuron = uint8_t(dst_neuron);
  return ins;
}

inline isa::Instruction fire(unsigned neuron_base, unsigned count) {
  isa::Instruction ins;
  ins.op = isa::Opcode::kFire;
  ins.fire.neuron_base = uint8_t(neuron_base);
  ins.fire.count = uint8_t(count);
  return ins;
}

inline isa::Instruction leak(unsigned neuron_base, unsigned count, unsigned shift) {
  isa::Instruction ins;
  ins.op = isa::Opcode::kLeak;
  ins.leak.neuron_base = uint8_t(neuron_base);
  ins.leak.count = uint8_t(count);
  ins.leak.shift = uint8_t(shift);
  return ins;
}

inline isa::RouteEntry route(unsigned neuron_base, unsigned count, unsigned dst_core,
                             unsigned dst_axon_base) {
  isa::RouteEntry r;
  r.neuron_base = uint8_t(neuron_base);
  r.count = uint8_t(count);
  r.dst_core = uint8_t(dst_core);
  r.dst_axon_base = uint8_t(dst_axon_base);
  return r;
}

inline isa::NeuronParams neuron(int threshold, int bias = 0, unsigned bias_start = 0,
                                int initial_potential = 0) {
  isa::NeuronParams p;
  p.threshold = int16_t(threshold);
  p.bias = int16_t(bias);
  p.bias_start = uint8_t(bias_start);
  p.initial_potential = int16_t(initial_potential);
  return p;
}

inline uint32_t gid(unsigned core, unsigned slot) { return core * isa::kNeuronSlots + slot; }

}  // namespace spikecore::golden::testing
