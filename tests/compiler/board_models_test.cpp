// The tutorial-size MLPs that need a board of chips (issue #15), written and
// trained in Python at test time the way tutorials do, scripted and traced:
// compiled with nothing but the model (board, T and all else default), the
// golden model must agree with LibTorch's top-1 on >= 99 % of all 2000
// held-out digits at the default T <= 32, on a board no larger than 1.5x the
// chips the weight bytes need.
#include <gtest/gtest.h>

#include "compiler/pipeline.h"
#include "isa/image.h"
#include "test_support.h"

namespace spikecore::compiler {
namespace {

struct BoardCase {
  const char* name;
  const char* args;          // make_model.py arguments besides the training ones
  uint64_t weight_bytes;     // int8 weights of the Linear layers
};

void PrintTo(const BoardCase& c, std::ostream* os) { *os << c.name; }

class BoardModelTest : public ::testing::TestWithParam<BoardCase> {};

TEST_P(BoardModelTest, CompilesOntoABoardAndAgreesWithLibTorch) {
  const BoardCase& c = GetParam();
  std::string skip;
  if (!testing::have_mnist(&skip)) GTEST_SKIP() << skip;
  MAKE_MODEL_OR_SKIP(model, std::string("board_") + c.name,
                     std::string(c.args) + testing::mnist_training_args());
  // The defaults, as `spikecore-compile MODEL -o IMAGE`.
  const CompileOptions opt =
      testing::default_compile_options(*model, std::string("board_") + c.name);
  compile(opt);
  const isa::ChipConfig chip = isa::load_image(opt.image_path);
  const unsigned t = chip.host.default_timesteps;
  const uint64_t chip_bytes = uint64_t(chip.cores_per_chip()) * isa::kWeightSramBytes;
  const uint64_t chips_by_bytes = (c.weight_bytes + chip_bytes - 1) / chip_bytes;
  EXPECT_GT(chip.num_chips(), 1u) << "the model does not fit one chip";
  EXPECT_LE(double(chip.num_chips()), 1.5 * double(chips_by_bytes));
  EXPECT_LE(t, 32u);

  const testing::HeldOutAgreement a = testing::held_out_agreement(opt.image_path, *model, t, 2000);
  ASSERT_EQ(a.digits, 2000u);
  RecordProperty("chips", std::to_string(chip.num_chips()));
  RecordProperty("default_timesteps", std::to_string(t));
  RecordProperty("agreement", std::to_string(a.agreement()));
  EXPECT_GT(a.float_accuracy(), 0.9) << "the test model did not train";
  EXPECT_GE(a.agreement(), 0.99) << a.agree << " of " << a.digits << " at T=" << t << " on "
                                     << chip.board_width << "x" << chip.board_height << " chips";
}

INSTANTIATE_TEST_SUITE_P(
    Tutorial, BoardModelTest,
    ::testing::Values(
        BoardCase{"mlp128_scripted", "--style sequential --export script --widths 784,128,10",
                  784 * 128 + 128 * 10},
        BoardCase{"mlp128_traced", "--style custom --export trace --widths 784,128,10",
                  784 * 128 + 128 * 10},
        BoardCase{"mlp256_128_scripted", "--style view --export script --widths 784,256,128,10",
                  784 * 256 + 256 * 128 + 128 * 10},
        BoardCase{"mlp256_128_traced", "--style custom --export trace --widths 784,256,128,10",
                  784 * 256 + 256 * 128 + 128 * 10}),
    [](const ::testing::TestParamInfo<BoardCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace spikecore::compiler
