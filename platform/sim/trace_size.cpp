#include "platform/sim/trace_size.h"

#include <algorithm>

#include "golden/golden_model.h"

namespace spikecore::sim {
namespace {

// The golden model runs ~250 k steps a second (MNIST MLP): measure at most a
// few hundred samples and about a second of steps, then extrapolate.
constexpr size_t kMaxMeasuredSamples = 256;
constexpr uint64_t kMaxMeasuredSteps = 250000;

// Share of the used cores (and so, roughly, of the routers' traffic) traced.
double traced_core_share(const isa::ChipConfig& chip, const std::vector<uint32_t>& cores) {
  if (cores.empty()) return 1.0;
  unsigned used = 0, traced = 0;
  for (unsigned c = 0; c < chip.num_cores(); ++c) {
    if (!chip.cores[c].used()) continue;
    ++used;
    traced += std::find(cores.begin(), cores.end(), c) != cores.end();
  }
  return used == 0 ? 0.0 : double(traced) / used;
}

double traced_step_share(const TraceExtent& e) {
  if (e.timesteps == 0 || e.step_begin >= e.timesteps) return 0.0;
  const uint64_t last = std::min<uint64_t>(e.step_end, e.timesteps - 1);
  return double(last - e.step_begin + 1) / e.timesteps;
}

}  // namespace

TraceSizeEstimate estimate_trace_size(const isa::ChipConfig& chip, const dataset::Dataset& data,
                                      const TraceExtent& extent) {
  TraceSizeEstimate est;
  golden::GoldenModel model(chip);
  golden::RunResult result;
  const uint64_t by_steps = std::max<uint64_t>(1, kMaxMeasuredSteps / std::max(1u, extent.timesteps));
  est.measured_samples =
      size_t(std::min<uint64_t>(extent.samples.size(), std::min<uint64_t>(kMaxMeasuredSamples, by_steps)));
  uint64_t flits = 0;
  for (size_t i = 0; i < est.measured_samples; ++i) {
    model.run(data.images.image(extent.samples[i]), extent.timesteps, result);
    flits += result.counters.flits;
  }
  est.flits = est.measured_samples == 0
                  ? 0
                  : uint64_t(double(flits) * extent.samples.size() / est.measured_samples);
  est.bytes = kVcdFixedBytes + uint64_t(double(est.flits) * kVcdBytesPerFlit *
                                        traced_core_share(chip, extent.cores) *
                                        traced_step_share(extent));
  return est;
}

}  // namespace spikecore::sim
