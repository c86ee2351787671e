// A small convolutional network mapped by hand the way docs/compiler.md
// section 12 maps one: input 1x8x8 -> conv 2x3x3 (padding 1) -> average pool 2
// -> dense 32 -> 4. The conv tiles are whole-row bands, so each route entry
// carries rows; the pool is one depthwise CONV per channel. The SystemC model,
// the golden model and the exact integer reference (which knows only the
// layers, not the mapping) must agree on every spike.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>

#include "golden/golden_model.h"
#include "golden/network_reference.h"
#include "isa/chip_config.h"
#include "platform/systemc_runner.h"
#include "platform_test_support.h"
#include "tests/golden/chip_builders.h"

namespace spikecore::platform::testing {
namespace {

using golden::testing::acc;
using golden::testing::fire;
using golden::testing::neuron;
using golden::testing::psum;
using golden::testing::route;

isa::Instruction conv(unsigned axon_base, unsigned in_c, unsigned in_h, unsigned in_w,
                      unsigned kernel, unsigned stride, unsigned pad_left, unsigned out_c,
                      unsigned out_h, unsigned out_w, unsigned weight_offset, unsigned acc_base) {
  isa::Instruction i;
  i.op = isa::Opcode::kConv;
  i.conv = {uint8_t(axon_base), uint8_t(in_c),    uint8_t(in_h),          uint8_t(in_w),
            uint8_t(kernel),    uint8_t(kernel),  uint8_t(stride),        uint8_t(pad_left),
            uint8_t(out_c),     uint8_t(out_h),   uint8_t(out_w),         uint8_t(weight_offset),
            uint8_t(acc_base)};
  return i;
}

constexpr int16_t kConvThreshold = 120, kPoolThreshold = 40, kFcThreshold = 100;

isa::ChipConfig conv_network(uint32_t seed) {
  std::mt19937 rng(seed);
  auto weight = [&](int lo, int hi) { return int8_t(std::uniform_int_distribution<int>(lo, hi)(rng)); };
  isa::ChipConfig chip = isa::make_empty_chip(3, 2);
  isa::HostConfig& host = chip.host;

  isa::ReferenceLayer conv1;
  conv1.name = "conv1";
  conv1.conv = {1, 8, 8, 2, 8, 8, 3, 3, 1, 1, false};
  conv1.inputs = 64;
  conv1.outputs = 128;
  conv1.threshold = kConvThreshold;
  for (int i = 0; i < 18; ++i) conv1.weights.push_back(weight(-30, 60));
  for (int o = 0; o < 128; ++o) conv1.bias.push_back(o < 64 ? 2 : -1);  // per channel

  isa::ReferenceLayer pool;
  pool.name = "pool";
  pool.conv = {2, 8, 8, 2, 4, 4, 2, 2, 2, 0, true};
  pool.inputs = 128;
  pool.outputs = 32;
  pool.threshold = kPoolThreshold;
  pool.weights.assign(8, 10);  // 4 x 10 = 40: the pool fires at the mean rate
  pool.bias.assign(32, 0);

  isa::ReferenceLayer fc;
  fc.name = "fc";
  fc.inputs = 32;
  fc.outputs = 4;
  fc.threshold = kFcThreshold;
  for (int i = 0; i < 128; ++i) fc.weights.push_back(weight(-50, 50));
  fc.bias = {1, 0, -1, 0};
  host.reference = {conv1, pool, fc};

  // Core 0: the 64 input neurons. Conv core 1 holds output rows 0..3 of both
  // channels (window rows -1..4: row -1 is padding, never spiked), core 2 rows
  // 4..7 (window rows 3..7; row 8 is padding the window need not hold).
  isa::CoreConfig& in = chip.cores[0];
  for (unsigned s = 0; s < 64; ++s) in.neurons[s] = neuron(255);
  in.program = {fire(0, 64)};
  in.routes = {route(0, 40, 1, 8), route(24, 40, 2, 0)};
  for (unsigned s = 0; s < 64; ++s) host.inputs.push_back({0, uint8_t(s)});

  for (unsigned band = 0; band < 2; ++band) {
    isa::CoreConfig& core = chip.cores[1 + band];
    std::copy(conv1.weights.begin(), conv1.weights.end(), core.weights.begin());
    core.program = {conv(0, 1, band == 0 ? 6 : 5, 8, 3, 1, 1, 2, 4, 8, 0, 0), psum(0, 64, 1 + band, 0),
                    fire(0, 64)};
    for (unsigned s = 0; s < 64; ++s) core.neurons[s] = neuron(kConvThreshold, s < 32 ? 2 : -1, 1);
    // Slot (o, row, x) = o * 32 + row * 8 + x; pool core 3's window of
    // channel o is axons o * 64 .., rows 0..7.
    core.routes = {route(0, 32, 3, band * 32), route(32, 32, 3, 64 + band * 32)};
  }
  isa::CoreConfig& pooling = chip.cores[3];
  std::fill(pooling.weights.begin(), pooling.weights.begin() + 8, int8_t(10));
  pooling.program = {conv(0, 1, 8, 8, 2, 2, 0, 1, 4, 4, 0, 0), conv(64, 1, 8, 8, 2, 2, 0, 1, 4, 4, 4, 16),
                     psum(0, 32, 3, 0), fire(0, 32)};
  for (unsigned s = 0; s < 32; ++s) pooling.neurons[s] = neuron(kPoolThreshold, 0, 2);
  pooling.routes = {route(0, 32, 4, 0)};

  isa::CoreConfig& out = chip.cores[4];
  for (unsigned a = 0; a < 32; ++a)
    for (unsigned o = 0; o < 4; ++o) out.weights[a * 4 + o] = fc.weights[o * 32 + a];
  out.program = {acc(0, 32, 0, 4, 0), psum(0, 4, 4, 0), fire(0, 4)};
  for (unsigned s = 0; s < 4; ++s) out.neurons[s] = neuron(kFcThreshold, fc.bias[s], 3);
  for (unsigned s = 0; s < 4; ++s) host.outputs.push_back({4, uint8_t(s)});

  isa::LayerInfo input{"input", isa::LayerRole::kInput, host.inputs};
  isa::LayerInfo conv_layer{"conv1", isa::LayerRole::kHidden, {}};
  for (unsigned o = 0; o < 2; ++o)
    for (unsigned y = 0; y < 8; ++y)
      for (unsigned x = 0; x < 8; ++x)
        conv_layer.neurons.push_back({uint16_t(1 + y / 4), uint8_t(o * 32 + y % 4 * 8 + x)});
  isa::LayerInfo pool_layer{"pool", isa::LayerRole::kHidden, {}};
  for (unsigned s = 0; s < 32; ++s) pool_layer.neurons.push_back({3, uint8_t(s)});
  host.layers = {input, conv_layer, pool_layer, {"fc", isa::LayerRole::kOutput, host.outputs}};
  host.default_timesteps = 24;
  return chip;
}

std::vector<uint8_t> blobs(uint32_t seed, unsigned samples) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> pixels(size_t(samples) * 64, 0);
  for (uint8_t& p : pixels)
    if (std::bernoulli_distribution(0.4)(rng)) p = uint8_t(std::uniform_int_distribution<int>(60, 255)(rng));
  return pixels;
}

// One seed per test: SystemC allows one simulation per process.
class ConvNetwork : public ::testing::TestWithParam<uint32_t> {};

TEST_P(ConvNetwork, HandMappedConvAndPoolLayersEqualTheExactReferenceAndSystemC) {
  {
    const uint32_t seed = GetParam();
    const isa::ChipConfig chip = conv_network(seed);
    ASSERT_TRUE(isa::check(chip).empty()) << isa::check(chip).front();
    const std::vector<uint8_t> pixels = blobs(seed, 6);
    const auto samples = image_pointers(pixels, 64);

    golden::NetworkReference exact(chip);
    golden::GoldenModel model(chip);
    uint64_t conv_spikes = 0, pool_spikes = 0;
    for (const uint8_t* sample : samples) {
      const golden::RunResult g = model.run(sample, 24);
      const golden::NetworkOutcome e = exact.run(sample, 24);
      EXPECT_EQ(e.output_scores, g.output_scores) << "seed " << seed;
      for (size_t l = 0; l < chip.host.layers.size(); ++l)
        for (size_t k = 0; k < chip.host.layers[l].neurons.size(); ++k) {
          const isa::NeuronRef& r = chip.host.layers[l].neurons[k];
          ASSERT_EQ(e.spike_counts[l][k], g.spike_counts[r.core * isa::kNeuronSlots + r.slot])
              << "seed " << seed << " layer " << chip.host.layers[l].name << " neuron " << k;
          if (l == 1) conv_spikes += e.spike_counts[l][k];
          if (l == 2) pool_spikes += e.spike_counts[l][k];
        }
    }
    std::printf("spikes: conv1 %lu, pool %lu\n", (unsigned long)conv_spikes, (unsigned long)pool_spikes);
    EXPECT_GT(conv_spikes, 100u) << "the conv layer must be active for the test to mean anything";
    EXPECT_GT(pool_spikes, 20u);

    SimOptions sim;
    sim.timesteps = 24;
    const SystemCRun run = run_systemc(chip, samples, sim);
    EXPECT_EQ(expect_matches_golden(chip, samples, sim.timesteps, run), 0u) << "seed " << seed;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, ConvNetwork, ::testing::Range(1u, 4u));

}  // namespace
}  // namespace spikecore::platform::testing
