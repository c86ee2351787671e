// Placement and routing legality on compiled networks of several depths:
// check() passes, no core over its limits, every route reaches an existing
// core whose ACC covers the axons, every PSUM lands on a fired slot of the
// next layer, no slot used twice; deterministic for a seed.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "compiler/diagnostics.h"
#include "compiler/pipeline.h"
#include "compiler/place.h"
#include "isa/image.h"
#include "test_support.h"

namespace spikecore::compiler {
namespace {

struct Net {
  const char* name;
  std::vector<unsigned> widths;
  unsigned mesh_w, mesh_h;
};
void PrintTo(const Net& n, std::ostream* os) { *os << n.name; }

class PlacementTest : public ::testing::TestWithParam<Net> {};

// Slot ranges each core fires (FIRE neurons=b count=n).
std::set<unsigned> fired_slots(const isa::CoreConfig& core) {
  std::set<unsigned> s;
  for (const isa::Instruction& ins : core.program)
    if (ins.op == isa::Opcode::kFire)
      for (unsigned i = 0; i < ins.fire.count; ++i) s.insert(ins.fire.neuron_base + i);
  return s;
}

TEST_P(PlacementTest, CompiledChipIsLegal) {
  std::string skip;
  if (!testing::have_mnist(&skip)) GTEST_SKIP() << skip;
  const Net& net = GetParam();
  CompileOptions opt = testing::fast_options();
  opt.mesh_width = net.mesh_w;
  opt.mesh_height = net.mesh_h;
  const Module m = compile_graph(testing::synthetic_mlp(net.widths, 11), opt);
  ASSERT_TRUE(m.chip && m.mapping);
  const isa::ChipConfig& chip = *m.chip;

  EXPECT_TRUE(isa::check(chip).empty()) << isa::check(chip).front();
  EXPECT_TRUE(placement_problems(*m.mapping).empty()) << placement_problems(*m.mapping).front();
  EXPECT_LE(m.mapping->cost, m.mapping->initial_cost + 1e-9) << "annealing made it worse";

  // Where every neuron of every layer lives: unique slots, all fired.
  std::map<std::pair<unsigned, unsigned>, std::pair<size_t, size_t>> owner;  // (core,slot)->(layer,i)
  ASSERT_EQ(chip.host.layers.size(), net.widths.size());
  for (size_t l = 0; l < chip.host.layers.size(); ++l) {
    ASSERT_EQ(chip.host.layers[l].neurons.size(), net.widths[l]);
    for (size_t i = 0; i < net.widths[l]; ++i) {
      const isa::NeuronRef r = chip.host.layers[l].neurons[i];
      ASSERT_LT(r.core, chip.num_cores());
      EXPECT_TRUE(owner.insert({{r.core, r.slot}, {l, i}}).second)
          << "slot " << unsigned(r.slot) << " of core " << r.core << " used twice";
      EXPECT_TRUE(fired_slots(chip.cores[r.core]).count(r.slot)) << "neuron never fires";
    }
  }
  EXPECT_EQ(chip.host.inputs.size(), 784u);
  EXPECT_EQ(chip.host.outputs.size(), 10u);

  // Each route delivers neuron (layer l, i) to a core whose ACC covers the
  // axon, and that axon is row i of a tile of layer l+1.
  std::map<size_t, std::multiset<size_t>> deliveries;  // layer -> neuron indices delivered
  for (unsigned c = 0; c < chip.num_cores(); ++c) {
    const isa::CoreConfig& core = chip.cores[c];
    EXPECT_LE(core.program.size(), isa::kProgramWords);
    EXPECT_LE(core.routes.size(), isa::kRouteEntries);
    for (const isa::RouteEntry& r : core.routes) {
      ASSERT_LT(r.dst_core, chip.num_cores());
      const isa::CoreConfig& dst = chip.cores[r.dst_core];
      bool covered = false;
      for (const isa::Instruction& ins : dst.program)
        if (ins.op == isa::Opcode::kAcc && r.dst_axon_base >= ins.acc.axon_base &&
            r.dst_axon_base + r.count <= ins.acc.axon_base + ins.acc.axon_count)
          covered = true;
      EXPECT_TRUE(covered) << "route " << c << " -> " << unsigned(r.dst_core) << ":"
                           << unsigned(r.dst_axon_base) << " hits no ACC";
      for (unsigned k = 0; k < r.count; ++k) {
        const auto it = owner.find({c, r.neuron_base + k});
        ASSERT_NE(it, owner.end()) << "route from an unassigned slot";
        deliveries[it->second.first].insert(it->second.second);
      }
    }
    // PSUMs land on fired slots of a non-input layer.
    for (const isa::Instruction& ins : core.program) {
      if (ins.op != isa::Opcode::kPsum) continue;
      for (unsigned k = 0; k < ins.psum.count; ++k) {
        const auto it = owner.find({ins.psum.dst_core, ins.psum.dst_neuron + k});
        ASSERT_NE(it, owner.end()) << "PSUM to an unassigned slot";
        EXPECT_GT(it->second.first, 0u) << "PSUM into an input neuron";
      }
    }
  }
  // Every neuron of every non-output layer reaches every column group of the next.
  for (size_t l = 0; l + 1 < net.widths.size(); ++l) {
    const unsigned groups = m.mapping->tilings[l].chosen.shape.col_groups;
    for (size_t i = 0; i < net.widths[l]; ++i)
      EXPECT_EQ(deliveries[l].count(i), groups) << "layer " << l << " neuron " << i;
  }
  EXPECT_EQ(deliveries.count(net.widths.size() - 1), 0u) << "output neurons must not route";
}

INSTANTIATE_TEST_SUITE_P(
    Nets, PlacementTest,
    ::testing::Values(Net{"one_hidden", {784, 32, 10}, 16, 8},
                      Net{"two_hidden", {784, 24, 20, 10}, 16, 8},
                      Net{"three_hidden", {784, 16, 16, 16, 10}, 16, 8},
                      Net{"wide_output_fanin", {784, 8, 70, 10}, 16, 8},
                      Net{"small_mesh", {784, 16, 10}, 8, 8}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Placement, DeterministicForASeed) {
  std::string skip;
  if (!testing::have_mnist(&skip)) GTEST_SKIP() << skip;
  CompileOptions opt = testing::fast_options();
  const auto a = isa::serialize_image(*compile_graph(testing::synthetic_mlp({784, 24, 10}, 3), opt).chip);
  const auto b = isa::serialize_image(*compile_graph(testing::synthetic_mlp({784, 24, 10}, 3), opt).chip);
  EXPECT_EQ(a, b);
  opt.seed = 99;
  const auto c = isa::serialize_image(*compile_graph(testing::synthetic_mlp({784, 24, 10}, 3), opt).chip);
  EXPECT_NE(a, c) << "another seed should give another placement";
}

TEST(Placement, ModelThatCannotFitThrowsBeforeAnyPass) {
  CompileOptions opt = testing::fast_options();
  opt.data_dir = testing::temp_dir("nofit") + "/none";
  opt.board_width = opt.board_height = 1;  // one chip: --board 1x1
  try {
    compile_graph(testing::synthetic_mlp({784, 100, 10}, 5), opt);
    FAIL() << "expected CompileError";
  } catch (const CompileError& e) {
    EXPECT_NE(std::string(e.what()).find("does not fit"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace spikecore::compiler
