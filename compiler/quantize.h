// Per-layer symmetric int8 quantization with data-based threshold balancing
// (docs/compiler.md, "Quantization"). Pure functions over tensors, so they
// can be tested on known values; the quantize pass feeds them calibration data.
#pragma once

#include <string>
#include <vector>

#include "compiler/ir.h"
#include "isa/chip_config.h"

namespace spikecore::compiler {

// The p-th percentile (0..100) of `values` with linear interpolation between
// order statistics (numpy's default); 0 for an empty set.
double percentile(std::vector<float> values, double p);

// Which weights set a layer's scale. A weight on an input that never fired on
// the calibration data (an always-blank pixel, a dead neuron) cannot change a
// calibration result, so it does not: one outlier there (1e6 on a corner
// pixel) would otherwise round every other weight to 0. Such weights are
// clipped to +-127 (counted in clipped_weights).
struct ScaleRule {
  std::vector<bool> active_inputs;  // per input; empty: every input counts
  double weight_percentile = 100.0;  // of |W'| over counted weights; 100: the maximum
};

// Quantizes one dense layer whose inputs are rates r in [0, 1] standing for
// activations r * input_lambda, and whose outputs are balanced to `lambda`:
//   W' = W * input_lambda, s = P(|W'| of counted weights) / 127 (P: the rule's
//   percentile, the maximum by default), w = round(W' / s) clipped to -127..127,
//   bias = round(b / s) (int16, clipped), threshold = round(lambda / s) >= 1.
// When lambda / s would not fit int16, s grows until it does (counted in
// threshold_clipped). `depth` is stored as the layer's bias_start.
QuantParams quantize_layer(const Tensor& weight, const Tensor& bias, double input_lambda,
                           double lambda, unsigned depth, const ScaleRule& rule = {});

// How a layer's scale relates to its weights, for the warning that names the
// layer when the int8 reference is far from float.
struct ScaleDiagnosis {
  double largest = 0;           // max |W'| over every weight
  size_t largest_row = 0, largest_column = 0;
  double p999 = 0;              // 99.9th percentile of |W'|
  double zero_fraction = 0;     // share of nonzero float weights quantized to 0
};
ScaleDiagnosis diagnose_scale(const Tensor& weight, double input_lambda, const QuantParams& q);

// The integer reference layer (isa::ReferenceLayer) of a quantized layer
// (dense, or conv with its geometry).
isa::ReferenceLayer reference_layer(const std::string& name, const Tensor& weight,
                                    const QuantParams& q, const isa::ConvGeometry& conv = {});
// The same for a quantized layer of a graph's chain.
isa::ReferenceLayer reference_layer(const Graph& graph, const Node& layer);

}  // namespace spikecore::compiler
