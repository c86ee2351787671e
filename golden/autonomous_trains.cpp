#include "golden/autonomous_trains.h"

#include <algorithm>

#include "isa/isa.h"

namespace spikecore::golden {

void AutonomousTrainCache::reset(unsigned timesteps) {
  timesteps_ = timesteps;
  words_ = (timesteps + 63) / 64;
  keys_.assign(kEntries, 0);
  trains_.assign(keys_.size(), AutonomousTrain{});
  bits_.assign(keys_.size() * std::max(words_, 1u), 0);
}

void AutonomousTrainCache::compute(uint32_t entry, uint64_t key, int16_t initial_v, int16_t bias,
                                   int16_t threshold, uint8_t bias_start) {
  keys_[entry] = key;
  uint64_t* bits = bits_.data() + size_t(entry) * std::max(words_, 1u);
  std::fill(bits, bits + words_, 0);
  AutonomousTrain train;
  train.steps = bits;
  int16_t v = initial_v;
  for (unsigned t = 0; t < timesteps_; ++t) {
    const int32_t sum = int32_t(v) + (t >= bias_start ? int32_t(bias) : 0);
    train.clipped_high += sum > isa::kInt16Max;
    train.clipped_low += sum < isa::kInt16Min;
    const int32_t clipped = std::clamp(sum, isa::kInt16Min, isa::kInt16Max);
    const bool spikes = clipped >= threshold;
    v = int16_t(spikes ? clipped - threshold : clipped);
    if (!spikes) continue;
    ++train.spikes;
    bits[t / 64] |= uint64_t(1) << (t % 64);
    if (t + 1 == timesteps_)
      train.last_step_spiked = true;
    else if (train.first_delivered == AutonomousTrain::kNoSpike)
      train.first_delivered = t;
  }
  train.final_v = v;
  trains_[entry] = train;
}

}  // namespace spikecore::golden
