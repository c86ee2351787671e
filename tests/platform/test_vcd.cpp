// VCD tracing: the windowed trace parses, holds the expected signals and
// exactly the spikes of the window as one-clock pulses; the gtkwave save file
// names only signals that exist; the same run gives the same bytes; gtkwave
// itself loads it (when installed).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "isa/chip_config.h"
#include "platform/chip_tracer.h"
#include "platform/systemc_runner.h"
#include "platform_test_support.h"
#include "tests/golden/random_chips.h"
#include "vcd_reader.h"

namespace spikecore::platform::testing {
namespace {

namespace fs = std::filesystem;

constexpr unsigned kTracedSample = 1;
constexpr unsigned kFirstStep = 2, kLastStep = 5;

// A small layered network with its layers named in HostConfig.
isa::ChipConfig traced_chip() {
  golden::testing::RandomMlpOptions options;
  options.layers = {120, 30, 10};
  options.hidden_threshold = 120;
  isa::ChipConfig chip = golden::testing::random_mlp_chip(5, options);
  std::set<std::pair<unsigned, unsigned>> io;
  isa::LayerInfo input{"input", isa::LayerRole::kInput, chip.host.inputs};
  isa::LayerInfo output{"fc2", isa::LayerRole::kOutput, chip.host.outputs};
  for (const auto& r : chip.host.inputs) io.insert({r.core, r.slot});
  for (const auto& r : chip.host.outputs) io.insert({r.core, r.slot});
  isa::LayerInfo hidden{"fc1", isa::LayerRole::kHidden, {}};
  for (unsigned c = 0; c < chip.num_cores(); ++c)
    for (const isa::Instruction& ins : chip.cores[c].program)
      if (ins.op == isa::Opcode::kFire)
        for (unsigned s = ins.fire.neuron_base; s < unsigned(ins.fire.neuron_base) + ins.fire.count; ++s)
          if (!io.count({c, s})) hidden.neurons.push_back({uint16_t(c), uint8_t(s)});
  chip.host.layers = {input, hidden, output};
  return chip;
}

std::vector<unsigned> layer_cores(const isa::ChipConfig& chip) {
  std::set<unsigned> cores;
  for (const isa::LayerInfo& l : chip.host.layers)
    for (const auto& r : l.neurons) cores.insert(r.core);
  return {cores.begin(), cores.end()};
}

struct TracedRun {
  isa::ChipConfig chip;
  std::vector<uint8_t> pixels;
  SystemCRun run;
  std::vector<unsigned> cores;
};

TracedRun traced_run(const std::string& vcd_path) {
  TracedRun t;
  t.chip = traced_chip();
  const size_t inputs = t.chip.host.inputs.size();
  t.pixels = golden::testing::random_pixels(21, inputs * 3, 0.4);
  t.cores = layer_cores(t.chip);
  t.cores.push_back(t.cores.back() + 1);  // a weight tile: no layer neurons, router traced
  SimOptions options;
  options.timesteps = 8;
  options.trace.vcd_path = vcd_path;
  options.trace.window.samples = {kTracedSample};
  options.trace.window.first_step = kFirstStep;
  options.trace.window.last_step = kLastStep;
  options.trace.window.cores = t.cores;
  t.run = run_systemc(t.chip, image_pointers(t.pixels, inputs), options);
  return t;
}

std::string out_dir() {
  const fs::path dir = fs::path(SPIKECORE_BINARY_DIR) / "test-artifacts" / "vcd";
  fs::create_directories(dir);
  return dir.string();
}

std::string core_name(unsigned c) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "core_%03u", c);
  return buf;
}
std::string router_name(unsigned c) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "router_%03u", c);
  return buf;
}

