#include "compiler/quantize.h"

#include <algorithm>
#include <cmath>

#include "isa/isa.h"

namespace spikecore::compiler {

double percentile(std::vector<float> values, double p) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const double pos = std::clamp(p, 0.0, 100.0) / 100.0 * double(values.size() - 1);
  const size_t lo = size_t(std::floor(pos));
  const size_t hi = std::min(lo + 1, values.size() - 1);
  const double frac = pos - double(lo);
  return double(values[lo]) * (1.0 - frac) + double(values[hi]) * frac;
}

namespace {

// |W'| of the weights that set the scale (every weight when no input counts).
std::vector<float> counted_magnitudes(const Tensor& weight, double input_lambda,
                                      const std::vector<bool>& active) {
  const size_t inputs = size_t(weight.dim(1));
  std::vector<float> all, counted;
  for (size_t k = 0; k < weight.data.size(); ++k) {
    const float m = float(std::fabs(double(weight.data[k]) * input_lambda));
    all.push_back(m);
    if (active.empty() || active[k % inputs]) counted.push_back(m);
  }
  return counted.empty() ? all : counted;
}

}  // namespace

QuantParams quantize_layer(const Tensor& weight, const Tensor& bias, double input_lambda,
                           double lambda, unsigned depth, const ScaleRule& rule) {
  QuantParams q;
  q.depth = depth;
  q.input_lambda = input_lambda;
  q.lambda = lambda;
  const std::vector<float> counted =
      counted_magnitudes(weight, input_lambda, rule.active_inputs);
  const double max_abs = percentile(counted, rule.weight_percentile);  // 100: the maximum
  // An all-zero layer still needs a valid scale; any positive value works.
  q.scale = max_abs > 0 ? max_abs / isa::kWeightMax : (lambda > 0 ? lambda : 1.0);
  if (lambda > 0 && lambda / q.scale > isa::kInt16Max) {
    q.scale = lambda / isa::kInt16Max;
    q.threshold_clipped = 1;
  }
  q.weights.resize(weight.data.size());
  for (size_t i = 0; i < weight.data.size(); ++i) {
    const double v = std::round(double(weight.data[i]) * input_lambda / q.scale);
    if (v > isa::kWeightMax || v < isa::kWeightMin) ++q.clipped_weights;
    q.weights[i] = int8_t(std::clamp<double>(v, isa::kWeightMin, isa::kWeightMax));
  }
  q.bias.resize(bias.data.size());
  for (size_t i = 0; i < bias.data.size(); ++i) {
    const double v = std::round(double(bias.data[i]) / q.scale);
    if (v > isa::kInt16Max || v < isa::kInt16Min) ++q.clipped_biases;
    q.bias[i] = int16_t(std::clamp<double>(v, isa::kInt16Min, isa::kInt16Max));
  }
  const double t = std::round(lambda / q.scale);
  q.threshold = int16_t(std::clamp<double>(t, 1.0, isa::kInt16Max));
  return q;
}

ScaleDiagnosis diagnose_scale(const Tensor& weight, double input_lambda, const QuantParams& q) {
  ScaleDiagnosis d;
  const size_t inputs = size_t(weight.dim(1));
  std::vector<float> magnitudes;
  size_t nonzero = 0, zeroed = 0;
  for (size_t k = 0; k < weight.data.size(); ++k) {
    const double m = std::fabs(double(weight.data[k]) * input_lambda);
    magnitudes.push_back(float(m));
    if (m > d.largest) {
      d.largest = m;
      d.largest_row = k / inputs;
      d.largest_column = k % inputs;
    }
    if (weight.data[k] != 0) {
      ++nonzero;
      zeroed += q.weights[k] == 0;
    }
  }
  d.p999 = percentile(magnitudes, 99.9);
  d.zero_fraction = nonzero ? double(zeroed) / double(nonzero) : 0.0;
  return d;
}

isa::ReferenceLayer reference_layer(const std::string& name, const Tensor& weight,
                                    const QuantParams& q, const isa::ConvGeometry& conv) {
  isa::ReferenceLayer r;
  r.name = name;
  r.outputs = conv.empty() ? uint32_t(weight.dim(0)) : uint32_t(conv.out_c) * conv.out_h * conv.out_w;
  r.inputs = conv.empty() ? uint32_t(weight.dim(1)) : uint32_t(conv.in_c) * conv.in_h * conv.in_w;
  r.weights = q.weights;
  r.bias = q.bias;
  r.threshold = q.threshold;
  r.conv = conv;
  return r;
}

isa::ReferenceLayer reference_layer(const Graph& graph, const Node& layer) {
  return reference_layer(layer.layer.empty() ? layer.name : layer.layer, layer.weight, *layer.quant,
                         graph.conv_geometry(layer));
}

}  // namespace spikecore::compiler
