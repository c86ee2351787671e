// TorchScript import of models made by python3-torch at test time: several
// depths, widths, export paths (script/trace) and styles; layer names kept;
// the imported IR computes what LibTorch computes.
#include <gtest/gtest.h>

#include <random>

#include "compiler/ir_eval.h"
#include "compiler/pipeline.h"
#include "compiler/torchscript_import.h"
#include "test_support.h"
#include "torchref/torch_reference.h"

namespace spikecore::compiler {
namespace {

struct ImportCase {
  const char* name;
  const char* args;
  std::vector<unsigned> widths;
  std::vector<std::string> layers;  // expected PyTorch layer names of the dense chain
};

void PrintTo(const ImportCase& c, std::ostream* os) { *os << c.name; }

class ImportTest : public ::testing::TestWithParam<ImportCase> {};

TEST_P(ImportTest, KeepsLayersAndReproducesLibTorch) {
  const ImportCase& c = GetParam();
  std::string skip;
  const auto path = testing::make_model(std::string("import_") + c.name, c.args, &skip);
  if (!path) {
    if (!skip.empty()) GTEST_SKIP() << skip;
    return;
  }
  Module module;
  module.graph = import_torchscript(*path);
  CompileOptions options;
  PassContext ctx(options);
  canonicalize(module, ctx);
  merge_composites(module, ctx);

  const auto chain = std::as_const(module.graph).dense_chain();
  ASSERT_EQ(chain.size() + 1, c.widths.size()) << "dense layers after merge-composites";
  for (size_t l = 0; l < chain.size(); ++l) {
    EXPECT_EQ(chain[l]->layer, c.layers[l]);
    EXPECT_EQ(chain[l]->weight.dim(1), int64_t(c.widths[l]));
    EXPECT_EQ(chain[l]->weight.dim(0), int64_t(c.widths[l + 1]));
    EXPECT_EQ(chain[l]->kind, l + 1 < chain.size() ? OpKind::kDenseRelu : OpKind::kDenseBias);
  }
  // The input reshape became the host's flatten.
  const Node* source = module.graph.find(chain.front()->inputs.at(0));
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(source->kind, OpKind::kHostFlatten);

  // Same scores as LibTorch on random images.
  std::mt19937 rng(7);
  std::vector<uint8_t> pixels(4 * 784);
  for (uint8_t& p : pixels) p = uint8_t(rng() % 256);
  const auto ref = torchref::TorchReference(*path).run(pixels.data(), 4);
  ASSERT_EQ(ref.classes, c.widths.back());
  for (unsigned i = 0; i < 4; ++i) {
    const auto scores = evaluate_float(module.graph, pixels.data() + i * 784);
    for (unsigned k = 0; k < ref.classes; ++k)
      EXPECT_NEAR(scores[k], ref.scores[i * ref.classes + k], 1e-4)
          << "image " << i << " class " << k;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Models, ImportTest,
    ::testing::Values(
        ImportCase{"scripted_sequential_1hidden", "--style sequential --export script",
                   {784, 32, 10}, {"1", "3"}},
        ImportCase{"traced_sequential_2hidden",
                   "--style sequential --export trace --widths 784,40,24,10",
                   {784, 40, 24, 10}, {"1", "3", "5"}},
        ImportCase{"scripted_custom_3hidden",
                   "--style custom --export script --widths 784,16,16,16,10",
                   {784, 16, 16, 16, 10}, {"fc1", "fc2", "fc3", "fc4"}},
        ImportCase{"traced_custom_1hidden", "--style custom --export trace --widths 784,20,10",
                   {784, 20, 10}, {"fc1", "fc2"}},
        ImportCase{"scripted_view_2hidden", "--style view --export script --widths 784,24,12,10",
                   {784, 24, 12, 10}, {"fc1", "fc2", "fc3"}},
        ImportCase{"traced_view_1hidden", "--style view --export trace", {784, 32, 10},
                   {"fc1", "fc2"}},
        ImportCase{"scripted_reshape_1hidden", "--style reshape --export script",
                   {784, 32, 10}, {"fc1", "fc2"}},
        ImportCase{"traced_matmul_add", "--style matmul --export trace", {784, 32, 10},
                   {"b1", "b2"}},
        ImportCase{"scripted_matmul_add", "--style matmul --export script", {784, 32, 10},
                   {"b1", "b2"}}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace spikecore::compiler
