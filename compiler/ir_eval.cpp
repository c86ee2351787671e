#include "compiler/ir_eval.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "compiler/diagnostics.h"

namespace spikecore::compiler {
namespace {

std::vector<float> linear(const Node& n, const std::vector<float>& x) {
  const size_t out = size_t(n.weight.dim(0)), in = size_t(n.weight.dim(1));
  if (x.size() != in)
    throw CompileError({error_at(n, "evaluation: expected " + std::to_string(in) +
                                        " inputs, got " + std::to_string(x.size()))});
  std::vector<float> y(out);
  for (size_t o = 0; o < out; ++o) {
    const float* w = n.weight.data.data() + o * in;
    double acc = n.bias.empty() ? 0.0 : n.bias.data[o];
    for (size_t i = 0; i < in; ++i) acc += double(w[i]) * x[i];
    y[o] = float(acc);
  }
  return y;
}

// x: [C, H, W] of the node's input, flattened; y: [OC, OH, OW] (n.shape).
std::vector<float> conv2d(const Node& n, const std::vector<int64_t>& in_shape,
                          const std::vector<float>& x) {
  const Window& w = *n.window;
  const int64_t ic = in_shape[0], h = in_shape[1], wd = in_shape[2];
  const int64_t oc = n.shape[0], oh = n.shape[1], ow = n.shape[2];
  const int64_t ic_per_group = ic / w.groups, oc_per_group = oc / w.groups;
  // One bias per channel, or one per output (a folded input normalisation).
  const bool per_output = n.bias.data.size() == size_t(oc * oh * ow);
  std::vector<float> y(size_t(oc * oh * ow));
  for (int64_t o = 0; o < oc; ++o) {
    const int64_t first_in = o / oc_per_group * ic_per_group;
    for (int64_t oy = 0; oy < oh; ++oy)
      for (int64_t ox = 0; ox < ow; ++ox) {
        double acc = n.bias.empty() ? 0.0
                     : n.bias.data[size_t(per_output ? (o * oh + oy) * ow + ox : o)];
        for (int64_t c = 0; c < ic_per_group; ++c)
          for (int64_t ky = 0; ky < w.kernel_h; ++ky) {
            const int64_t iy = oy * w.stride_h - w.pad_h + ky;
            if (iy < 0 || iy >= h) continue;
            for (int64_t kx = 0; kx < w.kernel_w; ++kx) {
              const int64_t ix = ox * w.stride_w - w.pad_w + kx;
              if (ix < 0 || ix >= wd) continue;
              const float weight =
                  n.weight.data[size_t(((o * ic_per_group + c) * w.kernel_h + ky) * w.kernel_w + kx)];
              acc += double(weight) * x[size_t(((first_in + c) * h + iy) * wd + ix)];
            }
          }
        y[size_t((o * oh + oy) * ow + ox)] = float(acc);
      }
  }
  return y;
}

std::vector<float> avg_pool2d(const Node& n, const std::vector<int64_t>& in_shape,
                              const std::vector<float>& x) {
  const Window& w = *n.window;
  const int64_t c = in_shape[0], h = in_shape[1], wd = in_shape[2];
  const int64_t oh = n.shape[1], ow = n.shape[2];
  std::vector<float> y(size_t(c * oh * ow));
  for (int64_t ch = 0; ch < c; ++ch)
    for (int64_t oy = 0; oy < oh; ++oy)
      for (int64_t ox = 0; ox < ow; ++ox) {
        double sum = 0.0;
        int64_t inside = 0;
        for (int64_t ky = 0; ky < w.kernel_h; ++ky)
          for (int64_t kx = 0; kx < w.kernel_w; ++kx) {
            const int64_t iy = oy * w.stride_h - w.pad_h + ky, ix = ox * w.stride_w - w.pad_w + kx;
            if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
            sum += x[size_t((ch * h + iy) * wd + ix)];
            ++inside;
          }
        const int64_t divisor = w.count_include_pad ? w.kernel_h * w.kernel_w : inside;
        y[size_t((ch * oh + oy) * ow + ox)] = float(sum / double(divisor));
      }
  return y;
}

// max(v, 0), and min(., ceiling) for ReLU6 / Hardtanh(0, c) / clamp(0, c).
void relu(const Node& n, std::vector<float>& y) {
  const float ceiling = n.ceiling ? float(*n.ceiling) : INFINITY;
  for (float& v : y) v = std::min(std::max(v, 0.0f), ceiling);
}

}  // namespace

int argmax_lowest(const std::vector<float>& scores) {
  int best = 0;
  for (size_t k = 1; k < scores.size(); ++k)
    if (scores[k] > scores[size_t(best)]) best = int(k);
  return best;
}

std::vector<float> evaluate_float(const Graph& graph, const uint8_t* pixels,
                                  std::vector<std::vector<float>>* pre_activations) {
  std::map<int, std::vector<float>> values;
  if (pre_activations) pre_activations->clear();
  auto operand = [&](const Node& n, size_t i) -> const std::vector<float>& {
    return values.at(n.inputs.at(i));
  };
  for (const Node& n : graph.nodes) {
    switch (n.kind) {
      case OpKind::kInput: {
        std::vector<float> x(28 * 28);
        for (size_t i = 0; i < x.size(); ++i) x[i] = float(pixels[i]) / 255.0f;
        values[n.id] = std::move(x);
        break;
      }
      case OpKind::kFlatten:
      case OpKind::kReshape:
      case OpKind::kIdentity:
      case OpKind::kHostFlatten:
      case OpKind::kHostEncode:
        values[n.id] = operand(n, 0);
        break;
      case OpKind::kRelu: {
        std::vector<float> y = operand(n, 0);
        relu(n, y);
        values[n.id] = std::move(y);
        break;
      }
      case OpKind::kScaleShift: {
        std::vector<float> y = operand(n, 0);
        for (size_t i = 0; i < y.size() && i < n.weight.data.size(); ++i)
          y[i] = y[i] * n.weight.data[i] + n.bias.data[i];
        values[n.id] = std::move(y);
        break;
      }
      case OpKind::kAddConst: {
        std::vector<float> y = operand(n, 0);
        for (size_t i = 0; i < y.size() && i < n.bias.data.size(); ++i) y[i] += n.bias.data[i];
        values[n.id] = std::move(y);
        break;
      }
      case OpKind::kMatMul: {
        const std::vector<float>& x = operand(n, 0);
        const size_t in = size_t(n.weight.dim(0)), out = size_t(n.weight.dim(1));
        std::vector<float> y(out, 0.0f);
        for (size_t i = 0; i < in && i < x.size(); ++i)
          for (size_t o = 0; o < out; ++o) y[o] += x[i] * n.weight.data[i * out + o];
        values[n.id] = std::move(y);
        break;
      }
      case OpKind::kLinear:
      case OpKind::kDenseBias:
      case OpKind::kDenseRelu: {
        std::vector<float> y = linear(n, operand(n, 0));
        if (pre_activations) pre_activations->push_back(y);
        if (n.kind == OpKind::kDenseRelu) relu(n, y);
        values[n.id] = std::move(y);
        break;
      }
      case OpKind::kConv2d:
      case OpKind::kConvRelu: {
        std::vector<float> y = conv2d(n, graph.find(n.inputs.at(0))->shape, operand(n, 0));
        if (pre_activations && n.is_layer()) pre_activations->push_back(y);
        if (n.kind == OpKind::kConvRelu) relu(n, y);
        values[n.id] = std::move(y);
        break;
      }
      case OpKind::kAvgPool2d: {
        std::vector<float> y = avg_pool2d(n, graph.find(n.inputs.at(0))->shape, operand(n, 0));
        if (pre_activations && n.is_layer()) pre_activations->push_back(y);
        values[n.id] = std::move(y);
        break;
      }
      case OpKind::kSpikeCoreCall:
        values[n.id] = values.at(n.result);
        break;
      case OpKind::kHostReadout:
        values[n.id] = operand(n, 0);
        break;
      case OpKind::kUnsupported:
        throw CompileError({error_at(n, "cannot evaluate unsupported operation " + n.op)});
    }
  }
  return values.at(graph.output);
}

}  // namespace spikecore::compiler
