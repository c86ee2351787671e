// Golden-model speed on a compiled image, next to the hand-optimised exact
// reference loop (bench/reference_loop.h) on the same digits: one benchmark
// iteration is one inference of one held-out digit (the digits cycle), so
// items/s is inferences/s; the synaptic_events counter is reported as a rate.
// Before timing, both run the first digits and must agree on every score and
// every neuron's spike count (else exit 1: the ratio would compare unequal work).
//
//   spikecore-bench-golden IMAGE.scimg [T] [google benchmark flags]
// Digits: data/mnist test split (run from the repository root).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "common/cli_numbers.h"
#include "common/version.h"
#include "dataset/dataset.h"
#include "golden/golden_model.h"
#include "bench/reference_loop.h"
#include "isa/image.h"

namespace {

struct Setup {
  spikecore::isa::ChipConfig chip;
  spikecore::dataset::Dataset digits;
  unsigned timesteps = 32;
};
Setup* g_setup = nullptr;

// One inference per iteration, the digits in turn; `infer(pixels)` runs one
// and returns the synaptic events it counted.
template <typename Infer>
void time_inferences(benchmark::State& state, Infer&& infer) {
  const size_t n = g_setup->digits.size();
  size_t next = 0;
  uint64_t synaptic_events = 0;
  for (auto _ : state) {
    synaptic_events += infer(g_setup->digits.images.image(next));
    next = (next + 1) % n;
  }
  state.SetItemsProcessed(int64_t(state.iterations()));
  state.counters["synaptic_events"] =
      benchmark::Counter(double(synaptic_events), benchmark::Counter::kIsRate);
}

void BM_GoldenInference(benchmark::State& state) {
  spikecore::golden::GoldenModel model(g_setup->chip);
  spikecore::golden::RunResult result;
  time_inferences(state, [&](const uint8_t* pixels) {
    model.run(pixels, g_setup->timesteps, result);
    benchmark::DoNotOptimize(result.predicted_class);
    return result.counters.synaptic_ops;
  });
}

void BM_ReferenceLoop(benchmark::State& state) {
  spikecore::bench::ReferenceLoop reference(g_setup->chip);
  spikecore::bench::ReferenceLoopOutcome outcome;
  time_inferences(state, [&](const uint8_t* pixels) {
    reference.run(pixels, g_setup->timesteps, outcome);
    benchmark::DoNotOptimize(outcome.predicted_class);
    return outcome.synaptic_events;
  });
}

// Empty when the golden model and the reference loop agree on the first
// `count` digits; else what differs, on which digit.
std::string compare_with_reference(size_t count) {
  const spikecore::isa::ChipConfig& chip = g_setup->chip;
  spikecore::golden::GoldenModel model(chip);
  spikecore::golden::RunResult golden;
  spikecore::bench::ReferenceLoop reference(chip);
  spikecore::bench::ReferenceLoopOutcome outcome;
  for (size_t d = 0; d < count && d < g_setup->digits.size(); ++d) {
    const uint8_t* pixels = g_setup->digits.images.image(d);
    model.run(pixels, g_setup->timesteps, golden);
    reference.run(pixels, g_setup->timesteps, outcome);
    const std::string digit = "digit " + std::to_string(d) + ": ";
    if (golden.output_scores != outcome.output_scores)
      return digit + "the read-out scores differ";
    for (size_t l = 0; l < chip.host.layers.size(); ++l) {
      const auto& neurons = chip.host.layers[l].neurons;
      for (size_t k = 0; k < neurons.size(); ++k)
        if (golden.spike_counts[size_t(neurons[k].core) * spikecore::isa::kNeuronSlots +
                                neurons[k].slot] != outcome.spike_counts[l][k])
          return digit + "the spike counts of layer '" + chip.host.layers[l].name + "' differ";
    }
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  if (spikecore::print_version_if_asked(argc, argv, "spikecore-bench-golden")) return 0;
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
  constexpr size_t kCheckedDigits = 200;
  try {
    if (const std::string difference = compare_with_reference(kCheckedDigits); !difference.empty()) {
      std::fprintf(stderr, "spikecore-bench-golden: error: the golden model and the reference loop "
                           "disagree (%s); no timing is meaningful\n", difference.c_str());
      return 1;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "spikecore-bench-golden: error: %s\n", e.what());
    return 1;
  }
  const std::string suffix = "/T=" + std::to_string(g_setup->timesteps);
  benchmark::RegisterBenchmark(("golden_inference" + suffix).c_str(), BM_GoldenInference)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark(("reference_loop" + suffix).c_str(), BM_ReferenceLoop)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
