// bench/reference_loop.h, the exact loop scripts/bench.sh times the golden
// model against, must compute what the golden model computes on the images
// the benchmark uses (the default MLP, a 4-chip board, the LeNet-5), or the
// speed ratio it reports would compare different work. The benchmark checks
// this itself before timing; this test keeps it true between benchmark runs.
#include <gtest/gtest.h>

#include <string>

#include "bench/reference_loop.h"
#include "dataset/dataset.h"
#include "golden/golden_model.h"
#include "isa/image.h"

namespace spikecore {
namespace {

void expect_same_as_golden(const std::string& image, unsigned timesteps, size_t digits) {
  const isa::ChipConfig chip = isa::load_image(std::string(SIM_ARTIFACTS) + "/" + image);
  const dataset::Dataset data = dataset::load("mnist", "test", "", digits);
  golden::GoldenModel model(chip);
  golden::RunResult golden;
  bench::ReferenceLoop loop(chip);
  bench::ReferenceLoopOutcome outcome;
  uint64_t spikes = 0;
  for (size_t d = 0; d < data.size(); ++d) {
    model.run(data.images.image(d), timesteps, golden);
    loop.run(data.images.image(d), timesteps, outcome);
    ASSERT_EQ(golden.output_scores, outcome.output_scores) << image << " digit " << d;
    ASSERT_EQ(golden.predicted_class, outcome.predicted_class) << image << " digit " << d;
    for (size_t l = 0; l < chip.host.layers.size(); ++l) {
      const auto& neurons = chip.host.layers[l].neurons;
      for (size_t k = 0; k < neurons.size(); ++k) {
        const uint16_t g =
            golden.spike_counts[size_t(neurons[k].core) * isa::kNeuronSlots + neurons[k].slot];
        ASSERT_EQ(g, outcome.spike_counts[l][k])
            << image << " digit " << d << " layer " << chip.host.layers[l].name << " neuron " << k;
        spikes += g;
      }
    }
  }
  EXPECT_GT(spikes, 1000u) << "too few spikes for the comparison to mean anything";
}

TEST(ReferenceLoop, ComputesWhatTheGoldenModelComputesOnTheDefaultModel) {
  expect_same_as_golden("mnist_mlp.scimg", 32, 40);
}

TEST(ReferenceLoop, ComputesWhatTheGoldenModelComputesOnABoardModel) {
  expect_same_as_golden("mnist_mlp128.scimg", 16, 20);
}

TEST(ReferenceLoop, ComputesWhatTheGoldenModelComputesOnTheLenet) {
  expect_same_as_golden("mnist_lenet.scimg", 24, 8);
}

}  // namespace
}  // namespace spikecore
