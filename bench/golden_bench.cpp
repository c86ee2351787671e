// Golden-model speed on a compiled image: one benchmark iteration is one
// inference of one held-out digit (the digits cycle), so items/s is
// inferences/s; the synaptic_events counter is reported as a rate.
//
//   spikecore-bench-golden IMAGE.scimg [T] [google benchmark flags]
// Digits: data/mnist test split (run from the repository root).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "common/cli_numbers.h"
#include "dataset/dataset.h"
#include "golden/golden_model.h"
#include "isa/image.h"

namespace {

struct Setup {
  spikecore::isa::ChipConfig chip;
  spikecore::dataset::Dataset digits;
  unsigned timesteps = 32;
};
Setup* g_setup = nullptr;

void BM_GoldenInference(benchmark::State& state) {
  spikecore::golden::GoldenModel model(g_setup->chip);
  spikecore::golden::RunResult result;
  const size_t n = g_setup->digits.size();
  size_t next = 0;
  uint64_t synaptic_ops = 0;
  for (auto _ : state) {
    model.run(g_setup->digits.images.image(next), g_setup->timesteps, result);
    benchmark::DoNotOptimize(result.predicted_class);
    synaptic_ops += result.counters.synaptic_ops;
    next = (next + 1) % n;
  }
  state.SetItemsProcessed(int64_t(state.iterations()));
  state.counters["synaptic_events"] =
      benchmark::Counter(double(synaptic_ops), benchmark::Counter::kIsRate);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);  // removes the flags it knows
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: %s IMAGE.scimg [T] [--benchmark_... flags]\n", argv[0]);
    return 2;
  }
  try {
    static Setup setup{spikecore::isa::load_image(argv[1]),
                       spikecore::dataset::load("mnist", "test"), 32};
    uint64_t timesteps = 0;
    if (argc == 3) {
      if (!spikecore::parse_whole_number(argv[2], 1, 65535, timesteps)) {
        std::fprintf(stderr, "%s: T '%s': expected 1..65535\n", argv[0], argv[2]);
        return 2;
      }
      setup.timesteps = unsigned(timesteps);
    }
    if (setup.timesteps == 0) throw std::invalid_argument("T must be at least 1");
    g_setup = &setup;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "spikecore-bench-golden: error: %s\n", e.what());
    return 1;
  }
  benchmark::RegisterBenchmark(("golden_inference/T=" + std::to_string(g_setup->timesteps)).c_str(),
                               BM_GoldenInference)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
