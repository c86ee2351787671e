// spikecore-sim end to end, run as a process exactly as a user runs it, on the
// default model trained and compiled by the default_image fixture.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "isa/hardware_description.h"
#include "isa/image.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kBin = std::string(SPIKECORE_BINARY_DIR) + "/bin/spikecore-sim";
const std::string kArtifacts = SIM_ARTIFACTS;
const std::string kImage = kArtifacts + "/mnist_mlp.scimg";
const std::string kModel = kArtifacts + "/mnist_mlp.pt";
const std::string kBoardImage = kArtifacts + "/mnist_mlp128.scimg";  // a 2x2 board

struct Result {
  int status = -1;
  std::string output;  // stdout and stderr together
};

// `env`: assignments put before the command ("NAME=value ...").
Result run(const std::string& args, const std::string& env = "") {
  Result r;
  const std::string cmd = env + " " + kBin + " " + args + " --progress none 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  const int status = pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

class SimCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(kImage)) << "fixture image missing: " << kImage;
    dir_ = fs::path(kArtifacts) / ("sim_cli_" + std::string(::testing::UnitTest::GetInstance()
                                                                 ->current_test_info()
                                                                 ->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

// Sample fields that must not depend on the backend (cycles and NoC counts do).
json functional_part(const json& samples) {
  json out = json::array();
  for (const json& s : samples)
    out.push_back({{"index", s["index"]},
                   {"label", s["label"]},
                   {"predicted", s["predicted"]},
                   {"reference", s["reference"]},
                   {"output_spike_counts", s["output_spike_counts"]},
                   {"output_scores", s["output_scores"]},
                   {"synaptic_events", s["synaptic_events"]}});
  return out;
}

}  // namespace

// The regression verdict: every held-out digit through the cycle-level model.
// Thresholds are the compiler issue's quality bar, which docs/compiler.md
// records as met at the default T (99.45 % agreement on these 2000 digits at T = 32).
TEST_F(SimCli, RegressionAgainstPyTorchTop1OnTheSystemCBackend) {
  const Result r = run("--image " + kImage + " --reference " + kModel +
                       " --min-agreement 99 --max-accuracy-drop 0.5 --jobs 2 --json " + path("r.json"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("verdict: PASS: agreement with PyTorch top-1"), std::string::npos)
      << r.output;
  const json j = json::parse(slurp(path("r.json")));
  EXPECT_EQ(j["schema_version"], 2);
  EXPECT_EQ(j["verdict"]["status"], "pass");
  EXPECT_EQ(j["verdict"]["min_agreement_pct"], 99.0);
  EXPECT_EQ(j["backend"], "systemc");
  EXPECT_EQ(j["summary"]["count"], 2000);
  ASSERT_EQ(j["samples"].size(), 2000u);
  const json& summary = j["summary"];
  EXPECT_GE(summary["agreement"].get<double>(), 0.99) << r.output;
  EXPECT_NEAR(summary["accuracy"].get<double>(), summary["reference_accuracy"].get<double>(), 0.005)
      << r.output;
  // The cycle-level chip computes its exact integer reference on every digit.
  EXPECT_EQ(summary["exact_reference_agreement"].get<double>(), 1.0);
  EXPECT_EQ(summary["exact_reference_mismatches"].get<int>(), 0);
  EXPECT_EQ(summary["clipping_changed_class"].get<int>(), 0);
  for (const json& s : j["samples"]) {
    EXPECT_GT(s["cycles"].get<uint64_t>(), 0u);
    EXPECT_EQ(s["output_spike_counts"].size(), 10u);
    EXPECT_TRUE(s["exact_match"].get<bool>()) << "sample " << s["index"];
  }
  EXPECT_NE(r.output.find("agreement with PyTorch float top-1"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("agreement with exact integer reference 100.00 %, scores identical"),
            std::string::npos)
      << r.output;
}

// The verdict's bars at and just past what a run measured: at the bar it
// passes, past it it fails with exit status 3, says by how much, and still
// writes its results; no bar, no verdict.
TEST_F(SimCli, TheVerdictPassesAtItsBarAndFailsPastItWithStatusThree) {
  const std::string args = "--image " + kImage + " --backend golden --count 300 --reference " +
                           kModel + " --json " + path("r.json");
  const Result plain = run(args);
  ASSERT_EQ(plain.status, 0) << plain.output;
  EXPECT_EQ(plain.output.find("verdict:"), std::string::npos);
  const json measured = json::parse(slurp(path("r.json")));
  EXPECT_EQ(measured["verdict"]["status"], "none");
  const double agreement = 100 * measured["summary"]["agreement"].get<double>();
  ASSERT_LT(agreement, 99.9) << "the bar past the measured agreement must stay within 100 %";
  char at[32], past[32];
  std::snprintf(at, sizeof at, "%.4f", agreement - 1e-4);
  std::snprintf(past, sizeof past, "%.4f", agreement + 0.1);

  const Result pass = run(args + " --min-agreement " + at);
  EXPECT_EQ(pass.status, 0) << pass.output;
  EXPECT_NE(pass.output.find("verdict: PASS"), std::string::npos) << pass.output;

  fs::remove(path("r.json"));
  const Result fail = run(args + " --min-agreement " + past);
  EXPECT_EQ(fail.status, 3) << fail.output;
  EXPECT_NE(fail.output.find("verdict: FAIL: agreement with PyTorch top-1"), std::string::npos)
      << fail.output;
  EXPECT_NE(fail.output.find("(0.10 points short)"), std::string::npos) << fail.output;
  const json failed = json::parse(slurp(path("r.json")));  // written before the exit
  EXPECT_EQ(failed["verdict"]["status"], "fail");
  EXPECT_EQ(failed["samples"].size(), 300u);
}

// An image whose chip does not compute its own layer table's network (here:
// one output tile's weights changed behind the reference's back, as a mapping
// bug would) fails the run and says so, after writing the results.
TEST_F(SimCli, AChipThatDiffersFromItsExactReferenceFailsTheRun) {
  spikecore::isa::ChipConfig chip = spikecore::isa::load_image(kImage);
  const auto output = chip.host.outputs.at(0);
  for (auto& core : chip.cores)
    for (const auto& ins : core.program)
      if (ins.op == spikecore::isa::Opcode::kPsum && ins.psum.dst_core == output.core)
        for (int8_t& w : core.weights) w = int8_t(w > 0 ? w - 40 : w + 40);
  spikecore::isa::save_image(path("changed.scimg"), chip);
  const Result r = run("--image " + path("changed.scimg") +
                       " --count 20 --backend golden --json " + path("r.json"));
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("differ from its exact integer reference"), std::string::npos)
      << r.output;
  const json j = json::parse(slurp(path("r.json")));
  EXPECT_GT(j["summary"]["exact_reference_mismatches"].get<int>(), 0);
}

TEST_F(SimCli, GoldenAndSystemCBackendsGiveTheSameSamples) {
  const std::string common = "--image " + kImage + " --first 100 --count 50 --reference " + kModel;
  const Result a = run(common + " --backend golden --json " + path("g.json"));
  const Result b = run(common + " --backend systemc --json " + path("s.json"));
  ASSERT_EQ(a.status, 0) << a.output;
  ASSERT_EQ(b.status, 0) << b.output;
  const json g = json::parse(slurp(path("g.json")));
  const json s = json::parse(slurp(path("s.json")));
  EXPECT_EQ(functional_part(g["samples"]), functional_part(s["samples"]));
  EXPECT_EQ(g["samples"][0]["cycles"], 0);
}

// A hardware description changes the timing of the cycle-level model and
// never a result; the run echoes the description it used.
TEST_F(SimCli, AHardwareDescriptionChangesCyclesNotResults) {
  {
    std::ofstream hw(path("hw.json"));
    hw << R"({"microarchitecture": {"router_buffer_flits": 2, "router_hop_cycles": 4,
              "barrier_cycles": 9, "clock_mhz": 250}})";
  }
  const std::string common = "--image " + kImage + " --first 10 --count 20 --reference " + kModel;
  const Result plain = run(common + " --json " + path("plain.json"));
  const Result slow = run(common + " --hw " + path("hw.json") + " --json " + path("slow.json"));
  ASSERT_EQ(plain.status, 0) << plain.output;
  ASSERT_EQ(slow.status, 0) << slow.output;
  const json a = json::parse(slurp(path("plain.json")));
  const json b = json::parse(slurp(path("slow.json")));
  EXPECT_EQ(functional_part(a["samples"]), functional_part(b["samples"]));
  EXPECT_GT(b["summary"]["cycles_per_inference_mean"].get<double>(),
            a["summary"]["cycles_per_inference_mean"].get<double>());
  EXPECT_EQ(a["hardware"]["microarchitecture"]["router_buffer_flits"], 4);
  EXPECT_EQ(b["hardware"]["microarchitecture"]["router_buffer_flits"], 2);
  EXPECT_EQ(b["hardware"]["microarchitecture"]["router_hop_cycles"], 4);
  EXPECT_EQ(b["hardware"]["chip"]["mesh_width"], 16);
  EXPECT_EQ(b["clock_mhz_modeled"], 250.0);
  EXPECT_NE(slow.output.find("at 250 MHz"), std::string::npos) << slow.output;
}