TEST(VcdTest, TraceHasTheWindowsSignalsAndExactlyItsSpikes) {
  const std::string path = out_dir() + "/window.vcd";
  const TracedRun t = traced_run(path);
  ASSERT_EQ(t.run.vcd_path, path);
  const VcdFile vcd = read_vcd(path);
  EXPECT_EQ(vcd.timescale, "1 ns");
  EXPECT_EQ(vcd.date, platform::kFixedVcdDate);

  for (const char* name : {"tick", "step", "phase", "sample"})
    EXPECT_NE(vcd.find(std::string("SystemC.chip.") + name), nullptr) << name;
  // Per traced core: one signal per layer with neurons there, as wide as
  // that layer's slot count on the core; routers of traced cores only.
  std::map<std::string, std::vector<unsigned>> slots_of;  // signal path -> slots by bit
  for (const isa::LayerInfo& layer : t.chip.host.layers)
    for (const auto& r : layer.neurons)
      slots_of["SystemC.chip." + core_name(r.core) + "." + layer.name].push_back(r.slot);
  for (auto& [p, slots] : slots_of) {
    std::sort(slots.begin(), slots.end());
    const VcdVar* v = vcd.find(p);
    ASSERT_NE(v, nullptr) << p;
    EXPECT_EQ(v->width, slots.size()) << p;
  }
  for (unsigned c = 0; c < t.chip.num_cores(); ++c) {
    const bool traced = std::find(t.cores.begin(), t.cores.end(), c) != t.cores.end();
    EXPECT_EQ(vcd.find("SystemC.chip." + router_name(c) + ".flits") != nullptr, traced) << c;
    EXPECT_EQ(vcd.find("SystemC.chip." + router_name(c) + ".occupancy") != nullptr, traced) << c;
  }
  size_t spike_signals = 0;
  for (const VcdVar& v : vcd.vars)
    if (v.path.find(".core_") != std::string::npos) ++spike_signals;
  EXPECT_EQ(spike_signals, slots_of.size()) << "no spike signals for cores outside the window";

  // Spikes: every set bit is one spike of the traced sample in steps 2..5,
  // and it lasts one clock (the value changes again one period later).
  std::map<std::pair<unsigned, unsigned>, int> traced_spikes, recorded_spikes;
  for (const auto& [p, slots] : slots_of) {
    const unsigned core = unsigned(std::stoul(p.substr(p.find("core_") + 5, 3)));
    const auto& changes = vcd.changes_of(p);
    for (size_t i = 0; i < changes.size(); ++i) {
      if (changes[i].value == 0) continue;
      ASSERT_LT(i + 1, changes.size()) << p << " pulse never ends";
      EXPECT_EQ(changes[i + 1].time, changes[i].time + 2) << p << " at " << changes[i].time;
      for (unsigned bit = 0; bit < slots.size(); ++bit)
        if (changes[i].value >> bit & 1) ++traced_spikes[{core, slots[bit]}];
    }
  }
  const golden::SpikeRecord& rec = t.run.samples[kTracedSample].run.spikes;
  std::set<unsigned> traced_cores(t.cores.begin(), t.cores.end());
  for (unsigned step = kFirstStep; step <= kLastStep; ++step)
    for (uint32_t k = rec.step_begin[step]; k < rec.step_begin[step + 1]; ++k)
      if (traced_cores.count(rec.ids[k] / 64)) ++recorded_spikes[{rec.ids[k] / 64, rec.ids[k] % 64}];
  EXPECT_EQ(traced_spikes, recorded_spikes);
  EXPECT_GT(traced_spikes.size(), 10u) << "the window should hold a fair number of spikes";

  // One tick per traced step; the step counter shows only the window's steps.
  int ticks = 0;
  for (const VcdChange& c : vcd.changes_of("SystemC.chip.tick")) ticks += c.value == 1;
  EXPECT_EQ(ticks, int(kLastStep - kFirstStep + 1));
  std::set<uint64_t> steps;
  for (const VcdChange& c : vcd.changes_of("SystemC.chip.step")) steps.insert(c.value);
  EXPECT_EQ(steps, (std::set<uint64_t>{0, 2, 3, 4, 5}));
  EXPECT_EQ(vcd.changes_of("SystemC.chip.sample").back().value, kTracedSample);
  uint64_t flits = 0;
  for (unsigned c : t.cores)
    for (const VcdChange& ch : vcd.changes_of("SystemC.chip." + router_name(c) + ".flits"))
      flits += ch.value;
  EXPECT_GT(flits, 0u);
}

TEST(VcdTest, SaveFileGroupsByLayerAndNamesOnlyExistingSignals) {
  const std::string path = out_dir() + "/gtkw.vcd";
  const TracedRun t = traced_run(path);
  ASSERT_EQ(t.run.gtkw_path, out_dir() + "/gtkw.gtkw");
  const VcdFile vcd = read_vcd(path);
  std::ifstream in(t.run.gtkw_path);
  ASSERT_TRUE(in) << t.run.gtkw_path;
  std::string line;
  std::vector<std::string> groups;
  std::set<std::string> names;
  size_t neuron_lines = 0;
  bool dumpfile = false;
  while (std::getline(in, line)) {
    if (line.rfind("[dumpfile] \"gtkw.vcd\"", 0) == 0) dumpfile = true;
    if (line.rfind("-", 0) == 0) groups.push_back(line.substr(1));
    // Signal lines: [+{alias} ][(bit from the top)]SystemC.path[msb:0]
    if (line.rfind("+{", 0) == 0) line = line.substr(line.find("} ") + 2);
    int bit_from_top = -1;
    if (line.rfind("(", 0) == 0) {
      bit_from_top = std::stoi(line.substr(1));
      line = line.substr(line.find(')') + 1);
      ++neuron_lines;
    }
    if (line.rfind("SystemC.", 0) != 0) continue;
    const std::string name = line.substr(0, line.find('['));
    const VcdVar* v = vcd.find(name);
    EXPECT_NE(v, nullptr) << "save file names a missing signal: " << line;
    if (v && bit_from_top >= 0) {
      EXPECT_LT(unsigned(bit_from_top), v->width) << line;
    }
    names.insert(name);
  }
  EXPECT_TRUE(dumpfile);
  for (const char* g : {"control", "layer input", "layer fc1", "layer fc2"})
    EXPECT_NE(std::find(groups.begin(), groups.end(), g), groups.end()) << g;
  EXPECT_EQ(names.size(), vcd.vars.size()) << "every traced signal appears in the save file";
  // fc1 (30 neurons) and fc2 (10) are small enough for one line per neuron.
  EXPECT_EQ(neuron_lines, 40u);
}

