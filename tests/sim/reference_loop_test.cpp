// bench/reference_loop.h, the exact loop scripts/bench.sh times the golden
// model against, must compute what the golden model computes on the images
// the benchmark uses (the default MLP, a 4-chip board, the LeNet-5), or the
// speed ratio it reports would compare different work. The benchmark checks
// this itself before timing; this test keeps it true between benchmark runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

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

// A layer table only (the loop reads nothing else): `inputs` input neurons,
// each on slot i of the cores from 0 on, all sending `weight` to one output
// neuron of threshold `threshold` on the next core.
isa::ChipConfig one_output_network(unsigned inputs, int8_t weight, int16_t threshold) {
  isa::ChipConfig chip = isa::make_empty_chip();
  isa::LayerInfo input{"input", isa::LayerRole::kInput, {}};
  for (unsigned i = 0; i < inputs; ++i)
    input.neurons.push_back({uint16_t(i / isa::kNeuronSlots), uint8_t(i % isa::kNeuronSlots)});
  const uint16_t output_core = uint16_t(inputs / isa::kNeuronSlots + 1);
  chip.cores.at(output_core).neurons[0].threshold = threshold;
  chip.host.layers = {input, {"fc", isa::LayerRole::kOutput, {{output_core, 0}}}};
  isa::ReferenceLayer fc;
  fc.name = "fc";
  fc.inputs = inputs;
  fc.outputs = 1;
  fc.weights.assign(inputs, weight);
  fc.bias.assign(1, 0);
  chip.host.reference = {fc};
  return chip;
}

// 400 inputs that spike in every step, each adding 127: 50 800 per step, more
// than int16 soma inputs or int16 partial sums of all of them could hold.
TEST(ReferenceLoop, AddsMoreRowsInOneStepThanAnInt16Holds) {
  constexpr unsigned kInputs = 400, kSteps = 5;
  constexpr int16_t kThreshold = 30000;
  bench::ReferenceLoop loop(one_output_network(kInputs, 127, kThreshold));
  const std::vector<uint8_t> pixels(kInputs, 255);  // threshold 1: a spike in every step
  bench::ReferenceLoopOutcome outcome;
  loop.run(pixels.data(), kSteps, outcome);
  // The output neuron by hand: the inputs' spikes of step t arrive in step t + 1.
  int32_t v = 0;
  uint16_t spikes = 0;
  for (unsigned t = 1; t < kSteps; ++t) {
    v = std::min<int32_t>(v + int32_t(kInputs) * 127, isa::kInt16Max);
    if (v >= kThreshold) v -= kThreshold, ++spikes;
  }
  ASSERT_EQ(outcome.spike_counts.size(), 2u);
  EXPECT_EQ(outcome.spike_counts[0], std::vector<uint16_t>(kInputs, kSteps));
  EXPECT_EQ(outcome.spike_counts[1], std::vector<uint16_t>{spikes});
  EXPECT_EQ(outcome.output_scores, std::vector<int64_t>{int64_t(spikes) * kThreshold + v});
  EXPECT_EQ(outcome.synaptic_events, uint64_t(kInputs) * (kSteps - 1));
}

TEST(ReferenceLoop, RefusesMoreStepsThanItsCountsHold) {
  bench::ReferenceLoop loop(one_output_network(4, 1, 1));
  const std::vector<uint8_t> pixels(4, 255);
  bench::ReferenceLoopOutcome outcome;
  EXPECT_THROW(loop.run(pixels.data(), 65536, outcome), std::invalid_argument);
}

}  // namespace
}  // namespace spikecore