// The tutorial-size models trained by spikecore-train on their boards (issue
// #15): all 2000 held-out digits agree with PyTorch's top-1 on >= 99 % at the
// default T <= 32 (golden backend; the SystemC one equals it spike for spike,
// MnistBitExactTest.CompiledBoardModelAgreesOnFiftyDigits).
TEST_F(SimCli, BoardModelsTrainedBySpikecoreTrainAgreeOnAllHeldOutDigits) {
  for (const std::string stem : {"mnist_mlp128", "mnist_mlp256_128"}) {
    SCOPED_TRACE(stem);
    const std::string image = kArtifacts + "/" + stem + ".scimg";
    ASSERT_TRUE(fs::exists(image)) << "fixture image missing: " << image;
    const Result r = run("--image " + image + " --backend golden --reference " + kArtifacts +
                         "/" + stem + ".pt --json " + path(stem + ".json"));
    ASSERT_EQ(r.status, 0) << r.output;
    const json j = json::parse(slurp(path(stem + ".json")));
    EXPECT_EQ(j["summary"]["count"], 2000);
    EXPECT_LE(j["timesteps"].get<unsigned>(), 32u);
    EXPECT_GE(j["summary"]["agreement"].get<double>(), 0.99) << r.output;
    EXPECT_EQ(j["summary"]["exact_reference_mismatches"], 0);
    const auto chip = spikecore::isa::load_image(image);
    EXPECT_GT(chip.num_chips(), 1u);
  }
}

