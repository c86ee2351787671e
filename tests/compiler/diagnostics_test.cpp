// Every diagnostic on a model made to trigger it: all problems at once, the
// PyTorch layer and source location named, and no image written.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "compiler/diagnostics.h"
#include "compiler/pipeline.h"
#include "test_support.h"

namespace spikecore::compiler {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  bool failed = false;
  std::vector<Diagnostic> diagnostics;
  std::string text;  // all diagnostics, one per line
  bool image_written = false;
};

// Compiles `model` expecting failure before any data is needed.
Outcome compile_expecting_errors(const std::string& model, const std::string& test,
                                 unsigned board_width = 0, unsigned board_height = 0) {
  Outcome o;
  const std::string dir = testing::temp_dir(test);
  CompileOptions opt = testing::fast_options(model);
  opt.board_width = board_width;  // 0 x 0: --board auto
  opt.board_height = board_height;
  opt.image_path = dir + "/out.scimg";
  opt.data_dir = dir + "/no-data";  // the checks must not need calibration data
  try {
    compile(opt);
  } catch (const CompileError& e) {
    o.failed = true;
    o.diagnostics = e.diagnostics();
    o.text = e.what();
  }
  o.image_written = fs::exists(opt.image_path);
  return o;
}

unsigned errors(const Outcome& o) {
  unsigned n = 0;
  for (const Diagnostic& d : o.diagnostics) n += d.severity == Diagnostic::Severity::kError;
  return n;
}

