// int16 saturation (soma and accumulators), spike-count saturation and the
// read-out rule (docs/isa.md sections 2 and 3).
#include <gtest/gtest.h>

#include "chip_builders.h"
#include "golden/golden_model.h"
#include "run_comparison.h"

namespace spikecore::golden {
namespace {

using namespace testing;

TEST(GoldenSaturation, SomaClipsAtBothInt16LimitsAndCountsEachSideApart) {
  isa::ChipConfig chip = isa::make_empty_chip(1, 1);
  isa::CoreConfig& c = chip.cores[0];
  // Slot 0: t0 30000 | t1 60000 -> 32767 (clip), fires -> 0 | t2 30000 | t3 clip, fires -> 0
  c.neurons[0] = neuron(32767, 30000);
  // Slot 1: t0 -30000 | t1 -60000 -> -32768 (clip) | t2, t3 clip again
  c.neurons[1] = neuron(32767, -30000);
  c.program = {fire(0, 2)};
  const RunResult r = GoldenModel(chip).run(nullptr, 4);
  EXPECT_EQ(r.counters.soma_saturations, 2u);  // +32767: slot 0 in steps 1 and 3
  EXPECT_EQ(r.counters.soma_floor_clips, 3u);  // -32768: slot 1 in steps 1..3
  EXPECT_EQ(r.saturations.soma, std::vector<uint64_t>{2});  // per core, as CNT_SAT_SOMA
  EXPECT_EQ(r.saturations.soma_floor, std::vector<uint64_t>{3});  // as CNT_FLOOR_SOMA
  EXPECT_EQ(r.saturations.acc, std::vector<uint64_t>{0});
  EXPECT_EQ(r.membrane[0], 0);
  EXPECT_EQ(r.membrane[1], -32768);
  EXPECT_EQ(step_ids(r.spikes, 0), "{}");
  EXPECT_EQ(step_ids(r.spikes, 1), "{0}");
  EXPECT_EQ(step_ids(r.spikes, 2), "{}");
  EXPECT_EQ(step_ids(r.spikes, 3), "{0}");
}

TEST(GoldenSaturation, PartialSumsAddUpInInt32BeforeTheSomaClips) {
  // 64 neurons of core 0 fire in every step onto axons 0..63 of cores 1 and 3.
  // There 4 ACCs over those 64 rows (w = 127) give acc[0] = 4 x 64 x 127 = 32512
  // (just within the check() bound), sent to core 2 slot 0 by both cores:
  // I = 65024 (an int16 would wrap to -512), V = sat16(65024) = 32767, which
  // reaches the threshold 32767: a spike and V = 0 in steps 1 and 2.
  isa::ChipConfig chip = isa::make_empty_chip(4, 1);
  isa::CoreConfig& src = chip.cores[0];
  for (unsigned s = 0; s < 64; ++s) src.neurons[s] = neuron(1, 1);
  src.program = {fire(0, 64)};
  src.routes = {route(0, 64, 1, 0), route(0, 64, 3, 0)};
  for (unsigned core : {1u, 3u}) {
    isa::CoreConfig& w = chip.cores[core];
    for (unsigned k = 0; k < 64; ++k) w.weights[k] = 127;
    for (unsigned k = 0; k < 4; ++k) w.program.push_back(acc(0, 64, 0, 1, 0));
    w.program.push_back(psum(0, 1, 2, 0));
  }
  chip.cores[2].neurons[0] = neuron(32767);
  chip.cores[2].program = {fire(0, 1)};
  ASSERT_TRUE(isa::check(chip).empty());

  const RunResult r = GoldenModel(chip).run(nullptr, 3);
  EXPECT_EQ(r.counters.acc_saturations, 0u);
  EXPECT_EQ(r.counters.soma_saturations, 2u);
  // Counted in core 2, whose neuron clipped; the weight cores clip nothing.
  EXPECT_EQ(r.saturations.soma, (std::vector<uint64_t>{0, 0, 2, 0}));
  EXPECT_EQ(r.saturations.acc, (std::vector<uint64_t>{0, 0, 0, 0}));
  EXPECT_EQ(r.spike_counts[gid(2, 0)], 2);
  EXPECT_EQ(r.membrane[gid(2, 0)], 0);
}

TEST(GoldenSaturation, AccumulatorClipsOnEveryAddPastTheLimitAndIsCounted) {
  // 64 neurons of core 0 fire in every step onto axons 0..63 of core 1, where
  // 14 identical ACCs add w = 127 to acc[0] for every spike: 896 adds per step.
  // The first 258 adds reach 258 x 127 = 32766; each of the remaining 638
  // clips at 32767. isa::check() rejects such a chip; the model still runs it
  // and counts.
  isa::ChipConfig chip = isa::make_empty_chip(2, 1);
  isa::CoreConfig& src = chip.cores[0];
  for (unsigned s = 0; s < 64; ++s) src.neurons[s] = neuron(1, 1);
  src.program = {fire(0, 64)};
  src.routes = {route(0, 64, 1, 0)};
  isa::CoreConfig& dst = chip.cores[1];
  for (unsigned k = 0; k < 64; ++k) dst.weights[k] = 127;
  for (unsigned k = 0; k < 14; ++k) dst.program.push_back(acc(0, 64, 0, 1, 0));
  dst.program.push_back(psum(0, 1, 1, 0));
  dst.program.push_back(fire(0, 1));
  dst.neurons[0] = neuron(32767);
  EXPECT_FALSE(isa::check(chip).empty());

  const RunResult r = GoldenModel(chip).run(nullptr, 3);  // deliveries in steps 1, 2
  EXPECT_EQ(r.counters.acc_saturations, 2u * 638u);
  // Counted in core 1, whose accumulator clipped (its CNT_SAT_ACC).
  EXPECT_EQ(r.saturations.acc, (std::vector<uint64_t>{0, 2u * 638u}));
  EXPECT_EQ(r.saturations.soma, (std::vector<uint64_t>{0, 0}));
  EXPECT_EQ(r.counters.synaptic_ops, 2u * 896u);
  // The soma receives 32767 in steps 1 and 2 and fires both times.
  EXPECT_EQ(r.spike_counts[gid(1, 0)], 2);
  EXPECT_EQ(r.membrane[gid(1, 0)], 0);
}

TEST(GoldenSaturation, SpikeCountStopsAt65535) {
  isa::ChipConfig chip = isa::make_empty_chip(1, 1);
  chip.cores[0].neurons[0] = neuron(1, 1);  // fires in every step
  chip.cores[0].program = {fire(0, 1)};
  chip.host.outputs = {{0, 0}};
  const unsigned steps = 65540;
  const RunResult r = GoldenModel(chip).run(nullptr, steps);
  EXPECT_EQ(r.spike_counts[0], 65535);
  EXPECT_EQ(r.output_spike_counts[0], 65535u);
  EXPECT_EQ(r.output_scores[0], 65535);
  EXPECT_EQ(r.counters.spikes, steps);  // the counter itself does not saturate
  EXPECT_EQ(r.spikes.ids.size(), size_t(steps));
}

// Neurons whose read-out after T = 3 steps is worked out by hand.
isa::ChipConfig readout_chip() {
  isa::ChipConfig chip = isa::make_empty_chip(1, 1);
  isa::CoreConfig& c = chip.cores[0];
  c.neurons[0] = neuron(10, 7);     // A: 7 | 14->4 | 11->1: 2 spikes, V 1 -> 2*10+1 = 21
  c.neurons[1] = neuron(1000, 7);   // B: V 21, no spike -> 21
  c.neurons[2] = neuron(3, 7);      // C: 7->4 | 11->8 | 15->12: 3 spikes -> 3*3+12 = 21
  c.neurons[3] = neuron(2, 1);      // E: 1 | 2->0 | 1: 1 spike -> 2+1 = 3
  c.neurons[4] = neuron(100, 30);   // F: 90, no spike -> 90
  c.neurons[5] = neuron(5, -4);     // G: -12 -> -12
  c.program = {fire(0, 6)};
  return chip;
}

TEST(GoldenReadout, ScoreIsSpikeCountTimesThresholdPlusMembrane) {
  isa::ChipConfig chip = readout_chip();
  chip.host.outputs = {{0, 0}, {0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}};
  const RunResult r = GoldenModel(chip).run(nullptr, 3);
  EXPECT_EQ(r.output_scores, (std::vector<int64_t>{21, 21, 21, 3, 90, -12}));
  EXPECT_EQ(r.output_spike_counts, (std::vector<uint32_t>{2, 0, 3, 1, 0, 0}));
  EXPECT_EQ(r.predicted_class, 4);  // F wins with no spike at all
}

TEST(GoldenReadout, TiesGoToTheLowestClassIndex) {
  isa::ChipConfig chip = readout_chip();
  chip.host.outputs = {{0, 1}, {0, 0}, {0, 2}};  // B, A, C: all 21
  EXPECT_EQ(GoldenModel(chip).run(nullptr, 3).predicted_class, 0);
  chip.host.outputs = {{0, 3}, {0, 2}, {0, 0}, {0, 1}};  // E(3), then C, A, B tie at 21
  EXPECT_EQ(GoldenModel(chip).run(nullptr, 3).predicted_class, 1);
  chip.host.outputs = {{0, 5}};  // a single negative score still predicts class 0
  EXPECT_EQ(GoldenModel(chip).run(nullptr, 3).predicted_class, 0);
}

TEST(GoldenReadout, NoOutputsPredictsNothing) {
  const RunResult r = GoldenModel(readout_chip()).run(nullptr, 3);
  EXPECT_EQ(r.predicted_class, -1);
  EXPECT_TRUE(r.output_scores.empty());
}

}  // namespace
}  // namespace spikecore::golden
