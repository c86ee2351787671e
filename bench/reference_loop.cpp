#include "bench/reference_loop.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#include "common/vector_clones.h"

namespace spikecore::bench {
namespace {

// Rows of a dense layer: the whole column of each input (zeros included, so
// it is one contiguous add). Rows of a conv layer: per input, its runs of
// consecutive outputs among the non-zero weights.
void build_rows(const isa::ReferenceLayer& r, std::vector<uint32_t>& first_row,
                std::vector<WeightRow>& rows, std::vector<int8_t>& weights) {
  first_row.assign(r.inputs + 1, 0);
  const std::vector<isa::Connection> links = isa::connections(r);  // inputs ascending
  size_t k = 0;
  for (uint32_t i = 0; i < r.inputs; ++i) {
    first_row[i] = uint32_t(rows.size());
    if (r.conv.empty()) {
      rows.push_back(WeightRow{0, r.outputs, uint32_t(weights.size())});
      for (uint32_t o = 0; o < r.outputs; ++o) weights.push_back(r.weights[size_t(o) * r.inputs + i]);
      continue;
    }
    for (; k < links.size() && links[k].input == i; ++k) {
      if (rows.size() > first_row[i] &&
          rows.back().output_begin + rows.back().count == links[k].output)
        ++rows.back().count;
      else
        rows.push_back(WeightRow{links[k].output, 1, uint32_t(weights.size())});
      weights.push_back(links[k].weight);
    }
  }
  first_row[r.inputs] = uint32_t(rows.size());
}

}  // namespace

ReferenceLoop::ReferenceLoop(const isa::ChipConfig& chip) {
  const isa::HostConfig& host = chip.host;
  if (host.layers.size() < 2 || host.reference.size() + 1 != host.layers.size())
    throw std::invalid_argument("reference loop: the image has no layer table (" +
                                std::to_string(host.layers.size()) + " layers, " +
                                std::to_string(host.reference.size()) + " reference layers)");
  for (size_t l = 0; l < host.layers.size(); ++l) {
    Layer layer;
    for (const isa::NeuronRef& ref : host.layers[l].neurons) {
      const isa::NeuronParams& p = chip.cores.at(ref.core).neurons.at(ref.slot);
      layer.threshold.push_back(p.threshold);
      layer.bias.push_back(p.bias);
      layer.bias_start.push_back(p.bias_start);
      layer.initial_potential.push_back(p.initial_potential);
    }
    const size_t n = layer.threshold.size();
    layer.membrane.resize(n);
    layer.input.assign(n, 0);
    layer.spiked.assign((n + 7) / 8 * 8, 0);
    layers_.push_back(std::move(layer));
  }
  // Layer l's rows say what a spike of layer l adds to layer l + 1.
  for (size_t l = 0; l + 1 < layers_.size(); ++l)
    build_rows(host.reference[l], layers_[l].first_row, layers_[l].rows, layers_[l].weights);
}

namespace {

// The neuron rule over a whole layer, branch-free so that it vectorizes (GCC
// honours __restrict on parameters only, hence a function of its own).
SPIKECORE_VECTOR_CLONES void update_neurons(size_t n, unsigned t, int32_t* __restrict v,
                                            int32_t* __restrict input, uint8_t* __restrict spiked,
                                            const int32_t* __restrict threshold,
                                            const int32_t* __restrict bias,
                                            const uint8_t* __restrict start) {
  for (size_t k = 0; k < n; ++k) {
    const int32_t bias_mask = -int32_t(t >= start[k]);
    const int32_t sum = v[k] + input[k] + (bias[k] & bias_mask);
    input[k] = 0;
    const int32_t clipped = std::min(std::max(sum, isa::kInt16Min), isa::kInt16Max);
    const int32_t spike_mask = -int32_t(clipped >= threshold[k]);
    spiked[k] = uint8_t(spike_mask & 1);
    v[k] = clipped - (threshold[k] & spike_mask);
  }
}

// What the spikes of one layer add to the next layer's soma inputs.
SPIKECORE_VECTOR_CLONES uint64_t deliver(const std::vector<uint32_t>& fired,
                                         const uint32_t* first_row, const WeightRow* rows,
                                         const int8_t* weights, int32_t* next) {
  uint64_t events = 0;
  for (uint32_t i : fired) {
    for (uint32_t r = first_row[i]; r < first_row[i + 1]; ++r) {
      int32_t* __restrict dst = next + rows[r].output_begin;
      const int8_t* __restrict w = weights + rows[r].weight_begin;
      const uint32_t count = rows[r].count;
      for (uint32_t o = 0; o < count; ++o) dst[o] += w[o];
      events += count;
    }
  }
  return events;
}

}  // namespace

void ReferenceLoop::fire(Layer& layer, unsigned t, std::vector<uint16_t>& counts) {
  const size_t n = layer.membrane.size();
  uint8_t* spiked = layer.spiked.data();
  update_neurons(n, t, layer.membrane.data(), layer.input.data(), spiked, layer.threshold.data(),
                 layer.bias.data(), layer.bias_start.data());
  layer.fired.clear();
  for (size_t k = 0; k < n; k += 8) {  // spiked is padded to a multiple of 8 with zeros
    uint64_t flags;
    std::memcpy(&flags, spiked + k, sizeof flags);
    for (; flags != 0; flags &= flags - 1) {
      const uint32_t i = uint32_t(k + unsigned(__builtin_ctzll(flags)) / 8);
      if (counts[i] != UINT16_MAX) ++counts[i];
      layer.fired.push_back(i);
    }
  }
}

void ReferenceLoop::run(const uint8_t* pixels, unsigned timesteps, ReferenceLoopOutcome& out) {
  const size_t depth = layers_.size();
  out.spike_counts.resize(depth);
  out.synaptic_events = 0;
  for (size_t l = 0; l < depth; ++l) {
    Layer& layer = layers_[l];
    layer.membrane = layer.initial_potential;
    std::fill(layer.input.begin(), layer.input.end(), 0);
    out.spike_counts[l].assign(layer.membrane.size(), 0);
  }
  std::copy(pixels, pixels + layers_[0].bias.size(), layers_[0].bias.begin());  // the host's write
  for (unsigned t = 0; t < timesteps; ++t) {
    // Deepest layer first: a layer's spikes go straight into the next layer's
    // input, which that layer has already consumed in this step (so they act
    // in step t + 1, as on the chip).
    for (size_t l = depth; l-- > 0;) {
      Layer& layer = layers_[l];
      fire(layer, t, out.spike_counts[l]);
      if (l + 1 == depth || t + 1 == timesteps) continue;
      out.synaptic_events += deliver(layer.fired, layer.first_row.data(), layer.rows.data(),
                                     layer.weights.data(), layers_[l + 1].input.data());
    }
  }
  const Layer& last = layers_.back();
  out.output_scores.resize(last.membrane.size());
  for (size_t k = 0; k < out.output_scores.size(); ++k)
    out.output_scores[k] = int64_t(out.spike_counts.back()[k]) * last.threshold[k] + last.membrane[k];
  out.predicted_class = out.output_scores.empty() ? -1 : isa::argmax_lowest(out.output_scores);
}

}  // namespace spikecore::bench