TEST(Diagnostics, ConvWithoutReluNamesLayerAndListsSupportedOps) {
  // Conv2d -> AvgPool2d -> Linear: the pooling folds into the conv, which has
  // no ReLU after it, so its outputs would be negative rates.
  MAKE_MODEL_OR_SKIP(model, "diag_conv", "--style odd_cnn --cnn-variant no_relu");
  const Outcome o = compile_expecting_errors(*model, "conv");
  ASSERT_TRUE(o.failed);
  EXPECT_FALSE(o.image_written);
  ASSERT_EQ(errors(o), 1u) << o.text;  // consequences of the conv are not repeated
  EXPECT_EQ(o.diagnostics[0].layer, "0");
  EXPECT_EQ(o.diagnostics[0].layer_type, "Conv2d");
  EXPECT_NE(o.text.find("Conv2d without a ReLU right after it"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("Conv2d layers (nn.Conv2d"), std::string::npos)
      << "the note listing supported operations is missing:\n" << o.text;
}

TEST(Diagnostics, EverySigmoidReportedWithItsSourceLine) {
  // Two hidden layers with sigmoid: both activations must be listed at once.
  MAKE_MODEL_OR_SKIP(model, "diag_sigmoid2",
                     "--style custom --activation sigmoid --widths 784,24,16,10");
  const Outcome o = compile_expecting_errors(*model, "sigmoid");
  ASSERT_TRUE(o.failed);
  EXPECT_FALSE(o.image_written);
  unsigned sigmoids = 0;
  for (const Diagnostic& d : o.diagnostics) {
    if (d.message.find("aten::sigmoid") == std::string::npos) continue;
    ++sigmoids;
    // Functional torch.sigmoid in forward(): the location is the user's file.
    EXPECT_NE(d.loc.file.find("diag_sigmoid2_model.py"), std::string::npos) << d.to_string();
    EXPECT_GT(d.loc.line, 0u);
    EXPECT_NE(d.message.find("use nn.Hardtanh(0, 1) or nn.ReLU6"), std::string::npos);
  }
  EXPECT_EQ(sigmoids, 2u) << o.text;
}

TEST(Diagnostics, TooWideModelGetsTableAndWhatWouldFit) {
  MAKE_MODEL_OR_SKIP(model, "diag_wide", "--style custom --widths 784,200,10");
  const Outcome o = compile_expecting_errors(*model, "wide", 1, 1);  // --board 1x1
  ASSERT_TRUE(o.failed);
  EXPECT_FALSE(o.image_written);
  EXPECT_NE(o.text.find("does not fit on 128 cores"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("it needs at least 5 chips of 128 cores"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("156800"), std::string::npos) << "fc1 weight bytes in the table";
  // Width 40: fc1 as 25 x 5 tiles of 32 axons x 8 columns (125 cores) + fc2 in 2 cores.
  // Width 41: every legal fc1 grid needs >= 131 cores (e.g. 131 x 1 tiles of 6 x 41).
  EXPECT_NE(o.text.find("at most 40 neurons (784-40-10)"), std::string::npos) << o.text;
}

TEST(Diagnostics, AModelTooBigForTheLargestBoardSaysHowManyChipsItNeeds) {
  // 784-1400-10: 1.1 M weight bytes; with 8-core chips the largest board (8 x 8) has 512 cores.
  MAKE_MODEL_OR_SKIP(model, "diag_huge", "--style custom --widths 784,1400,10");
  Outcome o;
  const std::string dir = testing::temp_dir("huge");
  CompileOptions opt = testing::fast_options(*model);
  opt.image_path = dir + "/out.scimg";
  opt.data_dir = dir + "/no-data";
  opt.mesh_width = 4;
  opt.mesh_height = 2;
  try {
    compile(opt);
  } catch (const CompileError& e) {
    o.failed = true;
    o.text = e.what();
  }
  ASSERT_TRUE(o.failed);
  EXPECT_NE(o.text.find("does not fit on 512 cores (the largest board, 8x8 chips of 8 cores)"),
            std::string::npos)
      << o.text;
  EXPECT_NE(o.text.find("it needs at least"), std::string::npos) << o.text;
  EXPECT_EQ(o.text.find("--board auto picks"), std::string::npos) << "no larger board exists";
}

TEST(Diagnostics, NaNWeightNamesLayerAndIndex) {
  MAKE_MODEL_OR_SKIP(model, "diag_nan", "--style custom --poison fc2:37:nan");
  const Outcome o = compile_expecting_errors(*model, "nan");
  ASSERT_TRUE(o.failed);
  EXPECT_FALSE(o.image_written);
  ASSERT_EQ(errors(o), 1u) << o.text;
  EXPECT_EQ(o.diagnostics[0].layer, "fc2");
  // fc2.weight is [10, 32]: flat index 37 is row 1, column 5.
  EXPECT_NE(o.text.find("weight[1][5] = NaN"), std::string::npos) << o.text;
}

TEST(Diagnostics, InfinityInBiasIsReportedToo) {
  MAKE_MODEL_OR_SKIP(model, "diag_inf", "--style custom --poison fc1:3:inf");
  const Outcome o = compile_expecting_errors(*model, "inf");
  ASSERT_TRUE(o.failed);
  EXPECT_NE(o.text.find("weight[0][3] = +Inf"), std::string::npos) << o.text;
}

TEST(Diagnostics, WrongInputAndOutputSizes) {
  MAKE_MODEL_OR_SKIP(in100, "diag_in100", "--style custom --widths 100,32,10");
  const Outcome a = compile_expecting_errors(*in100, "in100");
  ASSERT_TRUE(a.failed);
  EXPECT_NE(a.text.find("takes 100 input features"), std::string::npos) << a.text;

  MAKE_MODEL_OR_SKIP(out5, "diag_out5", "--style sequential --widths 784,32,5");
  const Outcome b = compile_expecting_errors(*out5, "out5");
  ASSERT_TRUE(b.failed);
  EXPECT_NE(b.text.find("returns 5 scores"), std::string::npos) << b.text;
  EXPECT_EQ(b.diagnostics[0].layer, "3");
  EXPECT_FALSE(a.image_written || b.image_written);
}

TEST(Diagnostics, NotATorchScriptFile) {
  const std::string dir = testing::temp_dir("notts");
  const std::string path = dir + "/weights.pt";
  std::ofstream(path) << "this is not a zip archive";
  const Outcome o = compile_expecting_errors(path, "notts_run");
  ASSERT_TRUE(o.failed);
  EXPECT_NE(o.text.find("not a TorchScript archive"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find(path), std::string::npos);

  const Outcome missing = compile_expecting_errors(dir + "/missing.pt", "missing_run");
  ASSERT_TRUE(missing.failed);
  EXPECT_NE(missing.text.find("cannot open the model file"), std::string::npos) << missing.text;
}

TEST(Diagnostics, MissingCalibrationDataSaysHowToGetIt) {
  MAKE_MODEL_OR_SKIP(model, "diag_ok", "--style custom");
  const Outcome o = compile_expecting_errors(*model, "nodata");
  ASSERT_TRUE(o.failed);
  EXPECT_FALSE(o.image_written);
  EXPECT_NE(o.text.find("calibration data"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("setup.sh"), std::string::npos) << o.text;
}

}  // namespace
}  // namespace spikecore::compiler
