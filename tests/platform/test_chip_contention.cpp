// Many cores flooding one core through the chip: every spike still arrives
// (the golden model agrees on everything, including events received), the
// NoC backs up, and the step takes as long as the sink's datapath needs.
#include <gtest/gtest.h>

#include "hw/microarchitecture.h"
#include "isa/chip_config.h"
#include "platform/systemc_runner.h"
#include "platform_test_support.h"
#include "tests/golden/chip_builders.h"

namespace spikecore::platform::testing {
namespace {

using namespace golden::testing;

// Cores 1..8 of a 3x3 mesh hold 32 input neurons each that fire every step
// (pixel 255, threshold 255) and all send to core 0's axons 0..255.
isa::ChipConfig many_to_one() {
  isa::ChipConfig chip = isa::make_empty_chip(3, 3);
  for (unsigned c = 1; c <= 8; ++c) {
    isa::CoreConfig& src = chip.cores[c];
    src.program = {fire(0, 32)};
    src.routes = {route(0, 32, 0, (c - 1) * 32)};
    for (unsigned s = 0; s < 32; ++s) {
      src.neurons[s].threshold = 255;
      chip.host.inputs.push_back({uint16_t(c), uint8_t(s)});
    }
  }
  isa::CoreConfig& sink = chip.cores[0];
  sink.weights.fill(1);
  sink.program = {acc(0, 256, 0, 1, 0), psum(0, 1, 0, 0), fire(0, 1)};
  sink.neurons[0].threshold = 100;
  chip.host.outputs = {{0, 0}};
  return chip;
}

TEST(ChipContentionTest, EightCoresIntoOneLoseNothing) {
  const isa::ChipConfig chip = many_to_one();
  const std::vector<uint8_t> pixels(chip.host.inputs.size(), 255);
  SimOptions options;
  options.timesteps = 5;
  const SystemCRun run = run_systemc(chip, {pixels.data()}, options);
  EXPECT_EQ(expect_matches_golden(chip, {pixels.data()}, options.timesteps, run), 0u);
  const SampleResult& s = run.samples[0];
  // 256 spikes a step, each delivered in the next step.
  EXPECT_EQ(s.run.counters.events_in, 256u * (options.timesteps - 1));
  EXPECT_EQ(s.run.counters.synaptic_ops, 256u * (options.timesteps - 1));
  EXPECT_GT(s.noc.router_stall_cycles, 0u);
  EXPECT_GT(s.noc.inject_stall_cycles, 0u);
  EXPECT_EQ(s.noc.max_buffer_occupancy, hw::kRouterBufferFlits);
  // Each event costs the sink dispatch + one column; no step can be shorter.
  const uint64_t per_event = hw::kAccDispatchCycles + hw::kAccCyclesPerColumn;
  for (unsigned t = 1; t < options.timesteps; ++t)
    EXPECT_GE(s.cycles_per_step[t], 256 * per_event) << "step " << t;
}

}  // namespace
}  // namespace spikecore::platform::testing
