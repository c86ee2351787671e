// Which layer a core's saturation counters are reported under
// (platform/sim/saturation_by_layer.h), on small hand-made chips.
#include <gtest/gtest.h>

#include "isa/chip_config.h"
#include "platform/sim/saturation_by_layer.h"

namespace spikecore::sim {
namespace {

isa::Instruction fire(unsigned base, unsigned count) {
  isa::Instruction i;
  i.op = isa::Opcode::kFire;
  i.fire.neuron_base = uint8_t(base);
  i.fire.count = uint8_t(count);
  return i;
}

isa::Instruction acc() {
  isa::Instruction i;
  i.op = isa::Opcode::kAcc;
  i.acc.axon_base = 0;
  i.acc.axon_count = 1;
  i.acc.cols = 1;
  return i;
}

isa::Instruction psum(unsigned dst_core, unsigned dst_neuron, unsigned count) {
  isa::Instruction i;
  i.op = isa::Opcode::kPsum;
  i.psum.dst_core = uint8_t(dst_core);
  i.psum.dst_neuron = uint8_t(dst_neuron);
  i.psum.count = uint8_t(count);
  return i;
}

isa::LayerInfo layer(const std::string& name, isa::LayerRole role, unsigned core,
                     unsigned first_slot, unsigned count) {
  isa::LayerInfo l{name, role, {}};
  for (unsigned s = 0; s < count; ++s) l.neurons.push_back({uint16_t(core), uint8_t(first_slot + s)});
  return l;
}

// Core 0: input neurons and a weight tile feeding fc1 (as the compiler packs
// them). Core 1: fc1 neurons. Core 2: a tile feeding fc1. Core 3: fc1 and out
// neurons under one FIRE. Core 4: neurons of no layer and a tile no PSUM reads.
isa::ChipConfig layered_chip() {
  isa::ChipConfig chip = isa::make_empty_chip(5, 1);
  chip.host.layers = {layer("input", isa::LayerRole::kInput, 0, 0, 4),
                      layer("fc1", isa::LayerRole::kHidden, 1, 0, 4),
                      layer("out", isa::LayerRole::kOutput, 3, 2, 2)};
  chip.host.layers[1].neurons.push_back({3, 0});
  chip.host.layers[1].neurons.push_back({3, 1});
  chip.cores[0].program = {acc(), psum(1, 0, 4), fire(0, 4)};
  chip.cores[1].program = {fire(0, 4)};
  chip.cores[2].program = {acc(), psum(1, 0, 2)};
  chip.cores[3].program = {fire(0, 4)};
  chip.cores[4].program = {acc(), fire(0, 1)};
  return chip;
}

const LayerSaturations& find(const SaturationsByLayer& s, const std::string& name) {
  for (const LayerSaturations& l : s.layers())
    if (l.layer == name) return l;
  throw std::runtime_error("no group " + name);
}

TEST(SaturationsByLayer, GroupsFollowTheLayerTableThenTheMixedOnes) {
  const SaturationsByLayer s(layered_chip());
  std::vector<std::string> names;
  for (const LayerSaturations& l : s.layers()) names.push_back(l.layer + "/" + l.role);
  EXPECT_EQ(names, (std::vector<std::string>{"input/input", "fc1/hidden", "out/output",
                                             "fc1+out/mixed", "(no layer)/mixed"}));
  EXPECT_EQ(find(s, "input").cores, (std::vector<unsigned>{0}));
  EXPECT_EQ(find(s, "fc1").cores, (std::vector<unsigned>{0, 1, 2}));
  EXPECT_TRUE(find(s, "out").cores.empty());
  EXPECT_EQ(find(s, "fc1+out").cores, (std::vector<unsigned>{3}));
  EXPECT_EQ(find(s, "(no layer)").cores, (std::vector<unsigned>{4}));
}

TEST(SaturationsByLayer, SomaGoesToTheFiredNeuronsAccToThePsumTarget) {
  SaturationsByLayer s(layered_chip());
  // Core 0 holds input neurons but its accumulators feed fc1.
  s.add({{0, 5, 7}});
  EXPECT_EQ(find(s, "input").soma, 7u);
  EXPECT_EQ(find(s, "input").acc, 0u);
  EXPECT_EQ(find(s, "fc1").acc, 5u);
  EXPECT_EQ(find(s, "fc1").soma, 0u);
  s.add({{1, 0, 2}, {2, 3, 0}, {3, 0, 4}, {4, 1, 1}});
  EXPECT_EQ(find(s, "fc1").soma, 2u);
  EXPECT_EQ(find(s, "fc1").acc, 8u);
  EXPECT_EQ(find(s, "fc1+out").soma, 4u);
  EXPECT_EQ(find(s, "(no layer)").acc, 1u);
  EXPECT_EQ(find(s, "(no layer)").soma, 1u);
  EXPECT_EQ(find(s, "out").soma, 0u);
}

TEST(SaturationsByLayer, SamplesCountsSamplesNotCores) {
  SaturationsByLayer s(layered_chip());
  s.add({{1, 0, 1}, {2, 1, 0}});  // two fc1 cores in one sample
  s.add({});
  s.add({{0, 0, 3}});
  EXPECT_EQ(find(s, "fc1").samples, 1u);
  EXPECT_EQ(find(s, "input").samples, 1u);
  EXPECT_EQ(find(s, "out").samples, 0u);
}

TEST(SaturationsByLayer, ACoreThatCannotClipStillGetsItsCountsReported) {
  // Core 1 has no ACC, so an ACC count there cannot come from a real chip; it
  // must not vanish either.
  SaturationsByLayer s(layered_chip());
  s.add({{1, 6, 0}});
  uint64_t acc = 0;
  for (const LayerSaturations& l : s.layers()) acc += l.acc;
  EXPECT_EQ(acc, 6u);
}

}  // namespace
}  // namespace spikecore::sim