// Writes a trace when SPIKECORE_VCD_OUT is set; used by the test below, which
// needs two processes (SystemC elaborates once per process).
TEST(VcdHelper, WriteTraceWhenAsked) {
  const char* out = std::getenv("SPIKECORE_VCD_OUT");
  if (out == nullptr) GTEST_SKIP() << "runs only as a child of TwoIdenticalRunsGiveIdenticalBytes";
  traced_run(out);
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(VcdTest, TwoIdenticalRunsGiveIdenticalBytes) {
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  const std::string a = out_dir() + "/same_a.vcd", b = out_dir() + "/same_b.vcd";
  for (const std::string& p : {a, b}) {
    fs::remove(p);
    const std::string cmd = "SPIKECORE_VCD_OUT='" + p + "' '" + self +
                            "' --gtest_filter=VcdHelper.WriteTraceWhenAsked > /dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
  const std::string bytes_a = slurp(a), bytes_b = slurp(b);
  ASSERT_GT(bytes_a.size(), 1000u);
  EXPECT_TRUE(bytes_a == bytes_b) << "the two traces differ";
  EXPECT_EQ(slurp(out_dir() + "/same_a.gtkw").size(), slurp(out_dir() + "/same_b.gtkw").size());
}

// A trace that outgrows its bound stops the run, and leaves neither the
// trace, nor its .gtkw, nor a temporary file (a failed run used to leave a
// truncated .vcd where the user looks for one).
TEST(VcdTest, TraceOutgrowingItsBoundStopsTheRunAndLeavesNoFile) {
  const fs::path dir = fs::path(out_dir()) / "bounded";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const isa::ChipConfig chip = traced_chip();
  const size_t inputs = chip.host.inputs.size();
  const std::vector<uint8_t> pixels = golden::testing::random_pixels(21, inputs * 3, 0.4);
  SimOptions options;
  options.timesteps = 8;
  options.trace.vcd_path = (dir / "big.vcd").string();
  options.trace.window.samples = {0, 1, 2};
  options.trace.max_bytes = 1000;
  try {
    run_systemc(chip, image_pointers(pixels, inputs), options);
    FAIL() << "a trace above its bound must stop the run";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("grew past"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("big.vcd"), std::string::npos) << e.what();
  }
  std::string left;
  for (const auto& entry : fs::directory_iterator(dir)) left += entry.path().string() + " ";
  EXPECT_EQ(left, "") << "files left behind";
}

// gtkwave itself loads the trace and the save file (headless, under xvfb).
TEST(VcdTest, GtkwaveLoadsTraceAndSaveFile) {
  if (std::system("command -v xvfb-run > /dev/null 2>&1 && command -v gtkwave > /dev/null 2>&1") != 0)
    GTEST_SKIP() << "xvfb-run or gtkwave not installed";
  const std::string dir = out_dir();
  const std::string path = dir + "/gtkwave.vcd";
  const TracedRun t = traced_run(path);
  const VcdFile vcd = read_vcd(path);
  const std::string script = dir + "/count.tcl", report = dir + "/gtkwave_report.txt";
  {
    std::ofstream tcl(script);
    tcl << "set f [open \"" << report << "\" w]\n"
        << "puts $f \"facs [gtkwave::getNumFacs]\"\n"
        << "puts $f \"shown [gtkwave::getTotalNumTraces]\"\n"
        << "close $f\n"
        << "gtkwave::/File/Quit\n";
  }
  std::filesystem::remove(report);
  const std::string cmd = "cd '" + dir + "' && timeout 60 xvfb-run -a -s '-screen 0 1280x800x24' " +
                          "gtkwave --rcvar 'hide_sst on' -S count.tcl gtkwave.vcd gtkwave.gtkw" +
                          " > gtkwave_log.txt 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::ifstream in(report);
  std::string word;
  long facs = -1, shown = -1;
  while (in >> word) {
    if (word == "facs") in >> facs;
    if (word == "shown") in >> shown;
  }
  EXPECT_EQ(facs, long(vcd.vars.size())) << "gtkwave must see every traced signal";
  EXPECT_GE(shown, long(vcd.vars.size())) << "the save file must display every signal";
}

}  // namespace
}  // namespace spikecore::platform::testing
