// spikecore-golden-run end to end: an image and a sample written here, the
// tool's printed spikes and prediction compared with the library's own run.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "golden/golden_model.h"
#include "isa/image.h"
#include "random_chips.h"

namespace spikecore::golden {
namespace {

using namespace testing;
namespace fs = std::filesystem;

struct ToolRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

ToolRun run_tool(const std::string& arguments) {
  const std::string command =
      std::string(SPIKECORE_BINARY_DIR) + "/bin/spikecore-golden-run " + arguments + " 2>&1";
  ToolRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.output.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class GoldenRunCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("golden_run_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    RandomMlpOptions options;
    options.layers = {64, 16, 4};
    chip_ = random_mlp_chip(3, options);
    chip_.host.model_name = "cli-test";
    chip_.host.layers = {{"input", isa::LayerRole::kInput, chip_.host.inputs},
                         {"out", isa::LayerRole::kOutput, chip_.host.outputs}};
    isa::save_image(path("net.scimg"), chip_);
    pixels_ = random_pixels(4, 64, 0.6);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path(name), std::ios::binary) << bytes;
  }
  std::string pixel_bytes() const { return std::string(pixels_.begin(), pixels_.end()); }

  fs::path dir_;
  isa::ChipConfig chip_;
  std::vector<uint8_t> pixels_;
};

TEST_F(GoldenRunCli, PrintsEveryStepAndTheSamePredictionAsTheLibrary) {
  write("sample.pgm", "P5\n# 8x8 test digit\n8 8\n255\n" + pixel_bytes());
  const ToolRun run = run_tool(path("net.scimg") + " --input " + path("sample.pgm") + " -T 12");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const RunResult expected = GoldenModel(chip_).run(pixels_.data(), 12);
  ASSERT_GT(expected.counters.spikes, 0u);
  EXPECT_NE(run.output.find("model 'cli-test'"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("predicted class: " + std::to_string(expected.predicted_class)),
            std::string::npos) << run.output;
  for (unsigned t = 0; t < 12; ++t) {
    const uint32_t n = expected.spikes.step_begin[t + 1] - expected.spikes.step_begin[t];
    EXPECT_NE(run.output.find("step " + std::to_string(t) + ": " + std::to_string(n) + " spike"),
              std::string::npos) << "step " << t << "\n" << run.output;
  }
  // In the first step with spikes only input neurons can fire (the hidden ones
  // have had no input yet); the first is printed by its layer name.
  unsigned t0 = 0;
  while (expected.spikes.step_begin[t0 + 1] == 0) ++t0;
  const uint32_t first = expected.spikes.ids[0];
  const auto& inputs = chip_.host.inputs;
  const auto it = std::find_if(inputs.begin(), inputs.end(), [&](const isa::NeuronRef& r) {
    return r.core * isa::kNeuronSlots + r.slot == first;
  });
  ASSERT_NE(it, inputs.end());
  EXPECT_NE(run.output.find("step " + std::to_string(t0) + ": " +
                            std::to_string(expected.spikes.step_begin[t0 + 1]) +
                            " spikes: input[" + std::to_string(it - inputs.begin()) + "]"),
            std::string::npos) << run.output;
}

TEST_F(GoldenRunCli, RawInputGivesTheSameOutputAsPgm) {
  write("sample.raw", pixel_bytes());
  write("sample.pgm", "P5 8 8 255\n" + pixel_bytes());
  const ToolRun raw = run_tool(path("net.scimg") + " --input " + path("sample.raw"));
  const ToolRun pgm = run_tool(path("net.scimg") + " --input " + path("sample.pgm"));
  ASSERT_EQ(raw.exit_code, 0) << raw.output;
  const auto body = [](const std::string& s) { return s.substr(s.find("steps\n")); };
  EXPECT_EQ(body(raw.output), body(pgm.output));
}

TEST_F(GoldenRunCli, WrongSizedInputIsAnErrorNamingTheFile) {
  write("short.raw", "abc");
  const ToolRun run = run_tool(path("net.scimg") + " --input " + path("short.raw"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find(path("short.raw") + ": raw input has 3 bytes, the image expects 64"),
            std::string::npos) << run.output;
}

TEST_F(GoldenRunCli, MissingSampleOptionIsAUsageError) {
  const ToolRun run = run_tool(path("net.scimg"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("exactly one of --input or --idx"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace spikecore::golden
