// Convolutional networks end to end (issue #16), written and trained in
// Python at test time the way tutorials do (nn.Sequential LeNet-5 scripted and
// traced; a custom module with input normalisation, pooling before the ReLU,
// x.view and log_softmax), compiled with nothing but the model: the golden
// model must agree with LibTorch's top-1 on >= 99 % of the 2000 held-out
// digits at the default T <= 32, its accuracy within 0.5 points of float, and
// every score must equal the exact integer reference's. The Fashion-MNIST
// conv + BatchNorm2d target is compiled with Fashion-MNIST calibration at T = 32.
#include <gtest/gtest.h>

#include "compiler/pipeline.h"
#include "dataset/dataset.h"
#include "golden/golden_model.h"
#include "golden/network_reference.h"
#include "isa/image.h"
#include "test_support.h"

namespace spikecore::compiler {
namespace {

struct ConvModelCase {
  const char* name;
  const char* args;  // make_model.py arguments besides the training ones
};

void PrintTo(const ConvModelCase& c, std::ostream* os) { *os << c.name; }

class ConvModelTest : public ::testing::TestWithParam<ConvModelCase> {};

TEST_P(ConvModelTest, CompilesWithConvInstructionsAndAgreesWithLibTorch) {
  const ConvModelCase& c = GetParam();
  std::string skip;
  if (!testing::have_mnist(&skip)) GTEST_SKIP() << skip;
  MAKE_MODEL_OR_SKIP(model, std::string("conv_") + c.name,
                     std::string(c.args) + testing::mnist_training_args());
  // The defaults, as `spikecore-compile MODEL -o IMAGE`.
  const CompileOptions opt =
      testing::default_compile_options(*model, std::string("conv_") + c.name);
  compile(opt);
  const isa::ChipConfig chip = isa::load_image(opt.image_path);
  const unsigned t = chip.host.default_timesteps;
  EXPECT_LE(t, 32u);
  EXPECT_GT(testing::conv_instructions(chip), 0u);

  const testing::HeldOutAgreement a = testing::held_out_agreement(opt.image_path, *model, t, 2000);
  ASSERT_EQ(a.digits, 2000u);
  RecordProperty("chips", std::to_string(chip.num_chips()));
  RecordProperty("default_timesteps", std::to_string(t));
  RecordProperty("agreement", std::to_string(a.agreement()));
  EXPECT_GT(a.float_accuracy(), 0.9) << "the test model did not train";
  EXPECT_GE(a.agreement(), 0.99) << a.agree << " of " << a.digits << " at T=" << t;
  EXPECT_GE(a.chip_accuracy(), a.float_accuracy() - 0.005)
      << "chip " << a.chip_accuracy() << ", float " << a.float_accuracy();

  // The mapping (tiles, CONV windows, partial sums of input parts, routes of
  // whole rows) computes exactly the network of the reference layers.
  const dataset::Dataset test = dataset::load("mnist", "test", "", 50);
  golden::GoldenModel golden_model(chip);
  golden::NetworkReference reference(chip);
  golden::RunResult r;
  for (size_t i = 0; i < test.size(); ++i) {
    golden_model.run(test.images.image(i), t, r);
    const golden::NetworkOutcome exact = reference.run(test.images.image(i), t);
    ASSERT_EQ(r.output_scores, exact.output_scores) << "digit " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Tutorial, ConvModelTest,
    ::testing::Values(ConvModelCase{"lenet_scripted", "--style lenet --export script"},
                      ConvModelCase{"lenet_traced", "--style lenet --export trace"},
                      ConvModelCase{"tutorial_avg_cnn", "--style tutorial_avg_cnn --export script"}),
    [](const ::testing::TestParamInfo<ConvModelCase>& info) { return std::string(info.param.name); });

// Issue #16's Fashion-MNIST target: a conv + BatchNorm2d model with stride 2
// and padding, trained with QCFS activations (python/spikecore_qat.py) on the
// first 30,000 Fashion-MNIST training images, calibrated on Fashion-MNIST, must
// agree with LibTorch's top-1 on >= 98.5 % of the first 2000 test images at
// T = 32 (docs/compiler.md 12.6).
TEST(FashionConvModel, ConvBatchNormStride2AgreesWithLibTorchOnFashionMnist) {
  try {
    dataset::load("fashion-mnist", "test", "", 1);
  } catch (const std::exception& e) {
    GTEST_SKIP() << "Fashion-MNIST not available (scripts/setup.sh installs "
                    "dataset-fashion-mnist): " << e.what();
  }
  MAKE_MODEL_OR_SKIP(model, "fashion_conv1_qat",
                     "--style fashion_conv1_qat --levels 30 --train-dataset fashion-mnist "
                     "--train-count 30000 --epochs 6");
  CompileOptions opt = testing::default_compile_options(*model, "fashion_conv1_qat");
  opt.calib_dataset = "fashion-mnist";
  opt.timesteps = 32;
  compile(opt);
  const isa::ChipConfig chip = isa::load_image(opt.image_path);
  ASSERT_EQ(chip.host.default_timesteps, 32u);
  EXPECT_GT(testing::conv_instructions(chip), 0u);

  const testing::HeldOutAgreement a =
      testing::held_out_agreement(opt.image_path, *model, 32, 2000, "fashion-mnist");
  ASSERT_EQ(a.digits, 2000u);
  RecordProperty("agreement", std::to_string(a.agreement()));
  EXPECT_GT(a.float_accuracy(), 0.85) << "the test model did not train";
  EXPECT_GE(a.agreement(), 0.985) << a.agree << " of " << a.digits << " images at T=32";
  EXPECT_GE(a.chip_accuracy(), a.float_accuracy() - 0.01)
      << "chip " << a.chip_accuracy() << ", float " << a.float_accuracy();
}

}  // namespace
}  // namespace spikecore::compiler
