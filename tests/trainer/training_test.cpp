// Training: determinism (same seed -> same bytes), that it learns, and that bad
// options are refused.
#include <gtest/gtest.h>

#include <cstring>

#include "tests/dataset/test_support.h"
#include "tests/trainer/synthetic_digits.h"
#include "trainer/mlp_trainer.h"
#include "trainer/torchscript_eval.h"

namespace spikecore::trainer {
namespace {

TrainOptions tiny_options(uint64_t seed) {
  TrainOptions options;
  options.hidden = {16};
  options.epochs = 1;
  options.batch_size = 32;
  options.seed = seed;
  return options;
}

bool same_bytes(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

TEST(Training, SameSeedGivesByteIdenticalWeightsAndFiles) {
  const dataset::Dataset data = testing::synthetic_digits(400, 1);
  const Mlp first = train_mlp(data, nullptr, tiny_options(7));
  const Mlp second = train_mlp(data, nullptr, tiny_options(7));
  ASSERT_EQ(first.layers.size(), 2u);
  for (size_t i = 0; i < first.layers.size(); ++i) {
    EXPECT_TRUE(same_bytes(first.layers[i].weight, second.layers[i].weight)) << first.layers[i].name;
    EXPECT_TRUE(same_bytes(first.layers[i].bias, second.layers[i].bias)) << first.layers[i].name;
  }
  dataset::testing::TempDir dir;
  export_torchscript(first, dir.file("a.pt"), "{}");
  export_torchscript(second, dir.file("b.pt"), "{}");
  EXPECT_EQ(dataset::testing::read_raw(dir.file("a.pt")), dataset::testing::read_raw(dir.file("b.pt")));

  const Mlp other_seed = train_mlp(data, nullptr, tiny_options(8));
  EXPECT_FALSE(same_bytes(first.layers[0].weight, other_seed.layers[0].weight));
}

TEST(Training, LayersAreNamedAndShapedLikeThePyTorchModel) {
  TrainOptions options = tiny_options(1);
  options.hidden = {12, 8};
  const Mlp mlp = train_mlp(testing::synthetic_digits(50, 2), nullptr, options);
  ASSERT_EQ(mlp.layers.size(), 3u);
  const int expected[3][2] = {{784, 12}, {12, 8}, {8, 10}};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(mlp.layers[i].name, "fc" + std::to_string(i + 1));
    EXPECT_EQ(mlp.layers[i].inputs, expected[i][0]);
    EXPECT_EQ(mlp.layers[i].outputs, expected[i][1]);
    EXPECT_EQ(mlp.layers[i].weight.size(), size_t(expected[i][0] * expected[i][1]));
    EXPECT_EQ(mlp.layers[i].bias.size(), size_t(expected[i][1]));
  }
}

TEST(Training, LearnsSeparableDigitsAndReportsEachEpoch) {
  const dataset::Dataset train = testing::synthetic_digits(500, 3);
  dataset::Dataset test = testing::synthetic_digits(200, 4);
  TrainOptions options = tiny_options(1);
  options.epochs = 4;
  std::vector<EpochReport> reports;
  const Mlp mlp = train_mlp(train, &test, options, [&](const EpochReport& r) { reports.push_back(r); });
  ASSERT_EQ(reports.size(), 4u);
  for (size_t i = 0; i < reports.size(); ++i) EXPECT_EQ(reports[i].epoch, int(i + 1));
  EXPECT_LT(reports.back().mean_loss, reports.front().mean_loss);
  EXPECT_GE(reports.back().test_accuracy, 0.95);
  const Evaluation eval = top1(mlp_scores(mlp, test.images), test.labels);
  EXPECT_EQ(eval.total, 200u);
  EXPECT_NEAR(eval.accuracy(), reports.back().test_accuracy, 1e-12);
}

// --levels: every hidden layer gets a trained ceiling, the export clamps to it
// (the file computes what the trained network computes), and plain training
// has none.
TEST(Training, LevelsTrainACeilingPerHiddenLayerAndTheExportClampsToIt) {
  const dataset::Dataset train = testing::synthetic_digits(400, 3);
  const dataset::Dataset test = testing::synthetic_digits(100, 4);
  TrainOptions options = tiny_options(1);
  options.hidden = {16, 12};
  options.epochs = 3;
  options.levels = 4;
  const Mlp mlp = train_mlp(train, nullptr, options);
  ASSERT_EQ(mlp.layers.size(), 3u);
  EXPECT_GT(mlp.layers[0].ceiling, 0.0f);
  EXPECT_GT(mlp.layers[1].ceiling, 0.0f);
  EXPECT_NE(mlp.layers[0].ceiling, 2.0f) << "the ceiling did not train";
  EXPECT_EQ(mlp.layers[2].ceiling, 0.0f) << "the output layer has no activation";

  dataset::testing::TempDir dir;
  export_torchscript(mlp, dir.file("q.pt"), "{}");
  const std::vector<float> trained = mlp_scores(mlp, test.images);
  const std::vector<float> exported = torchscript_scores(dir.file("q.pt"), test.images);
  ASSERT_EQ(trained.size(), exported.size());
  for (size_t i = 0; i < trained.size(); ++i) EXPECT_NEAR(trained[i], exported[i], 1e-4) << i;

  EXPECT_EQ(train_mlp(train, nullptr, tiny_options(1)).layers[0].ceiling, 0.0f);

  Mlp mixed = mlp;
  mixed.layers[1].ceiling = 0;  // fc2 without its ceiling: it would divide by zero
  EXPECT_THROW(mlp_scores(mixed, test.images), std::invalid_argument);
  EXPECT_THROW(export_torchscript(mixed, dir.file("m.pt"), "{}"), std::invalid_argument);
}

TEST(Training, RejectsBadOptions) {
  const dataset::Dataset data = testing::synthetic_digits(20, 5);
  TrainOptions options = tiny_options(1);
  options.epochs = 0;
  EXPECT_THROW(train_mlp(data, nullptr, options), std::invalid_argument);
  options = tiny_options(1);
  options.hidden = {};
  EXPECT_THROW(train_mlp(data, nullptr, options), std::invalid_argument);
  options = tiny_options(1);
  options.learning_rate = 0;
  EXPECT_THROW(train_mlp(data, nullptr, options), std::invalid_argument);
  for (int levels : {-1, kMaxLevels + 1}) {
    options = tiny_options(1);
    options.levels = levels;
    EXPECT_THROW(train_mlp(data, nullptr, options), std::invalid_argument) << levels;
  }
  dataset::Dataset empty = data;
  empty.labels.clear();
  empty.images.count = 0;
  empty.images.pixels.clear();
  EXPECT_THROW(train_mlp(empty, nullptr, tiny_options(1)), std::invalid_argument);
}

TEST(Top1, ArgmaxTakesTheLowestIndexOnTies) {
  std::vector<float> scores(30, 0.0f);
  scores[3] = 1.0f;                        // sample 0 -> 3
  scores[10 + 2] = scores[10 + 7] = 5.0f;  // sample 1 -> tie, 2 wins
  // sample 2: all equal -> 0
  const Evaluation eval = top1(scores, {3, 7, 0});
  EXPECT_EQ(eval.total, 3u);
  EXPECT_EQ(eval.correct, 2u);
  EXPECT_THROW(top1(scores, {1, 2}), std::invalid_argument);
}

}  // namespace
}  // namespace spikecore::trainer
