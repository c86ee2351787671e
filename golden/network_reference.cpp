#include "golden/network_reference.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#include "common/simd.h"
#include "common/vector_clones.h"

namespace spikecore::golden {
namespace {

// Slots a FIRE updates, per core.
std::vector<std::vector<bool>> fired_slots(const isa::ChipConfig& chip) {
  std::vector<std::vector<bool>> covered(chip.cores.size(),
                                         std::vector<bool>(isa::kNeuronSlots, false));
  for (size_t c = 0; c < chip.cores.size(); ++c)
    for (const isa::Instruction& ins : chip.cores[c].program) {
      if (ins.op == isa::Opcode::kLeak)
        throw std::invalid_argument("network reference: core " + std::to_string(c) +
                                    " runs LEAK, which the compiler never emits; the "
                                    "reference covers integrate-and-fire networks only");
      if (ins.op != isa::Opcode::kFire) continue;
      for (unsigned s = ins.fire.neuron_base; s < unsigned(ins.fire.neuron_base) + ins.fire.count;
           ++s)
        covered[c][s] = true;
    }
  return covered;
}

}  // namespace

NetworkReference::NetworkReference(const isa::ChipConfig& chip, bool clip_membrane)
    : clip_membrane_(clip_membrane) {
  const isa::HostConfig& host = chip.host;
  if (host.layers.size() < 2 || host.reference.size() + 1 != host.layers.size())
    throw std::invalid_argument("network reference: the image has " +
                                std::to_string(host.layers.size()) + " layers and " +
                                std::to_string(host.reference.size()) +
                                " reference layers; it needs an input layer plus one layer per "
                                "reference layer (images from spikecore-compile have them)");
  if (!(host.inputs == host.layers.front().neurons) || !(host.outputs == host.layers.back().neurons))
    throw std::invalid_argument("network reference: the host's input and output neurons are "
                                "not its first and last layers' neurons");
  const auto covered = fired_slots(chip);
  for (size_t l = 0; l < host.layers.size(); ++l) {
    const isa::LayerInfo& info = host.layers[l];
    Layer layer;
    for (const isa::NeuronRef& ref : info.neurons) {
      if (ref.core >= chip.cores.size() || ref.slot >= isa::kNeuronSlots ||
          !covered[ref.core][ref.slot])
        throw std::invalid_argument("network reference: neuron of layer '" + info.name +
                                    "' at core " + std::to_string(ref.core) + " slot " +
                                    std::to_string(ref.slot) + " is not updated by any FIRE");
      const isa::NeuronParams& p = chip.cores[ref.core].neurons[ref.slot];
      layer.threshold.push_back(p.threshold);
      layer.bias.push_back(p.bias);
      layer.bias_start.push_back(p.bias_start);
      layer.initial_potential.push_back(p.initial_potential);
    }
    if (l > 0) {
      const isa::ReferenceLayer& r = host.reference[l - 1];
      if (std::string e = isa::validate(r); !e.empty())
        throw std::invalid_argument("network reference: " + e);
      if (r.outputs != info.neurons.size() || r.inputs != host.layers[l - 1].neurons.size())
        throw std::invalid_argument("network reference: reference layer '" + r.name + "' is " +
                                    std::to_string(r.inputs) + "x" + std::to_string(r.outputs) +
                                    " but its layers have " +
                                    std::to_string(host.layers[l - 1].neurons.size()) + " and " +
                                    std::to_string(info.neurons.size()) + " neurons");
      if (r.inputs > (uint32_t(1) << 24))
        throw std::invalid_argument("network reference: layer '" + r.name + "' has " +
                                    std::to_string(r.inputs) +
                                    " inputs; the reference holds one step's input in 32 bits, "
                                    "which allows up to 16777216");
      layer.inputs = r.inputs;
      if (r.conv.empty()) {
        layer.weights_by_input.resize(r.weights.size());
        for (uint32_t o = 0; o < r.outputs; ++o)
          for (uint32_t i = 0; i < r.inputs; ++i)
            layer.weights_by_input[size_t(i) * r.outputs + o] = r.weights[size_t(o) * r.inputs + i];
      } else {
        const std::vector<isa::Connection> links = isa::connections(r);
        layer.first_link.assign(r.inputs + 1, 0);
        for (const isa::Connection& c : links) ++layer.first_link[c.input + 1];
        for (uint32_t i = 0; i < r.inputs; ++i) layer.first_link[i + 1] += layer.first_link[i];
        for (const isa::Connection& c : links) layer.links.push_back({c.output, c.weight});
      }
    }
    membrane_.emplace_back(info.neurons.size());
    input_.emplace_back(info.neurons.size());
    fired_.emplace_back();
    firing_.emplace_back();
    layers_.push_back(std::move(layer));
  }
}

namespace {

// What the spikes of one layer add to the next layer's soma inputs (dense),
// eight outputs at a time (GCC vector extensions; the auto-vectorizer leaves
// columns of a few dozen outputs in its scalar loop).
using simd::Int16x8;
using simd::Int32x8;
using simd::load;
using simd::store;

SPIKECORE_VECTOR_CLONES void add_columns(const std::vector<uint32_t>& fired,
                                         const int16_t* weights_by_input, size_t outputs,
                                         int32_t* input) {
  for (uint32_t i : fired) {
    const int16_t* column = weights_by_input + size_t(i) * outputs;
    size_t o = 0;
    for (; o + 8 <= outputs; o += 8) {
      store(input + o, load<Int32x8>(input + o) +
                           __builtin_convertvector(load<Int16x8>(column + o), Int32x8));
    }
    for (; o < outputs; ++o) input[o] += column[o];
  }
}

// The neuron rule over one layer, branch-free; `spiked[k]` says who fired.
SPIKECORE_VECTOR_CLONES void update_layer(size_t n, unsigned t, bool clip, int64_t* __restrict v,
                                          int32_t* __restrict input, uint8_t* __restrict spiked,
                                          const int16_t* __restrict bias,
                                          const uint8_t* __restrict pixels,
                                          const uint8_t* __restrict bias_start,
                                          const int16_t* __restrict threshold) {
  for (size_t k = 0; k < n; ++k) {
    const int64_t b = pixels != nullptr ? int64_t(pixels[k]) : int64_t(bias[k]);
    const int64_t sum = v[k] + input[k] + (t >= bias_start[k] ? b : 0);
    input[k] = 0;
    const int64_t clipped = clip ? std::min<int64_t>(std::max<int64_t>(sum, isa::kInt16Min),
                                                     isa::kInt16Max)
                                 : sum;
    const bool spike = clipped >= threshold[k];
    spiked[k] = spike;
    v[k] = clipped - (spike ? threshold[k] : 0);
  }
}

}  // namespace

void NetworkReference::run(const uint8_t* pixels, unsigned timesteps, NetworkOutcome& out) {
  const size_t depth = layers_.size();
  out.spike_counts.resize(depth);
  for (size_t l = 0; l < depth; ++l) {
    membrane_[l].assign(layers_[l].initial_potential.begin(), layers_[l].initial_potential.end());
    std::fill(input_[l].begin(), input_[l].end(), 0);
    fired_[l].clear();
    out.spike_counts[l].assign(membrane_[l].size(), 0);
  }
  for (unsigned t = 0; t < timesteps; ++t) {
    // Event and partial-sum phases: last step's spikes reach the next layer.
    for (size_t l = 1; l < depth; ++l) {
      const Layer& layer = layers_[l];
      int32_t* input = input_[l].data();
      if (!layer.weights_by_input.empty()) {
        add_columns(fired_[l - 1], layer.weights_by_input.data(), input_[l].size(), input);
        continue;
      }
      for (uint32_t i : fired_[l - 1])
        for (uint32_t k = layer.first_link[i]; k < layer.first_link[i + 1]; ++k)
          input[layer.links[k].output] += layer.links[k].weight;
    }
    // Fire phase.
    for (size_t l = 0; l < depth; ++l) {
      const Layer& layer = layers_[l];
      const size_t n = membrane_[l].size();
      spiked_.resize(n);
      update_layer(n, t, clip_membrane_, membrane_[l].data(), input_[l].data(), spiked_.data(),
                   layer.bias.data(), l == 0 ? pixels : nullptr, layer.bias_start.data(),
                   layer.threshold.data());
      // Branch-free compaction: which neurons spike is data.
      std::vector<uint32_t>& firing = firing_[l];
      firing.resize(n);
      size_t count = 0;
      for (size_t k = 0; k < n; ++k) {
        firing[count] = uint32_t(k);
        count += spiked_[k];
      }
      firing.resize(count);
      for (uint32_t k : firing)
        if (out.spike_counts[l][k] != UINT16_MAX) ++out.spike_counts[l][k];
    }
    fired_.swap(firing_);
  }
  const Layer& last = layers_.back();
  out.output_scores.resize(membrane_.back().size());
  // isa::readout_score, with a membrane that may exceed int16 when unclipped.
  for (size_t k = 0; k < out.output_scores.size(); ++k)
    out.output_scores[k] =
        int64_t(out.spike_counts.back()[k]) * last.threshold[k] + membrane_.back()[k];
  out.predicted_class = out.output_scores.empty() ? -1 : isa::argmax_lowest(out.output_scores);
}

NetworkOutcome NetworkReference::run(const uint8_t* pixels, unsigned timesteps) {
  NetworkOutcome out;
  run(pixels, timesteps, out);
  return out;
}

}  // namespace spikecore::golden
