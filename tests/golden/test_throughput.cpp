// Prints the golden model's speed on a random 784-32-10 network at T = 32.
// Informational only: timing depends on the machine, so nothing is asserted
// about it (the target, >= 10,000 inferences/s, is tracked by golden_bench).
#include <gtest/gtest.h>

#include "random_chips.h"
#include "throughput.h"

namespace spikecore::golden {
namespace {

using namespace testing;

TEST(GoldenThroughput, PrintsInferencesPerSecondOf784x32x10AtT32) {
  const isa::ChipConfig chip = random_mlp_chip(1, RandomMlpOptions{});
  std::vector<std::vector<uint8_t>> images;
  for (uint32_t i = 0; i < 50; ++i) images.push_back(random_pixels(100 + i, 784));
  GoldenModel model(chip);
  const Throughput t = measure_throughput(model, images, 32, 500);
  print_throughput(t, 32);
  EXPECT_GT(t.totals.spikes, 0u);  // the network is active, so the number means something
}

}  // namespace
}  // namespace spikecore::golden
