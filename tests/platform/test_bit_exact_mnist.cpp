// Real digits through the SystemC model, compared spike by spike with the
// golden model: a 784-32-10 network mapped the way the compiler maps an MLP
// (random weights, always available), and the compiled default model when
// its image exists.
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "dataset/dataset.h"
#include "isa/image.h"
#include "platform/systemc_runner.h"
#include "platform_test_support.h"
#include "tests/golden/random_chips.h"

namespace spikecore::platform::testing {
namespace {

constexpr size_t kDigits = 50;

// The held-out MNIST digits that scripts/setup.sh writes under data/ (tests run
// from the source root). A missing file is a failure that names it, not a skip.
dataset::Dataset held_out_digits() { return dataset::load("mnist", "test"); }

std::vector<const uint8_t*> first_images(const dataset::Dataset& d, size_t n) {
  std::vector<const uint8_t*> out;
  for (size_t i = 0; i < n && i < d.size(); ++i) out.push_back(d.images.image(i));
  return out;
}

void expect_bit_exact(const isa::ChipConfig& chip, const std::vector<const uint8_t*>& samples,
                      unsigned timesteps, const std::string& dataset_name) {
  SimOptions options;
  options.timesteps = timesteps;
  const SystemCRun run = run_systemc(chip, samples, options);
  EXPECT_EQ(expect_matches_golden(chip, samples, timesteps, run), 0u)
      << "samples whose spikes differ from the golden model";
  EXPECT_GT(run.total_ops.spikes, 0u);
  EXPECT_EQ(run.total_noc.dropped, 0u);
  std::printf("%zu %s samples, T=%u: %.0f cycles/inference, %.2f M cycles/s, %.1f inferences/s\n",
              samples.size(), dataset_name.c_str(), timesteps, double(run.total_cycles) / double(samples.size()),
              run.cycles_per_second() / 1e6, run.inferences_per_second());
}

TEST(MnistBitExactTest, MappedMlp784x32x10AgreesOnFiftyDigits) {
  const dataset::Dataset digits = held_out_digits();
  ASSERT_GE(digits.size(), kDigits);
  golden::testing::RandomMlpOptions options;
  options.layers = {784, 32, 10};
  const isa::ChipConfig chip = golden::testing::random_mlp_chip(2024, options);
  ASSERT_EQ(isa::check(chip).size(), 0u);
  expect_bit_exact(chip, first_images(digits, kDigits), 32, digits.name);
}

// The image the compiler makes from the default model: ctest's default_image
// fixture (tests/sim) builds it when the project is built with LibTorch.
#ifdef SPIKECORE_DEFAULT_IMAGE
TEST(MnistBitExactTest, CompiledDefaultModelAgreesOnFiftyDigits) {
  const std::string path = SPIKECORE_DEFAULT_IMAGE;
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing: run the sim.fixture test";
  const isa::ChipConfig chip = isa::load_image(path);
  const dataset::Dataset digits = held_out_digits();
  ASSERT_EQ(chip.host.inputs.size(), digits.images.image_size()) << path;
  expect_bit_exact(chip, first_images(digits, kDigits), chip.host.default_timesteps, digits.name);
}

// The 784-128-10 MLP does not fit one chip: the compiler maps it onto a board,
// and the chip links change when spikes arrive, never which.
TEST(MnistBitExactTest, CompiledBoardModelAgreesOnFiftyDigits) {
  const std::string path = SPIKECORE_BOARD_IMAGE;
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing: run the sim.fixture test";
  const isa::ChipConfig chip = isa::load_image(path);
  ASSERT_GE(chip.num_chips(), 4u) << "784-128-10 needs at least 4 chips of 128 cores";
  const dataset::Dataset digits = held_out_digits();
  const auto samples = first_images(digits, kDigits);
  SimOptions options;
  options.timesteps = chip.host.default_timesteps;
  const SystemCRun run = run_systemc(chip, samples, options);
  EXPECT_EQ(expect_matches_golden(chip, samples, options.timesteps, run), 0u)
      << "samples whose spikes differ from the golden model";
  EXPECT_GT(run.total_noc.chip_link_flits, 0u) << "no flit crossed a chip link";
  EXPECT_EQ(run.total_noc.dropped, 0u);
  ASSERT_FALSE(run.total_chip_links.empty());
  uint64_t flits = 0;
  for (const ChipLinkTraffic& l : run.total_chip_links) {
    EXPECT_NE(l.from_chip, l.to_chip);
    EXPECT_GT(l.lanes, 0u);
    flits += l.flits;
  }
  EXPECT_EQ(flits, run.total_noc.chip_link_flits) << "per-edge counts add up to the total";
}

// LeNet-5 (spikecore-train --arch lenet): CONV tiles, partial sums of input
// channel parts, pooling layers and the Linear layers over a board, spike by
// spike as the golden model computes them.
TEST(MnistBitExactTest, CompiledLenetAgreesOnTwentyFourDigits) {
  const std::string path = SPIKECORE_LENET_IMAGE;
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing: run the sim.fixture test";
  const isa::ChipConfig chip = isa::load_image(path);
  unsigned convs = 0;
  for (const isa::CoreConfig& core : chip.cores)
    for (const isa::Instruction& ins : core.program) convs += ins.op == isa::Opcode::kConv;
  ASSERT_GT(convs, 0u) << "the image has no CONV";
  const dataset::Dataset digits = held_out_digits();
  expect_bit_exact(chip, first_images(digits, 24), chip.host.default_timesteps, digits.name);
}
#endif

}  // namespace
}  // namespace spikecore::platform::testing
