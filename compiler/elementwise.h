// Constants applied element by element to a per-sample value (normalisation,
// BatchNorm in eval mode), as the per-element vectors of a kScaleShift node.
// Pure C++, so the import's LibTorch file stays small and this can be tested.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/ir.h"

namespace spikecore::compiler {

// `c` broadcast, with PyTorch's rules, to one sample of shape `sample`
// (the batch dimension is implied in front): one value per element, in
// row-major order. nullopt when broadcasting would fail or would enlarge the
// sample (a constant with more elements than it).
std::optional<std::vector<float>> broadcast_to_sample(const Tensor& c,
                                                      const std::vector<int64_t>& sample);

// y = x * scale + shift of BatchNorm in eval mode: scale = weight / sqrt(var +
// eps), shift = bias - mean * scale (weight, bias empty: 1 and 0). Empty
// result when the sizes disagree.
struct ScaleShift {
  std::vector<float> scale, shift;
};
ScaleShift batch_norm_as_scale_shift(const Tensor& weight, const Tensor& bias, const Tensor& mean,
                                     const Tensor& variance, double eps);

// Gives a Linear (or dense layer) without bias an explicit zero bias.
void ensure_bias(Node& linear);

// Folds y = x * scale + shift (x: the layer's inputs) into the Linear `n`
// that reads it: W[o][i] *= scale[i], b[o] += sum_i W[o][i] * shift[i].
void fold_into_inputs(Node& linear, const std::vector<float>& scale,
                      const std::vector<float>& shift);
// Folds y = x * scale + shift (x: the layer's outputs) into the Linear `n`:
// W[o][:] *= scale[o], b[o] = b[o] * scale[o] + shift[o].
void fold_into_outputs(Node& linear, const std::vector<float>& scale,
                       const std::vector<float>& shift);

}  // namespace spikecore::compiler
