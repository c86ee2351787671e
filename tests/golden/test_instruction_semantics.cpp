// One rule of docs/isa.md section 2 per test, on hand-built chips whose
// results are worked out by hand in the comments.
#include <gtest/gtest.h>

#include <iterator>

#include "chip_builders.h"
#include "golden/golden_model.h"
#include "run_comparison.h"

namespace spikecore::golden {
namespace {

using namespace testing;

// Core 0 slot 0 fires in every step (bias 1 >= threshold 1) and sends its spike
// to (dst_core, dst_axon).
void add_metronome(isa::ChipConfig& chip, unsigned dst_core, unsigned dst_axon) {
  isa::CoreConfig& c = chip.cores[0];
  c.neurons[0] = neuron(1, 1);
  c.program.push_back(fire(0, 1));
  c.routes.push_back(route(0, 1, dst_core, dst_axon));
}

TEST(GoldenAcc, AddressesTheAxonRowAndColumnsFromAccBase) {
  isa::ChipConfig chip = isa::make_empty_chip(2, 1);
  add_metronome(chip, 1, 6);
  isa::CoreConfig& c = chip.cores[1];
  for (int i = 0; i < 64; ++i) c.weights[i] = int8_t(i - 20);  // w[i] = i - 20
  // Axon 6 is row 2 of the block at offset 16 with 3 columns: w[22..24] = 2, 3, 4
  // go to acc[5..7].
  c.program.push_back(acc(4, 4, 16, 3, 5));
  // A second block also holding axon 6 (row 0 at offset 40): w[40..41] = 20, 21
  // go to acc[6..7]; both ACCs run, in program order.
  c.program.push_back(acc(6, 1, 40, 2, 6));
  // Axons 7..9 do not include 6: acc[0] stays 0.
  c.program.push_back(acc(7, 3, 0, 1, 0));
  c.program.push_back(psum(0, 8, 1, 0));
  c.program.push_back(fire(0, 8));
  for (unsigned s = 0; s < 8; ++s) c.neurons[s] = neuron(32767);

  // The metronome fires in steps 0..3; its spikes arrive in steps 1..3.
  const RunResult r = GoldenModel(chip).run(nullptr, 4);
  const int16_t expected_v[8] = {0, 0, 0, 0, 0, 3 * 2, 3 * (3 + 20), 3 * (4 + 21)};
  for (unsigned s = 0; s < 8; ++s) EXPECT_EQ(r.membrane[gid(1, s)], expected_v[s]) << "slot " << s;
  EXPECT_EQ(r.counters.events_in, 3u);
  EXPECT_EQ(r.counters.synaptic_ops, 3u * (3 + 2));
  EXPECT_EQ(r.counters.psum_packets, 3u * 3);  // only the non-zero accumulators
  EXPECT_EQ(r.counters.spikes, 4u);
  EXPECT_EQ(r.counters.flits, 4u + 9u);
  EXPECT_EQ(r.counters.fire_ops, 4u * (1 + 8));
}

TEST(GoldenAcc, SpikeOnAnAxonNoAccCoversIsCountedButAddsNothing) {
  isa::ChipConfig chip = isa::make_empty_chip(2, 1);
  add_metronome(chip, 1, 200);
  isa::CoreConfig& c = chip.cores[1];
  c.weights.fill(9);
  c.program = {acc(0, 200, 0, 1, 0), psum(0, 1, 1, 0), fire(0, 1)};  // axons 0..199
  c.neurons[0] = neuron(32767);
  const RunResult r = GoldenModel(chip).run(nullptr, 5);
  EXPECT_EQ(r.counters.events_in, 4u);
  EXPECT_EQ(r.counters.synaptic_ops, 0u);
  EXPECT_EQ(r.counters.psum_packets, 0u);
  EXPECT_EQ(r.membrane[gid(1, 0)], 0);
}

TEST(GoldenPsum, SendsNonZeroAccumulatorsToItsOwnCoreAndToAnother) {
  isa::ChipConfig chip = isa::make_empty_chip(3, 1);
  add_metronome(chip, 1, 0);
  isa::CoreConfig& c1 = chip.cores[1];
  c1.weights[0] = 5;
  c1.weights[1] = -7;
  c1.weights[2] = 0;
  c1.program = {acc(0, 1, 0, 3, 0),  // acc[0..2] += 5, -7, 0
                psum(0, 2, 1, 10),   // to itself: slots 10, 11
                psum(0, 3, 2, 3),    // to core 2: slots 3, 4 (acc[2] == 0 is not sent)
                psum(0, 1, 1, 20),   // slot 20 has only a LEAK: its input is discarded
                fire(10, 2), leak(20, 1, 1)};
  c1.neurons[10] = neuron(32767);
  c1.neurons[11] = neuron(32767);
  chip.cores[2].program = {fire(3, 3)};
  for (unsigned s = 3; s < 6; ++s) chip.cores[2].neurons[s] = neuron(32767);

  // Spikes arrive in steps 1 and 2.
  const RunResult r = GoldenModel(chip).run(nullptr, 3);
  EXPECT_EQ(r.membrane[gid(1, 10)], 10);
  EXPECT_EQ(r.membrane[gid(1, 11)], -14);
  EXPECT_EQ(r.membrane[gid(2, 3)], 10);
  EXPECT_EQ(r.membrane[gid(2, 4)], -14);
  EXPECT_EQ(r.membrane[gid(2, 5)], 0);
  EXPECT_EQ(r.membrane[gid(1, 20)], 0);
  EXPECT_EQ(r.counters.psum_packets, 2u * (2 + 2 + 1));
  EXPECT_EQ(r.counters.flits, 3u + 10u);  // 3 spikes + 10 partial sums
}

TEST(GoldenPsum, AccumulatorsStartEveryStepAtZero) {
  // acc[1] is accumulated in every step but named by no PSUM; acc[0] is sent.
  // If accumulators were not reset, slot 0 would see 3, 6, 9 instead of 3, 3, 3.
  isa::ChipConfig chip = isa::make_empty_chip(2, 1);
  add_metronome(chip, 1, 0);
  isa::CoreConfig& c = chip.cores[1];
  c.weights[0] = 3;
  c.weights[1] = 4;
  c.program = {acc(0, 1, 0, 2, 0), psum(0, 1, 1, 0), fire(0, 1)};
  c.neurons[0] = neuron(32767);
  const RunResult r = GoldenModel(chip).run(nullptr, 4);
  EXPECT_EQ(r.membrane[gid(1, 0)], 3 * 3);
}

TEST(GoldenFire, EqualityFiresAndResetSubtractsTheThreshold) {
  isa::ChipConfig chip = isa::make_empty_chip(1, 1);
  isa::CoreConfig& c = chip.cores[0];
  c.neurons[0] = neuron(10, 10);    // V = 10 == threshold in every step: fires, V = 0
  c.neurons[1] = neuron(10, 9);     // 9 | 18->8 | 17->7 | 16->6: fires in steps 1, 2, 3
  c.neurons[2] = neuron(100, 250);  // 250->150 | 400->300 | 550->450 | 700->600: once a step
  c.neurons[3] = neuron(7, -3);     // never fires, V = -12
  c.program = {fire(0, 4)};
  const RunResult r = GoldenModel(chip).run(nullptr, 4);
  EXPECT_EQ(step_ids(r.spikes, 0), "{0,2}");
  for (size_t t = 1; t < 4; ++t) EXPECT_EQ(step_ids(r.spikes, t), "{0,1,2}") << "step " << t;
  EXPECT_EQ(r.membrane[0], 0);
  EXPECT_EQ(r.membrane[1], 6);
  EXPECT_EQ(r.membrane[2], 600);
  EXPECT_EQ(r.membrane[3], -12);
  EXPECT_EQ(r.spike_counts[0], 4);
  EXPECT_EQ(r.spike_counts[1], 3);
  EXPECT_EQ(r.spike_counts[2], 4);
  EXPECT_EQ(r.spike_counts[3], 0);
}

TEST(GoldenLeak, IsAnArithmeticShiftRoundingTowardMinusInfinity) {
  // One step: FIRE sets V = bias (threshold 32767 never reached), then LEAK
  // computes V - (V >> k) with >> rounding toward minus infinity.
  struct Case {
    int16_t v;
    unsigned shift;
    int16_t expected;
  };
  const Case cases[] = {
      {-1, 1, 0},           // -1 >> 1 = -1
      {-5, 1, -2},          // -5 >> 1 = -3
      {-7, 2, -5},          // -7 >> 2 = -2
      {7, 2, 6},            // 7 >> 2 = 1
      {100, 3, 88},         // 100 >> 3 = 12
      {-32768, 15, -32767}, // -32768 >> 15 = -1
      {32766, 15, 32766},   // 32766 >> 15 = 0
  };
  isa::ChipConfig chip = isa::make_empty_chip(1, 1);
  isa::CoreConfig& c = chip.cores[0];
  c.program.push_back(fire(0, std::size(cases)));
  for (unsigned s = 0; s < std::size(cases); ++s) {
    c.neurons[s] = neuron(32767, cases[s].v);
    c.program.push_back(leak(s, 1, cases[s].shift));
  }
  const RunResult r = GoldenModel(chip).run(nullptr, 1);
  for (unsigned s = 0; s < std::size(cases); ++s)
    EXPECT_EQ(r.membrane[s], cases[s].expected) << "V " << cases[s].v << " shift " << cases[s].shift;
  EXPECT_EQ(r.counters.leak_ops, std::size(cases));
}

TEST(GoldenFirePhase, FireAndLeakRunInProgramOrder) {
  // Slot 0 leaks before it integrates, slot 1 after:
  //   slot 0: t0 leak(0)=0, +64 -> 64;  t1 leak -> 32, +64 -> 96
  //   slot 1: t0 +64 -> 64, leak -> 32; t1 +64 -> 96, leak -> 48
  isa::ChipConfig chip = isa::make_empty_chip(1, 1);
  isa::CoreConfig& c = chip.cores[0];
  c.neurons[0] = neuron(32767, 64);
  c.neurons[1] = neuron(32767, 64);
  c.program = {leak(0, 1, 1), fire(0, 2), leak(1, 1, 1)};
  const RunResult r = GoldenModel(chip).run(nullptr, 2);
  EXPECT_EQ(r.membrane[0], 96);
  EXPECT_EQ(r.membrane[1], 48);
}

TEST(GoldenFire, BiasAppliesFromBiasStartOn) {
  isa::ChipConfig chip = isa::make_empty_chip(1, 1);
  isa::CoreConfig& c = chip.cores[0];
  c.neurons[0] = neuron(1000, 10, 3);  // steps 3, 4 -> 20
  c.neurons[1] = neuron(1000, 10, 0);  // steps 0..4 -> 50
  c.neurons[2] = neuron(1000, 10, 5);  // never within 5 steps -> 0
  c.neurons[3] = neuron(1, 1, 2);      // fires in steps 2, 3, 4 only
  c.program = {fire(0, 4)};
  const RunResult r = GoldenModel(chip).run(nullptr, 5);
  EXPECT_EQ(r.membrane[0], 20);
  EXPECT_EQ(r.membrane[1], 50);
  EXPECT_EQ(r.membrane[2], 0);
  for (size_t t = 0; t < 5; ++t) EXPECT_EQ(step_ids(r.spikes, t), t >= 2 ? "{3}" : "{}");
}

TEST(GoldenFire, ClearSetsEveryMembraneToItsInitialPotential) {
  isa::ChipConfig chip = isa::make_empty_chip(1, 1);
  isa::CoreConfig& c = chip.cores[0];
  c.neurons[0] = neuron(100, 10, 0, 95);  // t0: 95 + 10 = 105 -> spike, V = 5
  c.neurons[1] = neuron(100, 0, 0, -7);   // covered by no instruction: reads -7
  c.neurons[2] = neuron(100, 0, 0, -40);  // LEAK only: -40 - (-40 >> 2) = -30
  c.program = {fire(0, 1), leak(2, 1, 2)};
  chip.host.outputs = {{0, 0}};
  GoldenModel model(chip);
  RunResult r;
  for (int run = 0; run < 2; ++run) {  // the second run starts from CLEAR again
    model.run(nullptr, 1, r);
    EXPECT_EQ(r.membrane[0], 5) << "run " << run;
    EXPECT_EQ(r.spike_counts[0], 1) << "run " << run;
    EXPECT_EQ(r.membrane[1], -7) << "run " << run;
    EXPECT_EQ(r.membrane[2], -30) << "run " << run;
    EXPECT_EQ(r.output_scores[0], 1 * 100 + 5) << "run " << run;
  }
}

TEST(GoldenFire, SpikesOfANonAscendingFireOrderAreRecordedAscending) {
  isa::ChipConfig chip = isa::make_empty_chip(2, 1);
  for (unsigned s = 0; s < 64; ++s) chip.cores[0].neurons[s] = neuron(1, 1);
  chip.cores[0].program = {fire(32, 32), fire(0, 32)};
  for (unsigned s = 0; s < 4; ++s) chip.cores[1].neurons[s] = neuron(1, 1);
  chip.cores[1].program = {fire(2, 2), fire(0, 2)};
  const RunResult r = GoldenModel(chip).run(nullptr, 2);
  for (size_t t = 0; t < 2; ++t) {
    ASSERT_EQ(r.spikes.step_begin[t + 1] - r.spikes.step_begin[t], 68u);
    for (uint32_t k = 0; k < 68; ++k) EXPECT_EQ(r.spikes.ids[r.spikes.step_begin[t] + k], k);
  }
}

}  // namespace
}  // namespace spikecore::golden
