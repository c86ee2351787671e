// Speed of the cycle-level model on a 784-32-10 network mapped like the
// compiler maps it (random weights), with MNIST-like inputs; the golden model
// on the same samples for comparison. Not a test: prints one report.
//   systemc_speed_bench [samples=50] [timesteps=32] [quantum=4096] [layers=784,32,10]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include <systemc>

#include "golden/golden_model.h"
#include "platform/systemc_runner.h"
#include "platform_test_support.h"
#include "tests/golden/random_chips.h"
#include "common/sanitizer_stacks.h"

int sc_main(int argc, char* argv[]) {
  spikecore::keep_main_stack_known_to_sanitizers();  // see common/sanitizer_stacks.h
  using namespace spikecore;
  const unsigned count = argc > 1 ? unsigned(std::atoi(argv[1])) : 50;
  platform::SimOptions options;
  options.timesteps = argc > 2 ? unsigned(std::atoi(argv[2])) : 32;
  options.quantum_cycles = argc > 3 ? unsigned(std::atoi(argv[3])) : 4096;
  golden::testing::RandomMlpOptions mlp;
  if (argc > 4) {
    mlp.layers.clear();
    std::stringstream list(argv[4]);
    for (std::string item; std::getline(list, item, ',');) mlp.layers.push_back(unsigned(std::stoul(item)));
  }
  const isa::ChipConfig chip = golden::testing::random_mlp_chip(7, mlp);
  const size_t inputs = chip.host.inputs.size();
  const std::vector<uint8_t> pixels = golden::testing::random_pixels(11, inputs * count);
  const auto samples = platform::testing::image_pointers(pixels, inputs);

  const platform::SystemCRun run = platform::run_systemc(chip, samples, options);

  golden::GoldenModel golden_model(chip);
  golden::RunResult result;
  size_t mismatches = 0;
  const auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < samples.size(); ++i) {
    golden_model.run(samples[i], options.timesteps, result);
    mismatches += !(result.spikes == run.samples[i].run.spikes);
  }
  const double golden_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::printf("network %s, T=%u, %zu samples, quantum %u\n", argc > 4 ? argv[4] : "784,32,10",
              options.timesteps, samples.size(), options.quantum_cycles);
  std::printf("systemc: %.3f s, %.0f cycles/inference, %.2f M cycles/s, %.1f inferences/s, "
              "%.2f M synaptic ops/s\n",
              run.wall_seconds, double(run.total_cycles) / double(samples.size()),
              run.cycles_per_second() / 1e6, run.inferences_per_second(),
              run.synaptic_ops_per_second() / 1e6);
  std::printf("         flits %llu, hops %llu, stall cycles %llu, max buffer %u, mean latency %.2f\n",
              (unsigned long long)run.total_noc.flits_injected,
              (unsigned long long)run.total_noc.link_hops,
              (unsigned long long)run.total_noc.stall_cycles(), run.total_noc.max_buffer_occupancy,
              run.total_noc.mean_latency());
  std::printf("golden:  %.3f s, %.1f inferences/s; spike records differing: %zu\n", golden_s,
              double(samples.size()) / golden_s, mismatches);
  return mismatches == 0 ? 0 : 1;
}
