// The quantizer on known tensors (expected values worked out by hand).
#include <gtest/gtest.h>

#include "compiler/quantize.h"

namespace spikecore::compiler {
namespace {

Tensor tensor(std::vector<int64_t> shape, std::vector<float> data) {
  Tensor t;
  t.shape = std::move(shape);
  t.data = std::move(data);
  return t;
}

TEST(Percentile, InterpolatesBetweenOrderStatistics) {
  // 0..100: the p-th percentile is p itself.
  std::vector<float> v;
  for (int i = 100; i >= 0; --i) v.push_back(float(i));
  EXPECT_DOUBLE_EQ(percentile(v, 0), 0.0);
  EXPECT_DOUBLE_EQ(percentile(v, 50), 50.0);
  EXPECT_DOUBLE_EQ(percentile(v, 99.5), 99.5);
  EXPECT_DOUBLE_EQ(percentile(v, 100), 100.0);
  // {1, 2, 3, 4}: p = 50 sits halfway between 2 and 3 (position 1.5).
  EXPECT_DOUBLE_EQ(percentile({4, 1, 3, 2}, 50), 2.5);
  EXPECT_DOUBLE_EQ(percentile({}, 99.9), 0.0);
}

TEST(QuantizeLayer, BalancesThresholdAndScalesBias) {
  // W' = W * input_lambda(2) = [[1, -0.5], [2, 0]]; max |W'| = 2, s = 2 / 127.
  const Tensor w = tensor({2, 2}, {0.5f, -0.25f, 1.0f, 0.0f});
  const Tensor b = tensor({2}, {0.1f, -0.2f});
  const QuantParams q = quantize_layer(w, b, 2.0, 3.0, 1);
  EXPECT_NEAR(q.scale, 2.0 / 127, 1e-12);
  // 1/s = 63.5 -> 64 (round half away from zero), -0.5/s = -31.75 -> -32, 2/s = 127.
  EXPECT_EQ(q.weights, (std::vector<int8_t>{64, -32, 127, 0}));
  // 0.1/s = 6.35 -> 6; -0.2/s = -12.7 -> -13.
  EXPECT_EQ(q.bias, (std::vector<int16_t>{6, -13}));
  // lambda / s = 3 * 127 / 2 = 190.5 -> 191.
  EXPECT_EQ(q.threshold, 191);
  EXPECT_EQ(q.depth, 1u);
  EXPECT_EQ(q.clipped_weights, 0u);
  EXPECT_EQ(q.clipped_biases, 0u);
  EXPECT_EQ(q.threshold_clipped, 0u);
}

TEST(QuantizeLayer, ClipsHugeBiasesAndCountsThem) {
  // s = 1 / 127; a bias of 300 would be 38100 > 32767.
  const Tensor w = tensor({2, 1}, {1.0f, 0.5f});
  const Tensor b = tensor({2}, {300.0f, -300.0f});
  const QuantParams q = quantize_layer(w, b, 1.0, 1.0, 2);
  EXPECT_EQ(q.bias, (std::vector<int16_t>{32767, -32768}));
  EXPECT_EQ(q.clipped_biases, 2u);
  EXPECT_EQ(q.threshold, 127);
}

TEST(QuantizeLayer, RaisesScaleWhenThresholdWouldOverflow) {
  // Tiny weights, big lambda: lambda / (max|W| / 127) = 1000 * 127 / 0.001 >> 32767.
  const Tensor w = tensor({1, 2}, {0.001f, -0.0005f});
  const Tensor b = tensor({1}, {0.0f});
  const QuantParams q = quantize_layer(w, b, 1.0, 1000.0, 1);
  EXPECT_EQ(q.threshold_clipped, 1u);
  EXPECT_EQ(q.threshold, 32767);
  EXPECT_NEAR(q.scale, 1000.0 / 32767, 1e-9);
  // The weights lose resolution: 0.001 / (1000 / 32767) = 0.0328 -> 0.
  EXPECT_EQ(q.weights, (std::vector<int8_t>{0, 0}));
}

TEST(QuantizeLayer, ThresholdIsAtLeastOne) {
  const Tensor w = tensor({1, 1}, {1.0f});
  const QuantParams q = quantize_layer(w, tensor({1}, {0.0f}), 1.0, 1e-6, 1);
  EXPECT_EQ(q.threshold, 1);
}

TEST(QuantizeLayer, WeightsOnInputsNeverActiveDoNotSetTheScale) {
  // Input 1 never fired in calibration: its 1e6 outlier is clipped to 127
  // instead of rounding every other weight to 0 (max |W'| on input 0 is 2).
  const Tensor w = tensor({2, 2}, {1.0f, 1e6f, 2.0f, -0.5f});
  ScaleRule rule;
  rule.active_inputs = {true, false};
  const QuantParams q = quantize_layer(w, tensor({2}, {0.0f, 0.0f}), 1.0, 1.0, 1, rule);
  EXPECT_NEAR(q.scale, 2.0 / 127, 1e-12);
  EXPECT_EQ(q.weights, (std::vector<int8_t>{64, 127, 127, -32}));
  EXPECT_EQ(q.clipped_weights, 1u);
  // Without the rule the outlier sets the scale and the rest round to 0.
  const QuantParams plain = quantize_layer(w, tensor({2}, {0.0f, 0.0f}), 1.0, 1.0, 1);
  EXPECT_EQ(plain.weights, (std::vector<int8_t>{0, 127, 0, 0}));
}

TEST(QuantizeLayer, WeightPercentileClipsOutliersOnActiveInputs) {
  // |W| = 0..100 and one 1e4: the 99th percentile of the 102 values is 100.
  std::vector<float> data;
  for (int i = 0; i <= 100; ++i) data.push_back(float(i));
  data.push_back(1e4f);
  ScaleRule rule;
  rule.weight_percentile = 99.0;
  const QuantParams q = quantize_layer(tensor({1, 102}, data), tensor({1}, {0.0f}), 1.0, 1.0, 1, rule);
  EXPECT_NEAR(q.scale, percentile(data, 99.0) / 127, 1e-9);
  EXPECT_EQ(q.weights.back(), 127);
  EXPECT_GE(q.clipped_weights, 1u);
}

TEST(DiagnoseScale, FindsTheWeightThatSetsTheScale) {
  std::vector<float> data(1000, 0.01f);
  data[737] = 1000.0f;  // row 1, column 237 of a 2 x 500 layer
  const Tensor w = tensor({2, 500}, data);
  const QuantParams q = quantize_layer(w, tensor({2}, {0.0f, 0.0f}), 1.0, 1.0, 1);
  const ScaleDiagnosis d = diagnose_scale(w, 1.0, q);
  EXPECT_EQ(d.largest_row, 1u);
  EXPECT_EQ(d.largest_column, 237u);
  EXPECT_FLOAT_EQ(float(d.largest), 1000.0f);
  EXPECT_GT(d.largest / d.p999, 500.0);
  EXPECT_GT(d.zero_fraction, 0.99);  // 0.01 / (1000 / 127) rounds to 0
}

TEST(ReferenceLayer, CarriesShapeWeightsBiasAndThreshold) {
  const Tensor w = tensor({2, 3}, {1, 0, -1, 0.5f, 0.25f, 0});
  const QuantParams q = quantize_layer(w, tensor({2}, {0, 0}), 1.0, 2.0, 1);
  const isa::ReferenceLayer r = reference_layer("fc1", w, q);
  EXPECT_EQ(r.name, "fc1");
  EXPECT_EQ(r.inputs, 3u);
  EXPECT_EQ(r.outputs, 2u);
  EXPECT_EQ(r.weights, (std::vector<int8_t>{127, 0, -127, 64, 32, 0}));
  EXPECT_EQ(r.threshold, 254);
}

}  // namespace
}  // namespace spikecore::compiler
