// Speed of the cycle-level model on a compiled image and held-out MNIST
// digits, without LibTorch (so a profiler sees only the simulation): the
// workload of `spikecore-sim --backend systemc`, for perf, callgrind and
// cachegrind (docs/profile-systemc.md). Not a test: prints one report.
//   systemc_image_bench IMAGE.scimg [count=100] [timesteps=32] [first=0]
// Run from the source root (it reads data/mnist).
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <vector>

#include <systemc>

#include "dataset/dataset.h"
#include "isa/image.h"
#include "platform/systemc_runner.h"

int sc_main(int argc, char* argv[]) {
  using namespace spikecore;
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s IMAGE.scimg [count=100] [timesteps=32] [first=0]\n", argv[0]);
    return 2;
  }
  try {
    const isa::ChipConfig chip = isa::load_image(argv[1]);
    const dataset::Dataset digits = dataset::load("mnist", "test");
    const size_t count = argc > 2 ? size_t(std::atol(argv[2])) : 100;
    platform::SimOptions options;
    options.timesteps = argc > 3 ? unsigned(std::atoi(argv[3])) : 32;
    const size_t first = argc > 4 ? size_t(std::atol(argv[4])) : 0;
    std::vector<const uint8_t*> samples;
    for (size_t i = first; i < first + count && i < digits.size(); ++i)
      samples.push_back(digits.images.image(i));

    const platform::SystemCRun run = platform::run_systemc(chip, samples, options);
    const double n = double(run.samples.size());
    std::printf("%zu digits from %zu, T=%u: %.1f cycles/inference, %.1f flits/inference, "
                "%.1f stall cycles/inference\n",
                run.samples.size(), first, options.timesteps, double(run.total_cycles) / n,
                double(run.total_noc.flits_injected) / n, double(run.total_noc.stall_cycles()) / n);
    std::printf("systemc: %.3f s, %.1f inferences/s, %.3g cycles/s, %.3g synaptic events/s\n",
                run.wall_seconds, run.inferences_per_second(), run.cycles_per_second(),
                run.synaptic_ops_per_second());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "systemc_image_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
