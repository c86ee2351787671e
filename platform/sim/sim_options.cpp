#include "common/cli_numbers.h"
#include "common/command_line_error.h"
#include "platform/sim/sim_options.h"

#include <algorithm>
#include <boost/program_options.hpp>
#include <iostream>
#include <sstream>
#include <string_view>

namespace po = boost::program_options;

namespace spikecore::sim {
namespace {

constexpr const char* kUsage =
    "Usage: spikecore-sim --image IMAGE.scimg [options]\n"
    "\n"
    "Runs held-out digits through a compiled SpikeCore image on the cycle-level\n"
    "SystemC model (default) or the bit-exact functional golden model, and prints\n"
    "accuracy, agreement with PyTorch's float top-1 (--reference), cycles, modeled\n"
    "latency and energy, and simulation speed. With --min-agreement and/or\n"
    "--max-accuracy-drop it ends with a PASS/FAIL verdict against PyTorch.\n"
    "\n"
    "Example:\n"
    "  spikecore-sim --image out/mnist_mlp.scimg --count 200 \\\n"
    "      --reference models/mnist_mlp.pt --min-agreement 99 --max-accuracy-drop 0.5 \\\n"
    "      --json out/results.json --vcd traces/run.vcd --trace-steps 0:7 --raster out/raster.svg\n"
    "\n"
    "Exit status: 0 done (and the verdict, if asked, passed); 1 an error (or the chip\n"
    "differs from its exact integer reference); 2 a usage error; 3 the verdict failed\n"
    "(every output is written first).\n";

// Parses a non-negative integer flag value; Boost would accept "-1" for an
// unsigned and wrap it, so values are read as signed text and checked here.
uint64_t parse_unsigned(const std::string& text, const std::string& flag, uint64_t min,
                        uint64_t max) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
    throw UsageError("--" + flag + " expects a whole number >= " + std::to_string(min) +
                     ", got '" + text + "'");
  uint64_t value = 0;
  if (!parse_whole_number(text, 0, UINT64_MAX, value))  // more than 19 digits
    throw UsageError("--" + flag + " value '" + text + "' is too large");
  if (value < min || value > max)
    throw UsageError("--" + flag + " must be in " + std::to_string(min) + ".." +
                     std::to_string(max) + ", got " + text);
  return value;
}


}  // namespace

std::string backend_name(Backend b) { return b == Backend::kGolden ? "golden" : "systemc"; }

