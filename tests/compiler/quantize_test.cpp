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
