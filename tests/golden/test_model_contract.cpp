// The GoldenModel API contract: bad chips are rejected with messages that
// name the place, state never leaks from one sample into the next.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "chip_builders.h"
#include "golden/golden_model.h"
#include "random_chips.h"
#include "run_comparison.h"

namespace spikecore::golden {
namespace {

using namespace testing;

std::string construction_error(const isa::ChipConfig& chip) {
  try {
    GoldenModel model(chip);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(GoldenContract, RejectsEveryUnexecutableEntryAndNamesIt) {
  isa::ChipConfig chip = isa::make_empty_chip(2, 1);
  chip.cores[1].program = {psum(0, 4, 7, 0),    // core 7 does not exist
                           acc(0, 100, 0, 3, 0)};  // 300 weight bytes
  chip.cores[0].routes = {route(0, 1, 0, 0), route(60, 8, 1, 0)};  // slots 60..67
  chip.cores[0].neurons[3].threshold = 0;
  chip.host.inputs = {{0, 0}, {5, 1}};
  const std::string e = construction_error(chip);
  EXPECT_NE(e.find("core 1 program[0]: dst_core 7 does not exist"), std::string::npos) << e;
  EXPECT_NE(e.find("core 1 program[1]: weight block at offset 0 of 300 bytes"), std::string::npos)
      << e;
  EXPECT_NE(e.find("core 0 route[1]: neuron_base 60 + count 8 exceeds the 64"), std::string::npos)
      << e;
  EXPECT_NE(e.find("core 0 neuron[3]: threshold 0"), std::string::npos) << e;
  EXPECT_NE(e.find("host inputs[1]: neuron (core 5, slot 1) does not exist"), std::string::npos)
      << e;
}

TEST(GoldenContract, RejectsACoreListThatDoesNotMatchTheMesh) {
  isa::ChipConfig chip = isa::make_empty_chip(2, 2);
  chip.cores.pop_back();
  EXPECT_NE(construction_error(chip).find("3 core configurations for a 2 x 2 mesh"),
            std::string::npos);
}

TEST(GoldenContract, RefusesToRunWithoutPixelsWhenTheChipHasInputs) {
  isa::ChipConfig chip = isa::make_empty_chip(1, 1);
  chip.cores[0].program = {fire(0, 1)};
  chip.host.inputs = {{0, 0}};
  GoldenModel model(chip);
  EXPECT_THROW(model.run(nullptr, 4), std::invalid_argument);
}

TEST(GoldenContract, ZeroStepsReadsOutTheClearedChip) {
  isa::ChipConfig chip = isa::make_empty_chip(1, 1);
  chip.cores[0].neurons[0] = neuron(1, 1);
  chip.cores[0].program = {fire(0, 2)};
  chip.host.outputs = {{0, 0}, {0, 1}};
  const RunResult r = GoldenModel(chip).run(nullptr, 0);
  EXPECT_EQ(r.spikes.step_begin, std::vector<uint32_t>{0});
  EXPECT_TRUE(r.spikes.ids.empty());
  EXPECT_EQ(r.output_scores, (std::vector<int64_t>{0, 0}));
  EXPECT_EQ(r.predicted_class, 0);
  EXPECT_EQ(r.membrane.size(), size_t(isa::kNeuronSlots));
}

TEST(GoldenContract, ASampleRunAfterOthersGivesTheSameResultAsOnAFreshModel) {
  RandomMlpOptions options;
  options.layers = {200, 40, 10};
  const isa::ChipConfig chip = random_mlp_chip(5, options);
  const std::vector<uint8_t> a = random_pixels(1, 200, 0.5), b = random_pixels(2, 200, 0.9);

  const RunResult fresh_a = GoldenModel(chip).run(a.data(), 20);
  GoldenModel model(chip);
  RunResult reused;
  model.run(b.data(), 31, reused);  // longer run, more spikes, different shape
  model.run(a.data(), 20, reused);
  EXPECT_TRUE(same_run(fresh_a, reused));
  ASSERT_GT(fresh_a.counters.spikes, 0u);
  ASSERT_GT(fresh_a.counters.psum_packets, 0u);
}

}  // namespace
}  // namespace spikecore::golden