std::vector<uint32_t> parse_index_list(const std::string& text, const std::string& flag) {
  // Bounds the whole list, not just each range: "0-999999,0-999999,..." would
  // otherwise take seconds and gigabytes before any other check runs.
  constexpr uint64_t kMaxValues = 1'000'000;
  std::vector<uint32_t> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    const auto dash = item.find('-');
    if (dash == std::string::npos) {
      out.push_back(uint32_t(parse_unsigned(item, flag, 0, UINT32_MAX)));
    } else {
      const uint64_t lo = parse_unsigned(item.substr(0, dash), flag, 0, UINT32_MAX);
      const uint64_t hi = parse_unsigned(item.substr(dash + 1), flag, 0, UINT32_MAX);
      if (hi < lo)
        throw UsageError("--" + flag + ": bad range '" + item + "' (expected LOW-HIGH, LOW <= HIGH)");
      if (hi - lo >= kMaxValues - out.size())
        throw UsageError("--" + flag + ": more than " + std::to_string(kMaxValues) +
                         " values (at '" + item + "')");
      for (uint64_t i = lo; i <= hi; ++i) out.push_back(uint32_t(i));
    }
    if (out.size() > kMaxValues)
      throw UsageError("--" + flag + ": more than " + std::to_string(kMaxValues) + " values");
  }
  if (out.empty()) throw UsageError("--" + flag + " expects a list like 0,3,8-11");
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<SimOptions> parse_sim_options(int argc, const char* const* argv) {
  po::options_description run("Run");
  run.add_options()
      ("help,h", "print this help and exit")
      ("version", "print the version and the git commit, and exit")
      ("image", po::value<std::string>()->value_name("FILE"),
       "compiled SpikeCore image (.scimg) [required]")
      ("dataset", po::value<std::string>()->default_value("mnist")->value_name("NAME"),
       "mnist | fashion-mnist")
      ("split", po::value<std::string>()->default_value("test")->value_name("NAME"),
       "test | train")
      ("data-dir", po::value<std::string>()->value_name("DIR"),
       "where data/mnist lives (default: $SPIKECORE_DATA_DIR, else ./data when it holds "
       "mnist/, else the source tree's data/)")
      ("first", po::value<std::string>()->default_value("0")->value_name("K"),
       "index of the first sample in the IDX file")
      ("count", po::value<std::string>()->value_name("N"),
       "number of samples (default: to the end of the split)")
      ("backend", po::value<std::string>()->default_value("systemc")->value_name("NAME"),
       "systemc (cycle-level) | golden (functional, bit-exact)")
      ("timesteps", po::value<std::string>()->value_name("T"),
       "time steps per sample (default: the one the compiler stored in the image)")
      ("jobs", po::value<std::string>()->default_value("1")->value_name("J"),
       "worker processes (results are identical for every J)")
      ("hw", po::value<std::string>()->value_name("FILE.json"),
       "hardware description: the chip's mesh and the microarchitecture (buffer depths, "
       "cycle costs, clock; docs/microarchitecture.md); default: the documented chip. Its "
       "mesh must be the image's")
      ("seed", po::value<std::string>()->default_value("1")->value_name("S"),
       "recorded in the JSON; the encoding is deterministic, so results do not depend on it")
      ("progress", po::value<std::string>()->default_value("auto")->value_name("MODE"),
       "auto | bar | lines | none");
  po::options_description outputs("Outputs and verdict");
  outputs.add_options()
      ("reference", po::value<std::string>()->value_name("MODEL.pt"),
       "TorchScript model whose float top-1 the chip is compared against")
      ("min-agreement", po::value<std::string>()->value_name("PCT"),
       "verdict: the chip's class must equal PyTorch's top-1 on at least PCT % of the "
       "samples (needs --reference); a failed verdict exits with status 3")
      ("max-accuracy-drop", po::value<std::string>()->value_name("PTS"),
       "verdict: the chip's accuracy may be at most PTS percentage points below PyTorch's "
       "(needs --reference)")
      ("json", po::value<std::string>()->value_name("FILE"), "write results as JSON (atomically)")
      ("raster", po::value<std::string>()->value_name("FILE.svg"),
       "spike raster picture of one sample")
      ("raster-sample", po::value<std::string>()->value_name("I"),
       "IDX index of the raster's sample, in the SVG and the HTML report (default: the first)")
      ("html", po::value<std::string>()->value_name("FILE.html"),
       "one-page run report: verdict, mapping, heat maps of the mesh, layer rates, raster, "
       "cycles per step, energy; self-contained (nothing is fetched)")
      ("compile-report", po::value<std::string>()->value_name("FILE.json"),
       "the mapping report of spikecore-compile --report, for the HTML report's layer table "
       "and agreement-vs-T curve (needs --html)");
  po::options_description tracing("Waveforms (systemc backend)");
  tracing.add_options()
      ("vcd", po::value<std::string>()->value_name("FILE.vcd"),
       "write a VCD trace (a .gtkw layout is written next to it)")
      ("trace-samples", po::value<std::string>()->value_name("LIST"),
       "IDX indices to trace, e.g. 0,5-7 (default: the first sample)")
      ("trace-steps", po::value<std::string>()->value_name("A:B"),
       "time steps to trace, inclusive (default: all)")
      ("trace-cores", po::value<std::string>()->value_name("LIST"),
       "cores to trace, e.g. 0-15,100 (default: every used core)")
      ("trace-max-mb",
       po::value<std::string>()->default_value(std::to_string(kDefaultTraceMaxMb))->value_name("MB"),
       "refuse a trace estimated above MB megabytes, and stop one that grows past it");
  po::options_description all;
  all.add(run).add(outputs).add(tracing);

  po::variables_map vm;
  try {
    // No positional arguments: a stray word ("--backend golden 200") is an
    // error, not silently ignored.
    po::store(po::command_line_parser(argc, argv).options(all)
                  .positional(po::positional_options_description()).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(command_line_error_text(e, argc, argv) + " (see spikecore-sim --help)");
  }
  if (vm.count("help")) {
    std::cout << kUsage << "\n" << all << "\n";
    return std::nullopt;
  }
  auto str = [&](const char* k) { return vm[k].as<std::string>(); };

  SimOptions o;
  if (!vm.count("image")) throw UsageError("--image is required (a .scimg made by spikecore-compile)");
  o.image_path = str("image");
  o.dataset = str("dataset");
  o.split = str("split");
  if (o.split != "test" && o.split != "train")
    throw UsageError("--split must be 'test' or 'train', got '" + o.split + "'");
  if (vm.count("data-dir")) o.data_dir = str("data-dir");
  o.first = uint32_t(parse_unsigned(str("first"), "first", 0, UINT32_MAX));
  if (vm.count("count")) o.count = uint32_t(parse_unsigned(str("count"), "count", 1, UINT32_MAX));
  const std::string backend = str("backend");
  if (backend == "systemc") o.backend = Backend::kSystemC;
  else if (backend == "golden") o.backend = Backend::kGolden;
  else throw UsageError("--backend must be 'systemc' or 'golden', got '" + backend + "'");
  if (vm.count("timesteps"))
    o.timesteps = uint32_t(parse_unsigned(str("timesteps"), "timesteps", 1, 65535));
  o.jobs = uint32_t(parse_unsigned(str("jobs"), "jobs", 1, 64));
  o.seed = parse_unsigned(str("seed"), "seed", 0, UINT64_MAX);
  const std::string progress = str("progress");
  if (progress == "auto") o.progress = ProgressMode::kAuto;
  else if (progress == "bar") o.progress = ProgressMode::kBar;
  else if (progress == "lines") o.progress = ProgressMode::kLines;
  else if (progress == "none") o.progress = ProgressMode::kNone;
  else throw UsageError("--progress must be auto, bar, lines or none, got '" + progress + "'");
  if (vm.count("reference")) o.reference_model = str("reference");
  const auto percent = [&](const char* flag, std::optional<double>& value) {
    if (!vm.count(flag)) return;
    double v = 0;
    if (!parse_decimal(str(flag), 0, 100, v))
      throw UsageError(std::string("--") + flag + " expects a number in 0..100 (percent), got '" +
                       str(flag) + "'");
    if (o.reference_model.empty())
      throw UsageError(std::string("--") + flag +
                       " needs --reference MODEL.pt: the verdict compares the chip with "
                       "PyTorch's float top-1");
    value = v;
  };
  percent("min-agreement", o.verdict.min_agreement_pct);
  percent("max-accuracy-drop", o.verdict.max_accuracy_drop_pts);
  if (vm.count("hw")) o.hw_path = str("hw");
  if (vm.count("json")) o.json_path = str("json");
  if (vm.count("raster")) o.raster_path = str("raster");
  if (vm.count("html")) o.html_path = str("html");
  if (vm.count("compile-report")) {
    if (!vm.count("html")) throw UsageError("--compile-report needs --html FILE.html");
    o.compile_report_path = str("compile-report");
  }
  if (vm.count("raster-sample")) {
    if (!vm.count("raster") && !vm.count("html"))
      throw UsageError("--raster-sample needs --raster FILE.svg or --html FILE.html");
    o.raster_sample = uint32_t(parse_unsigned(str("raster-sample"), "raster-sample", 0, UINT32_MAX));
  }
  const bool any_trace_flag = vm.count("trace-samples") || vm.count("trace-steps") ||
                              vm.count("trace-cores") || !vm["trace-max-mb"].defaulted();
  if (vm.count("vcd")) o.vcd_path = str("vcd");
  if (any_trace_flag && o.vcd_path.empty())
    throw UsageError("--trace-samples/--trace-steps/--trace-cores/--trace-max-mb need --vcd FILE.vcd");
  if (!o.vcd_path.empty() && o.backend != Backend::kSystemC)
    throw UsageError("--vcd needs --backend systemc (the golden model has no cycles to trace)");
  if (vm.count("trace-samples")) o.trace_samples = parse_index_list(str("trace-samples"), "trace-samples");
  if (vm.count("trace-cores")) o.trace_cores = parse_index_list(str("trace-cores"), "trace-cores");
  o.trace_max_mb = parse_unsigned(str("trace-max-mb"), "trace-max-mb", 1, 1 << 20);
  if (vm.count("trace-steps")) {
    const std::string s = str("trace-steps");
    const auto colon = s.find(':');
    if (colon == std::string::npos)
      throw UsageError("--trace-steps expects A:B (inclusive step range), got '" + s + "'");
    o.trace_step_begin = uint32_t(parse_unsigned(s.substr(0, colon), "trace-steps", 0, 65535));
    o.trace_step_end = uint32_t(parse_unsigned(s.substr(colon + 1), "trace-steps", 0, 65535));
    if (o.trace_step_end < o.trace_step_begin)
      throw UsageError("--trace-steps " + s + ": B must be >= A");
  }
  return o;
}

}  // namespace spikecore::sim
