// The folds of compiler/conv_folds.h compute what the nodes they replace
// computed: a graph evaluated before and after canonicalize gives the same
// scores, on random images, for padded and unpadded, strided convolutions.
#include <gtest/gtest.h>

#include <random>

#include "compiler/ir_eval.h"
#include "compiler/pipeline.h"

namespace spikecore::compiler {
namespace {

struct FoldCase {
  int64_t kernel, stride, pad, channels, pool;  // pool 0: no pooling
};

Node windowed(OpKind kind, const std::string& name, int prev, std::vector<int64_t> shape,
              int64_t kernel, int64_t stride, int64_t pad) {
  Node n;
  n.kind = kind;
  n.name = name;
  n.layer = name;
  n.inputs = {prev};
  n.shape = std::move(shape);
  Window w;
  w.kernel_h = w.kernel_w = kernel;
  w.stride_h = w.stride_w = stride;
  w.pad_h = w.pad_w = pad;
  n.window = w;
  return n;
}

// input -> x * 3.2 - 0.4 -> conv -> [avg_pool] -> relu -> flatten -> linear(10)
Graph folded_candidate(const FoldCase& c, std::mt19937& rng) {
  std::normal_distribution<float> normal(0.0f, 0.3f);
  Graph g;
  Node input;
  input.kind = OpKind::kInput;
  input.name = "input";
  input.shape = {1, 28, 28};
  int prev = g.add(input).id;
  Node norm;
  norm.kind = OpKind::kScaleShift;
  norm.name = "norm";
  norm.inputs = {prev};
  norm.shape = {1, 28, 28};
  norm.weight.shape = norm.bias.shape = {1, 28, 28};
  norm.weight.data.assign(784, 3.2f);
  norm.bias.data.assign(784, -0.4f);
  prev = g.add(norm).id;
  const int64_t side = Window::out_size(28, c.kernel, c.stride, c.pad);
  Node conv = windowed(OpKind::kConv2d, "conv", prev, {c.channels, side, side}, c.kernel,
                       c.stride, c.pad);
  conv.weight.shape = {c.channels, 1, c.kernel, c.kernel};
  for (int64_t i = 0; i < c.channels * c.kernel * c.kernel; ++i) conv.weight.data.push_back(normal(rng));
  conv.bias.shape = {c.channels};
  for (int64_t i = 0; i < c.channels; ++i) conv.bias.data.push_back(normal(rng));
  prev = g.add(conv).id;
  int64_t out_side = side;
  if (c.pool) {
    out_side = Window::out_size(side, c.pool, c.pool, 0);
    prev = g.add(windowed(OpKind::kAvgPool2d, "pool", prev, {c.channels, out_side, out_side},
                          c.pool, c.pool, 0))
               .id;
  }
  Node relu;
  relu.kind = OpKind::kRelu;
  relu.name = "relu";
  relu.inputs = {prev};
  relu.shape = {c.channels, out_side, out_side};
  prev = g.add(relu).id;
  const int64_t flat = c.channels * out_side * out_side;
  Node flatten;
  flatten.kind = OpKind::kFlatten;
  flatten.name = "flat";
  flatten.inputs = {prev};
  flatten.shape = {flat};
  prev = g.add(flatten).id;
  Node fc;
  fc.kind = OpKind::kLinear;
  fc.name = fc.layer = "fc";
  fc.inputs = {prev};
  fc.shape = {10};
  fc.weight.shape = {10, flat};
  for (int64_t i = 0; i < 10 * flat; ++i) fc.weight.data.push_back(normal(rng));
  g.output = g.add(fc).id;
  return g;
}

class ConvFoldTest : public ::testing::TestWithParam<FoldCase> {};

TEST_P(ConvFoldTest, CanonicalizedGraphComputesTheSameScores) {
  const FoldCase& c = GetParam();
  std::mt19937 rng(unsigned(c.kernel * 100 + c.stride * 10 + c.pad + c.pool * 1000));
  Module module;
  module.graph = folded_candidate(c, rng);
  const Graph before = module.graph;
  CompileOptions options;
  PassContext ctx(options);
  canonicalize(module, ctx);
  unsigned convs = 0;
  for (const Node& n : module.graph.nodes) {
    EXPECT_NE(n.kind, OpKind::kScaleShift) << "the normalisation was not folded";
    EXPECT_NE(n.kind, OpKind::kAvgPool2d) << "the pooling was not folded";
    convs += n.kind == OpKind::kConv2d;
  }
  EXPECT_EQ(convs, 1u);
  std::uniform_int_distribution<int> pixel(0, 255);
  std::vector<uint8_t> image(784);
  for (int sample = 0; sample < 5; ++sample) {
    for (uint8_t& p : image) p = uint8_t(pixel(rng));
    const auto expected = evaluate_float(before, image.data());
    const auto folded = evaluate_float(module.graph, image.data());
    ASSERT_EQ(folded.size(), expected.size());
    for (size_t k = 0; k < expected.size(); ++k)
      EXPECT_NEAR(folded[k], expected[k], 1e-3 * (1 + std::abs(expected[k]))) << "class " << k;
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, ConvFoldTest,
                         ::testing::Values(FoldCase{5, 1, 0, 3, 2}, FoldCase{3, 2, 1, 4, 0},
                                           FoldCase{3, 1, 1, 2, 2}, FoldCase{5, 2, 2, 3, 3}));

}  // namespace
}  // namespace spikecore::compiler
