// Command line of spikecore-sim: parsed, validated, printed back.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace spikecore::sim {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Backend { kSystemC, kGolden };
enum class ProgressMode { kAuto, kBar, kLines, kNone };

// --trace-max-mb's default (docs/simulator.md): by the estimate, about 600
// samples of the MNIST MLP traced whole.
constexpr uint64_t kDefaultTraceMaxMb = 1024;

// The regression verdict's bars (--min-agreement, --max-accuracy-drop):
// platform/sim/verdict.h applies them.
struct VerdictBars {
  std::optional<double> min_agreement_pct;      // agreement with PyTorch top-1, percent
  std::optional<double> max_accuracy_drop_pts;  // PyTorch accuracy - chip accuracy, points
  bool any() const { return min_agreement_pct || max_accuracy_drop_pts; }
};

struct SimOptions {
  std::string image_path;
  std::string dataset = "mnist";
  std::string split = "test";
  std::string data_dir;            // empty: dataset library default
  uint32_t first = 0;
  std::optional<uint32_t> count;   // empty: to the end of the split
  Backend backend = Backend::kSystemC;
  std::optional<uint32_t> timesteps;  // empty: the image's default
  std::string reference_model;     // TorchScript file for the PyTorch verdict
  VerdictBars verdict;             // needs reference_model
  std::string json_path;
  std::string vcd_path;
  std::vector<uint32_t> trace_samples;  // IDX indices; default: the first sample
  uint32_t trace_step_begin = 0, trace_step_end = UINT32_MAX;  // [begin, end]
  std::vector<uint32_t> trace_cores;    // empty: every used core
  uint64_t trace_max_mb = kDefaultTraceMaxMb;  // refuse (estimate) and stop (real size) above
  std::string raster_path;
  std::optional<uint32_t> raster_sample;  // IDX index; default: the first sample
  std::string html_path;            // one-page run report (platform/sim/html_report.h)
  std::string compile_report_path;  // spikecore-compile --report JSON, for the HTML report
  uint32_t jobs = 1;
  uint64_t seed = 1;
  std::string hw_path;  // hardware description (JSON); empty: the default chip
  ProgressMode progress = ProgressMode::kAuto;
};

// Parses argv. Returns nullopt after printing --help (exit 0). Throws
// UsageError naming the flag and the expected form.
std::optional<SimOptions> parse_sim_options(int argc, const char* const* argv);

std::string backend_name(Backend b);

// "3,5,9-12" -> {3,5,9,10,11,12}; throws UsageError naming `flag`.
std::vector<uint32_t> parse_index_list(const std::string& text, const std::string& flag);

}  // namespace spikecore::sim
