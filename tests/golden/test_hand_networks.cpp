// Small networks whose spike trains follow from docs/isa.md by hand or by a
// direct integer computation written here (not by another run of the model).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "chip_builders.h"
#include "golden/golden_model.h"
#include "random_chips.h"

namespace spikecore::golden {
namespace {

using namespace testing;

bool fired_in_step(const SpikeRecord& r, unsigned t, uint32_t id) {
  return std::binary_search(r.ids.begin() + r.step_begin[t], r.ids.begin() + r.step_begin[t + 1],
                            id);
}

// docs/isa.md section 3: an input neuron (threshold 255, bias p) has spiked
// floor((t+1) p / 255) times after step t, so it fires in step t exactly when
// that number increases.
bool input_fires(unsigned pixel, unsigned t) { return (t + 1) * pixel / 255 > t * pixel / 255; }

// Input neuron i on core i / 64, slot i % 64, covered by one FIRE per core.
void place_inputs(isa::ChipConfig& chip, unsigned count, int initial_potential = 0) {
  for (unsigned i = 0; i < count; ++i) {
    isa::CoreConfig& c = chip.cores[i / 64];
    // The configured bias (77) is replaced by the pixel.
    c.neurons[i % 64] = neuron(255, 77, 0, initial_potential);
    chip.host.inputs.push_back({uint16_t(i / 64), uint8_t(i % 64)});
  }
  for (unsigned first = 0; first < count; first += 64)
    chip.cores[first / 64].program.push_back(fire(0, std::min(64u, count - first)));
}

// Splits the fan-in of one neuron over weight cores: input i goes to weight
// core first_weight_core + i / rows, axon i % rows, where one ACC (cols 1)
// sums row weights into acc[0], sent by PSUM to (soma_core, soma_slot).
void add_split_fan_in(isa::ChipConfig& chip, const std::vector<int8_t>& weights, unsigned rows,
                      unsigned first_weight_core, unsigned soma_core, unsigned soma_slot) {
  const unsigned n = unsigned(weights.size());
  for (unsigned i = 0; i < n; ++i) {
    const unsigned wc = first_weight_core + i / rows;
    chip.cores[wc].weights[i % rows] = weights[i];
    // One route entry per (input core, weight core) run of consecutive inputs.
    const bool starts_run = i == 0 || i % 64 == 0 || i % rows == 0;
    if (starts_run) {
      unsigned end = i + 1;
      while (end < n && end % 64 != 0 && end % rows != 0) ++end;
      chip.cores[i / 64].routes.push_back(route(i % 64, end - i, wc, i % rows));
    }
  }
  for (unsigned k = 0; k * rows < n; ++k) {
    const unsigned rows_here = std::min(rows, n - k * rows);
    chip.cores[first_weight_core + k].program.push_back(acc(0, rows_here, 0, 1, 0));
    chip.cores[first_weight_core + k].program.push_back(psum(0, 1, soma_core, soma_slot));
  }
  chip.cores[soma_core].program.push_back(fire(soma_slot, 1));
}

struct NeuronTrace {
  std::vector<bool> fired;
  int16_t membrane = 0;
  uint16_t spike_count = 0;
};

// The integrate-and-fire neuron of docs/isa.md driven by input neurons,
// computed directly: I(t) = bias + sum of w_i over inputs that fired in t-1.
NeuronTrace direct_neuron(const std::vector<int8_t>& weights, const std::vector<uint8_t>& pixels,
                          int threshold, int bias, unsigned steps) {
  NeuronTrace trace;
  int v = 0;
  for (unsigned t = 0; t < steps; ++t) {
    int input = bias;
    for (size_t i = 0; t > 0 && i < weights.size(); ++i)
      if (input_fires(pixels[i], t - 1)) input += weights[i];
    v = std::clamp(v + input, -32768, 32767);
    const bool spike = v >= threshold;
    if (spike) {
      v -= threshold;
      ++trace.spike_count;
    }
    trace.fired.push_back(spike);
  }
  trace.membrane = int16_t(v);
  return trace;
}

NeuronTrace trace_of(const RunResult& r, uint32_t id) {
  NeuronTrace trace;
  for (unsigned t = 0; t + 1 < r.spikes.step_begin.size(); ++t)
    trace.fired.push_back(fired_in_step(r.spikes, t, id));
  trace.membrane = r.membrane[id];
  trace.spike_count = r.spike_counts[id];
  return trace;
}

void expect_same_trace(const NeuronTrace& expected, const NeuronTrace& actual) {
  EXPECT_EQ(actual.fired, expected.fired);
  EXPECT_EQ(actual.membrane, expected.membrane);
  EXPECT_EQ(actual.spike_count, expected.spike_count);
}

std::vector<int8_t> random_weights(uint32_t seed, size_t n, int lo, int hi) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> dist(lo, hi);
  std::vector<int8_t> w(n);
  for (int8_t& x : w) x = int8_t(dist(rng));
  return w;
}

TEST(GoldenNetworks, InputNeuronsEncodeEveryPixelValueAsSigmaDelta) {
  isa::ChipConfig chip = isa::make_empty_chip(2, 2);
  place_inputs(chip, 256);
  std::vector<uint8_t> pixels(256);
  for (unsigned p = 0; p < 256; ++p) pixels[p] = uint8_t(p);
  const unsigned steps = 300;
  const RunResult r = GoldenModel(chip).run(pixels.data(), steps);
  for (unsigned p = 0; p < 256; ++p) {
    for (unsigned t = 0; t < steps; ++t)
      ASSERT_EQ(fired_in_step(r.spikes, t, p), input_fires(p, t)) << "pixel " << p << " step " << t;
    EXPECT_EQ(r.spike_counts[p], steps * p / 255) << "pixel " << p;
    EXPECT_EQ(r.membrane[p], int(steps * p % 255)) << "pixel " << p;  // charge left over
  }
}

TEST(GoldenNetworks, HalfThresholdInitialPotentialRoundsTheInputSpikeCount) {
  // Starting at V = 127, input neuron p has spiked floor(((t+1) p + 127) / 255)
  // times after step t: (t+1) p / 255 rounded (docs/isa.md section 3).
  isa::ChipConfig chip = isa::make_empty_chip(2, 2);
  place_inputs(chip, 256, 127);
  std::vector<uint8_t> pixels(256);
  for (unsigned p = 0; p < 256; ++p) pixels[p] = uint8_t(p);
  const unsigned steps = 300;
  const RunResult r = GoldenModel(chip).run(pixels.data(), steps);
  for (unsigned p = 0; p < 256; ++p) {
    for (unsigned t = 0; t < steps; ++t)
      ASSERT_EQ(fired_in_step(r.spikes, t, p),
                ((t + 1) * p + 127) / 255 > (t * p + 127) / 255) << "pixel " << p << " step " << t;
    EXPECT_EQ(r.spike_counts[p], (steps * p + 127) / 255) << "pixel " << p;
    EXPECT_EQ(r.membrane[p], int((steps * p + 127) % 255)) << "pixel " << p;
  }
}

TEST(GoldenNetworks, EachLayerAddsOneStepOfDelay) {
  // A (input, pixel 255) fires in every step 0..7 -> core 1: w = 100 into B
  // (threshold 100), which therefore fires in steps 1..7 -> core 2: w = 50 into
  // C (threshold 100): C gets 50 in steps 2..7 and fires in steps 3, 5, 7.
  isa::ChipConfig chip = isa::make_empty_chip(3, 1);
  place_inputs(chip, 1);
  chip.cores[0].routes = {route(0, 1, 1, 0)};
  for (unsigned core : {1u, 2u}) {
    isa::CoreConfig& c = chip.cores[core];
    c.weights[0] = core == 1 ? 100 : 50;
    c.neurons[0] = neuron(100);
    c.program = {acc(0, 1, 0, 1, 0), psum(0, 1, core, 0), fire(0, 1)};
  }
  chip.cores[1].routes = {route(0, 1, 2, 0)};
  chip.host.outputs = {{2, 0}};
  const uint8_t pixel = 255;
  const RunResult r = GoldenModel(chip).run(&pixel, 8);

  for (unsigned t = 0; t < 8; ++t) {
    EXPECT_TRUE(fired_in_step(r.spikes, t, gid(0, 0))) << t;
    EXPECT_EQ(fired_in_step(r.spikes, t, gid(1, 0)), t >= 1) << t;
    EXPECT_EQ(fired_in_step(r.spikes, t, gid(2, 0)), t == 3 || t == 5 || t == 7) << t;
  }
  EXPECT_EQ(r.output_scores[0], 3 * 100 + 0);
  // A's spikes of steps 0..6 and B's of steps 1..6 are delivered (7 + 6); the
  // ones fired in the last step (7) would arrive in step 8, which is not run.
  EXPECT_EQ(r.counters.events_in, 13u);
  EXPECT_EQ(r.counters.synaptic_ops, 13u);
  EXPECT_EQ(r.counters.psum_packets, 13u);
  EXPECT_EQ(r.counters.spikes, 8u + 7u + 3u);
  EXPECT_EQ(r.counters.flits, 8u + 7u + 13u);  // C has no route entry
  EXPECT_EQ(r.counters.fire_ops, 3u * 8u);
}

TEST(GoldenNetworks, NeuronSplitOverTwoCoresEqualsTheSameNeuronOnOneCore) {
  const unsigned fan_in = 96, steps = 64;
  const std::vector<int8_t> weights = random_weights(7, fan_in, -60, 127);
  const std::vector<uint8_t> pixels = random_pixels(8, fan_in, 0.5);
  const int threshold = 2000, bias = 5;

  // One core: core 2 holds all 96 rows and the neuron itself (slot 0).
  isa::ChipConfig whole = isa::make_empty_chip(4, 2);
  place_inputs(whole, fan_in);
  add_split_fan_in(whole, weights, 96, 2, 2, 0);
  whole.cores[2].neurons[0] = neuron(threshold, bias);
  // Split: cores 2 and 3 hold 48 rows each, the neuron is core 4 slot 9.
  isa::ChipConfig split = isa::make_empty_chip(4, 2);
  place_inputs(split, fan_in);
  add_split_fan_in(split, weights, 48, 2, 4, 9);
  split.cores[4].neurons[9] = neuron(threshold, bias);
  ASSERT_TRUE(isa::check(whole).empty());
  ASSERT_TRUE(isa::check(split).empty());

  const NeuronTrace direct = direct_neuron(weights, pixels, threshold, bias, steps);
  ASSERT_GT(direct.spike_count, 3);
  ASSERT_LT(direct.spike_count, steps - 3);
  const RunResult a = GoldenModel(whole).run(pixels.data(), steps);
  const RunResult b = GoldenModel(split).run(pixels.data(), steps);
  expect_same_trace(direct, trace_of(a, gid(2, 0)));
  expect_same_trace(direct, trace_of(b, gid(4, 9)));
  EXPECT_GT(b.counters.psum_packets, a.counters.psum_packets);  // two senders per step
}

TEST(GoldenNetworks, FanInOf784SplitOverFourCoresMatchesTheDirectComputation) {
  // 784 synapses do not fit one core (256 axons, 256 weight bytes): four cores
  // of 196 rows each send partial sums to core 17 slot 5.
  const unsigned fan_in = 784, steps = 32;
  const std::vector<int8_t> weights = random_weights(11, fan_in, -100, 127);
  const std::vector<uint8_t> pixels = random_pixels(12, fan_in, 0.3);
  const int threshold = 3000, bias = -20;
  isa::ChipConfig chip = isa::make_empty_chip();
  place_inputs(chip, fan_in);
  add_split_fan_in(chip, weights, 196, 13, 17, 5);
  chip.cores[17].neurons[5] = neuron(threshold, bias);
  ASSERT_TRUE(isa::check(chip).empty());

  const NeuronTrace direct = direct_neuron(weights, pixels, threshold, bias, steps);
  ASSERT_GT(direct.spike_count, 3);
  ASSERT_LT(direct.spike_count, steps - 3);
  const RunResult r = GoldenModel(chip).run(pixels.data(), steps);
  expect_same_trace(direct, trace_of(r, gid(17, 5)));
}

}  // namespace
}  // namespace spikecore::golden
