// Cycle costs of docs/microarchitecture.md, checked on a two-core chip whose
// step length can be worked out by hand, and the independence of results from
// the scheduler's time quantum.
#include <gtest/gtest.h>

#include "hw/microarchitecture.h"
#include "isa/chip_config.h"
#include "platform/systemc_runner.h"
#include "platform_test_support.h"
#include "tests/golden/chip_builders.h"
#include "tests/golden/random_chips.h"

namespace spikecore::isa {
// Test names show the costs that differ, not 40 bytes of hex.
void PrintTo(const Microarchitecture& m, std::ostream* os) {
  *os << "buffer " << m.router_buffer_flits << ", hop " << m.router_hop_cycles << ", barrier "
      << m.barrier_cycles << ", ACC " << m.acc_dispatch_cycles << "+" << m.acc_cycles_per_column
      << "/column";
}
}  // namespace spikecore::isa

namespace spikecore::platform::testing {
namespace {

using namespace golden::testing;  // acc, psum, fire, route

// Core 0: one input neuron that fires every step (pixel 255, threshold 255)
// and sends its spike to core 1 (one hop). Core 1: one ACC row of `cols`
// weights, a PSUM of those accumulators to its own slots, a FIRE over them.
isa::ChipConfig two_core_chip(unsigned cols) {
  isa::ChipConfig chip = isa::make_empty_chip(2, 1);
  isa::CoreConfig& in = chip.cores[0];
  in.neurons[0].threshold = 255;
  in.program = {fire(0, 1)};
  in.routes = {route(0, 1, 1, 0)};
  chip.host.inputs = {{0, 0}};
  isa::CoreConfig& out = chip.cores[1];
  for (unsigned j = 0; j < cols; ++j) {
    out.weights[j] = 1;
    out.neurons[j].threshold = 1000;
  }
  out.program = {acc(0, 1, 0, cols, 0), psum(0, cols, 1, 0), fire(0, cols)};
  chip.host.outputs = {{1, 0}};
  return chip;
}

// The documented chip, and one with other costs from a hardware description:
// the same formula, with the description's numbers, must give the cycles.
// Buffers at least as deep as the hop latency keep one flit per cycle moving,
// so no stall enters the formula (with 2 flits and 3-cycle hops the eight
// partial sums would queue).
isa::Microarchitecture slower_micro() {
  isa::Microarchitecture m;
  m.router_buffer_flits = 8;
  m.event_fifo_flits = 8;
  m.router_hop_cycles = 3;
  m.acc_dispatch_cycles = 2;
  m.acc_cycles_per_column = 3;
  m.barrier_cycles = 7;
  m.clock_mhz = 250;
  return m;
}

class TimingTest : public ::testing::TestWithParam<isa::Microarchitecture> {};

TEST_P(TimingTest, StepLengthFollowsTheDocumentedCycleCosts) {
  constexpr unsigned kCols = 8;
  const isa::ChipConfig chip = two_core_chip(kCols);
  const uint8_t pixel = 255;
  SimOptions options;
  options.timesteps = 6;
  options.micro = GetParam();
  const SystemCRun run = run_systemc(chip, {&pixel}, options);
  EXPECT_EQ(run.clock_mhz, GetParam().clock_mhz);
  ASSERT_EQ(run.samples.size(), 1u);
  const SampleResult& s = run.samples[0];
  EXPECT_EQ(expect_matches_golden(chip, {&pixel}, options.timesteps, run), 0u);

  const isa::Microarchitecture& m = GetParam();
  const unsigned barrier = m.barrier_cycles;
  // Step 0: nothing in flight. The event phase is the controller's one cycle,
  // the partial-sum phase is empty (no accumulator was touched), then FIRE
  // updates kCols neurons, one per cycle.
  const uint64_t step0 = 1 + barrier + barrier + kCols + barrier;
  // Later steps: the spike waits in core 1's event FIFO. Event phase: ACC
  // dispatch + one cycle per column, plus the cycle that finds the core idle.
  // Partial-sum phase: one accumulator per cycle, each flit one cycle in the
  // outbox, the local router (0 hops), one cycle in the event FIFO.
  const uint64_t event = m.acc_dispatch_cycles + kCols * m.acc_cycles_per_column + 1;
  const uint64_t partial_sum = kCols + 1 + hw::unloaded_latency(0, m.router_hop_cycles) + 1;
  const uint64_t later = event + barrier + partial_sum + barrier + kCols + barrier;
  ASSERT_EQ(s.cycles_per_step.size(), options.timesteps);
  EXPECT_EQ(s.cycles_per_step[0], step0);
  for (unsigned t = 1; t < options.timesteps; ++t)
    EXPECT_EQ(s.cycles_per_step[t], later) << "step " << t;
  EXPECT_EQ(s.cycles, step0 + (options.timesteps - 1) * later);
  EXPECT_EQ(s.noc.latency_max, hw::unloaded_latency(1, m.router_hop_cycles))
      << "the spike crosses one link";
  EXPECT_EQ(s.noc.stall_cycles(), 0u);
  EXPECT_EQ(s.run.counters.synaptic_ops, uint64_t(kCols) * (options.timesteps - 1));
}

INSTANTIATE_TEST_SUITE_P(Microarchitectures, TimingTest,
                         ::testing::Values(hw::kDefaultMicroarchitecture, slower_micro()),
                         [](const auto& info) {
                           return std::string(info.index == 0 ? "Documented" : "Slower");
                         });

// A sample traced (quantum 1) and the same sample untraced (quantum 4096) take
// exactly the same cycles: temporal decoupling changes only the speed.
TEST(QuantumTest, QuantumDoesNotChangeCyclesOrCounters) {
  RandomMlpOptions mlp;
  mlp.layers = {160, 40, 10};
  const isa::ChipConfig chip = random_mlp_chip(9, mlp);
  const std::vector<uint8_t> pixels = random_pixels(4, chip.host.inputs.size());
  const std::vector<const uint8_t*> samples{pixels.data(), pixels.data(), pixels.data()};
  SimOptions options;
  options.timesteps = 10;
  options.quantum_cycles = 4096;
  options.trace.vcd_path = std::string(SPIKECORE_BINARY_DIR) + "/test-artifacts/quantum.vcd";
  options.trace.window.samples = {1};
  const SystemCRun run = run_systemc(chip, samples, options);
  ASSERT_EQ(run.samples.size(), 3u);
  for (unsigned i : {0u, 2u}) {
    EXPECT_EQ(run.samples[i].cycles_per_step, run.samples[1].cycles_per_step) << "sample " << i;
    EXPECT_EQ(run.samples[i].run.spikes, run.samples[1].run.spikes);
    EXPECT_EQ(run.samples[i].noc.link_hops, run.samples[1].noc.link_hops);
    EXPECT_EQ(run.samples[i].noc.stall_cycles(), run.samples[1].noc.stall_cycles());
    EXPECT_EQ(run.samples[i].noc.latency_sum, run.samples[1].noc.latency_sum);
  }
  EXPECT_GT(run.samples[1].cycles, 0u);
}

}  // namespace
}  // namespace spikecore::platform::testing
