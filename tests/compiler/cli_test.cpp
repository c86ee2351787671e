// spikecore-compile as a user runs it: help, usage errors, diagnostics with a
// non-zero exit and no output files, and a full run with every output.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "compiler/pipeline.h"
#include "isa/assembler.h"
#include "isa/image.h"
#include "test_support.h"

namespace spikecore::compiler {
namespace {

namespace fs = std::filesystem;

std::string cli() { return std::string(SPIKECORE_BINARY_DIR) + "/bin/spikecore-compile"; }

TEST(Cli, HelpListsOptionsAndPasses) {
  std::string out;
  ASSERT_EQ(testing::run_command(cli() + " --help", &out), 0) << out;
  for (const char* s : {"--print-after", "--calib-dataset", "--timesteps", "--report", "--asm",
                        "--seed", "merge-composites", "assemble"})
    EXPECT_NE(out.find(s), std::string::npos) << s << " missing from --help:\n" << out;
}

TEST(Cli, UsageErrorsExitTwo) {
  std::string out;
  EXPECT_EQ(testing::run_command(cli(), &out), 2) << out;
  EXPECT_EQ(testing::run_command(cli() + " m.pt -o x.scimg --print-after nosuchpass", &out), 2);
  EXPECT_NE(out.find("no such pass"), std::string::npos) << out;
  EXPECT_EQ(testing::run_command(cli() + " m.pt -o x.scimg --bogus", &out), 2) << out;
}

TEST(Cli, DiagnosticsExitOneAndWriteNothing) {
  std::string skip;
  const auto model = testing::make_model("cli_sigmoid", "--style custom --activation sigmoid", &skip);
  if (!model) {
    if (!skip.empty()) GTEST_SKIP() << skip;
    return;
  }
  const std::string dir = testing::temp_dir("cli_diag");
  std::string out;
  const int rc = testing::run_command(cli() + " " + *model + " -o " + dir + "/m.scimg --asm " +
                                          dir + "/m.s --report " + dir + "/m.json",
                                      &out);
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("aten::sigmoid"), std::string::npos) << out;
  EXPECT_NE(out.find("no image written"), std::string::npos) << out;
  EXPECT_TRUE(fs::is_empty(dir)) << "a failed compilation left files behind";
}

TEST(Cli, FullRunWritesImageAssemblyReportAndPrintsEveryPass) {
  std::string skip;
  if (!testing::have_mnist(&skip)) GTEST_SKIP() << skip;
  const auto model = testing::make_model("cli_ok", "--style sequential --export trace", &skip);
  if (!model) {
    if (!skip.empty()) GTEST_SKIP() << skip;
    return;
  }
  const std::string dir = testing::temp_dir("cli_full");
  std::string out;
  const int rc = testing::run_command(
      cli() + " " + *model + " -o " + dir + "/m.scimg --asm " + dir + "/m.s --report " + dir +
          "/mapping.json --print-after all --calib-count 300 --timesteps 24 --place-effort 10 -q",
      &out);
  ASSERT_EQ(rc, 0) << out;
  for (const PassInfo& p : passes())
    EXPECT_NE(out.find(std::string("; *** IR after ") + p.name + " ***"), std::string::npos)
        << p.name;
  EXPECT_NE(out.find("; *** IR after import ***"), std::string::npos);
  EXPECT_NE(out.find("dense_relu"), std::string::npos);
  EXPECT_NE(out.find("@spikecore_0"), std::string::npos);
  EXPECT_NE(out.find("Quantization"), std::string::npos);
  EXPECT_NE(out.find("bytes/256"), std::string::npos) << "mapping table missing";

  const isa::ChipConfig image = isa::load_image(dir + "/m.scimg");
  EXPECT_EQ(image.host.default_timesteps, 24);
  // The assembly file assembles to the same chip; the image also records the
  // hardware description it was compiled for, which the assembly does not hold.
  EXPECT_NE(image.hardware.find("\"router_buffer_flits\": 4"), std::string::npos) << image.hardware;
  isa::ChipConfig without_hardware = image;
  without_hardware.hardware.clear();
  EXPECT_EQ(isa::serialize_image(isa::assemble_file(dir + "/m.s")),
            isa::serialize_image(without_hardware));
  std::ifstream in(dir + "/mapping.json");
  const nlohmann::json j = nlohmann::json::parse(in);
  unsigned used = 0;
  for (const isa::CoreConfig& c : image.cores) used += c.used();
  EXPECT_EQ(j.at("cores").size(), used);
  for (const auto& core : j.at("cores")) EXPECT_LE(core.at("weight_bytes").get<unsigned>(), 256u);
  EXPECT_EQ(j.at("layers").size(), 3u);
  EXPECT_GT(j.at("traffic_per_step").at("spike_packets").get<double>(), 0.0);
}

}  // namespace
}  // namespace spikecore::compiler
