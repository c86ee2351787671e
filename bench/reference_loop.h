// The hand-optimised exact reference the golden model is measured against
// (scripts/bench.sh): the image's integer network (its layer table), run the
// way one would write it by hand for speed, with nothing of the chip's
// mapping: one int8 weight row per input spike, added into int32 soma inputs,
// then the neuron rule of docs/isa.md (V clipped to int16 as the chip does).
// Exact for images whose accumulators cannot clip (every image
// spikecore-compile writes); the benchmark checks it against the golden model
// on the digits it runs before it times anything.
#pragma once

#include <cstdint>
#include <vector>

#include "isa/chip_config.h"

namespace spikecore::bench {

struct ReferenceLoopOutcome {
  std::vector<int64_t> output_scores;  // spike_count * threshold + V per class
  int predicted_class = -1;
  std::vector<std::vector<uint16_t>> spike_counts;  // per layer, input layer first
  uint64_t synaptic_events = 0;                     // weights added
};

// What a spike of one input adds: weights[weight_begin, +count) to the soma
// inputs [output_begin, +count) of the next layer.
struct WeightRow {
  uint32_t output_begin = 0, count = 0, weight_begin = 0;
};

class ReferenceLoop {
 public:
  // Throws std::invalid_argument when the image has no layer table.
  explicit ReferenceLoop(const isa::ChipConfig& chip);
  void run(const uint8_t* pixels, unsigned timesteps, ReferenceLoopOutcome& out);

 private:
  struct Layer {
    std::vector<int32_t> threshold, bias, initial_potential;
    std::vector<uint8_t> bias_start;
    std::vector<uint32_t> first_row;  // per input: rows[first_row[i] .. first_row[i + 1])
    std::vector<WeightRow> rows;
    std::vector<int8_t> weights;
    std::vector<int32_t> membrane, input;
    std::vector<uint32_t> fired;  // neurons that spiked in the previous step
    std::vector<uint8_t> spiked;  // scratch of the fire pass
  };
  void fire(Layer& layer, unsigned t, std::vector<uint16_t>& counts);
  std::vector<Layer> layers_;
};

}  // namespace spikecore::bench
