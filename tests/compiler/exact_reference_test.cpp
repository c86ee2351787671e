// The chip equals its exact integer reference (golden/network_reference.h)
// bit for bit: every layer's spike counts and every output score, on every
// sample and at every T, for models of 1, 2 and 3 hidden layers trained by
// python3-torch at test time. One mismatch fails.
#include <gtest/gtest.h>

#include "compiler/pipeline.h"
#include "dataset/dataset.h"
#include "golden/golden_model.h"
#include "golden/network_reference.h"
#include "isa/image.h"
#include "test_support.h"

namespace spikecore::compiler {
namespace {

constexpr unsigned kDigits = 150;

struct DepthCase {
  const char* name;
  const char* widths;
};

void PrintTo(const DepthCase& c, std::ostream* os) { *os << c.name; }

class ExactReferenceTest : public ::testing::TestWithParam<DepthCase> {};

isa::ChipConfig compile_trained(const DepthCase& c, std::string* skip) {
  const std::string data_dir = std::string(SPIKECORE_SOURCE_DIR) + "/data";
  const auto model = testing::make_model(
      std::string("exact_") + c.name,
      std::string("--style custom --widths ") + c.widths + " --train-data " + data_dir +
          " --train-count 3000 --epochs 2",
      skip);
  if (!model) return {};
  CompileOptions opt = testing::fast_options(*model);
  opt.image_path = testing::temp_dir(std::string("exact_") + c.name) + "/model.scimg";
  compile(opt);
  return isa::load_image(opt.image_path);
}

// Golden-model spike counts of one layer, in the layer's neuron order.
std::vector<uint16_t> layer_counts(const isa::ChipConfig& chip, const golden::RunResult& r,
                                   size_t layer) {
  std::vector<uint16_t> counts;
  for (const isa::NeuronRef& n : chip.host.layers[layer].neurons)
    counts.push_back(r.spike_counts[size_t(n.core) * isa::kNeuronSlots + n.slot]);
  return counts;
}

TEST_P(ExactReferenceTest, ChipEqualsItOnEverySampleAtEveryT) {
  std::string skip;
  if (!testing::have_mnist(&skip)) GTEST_SKIP() << skip;
  const isa::ChipConfig chip = compile_trained(GetParam(), &skip);
  if (chip.cores.empty()) {
    if (!skip.empty()) GTEST_SKIP() << skip;
    return;
  }
  const dataset::Dataset test = dataset::load("mnist", "test", "", kDigits);
  golden::GoldenModel model(chip);
  golden::NetworkReference reference(chip);
  golden::RunResult r;
  golden::NetworkOutcome e;
  unsigned mismatches = 0;
  for (unsigned t : {1u, 3u, 4u, 8u, 16u, 31u, 64u, 200u}) {
    for (unsigned i = 0; i < test.size(); ++i) {
      model.run(test.images.image(i), t, r);
      reference.run(test.images.image(i), t, e);
      bool same = r.output_scores == e.output_scores && r.predicted_class == e.predicted_class;
      for (size_t l = 0; l < chip.host.layers.size(); ++l)
        same = same && layer_counts(chip, r, l) == e.spike_counts[l];
      if (!same && ++mismatches <= 3) ADD_FAILURE() << "T=" << t << " digit " << i;
    }
  }
  EXPECT_EQ(mismatches, 0u);
}

// The property has teeth: weights changed in one core's SRAM (a mapping bug)
// make the chip differ from the reference. The core is a tile of the output
// layer (its inputs fire; a pixel row of the first layer may be always blank).
TEST_P(ExactReferenceTest, ANetworkChangedOnTheChipIsCaught) {
  std::string skip;
  if (!testing::have_mnist(&skip)) GTEST_SKIP() << skip;
  isa::ChipConfig chip = compile_trained(GetParam(), &skip);
  if (chip.cores.empty()) {
    if (!skip.empty()) GTEST_SKIP() << skip;
    return;
  }
  golden::NetworkReference reference(chip);
  const isa::NeuronRef output = chip.host.outputs.at(0);
  isa::CoreConfig* tile = nullptr;
  for (isa::CoreConfig& core : chip.cores)
    for (const isa::Instruction& ins : core.program)
      if (ins.op == isa::Opcode::kPsum && ins.psum.dst_core == output.core) tile = &core;
  ASSERT_NE(tile, nullptr) << "no tile sends partial sums to the output layer";
  for (int8_t& w : tile->weights) w = int8_t(w > 0 ? w - 40 : w + 40);
  const dataset::Dataset test = dataset::load("mnist", "test", "", kDigits);
  golden::GoldenModel model(chip);
  unsigned differ = 0;
  for (unsigned i = 0; i < test.size(); ++i)
    differ += model.run(test.images.image(i), 32).output_scores !=
              reference.run(test.images.image(i), 32).output_scores;
  EXPECT_GT(differ, 0u);
}

INSTANTIATE_TEST_SUITE_P(Depths, ExactReferenceTest,
                         ::testing::Values(DepthCase{"hidden1", "784,32,10"},
                                           DepthCase{"hidden2", "784,32,24,10"},
                                           DepthCase{"hidden3", "784,24,16,16,10"}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace spikecore::compiler
