#include "compiler/elementwise.h"

#include <cmath>

namespace spikecore::compiler {

std::optional<std::vector<float>> broadcast_to_sample(const Tensor& c,
                                                      const std::vector<int64_t>& sample) {
  std::vector<int64_t> full{1};  // the batch dimension
  full.insert(full.end(), sample.begin(), sample.end());
  if (c.shape.size() > full.size()) return std::nullopt;
  // c's dimensions, right-aligned to full's; 1 where c has none.
  std::vector<int64_t> dims(full.size() - c.shape.size(), 1);
  dims.insert(dims.end(), c.shape.begin(), c.shape.end());
  int64_t elements = 1;
  for (size_t d = 0; d < full.size(); ++d) {
    if (dims[d] != 1 && dims[d] != full[d]) return std::nullopt;
    elements *= full[d];
  }
  std::vector<float> out(static_cast<size_t>(elements));
  for (int64_t flat = 0; flat < elements; ++flat) {
    int64_t rest = flat, index = 0, stride = 1;
    for (size_t d = full.size(); d-- > 0;) {
      const int64_t coordinate = rest % full[d];
      rest /= full[d];
      if (dims[d] != 1) index += coordinate * stride;
      stride *= dims[d];
    }
    out[size_t(flat)] = c.data.at(size_t(index));
  }
  return out;
}

ScaleShift batch_norm_as_scale_shift(const Tensor& weight, const Tensor& bias, const Tensor& mean,
                                     const Tensor& variance, double eps) {
  const size_t n = mean.data.size();
  if (variance.data.size() != n || (!weight.empty() && weight.data.size() != n) ||
      (!bias.empty() && bias.data.size() != n))
    return {};
  ScaleShift s;
  for (size_t i = 0; i < n; ++i) {
    const double w = weight.empty() ? 1.0 : weight.data[i];
    const double b = bias.empty() ? 0.0 : bias.data[i];
    const double scale = w / std::sqrt(double(variance.data[i]) + eps);
    s.scale.push_back(float(scale));
    s.shift.push_back(float(b - double(mean.data[i]) * scale));
  }
  return s;
}

void ensure_bias(Node& linear) {
  if (!linear.bias.empty()) return;
  const size_t out = size_t(linear.weight.dim(0));
  linear.bias.shape = {int64_t(out)};
  linear.bias.data.assign(out, 0.0f);
}

void fold_into_inputs(Node& linear, const std::vector<float>& scale,
                      const std::vector<float>& shift) {
  const size_t out = size_t(linear.weight.dim(0)), in = size_t(linear.weight.dim(1));
  ensure_bias(linear);
  for (size_t o = 0; o < out; ++o) {
    float* w = linear.weight.data.data() + o * in;
    double added = 0;
    for (size_t i = 0; i < in; ++i) {
      added += double(w[i]) * shift[i];
      w[i] *= scale[i];
    }
    linear.bias.data[o] = float(linear.bias.data[o] + added);
  }
}

void fold_into_outputs(Node& linear, const std::vector<float>& scale,
                       const std::vector<float>& shift) {
  const size_t out = size_t(linear.weight.dim(0)), in = size_t(linear.weight.dim(1));
  ensure_bias(linear);
  for (size_t o = 0; o < out; ++o) {
    float* w = linear.weight.data.data() + o * in;
    for (size_t i = 0; i < in; ++i) w[i] *= scale[o];
    linear.bias.data[o] = linear.bias.data[o] * scale[o] + shift[o];
  }
}

}  // namespace spikecore::compiler
