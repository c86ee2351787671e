// TorchScript import of models made by python3-torch at test time: several
// depths, widths, export paths (script/trace) and styles; layer names kept;
// the imported IR computes what LibTorch computes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "compiler/diagnostics.h"
#include "dataset/dataset.h"
#include "isa/image.h"
#include "compiler/ir_eval.h"
#include "compiler/pipeline.h"
#include "compiler/torchscript_import.h"
#include "test_support.h"
#include "torchref/torch_reference.h"

namespace spikecore::compiler {
namespace {

// The IR's scores against LibTorch's on `images` random 28x28 images:
// within `tolerance` (relative to 1 + |LibTorch's score|), after the final
// softmax / log_softmax that import dropped.
void expect_libtorch_scores(const Graph& graph, const std::string& model, unsigned images,
                            uint32_t seed, unsigned classes, double tolerance) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> pixels(images * 784);
  for (uint8_t& p : pixels) p = uint8_t(rng() % 256);
  const auto ref = torchref::TorchReference(model).run(pixels.data(), images);
  ASSERT_EQ(ref.classes, classes);
  for (unsigned i = 0; i < images; ++i) {
    std::vector<double> scores;
    for (float v : evaluate_float(graph, pixels.data() + i * 784)) scores.push_back(v);
    ASSERT_EQ(scores.size(), classes);
    // The IR gives the logits before a final softmax / log_softmax import dropped.
    if (!graph.dropped_final_op.empty()) {
      double sum = 0;
      for (double v : scores) sum += std::exp(v);
      for (double& v : scores)
        v = graph.dropped_final_op == "softmax" ? std::exp(v) / sum : v - std::log(sum);
    }
    for (unsigned k = 0; k < classes; ++k) {
      const double expected = ref.scores[i * classes + k];
      EXPECT_NEAR(scores[k], expected, tolerance * (1 + std::fabs(expected)))
          << "image " << i << " class " << k;
    }
  }
}

struct ImportCase {
  const char* name;
  const char* args;
  std::vector<unsigned> widths;
  std::vector<std::string> layers;  // expected PyTorch layer names of the dense chain
  double ceiling = 0;               // of the hidden ReLUs (ReLU6 and kin); 0: none
};

void PrintTo(const ImportCase& c, std::ostream* os) { *os << c.name; }

class ImportTest : public ::testing::TestWithParam<ImportCase> {};

TEST_P(ImportTest, KeepsLayersAndReproducesLibTorch) {
  const ImportCase& c = GetParam();
  MAKE_MODEL_OR_SKIP(path, std::string("import_") + c.name, c.args);
  Module module;
  module.graph = import_torchscript(*path);
  CompileOptions options;
  PassContext ctx(options);
  canonicalize(module, ctx);
  merge_composites(module, ctx);

  const auto chain = std::as_const(module.graph).layer_chain();
  ASSERT_EQ(chain.size() + 1, c.widths.size()) << "dense layers after merge-composites";
  for (size_t l = 0; l < chain.size(); ++l) {
    EXPECT_EQ(chain[l]->layer, c.layers[l]);
    EXPECT_EQ(chain[l]->weight.dim(1), int64_t(c.widths[l]));
    EXPECT_EQ(chain[l]->weight.dim(0), int64_t(c.widths[l + 1]));
    EXPECT_EQ(chain[l]->kind, l + 1 < chain.size() ? OpKind::kDenseRelu : OpKind::kDenseBias);
    if (l + 1 < chain.size()) {
      EXPECT_EQ(chain[l]->ceiling.value_or(0), c.ceiling);
    }
  }
  // The input reshape became the host's flatten.
  const Node* source = module.graph.find(chain.front()->inputs.at(0));
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(source->kind, OpKind::kHostFlatten);

  expect_libtorch_scores(module.graph, *path, 4, 7, c.widths.back(), 1e-4);
}

// Convolutional models (issue #16, front end): Conv2d with stride and
// padding, AvgPool2d (with and without count_include_pad), BatchNorm2d, the
// flatten into the Linear layers; scripted and traced, nn.Sequential and
// functional calls. After canonicalize (BatchNorm2d folded into the conv
// before it) the IR computes what LibTorch computes; the compiler maps the
// conv layers onto cores with CONV instructions, or says why it cannot.
struct ConvCase {
  const char* name;
  const char* args;
  std::vector<OpKind> kinds;  // the windowed layers, in order
  std::vector<int64_t> flat;  // shape entering the first Linear
  const char* rejection;      // nullptr: compiles; else text of the one error
};

void PrintTo(const ConvCase& c, std::ostream* os) { *os << c.name; }

class ConvImportTest : public ::testing::TestWithParam<ConvCase> {};

TEST_P(ConvImportTest, ReproducesLibTorchAndCompilesOrSaysWhy) {
  const ConvCase& c = GetParam();
  MAKE_MODEL_OR_SKIP(path, std::string("import_") + c.name, c.args);
  Module module;
  module.graph = import_torchscript(*path);
  CompileOptions canonical_options;
  PassContext ctx(canonical_options);
  canonicalize(module, ctx);  // BatchNorm2d folds into its conv
  for (const Node& n : module.graph.nodes)
    EXPECT_NE(n.kind, OpKind::kScaleShift) << n.name << " was not folded";
  std::vector<OpKind> kinds;
  for (const Node& n : module.graph.nodes)
    if (n.kind == OpKind::kConv2d || n.kind == OpKind::kAvgPool2d) {
      kinds.push_back(n.kind);
      ASSERT_TRUE(n.window.has_value()) << n.name;
    }
  EXPECT_EQ(kinds, c.kinds);
  const Node* flatten = nullptr;
  for (const Node& n : module.graph.nodes)
    if (n.kind == OpKind::kFlatten || n.kind == OpKind::kReshape) flatten = &n;
  ASSERT_NE(flatten, nullptr);
  EXPECT_EQ(flatten->shape, c.flat);

  expect_libtorch_scores(module.graph, *path, 4, 11, 10, 1e-4);

  CompileOptions options = testing::fast_options(*path);
  options.image_path = testing::temp_dir(std::string("conv_") + c.name) + "/model.scimg";
  if (c.rejection) {
    try {
      compile(options);
      FAIL() << c.name << " compiled";
    } catch (const CompileError& e) {
      const std::string text = e.what();
      EXPECT_NE(text.find(c.rejection), std::string::npos) << text;
      EXPECT_EQ(e.error_count(), 1u) << "the consequences are not repeated: " << text;
    }
    return;
  }
  compile(options);
  const isa::ChipConfig chip = isa::load_image(options.image_path);
  unsigned conv_layers = 0;
  for (const isa::ReferenceLayer& r : chip.host.reference) conv_layers += !r.conv.empty();
  EXPECT_GT(testing::conv_instructions(chip), 0u) << "no CONV in the image";
  EXPECT_EQ(conv_layers, c.kinds.size()) << "a reference layer per conv and pooling layer";
  EXPECT_TRUE(isa::check(chip).empty());
}

INSTANTIATE_TEST_SUITE_P(
    Styles, ConvImportTest,
    ::testing::Values(
        ConvCase{"lenet_scripted", "--style lenet --export script",
                 {OpKind::kConv2d, OpKind::kAvgPool2d, OpKind::kConv2d, OpKind::kAvgPool2d},
                 {256}, nullptr},
        ConvCase{"lenet_traced", "--style lenet --export trace",
                 {OpKind::kConv2d, OpKind::kAvgPool2d, OpKind::kConv2d, OpKind::kAvgPool2d},
                 {256}, nullptr},
        // Pooling before the ReLU folds into its conv: two conv layers remain.
        ConvCase{"tutorial_avg_cnn_scripted", "--style tutorial_avg_cnn --export script",
                 {OpKind::kConv2d, OpKind::kConv2d}, {256}, nullptr},
        ConvCase{"fashion_cnn_traced", "--style fashion_cnn --export trace",
                 {OpKind::kConv2d, OpKind::kConv2d}, {784}, nullptr},
        // QCFS exported as Hardtanh(0, lambda): conv layers with a ceiling.
        ConvCase{"fashion_cnn_qat_scripted", "--style fashion_cnn_qat --levels 6 --export script",
                 {OpKind::kConv2d, OpKind::kConv2d}, {784}, nullptr},
        ConvCase{"functional_cnn_scripted", "--style functional_cnn --export script",
                 {OpKind::kConv2d, OpKind::kConv2d, OpKind::kAvgPool2d}, {588},
                 "count_include_pad=False"},
        ConvCase{"functional_cnn_traced", "--style functional_cnn --export trace",
                 {OpKind::kConv2d, OpKind::kConv2d, OpKind::kAvgPool2d}, {588},
                 "count_include_pad=False"}),
    [](const ::testing::TestParamInfo<ConvCase>& info) { return std::string(info.param.name); });

// spikecore-train --arch lenet: the LeNet-5 the lab trains without Python is
// imported with its layer names and computes what LibTorch computes.
TEST(SpikecoreTrainLenet, IsImportedAndReproducesLibTorch) {
  std::string skip;
  if (!testing::have_mnist(&skip)) GTEST_SKIP() << skip;
  const std::string model = testing::temp_dir("lenet_train") + "/lenet.pt";
  std::string out;
  ASSERT_EQ(testing::run_command(std::string(SPIKECORE_BINARY_DIR) +
                                     "/bin/spikecore-train --arch lenet --epochs 2 --data-dir " +
                                     SPIKECORE_SOURCE_DIR + "/data -o " + model,
                                 &out),
            0)
      << out;
  EXPECT_NE(out.find("LeNet-5"), std::string::npos) << out;
  Module module;
  module.graph = import_torchscript(model);
  std::vector<std::string> windowed;
  for (const Node& n : module.graph.nodes)
    if (n.kind == OpKind::kConv2d) windowed.push_back(n.layer);
  EXPECT_EQ(windowed, (std::vector<std::string>{"conv1", "conv2"}));
  expect_libtorch_scores(module.graph, model, 3, 5, 10, 1e-4);
  const dataset::Dataset test = dataset::load("mnist", "test", "", 500);
  const auto top1 = torchref::TorchReference(model).run(test.images.pixels.data(), test.size()).top1;
  unsigned correct = 0;
  for (size_t i = 0; i < test.size(); ++i) correct += top1[i] == test.labels[i];
  EXPECT_GT(double(correct) / double(test.size()), 0.8) << "two epochs train a LeNet this far";
}

// A final softmax / log_softmax (the PyTorch MNIST example returns
// log_softmax) is dropped: the IR gives the logits, LibTorch's output is the
// same op applied to them, and the class (argmax) is the same.
TEST(ImportFinalSoftmax, IsDroppedAndKeepsTheClass) {
  for (const char* final_op : {"log_softmax", "softmax"}) {
    SCOPED_TRACE(final_op);
    std::string skip;
    const auto path = testing::make_model(std::string("import_final_") + final_op,
                                          std::string("--style custom --final ") + final_op, &skip);
    if (!path) {
      if (!skip.empty()) GTEST_SKIP() << skip;
      return;
    }
    Module module;
    module.graph = import_torchscript(*path);
    EXPECT_EQ(module.graph.dropped_final_op, final_op);
    EXPECT_GT(module.graph.dropped_final_loc.line, 0u) << "the note names the line";
    CompileOptions options;
    PassContext ctx(options);
    canonicalize(module, ctx);
    merge_composites(module, ctx);
    const auto chain = std::as_const(module.graph).layer_chain();
    ASSERT_EQ(chain.size(), 2u);
    EXPECT_EQ(module.graph.output, chain.back()->id) << "the scores come from the last Linear";

    std::mt19937 rng(3);
    std::vector<uint8_t> pixels(4 * 784);
    for (uint8_t& p : pixels) p = uint8_t(rng() % 256);
    const auto ref = torchref::TorchReference(*path).run(pixels.data(), 4);
    for (unsigned i = 0; i < 4; ++i) {
      const auto logits = evaluate_float(module.graph, pixels.data() + i * 784);
      double top = logits[0], sum = 0;
      for (float v : logits) top = std::max(top, double(v));
      for (float v : logits) sum += std::exp(v - top);
      for (unsigned k = 0; k < ref.classes; ++k) {
        const double expected = std::string(final_op) == "softmax"
                                    ? std::exp(logits[k] - top) / sum
                                    : logits[k] - top - std::log(sum);
        EXPECT_NEAR(expected, ref.scores[i * ref.classes + k], 1e-4) << "image " << i;
      }
      EXPECT_EQ(argmax_lowest(logits), ref.top1[i]);
    }
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
                   {"b1", "b2"}},
        // Folded into the Linear next to them (issue #14).
        ImportCase{"scripted_normalize_constants", "--style custom --normalize constants",
                   {784, 32, 10}, {"fc1", "fc2"}},
        ImportCase{"traced_normalize_buffers",
                   "--style custom --export trace --normalize buffers", {784, 32, 10},
                   {"fc1", "fc2"}},
        ImportCase{"scripted_mul_add_identity", "--style custom --normalize mul_add --identity",
                   {784, 32, 10}, {"fc1", "fc2"}},
        ImportCase{"scripted_batchnorm_relu6",
                   "--style custom --batchnorm --activation relu6 --widths 784,24,16,10",
                   {784, 24, 16, 10}, {"fc1", "fc2", "fc3"}, 6},
        ImportCase{"traced_batchnorm_clamp",
                   "--style custom --export trace --batchnorm --activation clamp",
                   {784, 32, 10}, {"fc1", "fc2"}, 3},
        ImportCase{"scripted_hardtanh", "--style custom --activation hardtanh", {784, 32, 10},
                   {"fc1", "fc2"}, 2},
        ImportCase{"scripted_relu_inplace", "--style custom --activation relu_inplace",
                   {784, 32, 10}, {"fc1", "fc2"}},
        ImportCase{"traced_relu_method", "--style custom --export trace --activation relu_method",
                   {784, 32, 10}, {"fc1", "fc2"}}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace spikecore::compiler