// The LeNet-5 spikecore-train trains (issue #16's targets): >= 99 % agreement
// with float top-1 on all 2000 held-out digits at the default T <= 32,
// accuracy within 0.5 points of float, every score equal to the exact
// integer reference.
TEST_F(SimCli, LenetTrainedBySpikecoreTrainAgreesOnAllHeldOutDigits) {
  const std::string image = kArtifacts + "/mnist_lenet.scimg";
  ASSERT_TRUE(fs::exists(image)) << "fixture image missing: " << image;
  const Result r = run("--image " + image + " --backend golden --jobs 2 --reference " +
                       kArtifacts + "/mnist_lenet.pt --json " + path("lenet.json") +
                       " --raster " + path("lenet.svg"));
  ASSERT_EQ(r.status, 0) << r.output;
  // The raster draws conv layers as feature maps, one picture per channel.
  const std::string svg = slurp(path("lenet.svg"));
  EXPECT_NE(svg.find("1 x 28 x 28 maps"), std::string::npos) << "the input image";
  EXPECT_NE(svg.find("6 x 24 x 24 maps"), std::string::npos) << "conv1's six channels";
  EXPECT_NE(svg.find("120 neurons"), std::string::npos) << "fc1 as a time raster";
  const json j = json::parse(slurp(path("lenet.json")));
  const json& s = j["summary"];
  EXPECT_EQ(s["count"], 2000);
  EXPECT_LE(j["timesteps"].get<unsigned>(), 32u);
  EXPECT_GE(s["agreement"].get<double>(), 0.99) << r.output;
  EXPECT_GE(s["accuracy"].get<double>(), s["reference_accuracy"].get<double>() - 0.005) << r.output;
  EXPECT_EQ(s["exact_reference_mismatches"], 0);
}

