// The exact integer reference of a compiled network: the layers of the
// image's host section (weights, and each neuron's threshold, bias,
// bias_start and initial potential) run step by step with the neuron rule of
// docs/isa.md section 2, as whole matrices, without the mapping (tiles,
// partial sums, routes, cores). The chip computes exactly this network, so
// the golden and SystemC models must equal it bit for bit on every sample; a
// difference is a compiler or simulator bug. Against the float model it shows
// what quantization plus spiking cost at the run's T; isa::reference_scores
// (the T -> infinity limit, the "int8 ceiling") separates the two.
#pragma once

#include <cstdint>
#include <vector>

#include "isa/chip_config.h"

namespace spikecore::golden {

struct NetworkOutcome {
  std::vector<int64_t> output_scores;  // spike_count * threshold + V per class
  int predicted_class = -1;            // highest score, lowest index on ties
  // Per layer of HostConfig::layers (input first), spikes of each neuron.
  std::vector<std::vector<uint16_t>> spike_counts;
};

class NetworkReference {
 public:
  // Throws std::invalid_argument naming what is missing or inconsistent (no
  // layer table, reference sizes that disagree with it, a LEAK instruction,
  // a layer neuron that no FIRE updates).
  // With clip_membrane false, V is not clipped to int16 (it is held in 64
  // bits): the network the chip would compute with an unbounded membrane.
  // Comparing the two says whether int16 clipping changed a result.
  explicit NetworkReference(const isa::ChipConfig& chip, bool clip_membrane = true);
  void run(const uint8_t* pixels, unsigned timesteps, NetworkOutcome& out);
  NetworkOutcome run(const uint8_t* pixels, unsigned timesteps);

 private:
  struct Layer {
    std::vector<int16_t> threshold, bias, initial_potential;
    std::vector<uint8_t> bias_start;
    // Dense layer: [inputs][outputs], the column a spike adds (empty for a conv layer).
    std::vector<int16_t> weights_by_input;
    // Conv layer, whose columns are mostly zero: what a spike of input i adds
    // is links[first_link[i] .. first_link[i + 1]).
    struct Link {
      uint32_t output;
      int32_t weight;
    };
    std::vector<uint32_t> first_link;
    std::vector<Link> links;
    uint32_t inputs = 0;
  };
  bool clip_membrane_ = true;
  std::vector<Layer> layers_;  // input layer first (no weights)
  // Per layer: V, soma input, spikes of the previous step (as neuron indices).
  std::vector<std::vector<int64_t>> membrane_;
  // Soma inputs are int32: one step's input is at most inputs x 127, which
  // fits for any layer of up to 16 million inputs (the constructor checks).
  std::vector<std::vector<int32_t>> input_;
  std::vector<std::vector<uint32_t>> fired_, firing_;
  std::vector<uint8_t> spiked_;  // scratch of the fire phase
};

}  // namespace spikecore::golden
