// The hand-optimised exact reference the golden model is measured against
// (scripts/bench.sh): the image's integer network (its layer table), run the
// way one would write it by hand for speed, with nothing of the chip's
// mapping: one int8 weight row per input spike, added with SIMD into int32
// soma inputs, then the neuron rule of docs/isa.md (V clipped to int16 as the
// chip does), eight neurons per vector. Exact for images whose accumulators
// cannot clip (every image spikecore-compile writes); the benchmark checks it
// against the golden model on the digits it runs before it times anything.
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

// What a spike of one input of a conv layer adds: weights[weight_begin,
// +count) to the soma inputs [output_begin, +count) of the next layer.
struct WeightRow {
  uint32_t output_begin = 0, count = 0, weight_begin = 0;
};

class ReferenceLoop {
 public:
  // Throws std::invalid_argument when the image has no layer table.
  explicit ReferenceLoop(const isa::ChipConfig& chip);
  // T at most 65535 (else std::invalid_argument), as on the chip.
  void run(const uint8_t* pixels, unsigned timesteps, ReferenceLoopOutcome& out);

 private:
  // Per-neuron arrays are padded to a multiple of sixteen; a padding neuron
  // has threshold 32768, so it never spikes.
  struct Layer {
    uint32_t size = 0, padded = 0;
    std::vector<int32_t> threshold, bias, bias_start, initial_potential;
    std::vector<int32_t> membrane, input;  // input: the soma inputs this layer reads
    std::vector<uint16_t> counts;
    std::vector<uint8_t> spiked;  // scratch of the fire pass: 1 per neuron that spiked
    std::vector<uint32_t> fired;  // the neurons that spiked in the last step, ascending
    uint32_t fired_count = 0;
    // What a spike of this layer adds to the next layer. Dense: the whole
    // column of neuron i, zero-padded to the next layer's padded size, at
    // weights[i * row_stride]. Conv: per input, its runs of consecutive
    // outputs among the non-zero weights, rows[first_row[i] .. first_row[i + 1]).
    bool dense = false;
    uint32_t row_stride = 0, row_outputs = 0;
    std::vector<int8_t> weights;
    std::vector<uint32_t> first_row;
    std::vector<WeightRow> rows;
  };
  void fire(Layer& layer, unsigned t);
  uint64_t deliver(const Layer& layer, int32_t* next) const;
  std::vector<Layer> layers_;
};

}  // namespace spikecore::bench
