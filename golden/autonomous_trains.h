// Spike trains of autonomous neurons (docs/simulator.md): a neuron that no
// partial sum reaches and no LEAK covers depends on its own parameters only,
// so its whole train over T steps is a function of (initial V, bias,
// threshold, bias start). Input neurons take their bias from a pixel, so a
// data set has a few hundred distinct trains; this cache computes each once.
#pragma once

#include <cstdint>
#include <vector>

namespace spikecore::golden {

struct AutonomousTrain {
  static constexpr uint32_t kNoSpike = UINT32_MAX;
  uint32_t spikes = 0;                     // in all T steps
  uint32_t first_delivered = kNoSpike;     // first step < T - 1 with a spike
  uint32_t clipped_high = 0, clipped_low = 0;  // steps where V + bias left int16
  int16_t final_v = 0;                     // V after step T - 1
  bool last_step_spiked = false;           // a spike in step T - 1 (never delivered)
  const uint64_t* steps = nullptr;         // bit t % 64 of word t / 64: spiked in step t
};

class AutonomousTrainCache {
 public:
  // The train over `timesteps` steps (FIRE semantics of docs/isa.md: V + bias
  // from step bias_start on, clipped to int16, spike and subtract at
  // threshold). Valid until the next call.
  const AutonomousTrain& get(int16_t initial_v, int16_t bias, int16_t threshold,
                             uint8_t bias_start, unsigned timesteps) {
    if (timesteps != timesteps_ || keys_.empty()) reset(timesteps);
    const uint64_t rest = uint64_t(uint16_t(initial_v)) | uint64_t(uint16_t(threshold)) << 16 |
                          uint64_t(bias_start) << 32;
    const uint64_t key = rest << 16 | uint16_t(bias) | uint64_t(1) << 63;  // never 0 (empty)
    // Neurons that differ in their bias only (inputs: one pixel each) get
    // consecutive entries, so the 256 pixel values of one layer never collide.
    const uint32_t entry =
        (uint32_t((rest * 0x9E3779B97F4A7C15ull) >> 40) + uint16_t(bias)) & (kEntries - 1);
    if (keys_[entry] != key) compute(entry, key, initial_v, bias, threshold, bias_start);
    return trains_[entry];
  }

 private:
  static constexpr uint32_t kEntries = 1024;  // direct-mapped
  void reset(unsigned timesteps);
  void compute(uint32_t entry, uint64_t key, int16_t initial_v, int16_t bias, int16_t threshold,
               uint8_t bias_start);

  unsigned timesteps_ = 0, words_ = 0;
  std::vector<uint64_t> keys_;  // 0: empty
  std::vector<AutonomousTrain> trains_;
  std::vector<uint64_t> bits_;  // words_ per entry
};

}  // namespace spikecore::golden
