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
