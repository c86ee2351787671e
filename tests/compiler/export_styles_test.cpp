// Models written the way PyTorch users write them (issue #14): each style is
// trained by python3-torch at test time, compiled with the default time-step
// choice, and the golden model must agree with LibTorch's own top-1 on held-out
// digits at that T.
#include <gtest/gtest.h>

#include "compiler/pipeline.h"
#include "dataset/dataset.h"
#include "golden/golden_model.h"
#include "isa/image.h"
#include "test_support.h"
#include "torchref/torch_reference.h"

namespace spikecore::compiler {
namespace {

// The default T is the smallest meeting 99.5 % agreement (or the int8 ceiling
// less half a point) on the 1000 validation digits, which these models do not
// train on (7000 training digits, 6 epochs). The bar here is a point lower than
// the 2000-digit one because 400 digits estimate agreement only to about that.
constexpr unsigned kDigits = 400;
constexpr double kMinAgreement = 0.98;

struct StyleCase {
  const char* name;
  const char* args;  // make_model.py arguments besides the training ones
  unsigned timesteps = 0;  // 0: the compiler's default choice
  double min_agreement = kMinAgreement;
  const char* training = "--train-count 7000 --epochs 6";  // the last 1000: validation
  unsigned digits = kDigits;  // held-out digits evaluated
};

void PrintTo(const StyleCase& c, std::ostream* os) { *os << c.name; }

class ExportStyleTest : public ::testing::TestWithParam<StyleCase> {};

TEST_P(ExportStyleTest, CompilesAndAgreesWithLibTorch) {
  const StyleCase& c = GetParam();
  std::string skip;
  if (!testing::have_mnist(&skip)) GTEST_SKIP() << skip;
  const std::string data_dir = std::string(SPIKECORE_SOURCE_DIR) + "/data";
  MAKE_MODEL_OR_SKIP(model, std::string("style_") + c.name,
                     std::string(c.args) + " --train-data " + data_dir + " " + c.training);
  CompileOptions opt = testing::fast_options(*model);
  opt.calib_count = 1000;
  opt.timestep_samples = 1000;
  opt.timesteps.reset();  // the default choice is part of what is tested
  if (c.timesteps) opt.timesteps = c.timesteps;
  opt.image_path = testing::temp_dir(std::string("style_") + c.name) + "/model.scimg";
  compile(opt);
  const isa::ChipConfig chip = isa::load_image(opt.image_path);
  const unsigned t = chip.host.default_timesteps;

  const testing::HeldOutAgreement a = testing::held_out_agreement(opt.image_path, *model, t, c.digits);
  RecordProperty("default_timesteps", std::to_string(t));
  RecordProperty("agreement", std::to_string(a.agreement()));
  EXPECT_GT(a.float_accuracy(), 0.8) << "the test model did not train";
  EXPECT_GE(a.agreement(), c.min_agreement) << a.agree << " of " << a.digits << " at T=" << t;
}

// Trains the default MLP with quantization-aware training for 6 spike counts
// and evaluates the agreement with LibTorch at T = 6 + 2 = 8 steps.
double agreement_of_levels_model_at_t8(std::string* skip) {
  const std::string dir = testing::temp_dir("levels_train");
  const std::string model = dir + "/q6.pt";
  std::string out;
  const int rc = testing::run_command(std::string(SPIKECORE_BINARY_DIR) +
                                          "/bin/spikecore-train --levels 6 --data-dir " +
                                          SPIKECORE_SOURCE_DIR + "/data -o " + model,
                                      &out);
  if (rc != 0) {
    *skip = "spikecore-train failed: " + out;
    return -1;
  }
  CompileOptions opt = testing::fast_options(model);
  opt.calib_count = 1000;
  opt.timesteps = 8;
  opt.image_path = dir + "/q6.scimg";
  compile(opt);
  return testing::held_out_agreement(opt.image_path, model, 8, 2000).agreement();  // all, as the bar
}

// spikecore-train --levels: the bar is >= 99 % at T <= 8 (measured
// 99.10 % on all 2000 held-out digits with its 25 epochs on 7000 digits).
TEST(QuantizationAwareTraining, SpikecoreTrainLevelsAgreesAtEightSteps) {
  std::string skip;
  if (!testing::have_mnist(&skip)) GTEST_SKIP() << skip;
  const double agreement = agreement_of_levels_model_at_t8(&skip);
  if (agreement < 0) FAIL() << skip;
  RecordProperty("agreement", std::to_string(agreement));
  EXPECT_GE(agreement, 0.99);
}

INSTANTIATE_TEST_SUITE_P(
    Styles, ExportStyleTest,
    ::testing::Values(
        StyleCase{"log_softmax", "--style custom --final log_softmax"},
        StyleCase{"softmax", "--style custom --export trace --final softmax"},
        StyleCase{"normalize_constants", "--style custom --normalize constants"},
        StyleCase{"normalize_buffers_traced", "--style custom --export trace --normalize buffers"},
        StyleCase{"batchnorm1d", "--style custom --batchnorm --widths 784,32,24,10"},
        StyleCase{"relu6", "--style custom --activation relu6"},
        StyleCase{"hardtanh_traced", "--style view --export trace --activation hardtanh"},
        StyleCase{"clamp", "--style custom --activation clamp --normalize mul_add"},
        StyleCase{"relu_inplace_identity", "--style custom --activation relu_inplace --identity"},
        StyleCase{"relu_method_traced", "--style reshape --export trace --activation relu_method"},
        // python/spikecore_qat.py as its README example uses it, run at T = 6 + 2,
        // on all 2000 digits (400 estimate it only to half a point). The model is
        // trained here, and Debian's LibTorch picks its float kernels per CPU, so
        // the weights and the agreement differ between machines: 99.15 % on the
        // machine of 2026-12-03, 98.75 % (1975 / 2000) on that of 2026-12-07.
        // The bar sits below that spread, so that it catches a regression, not a CPU.
        StyleCase{"qat_module_levels6", "--style qat --levels 6", 8, 0.985,
                  "--train-count 7000 --epochs 10", 2000}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace spikecore::compiler
