// The pieces of the HTML run report: the per-worker activity record, the
// compile report reader, the SVG helpers, and the SRAM span it draws.
#include <gtest/gtest.h>

#include <stdexcept>

#include "isa/chip_config.h"
#include "platform/sim/html_report.h"
#include "platform/sim/run_activity.h"
#include "platform/sim/svg_charts.h"

namespace spikecore::sim {
namespace {

RunActivity sample_activity() {
  RunActivity a;
  a.samples = 3;
  a.core_synaptic_ops = {5, 0, 7};
  a.core_flits_out = {1, 2, 3};
  a.router_flits = {4, 5, 6};
  a.router_stall_cycles = {0, 9, 0};
  a.step_cycles = {100, 200};
  a.neuron_spikes = {1, 0, 0, 4};
  return a;
}

TEST(RunActivity, AddsElementWiseAndGrowsToTheLongerVector) {
  RunActivity total;
  total.add(sample_activity());
  RunActivity more;
  more.samples = 1;
  more.neuron_spikes = {1, 1, 1, 1, 1};
  total.add(more);
  EXPECT_EQ(total.samples, 4u);
  EXPECT_EQ(total.neuron_spikes, (std::vector<uint64_t>{2, 1, 1, 5, 1}));
  EXPECT_EQ(total.core_synaptic_ops, (std::vector<uint64_t>{5, 0, 7}));
  EXPECT_TRUE(total.has_noc());
  EXPECT_FALSE(more.has_noc());
}

TEST(RunActivity, CountsEachNeuronsSpikesOfARecord) {
  golden::SpikeRecord spikes;
  spikes.step_begin = {0, 2, 3};
  spikes.ids = {3, 1, 3};
  RunActivity a;
  a.add_spikes(spikes, 5);
  EXPECT_EQ(a.neuron_spikes, (std::vector<uint64_t>{0, 1, 0, 2, 0}));
}

TEST(RunActivity, SurvivesTheWorkerPipeAndRefusesACorruptRecord) {
  const RunActivity a = sample_activity();
  const std::string bytes = encode(a);
  RunActivity back;
  EXPECT_EQ(decode(bytes + "next", back), bytes.size());
  EXPECT_EQ(back.samples, a.samples);
  EXPECT_EQ(back.router_stall_cycles, a.router_stall_cycles);
  EXPECT_EQ(back.step_cycles, a.step_cycles);
  EXPECT_EQ(back.neuron_spikes, a.neuron_spikes);
  EXPECT_EQ(decode(bytes.substr(0, bytes.size() - 1), back), 0u) << "not whole yet";
  std::string corrupt = bytes;
  corrupt[8 + 8] = char(0xff);  // the first vector's length: far past the record
  EXPECT_THROW(decode(corrupt, back), std::runtime_error);
}

TEST(CompileReport, ReadsTheCurveAndTheLayers) {
  const CompileReportFacts f = parse_compile_report(
      R"({"model": "m.pt", "timestep_calibration": [{"timesteps": 8, "agreement": 0.9,
          "accuracy": 0.8}, {"timesteps": 16, "agreement": 0.99, "accuracy": 0.9}],
          "timestep_target": 0.995, "timestep_int8_ceiling": 0.997,
          "layers": [{"layer": "fc1", "neurons": 32, "cores": 100, "weight_bytes": 25088}]})",
      "r.json");
  ASSERT_EQ(f.timestep_curve.size(), 2u);
  EXPECT_EQ(f.timestep_curve[1].timesteps, 16u);
  EXPECT_DOUBLE_EQ(f.timestep_curve[1].agreement, 0.99);
  EXPECT_DOUBLE_EQ(f.timestep_target, 0.995);
  ASSERT_EQ(f.layers.size(), 1u);
  EXPECT_EQ(f.layers[0].cores, 100u);
  EXPECT_EQ(f.model, "m.pt");
}

void expect_refused(const std::string& text, const std::string& message) {
  try {
    parse_compile_report(text, "dir/r.json");
    ADD_FAILURE() << "accepted: " << text;
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("--compile-report dir/r.json: " + message),
              std::string::npos) << e.what();
  }
}

TEST(CompileReport, RefusalsNameTheFileAndTheKey) {
  expect_refused("[1, 2", "not JSON");
  expect_refused("[]", "the top level is not an object");
  expect_refused(R"({"schema_version": 2})", "no \"timestep_calibration\" array");
  expect_refused(R"({"timestep_calibration": [{"timesteps": 8}]})",
                 "an entry of \"timestep_calibration\" lacks timesteps/agreement/accuracy");
  expect_refused(R"({"timestep_calibration": [{"timesteps": -8, "agreement": 1, "accuracy": 1}]})",
                 "an entry of \"timestep_calibration\" lacks timesteps");
}

TEST(SvgCharts, EscapesTextAndScalesColours) {
  EXPECT_EQ(svg::escape("fc<1> & \"x\""), "fc&lt;1&gt; &amp; &quot;x&quot;");
  EXPECT_EQ(svg::scale_colour(1.0, "blue"), "#08306b");
  EXPECT_EQ(svg::scale_colour(0.0, "blue"), svg::scale_colour(-3.0, "blue")) << "clamped";
  EXPECT_NE(svg::scale_colour(0.0, "blue"), "#ffffff") << "zero is a tint, unused is white";
  const std::string bars = svg::bar_chart_svg({"a<b"}, {2.5}, {"#000000"}, "nJ");
  EXPECT_NE(bars.find("a&lt;b"), std::string::npos);
  EXPECT_NE(bars.find("2.50 nJ"), std::string::npos);
}

TEST(WeightBytesUsed, IsTheEndOfTheHighestBlockTheProgramReads) {
  isa::CoreConfig core;
  EXPECT_EQ(core.weight_bytes_used(), 0u);
  isa::Instruction acc;
  acc.op = isa::Opcode::kAcc;
  acc.acc.weight_offset = 10;
  acc.acc.axon_count = 4;
  acc.acc.cols = 8;
  core.program.push_back(acc);
  EXPECT_EQ(core.weight_bytes_used(), 42u);
  isa::Instruction conv;
  conv.op = isa::Opcode::kConv;
  conv.conv.weight_offset = 100;
  conv.conv.out_c = 2;
  conv.conv.in_c = 1;
  conv.conv.kernel_h = 5;
  conv.conv.kernel_w = 5;
  core.program.push_back(conv);
  EXPECT_EQ(core.weight_bytes_used(), 150u);
}

}  // namespace
}  // namespace spikecore::sim