// On a board, the chip links' latency changes cycles and link stalls, never a
// result; every run still equals the exact integer reference.
TEST_F(SimCli, AChipLinkLatencyChangesCyclesNotResults) {
  ASSERT_TRUE(fs::exists(kBoardImage)) << "fixture image missing: " << kBoardImage;
  {
    std::ofstream hw(path("slow_links.json"));
    hw << R"({"chip_links": {"latency_cycles": 64}})";
  }
  const std::string common = "--image " + kBoardImage + " --count 6";
  const Result plain = run(common + " --json " + path("plain.json"));
  const Result slow = run(common + " --hw " + path("slow_links.json") + " --json " + path("slow.json"));
  ASSERT_EQ(plain.status, 0) << plain.output;
  ASSERT_EQ(slow.status, 0) << slow.output;
  const json a = json::parse(slurp(path("plain.json")));
  const json b = json::parse(slurp(path("slow.json")));
  EXPECT_EQ(functional_part(a["samples"]), functional_part(b["samples"]));
  EXPECT_EQ(b["summary"]["exact_reference_mismatches"], 0);
  EXPECT_GT(b["summary"]["cycles_per_inference_mean"].get<double>(),
            a["summary"]["cycles_per_inference_mean"].get<double>());
  EXPECT_EQ(a["hardware"]["chip_links"]["latency_cycles"], 16);
  EXPECT_EQ(b["hardware"]["chip_links"]["latency_cycles"], 64);
  ASSERT_FALSE(a["summary"]["chip_links"].empty());
  uint64_t flits_a = 0, flits_b = 0;
  for (const json& l : a["summary"]["chip_links"]) flits_a += l["flits"].get<uint64_t>();
  for (const json& l : b["summary"]["chip_links"]) flits_b += l["flits"].get<uint64_t>();
  // The same packets cross the same links, except the last step's: its spikes
  // are still travelling when the clock stops (docs/microarchitecture.md 7),
  // and slower links carry less of them by then.
  EXPECT_GT(flits_a, 0u);
  EXPECT_NEAR(double(flits_b), double(flits_a), 0.05 * double(flits_a));
}

// The step watchdog on a board names the chip links that hold flits, with the
// head flit's source and destination chips (docs/microarchitecture.md 9.1).
TEST_F(SimCli, AStuckStepOnABoardNamesTheChipLinksHoldingFlits) {
  ASSERT_TRUE(fs::exists(kBoardImage)) << "fixture image missing: " << kBoardImage;
  ::setenv("SPIKECORE_STEP_WATCHDOG_CYCLES", "200", 1);  // below an event phase's length
  const Result r = run("--image " + kBoardImage + " --count 1");
  ::unsetenv("SPIKECORE_STEP_WATCHDOG_CYCLES");
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("did not close"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("chip links holding flits ("), std::string::npos) << r.output;
  const std::regex link_entry(
      R"(chip \d -> chip \d \((east|west|north|south), (row|column) \d+\) \(\d+ flits, head: )"
      R"((spike|partial sum) core \d+ of chip \d -> core \d+ of chip \d)");
  EXPECT_TRUE(std::regex_search(r.output, link_entry)) << r.output;
}

// A board's VCD holds every chip link's activity (link_F_T_L.flits pulses and
// .occupancy), exactly on the links the run's counters say carried flits, and
// the .gtkw groups them per chip.
TEST_F(SimCli, ABoardTraceShowsChipLinkActivityGroupedPerChip) {
  ASSERT_TRUE(fs::exists(kBoardImage)) << "fixture image missing: " << kBoardImage;
  const Result r = run("--image " + kBoardImage + " --count 1 --backend systemc --json " +
                       path("r.json") + " --vcd " + path("board.vcd"));
  ASSERT_EQ(r.status, 0) << r.output;
  const std::string vcd = slurp(path("board.vcd"));
  const std::string gtkw = slurp(path("board.gtkw"));
  // VCD identifier of each link's flits signal, and how often it was set to 1.
  std::map<std::string, std::string> link_of_id;  // id -> "F_T"
  std::map<std::string, unsigned> pulses;        // "F_T" -> pulses on its lanes
  std::istringstream in(vcd);
  std::string line, scope;
  bool header = true;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string w0, w1, w2, id, name;
    words >> w0;
    if (header && w0 == "$scope") {
      words >> w1 >> scope;
    } else if (header && w0 == "$var") {
      words >> w1 >> w2 >> id >> name;
      if (scope.rfind("link_", 0) == 0 && name == "flits") {
        const size_t last = scope.rfind('_');
        link_of_id[id] = scope.substr(5, last - 5);
      }
    } else if (w0 == "$enddefinitions") {
      header = false;
    } else if (!header && line.size() > 1 && line[0] == '1' && link_of_id.count(line.substr(1))) {
      ++pulses[link_of_id[line.substr(1)]];
    }
  }
  ASSERT_FALSE(link_of_id.empty()) << "no chip link in the VCD";
  const json j = json::parse(slurp(path("r.json")));
  unsigned busy_edges = 0;
  std::map<std::string, uint64_t> flits;  // "F_T" -> flits, summed over directions
  for (const json& l : j["summary"]["chip_links"])
    flits[std::to_string(l["from_chip"].get<unsigned>()) + "_" +
          std::to_string(l["to_chip"].get<unsigned>())] += l["flits"].get<uint64_t>();
  for (const auto& [edge, n] : flits) {
    SCOPED_TRACE("chip link " + edge);
    EXPECT_EQ(pulses[edge] > 0, n > 0);
    EXPECT_LE(pulses[edge], n) << "a pulse is at least one flit";
    busy_edges += n > 0;
  }
  EXPECT_GT(busy_edges, 1u);
  for (unsigned chip = 0; chip < 4; ++chip)
    EXPECT_NE(gtkw.find("chip " + std::to_string(chip) + " links out"), std::string::npos)
        << "no .gtkw group for chip " << chip;
  EXPECT_NE(gtkw.find("SystemC.chip.link_0_1_0.occupancy"), std::string::npos);
}

