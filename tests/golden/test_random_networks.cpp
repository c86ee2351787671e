// Seeded random chips: the optimized golden model must produce exactly what
// the naive re-implementation of docs/isa.md produces, spike for spike, and
// the same final state and counters.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <random>

#include "golden/golden_model.h"
#include "naive_reference.h"
#include "random_chips.h"
#include "run_comparison.h"

namespace spikecore::golden {
namespace {

using namespace testing;

struct Coverage {
  unsigned runs = 0, with_spikes = 0, with_psums = 0, with_leaks = 0;
  unsigned with_acc_saturation = 0, with_soma_saturation = 0;
  void add(const RunResult& r) {
    ++runs;
    with_spikes += r.counters.spikes > 0;
    with_psums += r.counters.psum_packets > 0;
    with_leaks += r.counters.leak_ops > 0;
    with_acc_saturation += r.counters.acc_saturations > 0;
    with_soma_saturation += r.counters.soma_saturations + r.counters.soma_floor_clips > 0;
  }
  void print(const char* what) const {
    std::printf("%s: %u runs, with spikes %u, partial sums %u, leaks %u, accumulator clips %u, "
                "soma clips %u\n",
                what, runs, with_spikes, with_psums, with_leaks, with_acc_saturation,
                with_soma_saturation);
  }
};

// Compares both models on one chip and a few samples; the golden model object
// is reused across samples, as spikecore-sim does.
void compare_on_samples(const isa::ChipConfig& chip, uint32_t seed, Coverage& coverage) {
  std::mt19937 rng(seed);
  GoldenModel model(chip);
  RunResult reused;
  for (int sample = 0; sample < 3; ++sample) {
    const unsigned steps = std::uniform_int_distribution<unsigned>(1, 40)(rng);
    const std::vector<uint8_t> pixels = random_pixels(rng(), chip.host.inputs.size(), 0.6);
    const RunResult expected = run_naive(chip, pixels.data(), steps);
    model.run(pixels.data(), steps, reused);
    ASSERT_TRUE(same_run(expected, reused)) << "seed " << seed << " sample " << sample
                                            << " steps " << steps;
    coverage.add(reused);
  }
}

TEST(GoldenRandom, UnstructuredChipsMatchTheNaiveModel) {
  // Anything the step rules allow: overlapping ranges, FIRE and LEAK in any
  // order, accumulators that clip (clipping is order-dependent, and both
  // models deliver in emission order), saturating somas.
  Coverage coverage;
  for (uint32_t seed = 1; seed <= 300; ++seed) {
    RandomChipOptions options;
    options.width = 2 + seed % 3;
    options.height = 1 + seed % 2;
    options.max_abs_weight = seed % 4 == 0 ? 127 : 20;
    options.hot_sink = seed % 5 == 0;
    compare_on_samples(random_chip(seed, options), seed, coverage);
    if (::testing::Test::HasFatalFailure()) return;
  }
  // The generator must actually reach the rules under test.
  coverage.print("unstructured chips");
  EXPECT_GT(coverage.with_spikes, coverage.runs * 9 / 10);
  EXPECT_GT(coverage.with_psums, coverage.runs / 3);
  EXPECT_GT(coverage.with_leaks, coverage.runs / 3);
  EXPECT_GT(coverage.with_acc_saturation, 10u);
  EXPECT_GT(coverage.with_soma_saturation, 10u);
}

TEST(GoldenRandom, ChipsThatPassCheckMatchTheNaiveModelAndNeverClipAccumulators) {
  Coverage coverage;
  unsigned valid = 0;
  for (uint32_t seed = 1000; seed < 1600 && valid < 150; ++seed) {
    RandomChipOptions options;
    options.max_abs_weight = 6;
    options.disjoint_fires = true;
    const isa::ChipConfig chip = random_chip(seed, options);
    if (!isa::check(chip).empty()) continue;
    ++valid;
    compare_on_samples(chip, seed, coverage);
    if (::testing::Test::HasFatalFailure()) return;
  }
  coverage.print("chips that pass check()");
  EXPECT_GE(valid, 50u);
  EXPECT_EQ(coverage.with_acc_saturation, 0u);  // docs/isa.md: check() rules it out
  EXPECT_GT(coverage.with_spikes, coverage.runs * 9 / 10);
  EXPECT_GT(coverage.with_psums, coverage.runs / 3);
}

TEST(GoldenRandom, ChipsWithConvInstructionsMatchTheNaiveModel) {
  // CONV among the other opcodes: the golden model expands it into synapse
  // runs at plan time, the naive model tries every output of the tile per spike.
  Coverage coverage;
  unsigned conv_active = 0;
  for (uint32_t seed = 1; seed <= 200; ++seed) {
    RandomChipOptions options;
    options.width = 2 + seed % 3;
    options.height = 1 + seed % 2;
    options.max_abs_weight = seed % 4 == 0 ? 127 : 20;
    options.conv = true;
    options.hot_sink = seed % 5 == 0;
    const isa::ChipConfig chip = random_chip(seed, options);
    compare_on_samples(chip, seed, coverage);
    if (::testing::Test::HasFatalFailure()) return;
    // Did CONV do anything here? The same chip without its CONVs reads fewer weights.
    isa::ChipConfig without = chip;
    for (isa::CoreConfig& core : without.cores)
      core.program.erase(std::remove_if(core.program.begin(), core.program.end(),
                                        [](const isa::Instruction& i) {
                                          return i.op == isa::Opcode::kConv;
                                        }),
                         core.program.end());
    const std::vector<uint8_t> pixels = random_pixels(seed, chip.host.inputs.size(), 0.6);
    conv_active += run_naive(chip, pixels.data(), 20).counters.synaptic_ops !=
                   run_naive(without, pixels.data(), 20).counters.synaptic_ops;
  }
  coverage.print("chips with CONV");
  std::printf("chips whose CONVs read weights: %u of 200\n", conv_active);
  EXPECT_GT(conv_active, 100u);
  EXPECT_GT(coverage.with_spikes, coverage.runs * 9 / 10);
  EXPECT_GT(coverage.with_psums, coverage.runs / 3);
  EXPECT_GT(coverage.with_acc_saturation, 10u);
}

TEST(GoldenRandom, LayeredMlpChipsMatchTheNaiveModel) {
  Coverage coverage;
  for (uint32_t seed = 1; seed <= 3; ++seed) {
    RandomMlpOptions options;
    options.layers = seed == 1 ? std::vector<unsigned>{784, 32, 10}
                               : std::vector<unsigned>{100, 70, 20, 10};
    const isa::ChipConfig chip = random_mlp_chip(seed, options);
    ASSERT_TRUE(isa::check(chip).empty()) << isa::check(chip).front();
    compare_on_samples(chip, seed, coverage);
    if (::testing::Test::HasFatalFailure()) return;
  }
  EXPECT_EQ(coverage.with_spikes, coverage.runs);
}

// Input neurons get no partial sums, so the model steps only those that can
// change in a sample, all input FIREs in one batch (golden_model.cpp). Here
// some start above their threshold without a pixel, some clip at +32767,
// some get their bias late: each must still match the naive model exactly,
// counters per core included.
TEST(GoldenRandom, InputNeuronsAtTheInt16LimitsMatchTheNaiveModel) {
  Coverage coverage;
  for (uint32_t seed = 1; seed <= 3; ++seed) {
    RandomMlpOptions options;
    options.layers = {150, 24, 10};
    isa::ChipConfig chip = random_mlp_chip(seed, options);
    std::mt19937 rng(seed);
    for (const isa::NeuronRef& input : chip.host.inputs) {
      isa::NeuronParams& p = chip.cores[input.core].neurons[input.slot];
      switch (rng() % 4) {
        case 0:  // spikes from its initial potential alone, pixel or not
          p.initial_potential = int16_t(p.threshold + int(rng() % 300));
          break;
        case 1:  // V + pixel passes +32767 and is clipped
          p.threshold = int16_t(isa::kInt16Max);
          p.initial_potential = int16_t(32600 + int(rng() % 160));
          break;
        case 2:  // the pixel counts only from a later step
          p.bias_start = uint8_t(rng() % 20);
          break;
        default:
          break;
      }
    }
    compare_on_samples(chip, seed, coverage);
    if (::testing::Test::HasFatalFailure()) return;
  }
  EXPECT_EQ(coverage.with_spikes, coverage.runs);
  EXPECT_GT(coverage.with_soma_saturation, coverage.runs / 2);
}

// Runs longer than 64 steps: autonomous trains span several 64-step words of
// the spike bit sets, and T changes from sample to sample on one model.
TEST(GoldenRandom, RunsAcrossSeveral64StepBlocksMatchTheNaiveModel) {
  Coverage coverage;
  RandomMlpOptions options;
  options.layers = {100, 16, 10};
  const isa::ChipConfig chip = random_mlp_chip(7, options);
  GoldenModel model(chip);
  RunResult reused;
  std::mt19937 rng(7);
  for (unsigned steps : {65u, 64u, 129u, 63u, 200u, 1u, 65u}) {
    const std::vector<uint8_t> pixels = random_pixels(rng(), chip.host.inputs.size(), 0.6);
    const RunResult expected = run_naive(chip, pixels.data(), steps);
    model.run(pixels.data(), steps, reused);
    ASSERT_TRUE(same_run(expected, reused)) << "steps " << steps;
    if (steps > 1) coverage.add(reused);  // one step is too short to reach a threshold here
  }
  EXPECT_EQ(coverage.with_spikes, coverage.runs);
}

}  // namespace
}  // namespace spikecore::golden
