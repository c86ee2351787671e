// Broadcasting of normalisation constants and the folds of scale / shift into
// a Linear layer, on known values.
#include <gtest/gtest.h>

#include "compiler/elementwise.h"

namespace spikecore::compiler {
namespace {

TEST(BroadcastToSample, FollowsPyTorchRules) {
  const std::vector<int64_t> image{1, 2, 3};
  EXPECT_EQ(broadcast_to_sample(Tensor{{}, {0.5f}}, image), std::vector<float>(6, 0.5f));
  EXPECT_EQ(broadcast_to_sample(Tensor{{1}, {2.0f}}, image), std::vector<float>(6, 2.0f));
  // Per column (last dimension) and per row.
  EXPECT_EQ(broadcast_to_sample(Tensor{{3}, {1, 2, 3}}, image),
            (std::vector<float>{1, 2, 3, 1, 2, 3}));
  EXPECT_EQ(broadcast_to_sample(Tensor{{2, 1}, {7, 8}}, image),
            (std::vector<float>{7, 7, 7, 8, 8, 8}));
  // With the batch dimension (of 1) in front.
  EXPECT_EQ(broadcast_to_sample(Tensor{{1, 1, 2, 3}, {1, 2, 3, 4, 5, 6}}, image),
            (std::vector<float>{1, 2, 3, 4, 5, 6}));
  // A constant per batch row, a mismatched size, or one that enlarges the sample.
  EXPECT_FALSE(broadcast_to_sample(Tensor{{2, 1, 1, 1}, {1, 2}}, image));
  EXPECT_FALSE(broadcast_to_sample(Tensor{{4}, {1, 2, 3, 4}}, image));
  EXPECT_FALSE(broadcast_to_sample(Tensor{{2, 2}, {1, 2, 3, 4}}, {2}));
}

TEST(BatchNormAsScaleShift, IsTheEvalModeFormula) {
  const ScaleShift s = batch_norm_as_scale_shift(Tensor{{2}, {2, 1}}, Tensor{{2}, {1, 0}},
                                                 Tensor{{2}, {3, -1}}, Tensor{{2}, {4, 0.25f}}, 0);
  ASSERT_EQ(s.scale.size(), 2u);
  EXPECT_FLOAT_EQ(s.scale[0], 1.0f);   // 2 / sqrt(4)
  EXPECT_FLOAT_EQ(s.shift[0], -2.0f);  // 1 - 3 * 1
  EXPECT_FLOAT_EQ(s.scale[1], 2.0f);   // 1 / sqrt(0.25)
  EXPECT_FLOAT_EQ(s.shift[1], 2.0f);   // 0 + 1 * 2
  // affine=False: weight 1, bias 0.
  const ScaleShift plain = batch_norm_as_scale_shift({}, {}, Tensor{{1}, {1}}, Tensor{{1}, {1}}, 0);
  EXPECT_FLOAT_EQ(plain.scale.at(0), 1.0f);
  EXPECT_FLOAT_EQ(plain.shift.at(0), -1.0f);
  EXPECT_TRUE(batch_norm_as_scale_shift({}, {}, Tensor{{2}, {1, 1}}, Tensor{{1}, {1}}, 0)
                  .scale.empty());
}

// y = W (x * a + s) + b and y = (W x + b) * a + s, computed both ways.
TEST(FoldScaleShift, IntoInputsAndOutputsGivesTheSameValues) {
  Node linear;
  linear.kind = OpKind::kLinear;
  linear.weight = Tensor{{2, 3}, {1, -2, 3, 0.5f, 4, -1}};
  linear.bias = Tensor{{2}, {0.25f, -1}};
  const std::vector<float> x{0.2f, -0.7f, 1.5f};
  auto apply = [&](const Node& n, const std::vector<float>& in) {
    std::vector<float> y;
    for (int64_t o = 0; o < 2; ++o) {
      float acc = n.bias.data[size_t(o)];
      for (int64_t i = 0; i < 3; ++i) acc += n.weight.data[size_t(o * 3 + i)] * in[size_t(i)];
      y.push_back(acc);
    }
    return y;
  };
  const std::vector<float> a{2, -1, 0.5f}, s{0.1f, 0.2f, -0.3f};
  Node in_folded = linear;
  fold_into_inputs(in_folded, a, s);
  std::vector<float> normalized(3);
  for (size_t i = 0; i < 3; ++i) normalized[i] = x[i] * a[i] + s[i];
  const auto expected_in = apply(linear, normalized), got_in = apply(in_folded, x);
  for (size_t o = 0; o < 2; ++o) EXPECT_NEAR(got_in[o], expected_in[o], 1e-5);

  const std::vector<float> ao{3, -0.5f}, so{1, 2};
  Node out_folded = linear;
  fold_into_outputs(out_folded, ao, so);
  const auto plain = apply(linear, x), got_out = apply(out_folded, x);
  for (size_t o = 0; o < 2; ++o) EXPECT_NEAR(got_out[o], plain[o] * ao[o] + so[o], 1e-5);
}

}  // namespace
}  // namespace spikecore::compiler
