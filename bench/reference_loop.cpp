#include "bench/reference_loop.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#include "common/simd.h"
#include "common/vector_clones.h"

namespace spikecore::bench {
namespace {

using simd::Int16x8;
using simd::Int16x16;
using simd::Int32x8;
using simd::Int8x16;
using simd::load;
using simd::store;

constexpr uint32_t kLanes = 8;       // neurons per vector of the neuron rule
constexpr uint32_t kChunkCols = 16;  // soma inputs per vector of a dense delivery
constexpr int32_t kNeverFires = isa::kInt16Max + 1;  // above any V the clip leaves

uint32_t padded(uint32_t n) { return (n + kChunkCols - 1) / kChunkCols * kChunkCols; }

// Rows of a conv layer: per input, its runs of consecutive outputs among the
// non-zero weights.
void build_conv_rows(const isa::ReferenceLayer& r, std::vector<uint32_t>& first_row,
                     std::vector<WeightRow>& rows, std::vector<int8_t>& weights) {
  first_row.assign(r.inputs + 1, 0);
  const std::vector<isa::Connection> links = isa::connections(r);  // inputs ascending
  size_t k = 0;
  for (uint32_t i = 0; i < r.inputs; ++i) {
    first_row[i] = uint32_t(rows.size());
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

// The neuron rule over a whole layer, eight neurons per vector: integrate,
// clip to int16, spike and reset; notes who spiked and counts it (a count
// cannot pass 65535: run() takes at most 65535 steps).
SPIKECORE_VECTOR_CLONES void update_neurons(uint32_t n, unsigned t, int32_t* __restrict v,
                                            int32_t* __restrict input, uint8_t* __restrict spiked,
                                            uint16_t* __restrict counts,
                                            const int32_t* __restrict threshold,
                                            const int32_t* __restrict bias,
                                            const int32_t* __restrict start) {
  const Int32x8 step = Int32x8{} + int32_t(t), high = Int32x8{} + isa::kInt16Max,
                low = Int32x8{} + isa::kInt16Min;
  for (uint32_t k = 0; k < n; k += kLanes) {
    const Int32x8 th = load<Int32x8>(threshold + k);
    const Int32x8 sum = load<Int32x8>(v + k) + load<Int32x8>(input + k) +
                        (load<Int32x8>(bias + k) & (step >= load<Int32x8>(start + k)));
    store(input + k, Int32x8{});
    const Int32x8 clipped = sum > high ? high : (sum < low ? low : sum);
    const Int32x8 spike = clipped >= th;  // -1 or 0 per lane
    store(v + k, clipped - (th & spike));
    const Int16x8 spike16 = __builtin_convertvector(spike & 1, Int16x8);
    store(spiked + k, simd::low_bytes(spike & 1));
    store(counts + k, load<Int16x8>(counts + k) + spike16);
  }
}

// Dense delivery into kChunks vectors of sixteen soma inputs: one row of
// weights per spike, added in int16 registers (255 rows of int8 cannot
// overflow them) and widened into the int32 inputs every 255 rows.
template <unsigned kChunks>
inline void add_rows(const uint32_t* fired, uint32_t count, const int8_t* weights,
                     uint32_t stride, int32_t* dst) {
  constexpr uint32_t kRowsPerFlush = 255;
  for (uint32_t begin = 0; begin < count; begin += kRowsPerFlush) {
    const uint32_t end = std::min(count, begin + kRowsPerFlush);
    Int16x16 acc[kChunks] = {};
    for (uint32_t s = begin; s < end; ++s) {
      const int8_t* row = weights + size_t(fired[s]) * stride;
      for (unsigned c = 0; c < kChunks; ++c)
        acc[c] += __builtin_convertvector(load<Int8x16>(row + c * kChunkCols), Int16x16);
    }
    for (unsigned c = 0; c < kChunks; ++c) {
      int32_t* d = dst + c * kChunkCols;
      const Int16x8 low = __builtin_shufflevector(acc[c], acc[c], 0, 1, 2, 3, 4, 5, 6, 7);
      const Int16x8 high = __builtin_shufflevector(acc[c], acc[c], 8, 9, 10, 11, 12, 13, 14, 15);
      store(d, load<Int32x8>(d) + __builtin_convertvector(low, Int32x8));
      store(d + 8, load<Int32x8>(d + 8) + __builtin_convertvector(high, Int32x8));
    }
  }
}

SPIKECORE_VECTOR_CLONES void add_dense_rows(const uint32_t* fired, uint32_t count,
                                            const int8_t* weights, uint32_t stride,
                                            int32_t* dst) {
  const uint32_t chunks = stride / kChunkCols;
  uint32_t c = 0;
  for (; c + 4 <= chunks; c += 4)
    add_rows<4>(fired, count, weights + c * kChunkCols, stride, dst + c * kChunkCols);
  switch (chunks - c) {
    case 3: add_rows<3>(fired, count, weights + c * kChunkCols, stride, dst + c * kChunkCols); break;
    case 2: add_rows<2>(fired, count, weights + c * kChunkCols, stride, dst + c * kChunkCols); break;
    case 1: add_rows<1>(fired, count, weights + c * kChunkCols, stride, dst + c * kChunkCols); break;
    default: break;
  }
}

SPIKECORE_VECTOR_CLONES uint64_t add_conv_rows(const uint32_t* fired, uint32_t count,
                                               const uint32_t* first_row, const WeightRow* rows,
                                               const int8_t* weights, int32_t* next) {
  uint64_t events = 0;
  for (uint32_t s = 0; s < count; ++s) {
    const uint32_t i = fired[s];
    for (uint32_t r = first_row[i]; r < first_row[i + 1]; ++r) {
      int32_t* __restrict dst = next + rows[r].output_begin;
      const int8_t* __restrict w = weights + rows[r].weight_begin;
      for (uint32_t o = 0; o < rows[r].count; ++o) dst[o] += w[o];
      events += rows[r].count;
    }
  }
  return events;
}

}  // namespace

ReferenceLoop::ReferenceLoop(const isa::ChipConfig& chip) {
  const isa::HostConfig& host = chip.host;
  if (host.layers.size() < 2 || host.reference.size() + 1 != host.layers.size())
    throw std::invalid_argument("reference loop: the image has no layer table (" +
                                std::to_string(host.layers.size()) + " layers, " +
                                std::to_string(host.reference.size()) + " reference layers)");
  for (const isa::LayerInfo& map : host.layers) {
    Layer layer;
    layer.size = uint32_t(map.neurons.size());
    layer.padded = padded(layer.size);
    layer.threshold.assign(layer.padded, kNeverFires);
    layer.bias.assign(layer.padded, 0);
    layer.bias_start.assign(layer.padded, 0);
    layer.initial_potential.assign(layer.padded, 0);
    for (uint32_t k = 0; k < layer.size; ++k) {
      const isa::NeuronParams& p = chip.cores.at(map.neurons[k].core).neurons.at(map.neurons[k].slot);
      layer.threshold[k] = p.threshold;
      layer.bias[k] = p.bias;
      layer.bias_start[k] = p.bias_start;
      layer.initial_potential[k] = p.initial_potential;
    }
    layer.membrane.assign(layer.padded, 0);
    layer.input.assign(layer.padded, 0);
    layer.counts.assign(layer.padded, 0);
    layer.spiked.assign(layer.padded, 0);
    layer.fired.assign(layer.padded, 0);
    layers_.push_back(std::move(layer));
  }
  // Layer l's rows say what a spike of layer l adds to layer l + 1.
  for (size_t l = 0; l + 1 < layers_.size(); ++l) {
    const isa::ReferenceLayer& r = host.reference[l];
    Layer& layer = layers_[l];
    if (r.inputs != layer.size || r.outputs != layers_[l + 1].size)
      throw std::invalid_argument("reference loop: reference layer '" + r.name + "' is " +
                                  std::to_string(r.inputs) + " -> " + std::to_string(r.outputs) +
                                  ", its mapped layers hold " + std::to_string(layer.size) +
                                  " and " + std::to_string(layers_[l + 1].size) + " neurons");
    if (!r.conv.empty()) {
      build_conv_rows(r, layer.first_row, layer.rows, layer.weights);
      continue;
    }
    layer.dense = true;
    layer.row_outputs = r.outputs;
    layer.row_stride = layers_[l + 1].padded;
    layer.weights.assign(size_t(r.inputs) * layer.row_stride, 0);
    for (uint32_t o = 0; o < r.outputs; ++o)
      for (uint32_t i = 0; i < r.inputs; ++i)
        layer.weights[size_t(i) * layer.row_stride + o] = r.weights[size_t(o) * r.inputs + i];
  }
}

void ReferenceLoop::fire(Layer& layer, unsigned t) {
  update_neurons(layer.padded, t, layer.membrane.data(), layer.input.data(), layer.spiked.data(),
                 layer.counts.data(), layer.threshold.data(), layer.bias.data(),
                 layer.bias_start.data());
  // Sixty-four neurons' flags (0 or 1 per byte) packed into one word of bits,
  // branch-free, then one loop over the set bits: a loop per eight neurons
  // mispredicts its exit eight times as often.
  const uint8_t* spiked = layer.spiked.data();
  uint32_t* fired = layer.fired.data();
  uint32_t count = 0;
  for (uint32_t base = 0; base < layer.padded; base += 64) {
    uint64_t bits = 0;
    for (uint32_t k = 0; k < 64 && base + k < layer.padded; k += 8)
      bits |= ((load<uint64_t>(spiked + base + k) * 0x0102040810204080ull) >> 56) << k;
    for (; bits != 0; bits &= bits - 1) fired[count++] = base + unsigned(__builtin_ctzll(bits));
  }
  layer.fired_count = count;
}

uint64_t ReferenceLoop::deliver(const Layer& layer, int32_t* next) const {
  if (!layer.dense)
    return add_conv_rows(layer.fired.data(), layer.fired_count, layer.first_row.data(),
                         layer.rows.data(), layer.weights.data(), next);
  add_dense_rows(layer.fired.data(), layer.fired_count, layer.weights.data(), layer.row_stride, next);
  return uint64_t(layer.fired_count) * layer.row_outputs;
}

void ReferenceLoop::run(const uint8_t* pixels, unsigned timesteps, ReferenceLoopOutcome& out) {
  if (timesteps > UINT16_MAX)  // the spike counts are uint16 and do not saturate
    throw std::invalid_argument("reference loop: T = " + std::to_string(timesteps) +
                                " is more than 65535 steps");
  const size_t depth = layers_.size();
  out.synaptic_events = 0;
  for (Layer& layer : layers_) {
    std::copy(layer.initial_potential.begin(), layer.initial_potential.end(), layer.membrane.begin());
    std::fill(layer.input.begin(), layer.input.end(), 0);
    std::fill(layer.counts.begin(), layer.counts.end(), 0);
  }
  std::copy(pixels, pixels + layers_[0].size, layers_[0].bias.begin());  // the host's write
  for (unsigned t = 0; t < timesteps; ++t) {
    // Deepest layer first: a layer's spikes go straight into the next layer's
    // input, which that layer has already consumed in this step (so they act
    // in step t + 1, as on the chip).
    for (size_t l = depth; l-- > 0;) {
      Layer& layer = layers_[l];
      fire(layer, t);
      if (l + 1 == depth || t + 1 == timesteps) continue;
      out.synaptic_events += deliver(layer, layers_[l + 1].input.data());
    }
  }
  out.spike_counts.resize(depth);
  for (size_t l = 0; l < depth; ++l)
    out.spike_counts[l].assign(layers_[l].counts.begin(), layers_[l].counts.begin() + layers_[l].size);
  const Layer& last = layers_.back();
  out.output_scores.resize(last.size);
  for (size_t k = 0; k < last.size; ++k)
    out.output_scores[k] = int64_t(last.counts[k]) * last.threshold[k] + last.membrane[k];
  out.predicted_class = out.output_scores.empty() ? -1 : isa::argmax_lowest(out.output_scores);
}

}  // namespace spikecore::bench
