// The SystemC model against the golden model on seeded random chips: every
// spike of every step, final membranes and spike counts, outputs and counters.
#include <gtest/gtest.h>

#include "golden/golden_model.h"
#include "isa/chip_config.h"
#include "platform/systemc_runner.h"
#include "platform_test_support.h"
#include "tests/golden/random_chips.h"

namespace spikecore::platform::testing {
namespace {

using golden::testing::random_chip;
using golden::testing::random_mlp_chip;
using golden::testing::random_pixels;

std::string problems_text(const std::vector<std::string>& problems) {
  std::string s;
  for (const std::string& p : problems) s += p + "\n";
  return s;
}

// Unstructured programs (every opcode, overlapping ranges, self-routes,
// partial sums to any core) on small meshes of varying shape.
class RandomChipBitExact : public ::testing::TestWithParam<uint32_t> {};

TEST_P(RandomChipBitExact, EverySpikeOfEveryStepMatchesGolden) {
  const uint32_t seed = GetParam();
  golden::testing::RandomChipOptions options;
  options.conv = seed % 2 == 0;  // CONV among the other opcodes on every other seed
  options.width = 2 + seed % 4;
  options.height = 2 + (seed / 4) % 3;
  options.max_abs_weight = 3;  // keeps the accumulator bound of check()
  options.disjoint_fires = true;
  const isa::ChipConfig chip = random_chip(seed, options);
  ASSERT_EQ(problems_text(isa::check(chip)), "");

  const std::vector<uint8_t> pixels = random_pixels(seed, options.inputs * 5, 0.5);
  const auto samples = image_pointers(pixels, options.inputs);
  SimOptions sim;
  sim.timesteps = 10;
  const SystemCRun run = run_systemc(chip, samples, sim);

  EXPECT_EQ(expect_matches_golden(chip, samples, sim.timesteps, run), 0u);
  EXPECT_GT(run.total_ops.spikes, 0u) << "the random chip never fired: the test checks nothing";
  for (const SampleResult& s : run.samples) {
    EXPECT_EQ(s.cycles_per_step.size(), sim.timesteps);
    uint64_t sum = 0;
    for (uint32_t c : s.cycles_per_step) sum += c;
    EXPECT_EQ(sum, s.cycles) << "CYCLE_HI:LO must advance by the sum of the step lengths";
    EXPECT_EQ(s.noc.dropped, 0u);
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomChipBitExact, ::testing::Range(1u, 13u));

// Layered networks mapped the way the compiler maps an MLP (input cores,
// weight tiles sending partial sums to soma cores) on the full 16 x 8 mesh.
class RandomMlpBitExact : public ::testing::TestWithParam<uint32_t> {};

TEST_P(RandomMlpBitExact, EverySpikeOfEveryStepMatchesGolden) {
  const uint32_t seed = GetParam();
  golden::testing::RandomMlpOptions options;
  options.layers = {200 + 37 * (seed % 3), 48, 20, 10};
  options.max_tile_cols = 8 << (seed % 3);
  const isa::ChipConfig chip = random_mlp_chip(seed, options);
  ASSERT_EQ(problems_text(isa::check(chip)), "");

  const size_t inputs = chip.host.inputs.size();
  const std::vector<uint8_t> pixels = random_pixels(seed + 100, inputs * 4);
  const auto samples = image_pointers(pixels, inputs);
  SimOptions sim;
  sim.timesteps = 16;
  const SystemCRun run = run_systemc(chip, samples, sim);

  EXPECT_EQ(expect_matches_golden(chip, samples, sim.timesteps, run), 0u);
  EXPECT_GT(run.total_ops.psum_packets, 0u);
  EXPECT_GT(run.total_noc.link_hops, 0u);
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomMlpBitExact, ::testing::Range(1u, 5u));

}  // namespace
}  // namespace spikecore::platform::testing
