// Measures golden-model throughput on a chip: shared by the throughput test
// (which prints, never asserts a time) and golden_bench.
#pragma once

#include <chrono>
#include <ctime>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "golden/golden_model.h"

namespace spikecore::golden::testing {

struct Throughput {
  unsigned inferences = 0;
  double seconds = 0;      // wall clock
  double cpu_seconds = 0;  // this process's CPU time: excludes time other processes ran
  Counters totals;  // summed over all inferences
  double inferences_per_second() const { return inferences / seconds; }
};

// Runs `inferences` samples (cycling through `images`) on one model, reusing
// one RunResult as a caller looping over a data set would.
inline Throughput measure_throughput(GoldenModel& model,
                                     const std::vector<std::vector<uint8_t>>& images,
                                     unsigned steps, unsigned inferences) {
  Throughput t;
  RunResult result;
  model.run(images[0].data(), steps, result);  // warm-up: sizes the buffers
  const std::clock_t cpu_start = std::clock();
  const auto start = std::chrono::steady_clock::now();
  for (unsigned i = 0; i < inferences; ++i) {
    model.run(images[i % images.size()].data(), steps, result);
    const Counters& c = result.counters;
    t.totals.synaptic_ops += c.synaptic_ops;
    t.totals.events_in += c.events_in;
    t.totals.psum_packets += c.psum_packets;
    t.totals.spikes += c.spikes;
    t.totals.fire_ops += c.fire_ops;
  }
  t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  t.cpu_seconds = double(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  t.inferences = inferences;
  return t;
}

inline void print_throughput(const Throughput& t, unsigned steps) {
  const double n = t.inferences;
  std::printf("golden model: %u inferences x %u steps in %.3f s: %.0f inferences/s "
              "(%.0f per CPU second)\n",
              t.inferences, steps, t.seconds, t.inferences_per_second(), n / t.cpu_seconds);
  std::printf("  per inference: %.0f spikes, %.0f spike events, %.0f synaptic ops, "
              "%.0f partial sums, %.0f neuron updates\n",
              t.totals.spikes / n, t.totals.events_in / n, t.totals.synaptic_ops / n,
              t.totals.psum_packets / n, t.totals.fire_ops / n);
  std::printf("  %.1f M synaptic ops/s\n", t.totals.synaptic_ops / t.seconds / 1e6);
}

}  // namespace spikecore::golden::testing
