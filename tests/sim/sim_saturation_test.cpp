// Integer-overflow accounting end to end: spikecore-sim on a hand-written
// image built to clip (data/saturate_784.s, whose comments work the counts
// out), on both backends. The per-layer figures must be exactly the
// hand-derived ones, and the same on the golden and the SystemC model.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim_test_support.h"

namespace fs = std::filesystem;
using nlohmann::json;
using spikecore::sim::testing::run_command;
using spikecore::sim::testing::write_mnist_test_split;
using Result = spikecore::sim::testing::CommandResult;

namespace {

const std::string kBin = std::string(SPIKECORE_BINARY_DIR) + "/bin/";
const std::string kSource = std::string(SPIKECORE_SOURCE_DIR) + "/tests/sim/data/saturate_784.s";

json read_json(const fs::path& path) {
  std::ifstream f(path);
  return json::parse(f);
}

class SimSaturation : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(SPIKECORE_BINARY_DIR) / "test-artifacts" /
           ("sim_saturation_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const Result as = run_command(kBin + "spikecore-as " + kSource + " -o " + image());
    ASSERT_EQ(as.status, 0) << as.output;
    // Pixels 255 (every input spikes every step), 0 (none does), 255 again.
    write_mnist_test_split(dir_ / "data", {255, 0, 255});
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string image() const { return (dir_ / "saturate.scimg").string(); }
  Result simulate(const std::string& backend, const std::string& json_name,
                  const std::string& extra = "", unsigned timesteps = 8) const {
    return run_command("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1 " + kBin + "spikecore-sim --image " + image() +
               " --data-dir " + (dir_ / "data").string() + " --progress none" +
               " --timesteps " + std::to_string(timesteps) + " --backend " + backend +
               " --json " + (dir_ / json_name).string() + " " + extra);
  }

  fs::path dir_;
};

// saturate_784.s at T = 8: fc1 clips at +32767 3 times and at -32768 6 times
// per sample whose pixels are 255, never for pixels 0; out is held at -32768
// 7 times in every sample; the input layer never clips; no accumulator ever
// (check() rules it out). Only the +32767 clips count as samples with a
// saturation (the floor at -32768 is reported apart, without a warning).
const json kExpectedByLayer = json::parse(R"([
  {"layer": "input", "role": "input", "cores": [0], "acc_saturations": 0,
   "soma_saturations": 0, "soma_floor_clips": 0, "samples_with_saturation": 0},
  {"layer": "fc1", "role": "hidden", "cores": [13], "acc_saturations": 0,
   "soma_saturations": 6, "soma_floor_clips": 12, "samples_with_saturation": 2},
  {"layer": "out", "role": "output", "cores": [14], "acc_saturations": 0,
   "soma_saturations": 0, "soma_floor_clips": 21, "samples_with_saturation": 0}
])");

TEST_F(SimSaturation, ExactCountsPerLayerOnBothBackends) {
  const Result golden = simulate("golden", "golden.json");
  const Result systemc = simulate("systemc", "systemc.json", "--jobs 2");
  ASSERT_EQ(golden.status, 0) << golden.output;
  ASSERT_EQ(systemc.status, 0) << systemc.output;
  for (const char* name : {"golden.json", "systemc.json"}) {
    SCOPED_TRACE(name);
    const json j = read_json(dir_ / name);
    EXPECT_EQ(j["summary"]["saturations_by_layer"], kExpectedByLayer);
    EXPECT_EQ(j["summary"]["soma_saturations"], 6);
    EXPECT_EQ(j["summary"]["soma_floor_clips"], 33);
    EXPECT_EQ(j["summary"]["acc_saturations"], 0);
    std::vector<uint64_t> per_sample, floors;
    for (const json& s : j["samples"]) {
      per_sample.push_back(s["soma_saturations"]);
      floors.push_back(s["soma_floor_clips"]);
    }
    EXPECT_EQ(per_sample, (std::vector<uint64_t>{3, 0, 3}));
    EXPECT_EQ(floors, (std::vector<uint64_t>{13, 7, 13}));
  }
}

TEST_F(SimSaturation, SummaryTableNamesEveryLayerThatClipped) {
  const Result r = simulate("systemc", "s.json");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("saturations (ACC, soma)                0, 6  <- int16 clipping happened"),
            std::string::npos) << r.output;
  EXPECT_NE(r.output.find("in layer fc1 (hidden)                0, 6  in 2 of 3 samples"),
            std::string::npos) << r.output;
  EXPECT_NE(r.output.find("V held at -32768 (inhibited neurons)   33\n"), std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("in layer input"), std::string::npos)
      << "a layer that never clipped gets no line:\n" << r.output;
  EXPECT_EQ(r.output.find("in layer out"), std::string::npos)
      << "held at the floor only: no warning line:\n" << r.output;
}

TEST_F(SimSaturation, NoClippingNoLayerLines) {
  // At T = 1 nothing clips: out reaches only -20000, fc1 gets no input yet.
  const Result r = simulate("golden", "g.json", "", 1);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("saturations (ACC, soma)                0, 0\n"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("V held at -32768 (inhibited neurons)   0\n"), std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("in layer"), std::string::npos) << r.output;
  const json j = read_json(dir_ / "g.json");
  for (const json& layer : j["summary"]["saturations_by_layer"])
    EXPECT_EQ(layer["soma_saturations"], 0) << layer;
}

}  // namespace