// An image records the hardware it was compiled for; without --hw the
// simulator models that, and another --hw microarchitecture gets a note.
TEST_F(SimCli, TheImagesHardwareDescriptionIsTheDefault) {
  spikecore::isa::ChipConfig chip = spikecore::isa::load_image(kImage);
  ASSERT_FALSE(chip.hardware.empty()) << "spikecore-compile records the description";
  spikecore::isa::HardwareDescription d =
      spikecore::isa::parse_hardware_description(chip.hardware, kImage);
  EXPECT_EQ(d.mesh_width, chip.mesh_width);
  d.micro.router_hop_cycles = 5;
  chip.hardware = spikecore::isa::to_json(d);
  spikecore::isa::save_image(path("hop5.scimg"), chip);
  const Result r = run("--image " + path("hop5.scimg") + " --count 3 --json " + path("r.json"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(json::parse(slurp(path("r.json")))["hardware"]["microarchitecture"]["router_hop_cycles"],
            5);
  {
    std::ofstream hw(path("hw.json"));
    hw << "{}";
  }
  const Result swept = run("--image " + path("hop5.scimg") + " --count 3 --hw " + path("hw.json"));
  ASSERT_EQ(swept.status, 0) << swept.output;
  EXPECT_NE(swept.output.find("its microarchitecture differs from the one"), std::string::npos)
      << swept.output;
}

TEST_F(SimCli, TwoRunsGiveByteIdenticalJsonAndVcd) {
  for (const char* tag : {"1", "2"}) {
    const Result r = run("--image " + kImage + " --count 5 --json " + path(std::string(tag) + ".json") +
                         " --vcd " + path(std::string(tag) + ".vcd") + " --trace-steps 0:3");
    ASSERT_EQ(r.status, 0) << r.output;
  }
  EXPECT_EQ(slurp(path("1.json")), slurp(path("2.json")));
  const std::string vcd = slurp(path("1.vcd"));
  EXPECT_GT(vcd.size(), 100u);
  EXPECT_EQ(vcd, slurp(path("2.vcd")));
}

TEST_F(SimCli, TwoJobsEqualOneJob) {
  const std::string common = "--image " + kImage + " --first 10 --count 41";
  ASSERT_EQ(run(common + " --jobs 1 --json " + path("j1.json")).status, 0);
  ASSERT_EQ(run(common + " --jobs 2 --json " + path("j2.json")).status, 0);
  EXPECT_EQ(slurp(path("j1.json")), slurp(path("j2.json")));
}

TEST_F(SimCli, RasterShowsEveryLayerBand) {
  const Result r = run("--image " + kImage + " --count 3 --raster " + path("r.svg") +
                       " --raster-sample 1");
  ASSERT_EQ(r.status, 0) << r.output;
  const std::string svg = slurp(path("r.svg"));
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("(input)"), std::string::npos);
  EXPECT_NE(svg.find("(hidden)"), std::string::npos);
  EXPECT_NE(svg.find("(output)"), std::string::npos);
  EXPECT_NE(svg.find("sample 1:"), std::string::npos);
  EXPECT_NE(r.output.find("identical to the golden model"), std::string::npos) << r.output;
}

// The HTML report (--html): every section on both backends; what only the
// SystemC model measures is said to be missing on the golden backend, not
// drawn as zeros. tests/sim/check_html_report.py renders it in Chromium.
TEST_F(SimCli, HtmlReportShowsEverySectionOnBothBackends) {
  const std::string common = "--image " + kImage + " --count 5 --reference " + kModel +
                             " --min-agreement 50";
  const Result golden = run(common + " --backend golden --html " + path("g.html"));
  ASSERT_EQ(golden.status, 0) << golden.output;
  EXPECT_NE(golden.output.find("HTML report    " + path("g.html")), std::string::npos);
  const Result systemc = run(common + " --html " + path("s.html") + " --compile-report " +
                             kArtifacts + "/mapping.json --raster-sample 3");
  ASSERT_EQ(systemc.status, 0) << systemc.output;
  const std::string g = slurp(path("g.html")), s = slurp(path("s.html"));
  for (const char* id : {"summary", "mapping", "mesh", "layers", "raster", "cycles", "energy",
                         "timesteps"}) {
    const std::string tag = std::string("<section id=\"") + id + "\">";
    EXPECT_NE(g.find(tag), std::string::npos) << id;
    EXPECT_NE(s.find(tag), std::string::npos) << id;
  }
  EXPECT_NE(s.find("<b>PASS</b>"), std::string::npos);
  EXPECT_NE(s.find("sample 3: label"), std::string::npos) << "the raster sample";
  EXPECT_NE(s.find("Synaptic events (weight reads) per core"), std::string::npos);
  EXPECT_NE(s.find("Stall cycles per router"), std::string::npos);
  EXPECT_NE(s.find("<polyline"), std::string::npos) << "cycles per step and the T curve";
  EXPECT_NE(s.find("measured by the SystemC model"), std::string::npos);
  EXPECT_NE(s.find("(modeled)"), std::string::npos);
  EXPECT_EQ(g.find("Synaptic events (weight reads) per core"), std::string::npos);
  EXPECT_NE(g.find("measured by the SystemC model: run with --backend systemc"), std::string::npos);
  EXPECT_NE(g.find("Give --compile-report"), std::string::npos);
  for (const std::string* page : {&g, &s}) {
    EXPECT_EQ(page->find("<script"), std::string::npos);
    EXPECT_EQ(page->find("https://"), std::string::npos);
  }
}

struct BadCase {
  const char* name;
  std::string args;
  int status;
  const char* message;
};

TEST_F(SimCli, BadInputsGiveAClearErrorAndNonZeroExit) {
  const std::string corrupt = path("corrupt.scimg");
  {
    std::string bytes = slurp(kImage);
    bytes[bytes.size() / 2] ^= 0x5a;
    std::ofstream(corrupt, std::ios::binary) << bytes;
  }
  const std::string img = "--image " + kImage;
  const std::vector<BadCase> cases = {
      {"unknown flag", img + " --frobnicate", 2, "frobnicate"},
      {"negative count", img + " --count -5", 2, "--count expects a whole number"},
      {"zero timesteps", img + " --timesteps 0", 2, "--timesteps must be in 1..65535"},
      {"unknown backend", img + " --backend verilog", 2, "--backend must be 'systemc' or 'golden'"},
      {"zero jobs", img + " --jobs 0", 2, "--jobs must be in 1..64"},
      {"missing image flag", "--count 1", 2, "--image is required"},
      {"missing image", "--image " + path("nope.scimg"), 1, "nope.scimg"},
      {"corrupt image", "--image " + corrupt, 1, "CRC"},
      {"range past the end", img + " --first 1990 --count 20", 1, "the split has 2000"},
      {"unknown dataset", img + " --dataset cifar", 1, "cifar"},
      {"vcd on golden", img + " --backend golden --vcd x.vcd", 2, "--vcd needs --backend systemc"},
      {"trace sample outside run", img + " --count 2 --vcd " + path("t.vcd") + " --trace-samples 7",
       1, "--trace-samples 7 is not among the samples"},
      {"unwritable json", img + " --count 1 --json /nonexistent/dir/r.json", 1, "/nonexistent/dir"},
      {"missing reference", img + " --count 1 --reference " + path("none.pt"), 1, "none.pt"},
      {"verdict without reference", img + " --count 1 --min-agreement 99", 2,
       "--min-agreement needs --reference MODEL.pt"},
      {"agreement above 100", img + " --reference " + kModel + " --min-agreement 101", 2,
       "--min-agreement expects a number in 0..100"},
      {"accuracy drop not a number", img + " --reference " + kModel + " --max-accuracy-drop half",
       2, "--max-accuracy-drop expects a number in 0..100"},
      {"compile report without html", img + " --compile-report " + kArtifacts + "/mapping.json",
       2, "--compile-report needs --html FILE.html"},
      {"compile report not json", img + " --count 1 --html " + path("r.html") +
       " --compile-report " + kModel, 1, "mnist_mlp.pt: not JSON"},
      {"compile report of another kind", img + " --count 1 --html " + path("r.html") +
       " --compile-report " + path("other.json"), 1, "no \"timestep_calibration\" array"},
      {"html onto the image", img + " --count 1 --html " + kImage, 2, "--html"},
  };
  std::ofstream(path("other.json")) << "{\"schema_version\": 2}\n";
  for (const BadCase& c : cases) {
    const Result r = run(c.args);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r.output;
    EXPECT_NE(r.output.find(c.message), std::string::npos)
        << c.name << ": expected '" << c.message << "' in: " << r.output;
    EXPECT_EQ(r.output.find("terminate called"), std::string::npos) << c.name;
  }
  EXPECT_FALSE(fs::exists("/nonexistent/dir/r.json"));
}

// LibTorch is loaded only for --reference (platform/sim/float_reference.cpp):
// the dynamic loader's own log says which libraries a run opened.
TEST_F(SimCli, OnlyAReferenceRunLoadsLibTorch) {
  const std::string args = "--image " + kImage + " --backend golden --count 3";
  const Result plain = run(args, "LD_DEBUG=files");
  ASSERT_EQ(plain.status, 0) << plain.output;
  EXPECT_EQ(plain.output.find("libtorch_cpu"), std::string::npos) << "loaded LibTorch anyway";
  const Result with_reference = run(args + " --reference " + kModel, "LD_DEBUG=files");
  ASSERT_EQ(with_reference.status, 0) << with_reference.output;
  EXPECT_NE(with_reference.output.find("libtorch_cpu"), std::string::npos);
  EXPECT_NE(with_reference.output.find("agreement with PyTorch float top-1"), std::string::npos);
  // Without the library, only --reference fails, and says what to do.
  EXPECT_EQ(run(args, "SPIKECORE_LIB_DIR=" + path("none")).status, 0);
  const Result missing = run(args + " --reference " + kModel, "SPIKECORE_LIB_DIR=" + path("none"));
  EXPECT_EQ(missing.status, 1) << missing.output;
  EXPECT_NE(missing.output.find("libspikecore_float_top1.so, which cannot be loaded"),
            std::string::npos)
      << missing.output;
}

// The digits are found from any working directory (the source tree's data/
// is the last place looked in), and a data directory without them gets an
// error that says where it came from and which flag to give.
TEST_F(SimCli, FindsTheDigitsFromAnyWorkingDirectory) {
  const std::string elsewhere = "cd " + dir_.string() + " && env -u SPIKECORE_DATA_DIR";
  ASSERT_FALSE(fs::exists(dir_ / "data"));
  const Result found = run("--image " + kImage + " --backend golden --count 3", elsewhere);
  EXPECT_EQ(found.status, 0) << found.output;
  const Result missing = run("--image " + kImage + " --backend golden --count 3",
                             "cd " + dir_.string() + " && SPIKECORE_DATA_DIR=" + path("empty"));
  EXPECT_EQ(missing.status, 1) << missing.output;
  EXPECT_NE(missing.output.find("or give --data-dir (or SPIKECORE_DATA_DIR) the directory that "
                                "holds mnist/ (this one came from SPIKECORE_DATA_DIR)"),
            std::string::npos)
      << missing.output;
}

TEST_F(SimCli, HelpDescribesEveryFlag) {
  const Result r = run("--help");
  ASSERT_EQ(r.status, 0);
  for (const char* flag : {"--image", "--dataset", "--split", "--first", "--count", "--backend",
                           "--timesteps", "--reference", "--json", "--vcd", "--trace-samples",
                           "--trace-steps", "--trace-cores", "--raster", "--raster-sample",
                           "--jobs", "--seed", "--min-agreement", "--max-accuracy-drop"})
    EXPECT_NE(r.output.find(flag), std::string::npos) << flag;
  EXPECT_NE(r.output.find("Exit status: 0"), std::string::npos);
  EXPECT_NE(r.output.find("3 the verdict failed"), std::string::npos);
}
