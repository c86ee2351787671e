// The exact integer reference on hand-built chips: it equals the golden model,
// says when int16 clipping changed a class, and refuses images it cannot
// describe (the compiled-model cases are in tests/compiler/exact_reference_test).
#include <gtest/gtest.h>

#include "chip_builders.h"
#include "golden/golden_model.h"
#include "golden/network_reference.h"

namespace spikecore::golden {
namespace {

using namespace testing;

// One input neuron and two output neurons in core 0, no synapses: class 0 gets
// 32000 per step (threshold 32767: V clips at +32767 every other step and
// loses charge), class 1 gets 20000 per step (threshold 20000: fires every
// step, never clips). Over 4 steps the charges are 128000 and 80000, but the
// clipped read-out gives 65534 and 80000.
isa::ChipConfig clipping_chip() {
  isa::ChipConfig chip = isa::make_empty_chip(1, 1);
  isa::CoreConfig& core = chip.cores[0];
  core.neurons[0] = neuron(255);
  core.neurons[1] = neuron(32767, 32000);
  core.neurons[2] = neuron(20000, 20000);
  core.program = {fire(0, 3)};
  isa::HostConfig& host = chip.host;
  host.inputs = {{0, 0}};
  host.outputs = {{0, 1}, {0, 2}};
  host.layers = {{"input", isa::LayerRole::kInput, {{0, 0}}},
                 {"out", isa::LayerRole::kOutput, {{0, 1}, {0, 2}}}};
  isa::ReferenceLayer out;
  out.name = "out";
  out.inputs = 1;
  out.outputs = 2;
  out.weights = {0, 0};
  out.bias = {32000, 20000};
  out.threshold = 20000;
  host.reference = {out};
  return chip;
}

TEST(NetworkReference, EqualsTheGoldenModelAndSeesWhatClippingChanged) {
  const isa::ChipConfig chip = clipping_chip();
  const uint8_t pixel = 200;
  const RunResult golden = GoldenModel(chip).run(&pixel, 4);
  const NetworkOutcome exact = NetworkReference(chip).run(&pixel, 4);
  EXPECT_EQ(exact.output_scores, golden.output_scores);
  EXPECT_EQ(exact.output_scores, (std::vector<int64_t>{65534, 80000}));
  EXPECT_EQ(exact.predicted_class, 1);
  EXPECT_EQ(exact.spike_counts.at(0), std::vector<uint16_t>{golden.spike_counts[0]});
  EXPECT_EQ(golden.counters.soma_saturations, 2u);

  const NetworkOutcome wide = NetworkReference(chip, false).run(&pixel, 4);
  EXPECT_EQ(wide.output_scores, (std::vector<int64_t>{128000, 80000}));
  EXPECT_EQ(wide.predicted_class, 0) << "without clipping class 0 wins";
}

TEST(NetworkReference, RefusesImagesItCannotDescribe) {
  isa::ChipConfig no_layers = clipping_chip();
  no_layers.host.layers.clear();
  EXPECT_THROW(NetworkReference{no_layers}, std::invalid_argument);

  isa::ChipConfig wrong_size = clipping_chip();
  wrong_size.host.reference[0].outputs = 3;
  EXPECT_THROW(NetworkReference{wrong_size}, std::invalid_argument);

  isa::ChipConfig leaky = clipping_chip();
  leaky.cores[0].program.push_back(leak(0, 3, 2));
  try {
    NetworkReference{leaky};
    FAIL() << "LEAK accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("LEAK"), std::string::npos) << e.what();
  }

  isa::ChipConfig unfired = clipping_chip();
  unfired.cores[0].program = {fire(0, 2)};  // slot 2 (class 1) is never updated
  EXPECT_THROW(NetworkReference{unfired}, std::invalid_argument);
}

}  // namespace
}  // namespace spikecore::golden
