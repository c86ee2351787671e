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

// Quantizes one dense layer whose inputs are rates r in [0, 1] standing for
// activations r * input_lambda, and whose outputs are balanced to `lambda`:
//   W' = W * input_lambda, s = max|W'| / 127, w = round(W' / s) in -127..127,
//   bias = round(b / s) (int16, clipped), threshold = round(lambda / s) >= 1.
// When lambda / s would not fit int16, s grows until it does (counted in
// threshold_clipped). `depth` is stored as the layer's bias_start.
QuantParams quantize_layer(const Tensor& weight, const Tensor& bias, double input_lambda,
                           double lambda, unsigned depth);

// The integer reference layer (isa::ReferenceLayer) of a quantized layer.
isa::ReferenceLayer reference_layer(const std::string& name, const Tensor& weight,
                                    const QuantParams& q);

}  // namespace spikecore::compiler
