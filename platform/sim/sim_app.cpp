#include "platform/sim/sim_app.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <stdexcept>

#include "golden/golden_model.h"
#include "golden/network_reference.h"
#include "dataset/dataset.h"
#include "isa/hardware_description.h"
#include "isa/image.h"
#include "common/atomic_file.h"
#include "common/output_paths.h"
#include "common/pending_output.h"
#include "common/read_file.h"
#include "platform/trace_files.h"
#include "platform/sim/float_reference.h"
#include "platform/sim/html_report.h"
#include "platform/sim/mpi_session.h"
#include "platform/sim/verdict.h"
#include "platform/sim/progress.h"
#include "platform/sim/raster_svg.h"
#include "platform/sim/run_report.h"
#include "platform/sim/sample_backend.h"
#include "platform/sim/saturation_by_layer.h"
#include "platform/sim/trace_size.h"
#include "platform/sim/worker_pool.h"

namespace spikecore::sim {
namespace {

constexpr char kSampleRecord = 'S';
constexpr char kSpikeRecord = 'R';
constexpr char kStepsRecord = 'P';  // steps done in the worker's current sample
constexpr char kActivityRecord = 'A';  // a worker's RunActivity, after its last sample

class RunError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Fails before a long simulation if an output could not be written later.
void check_writable(const std::string& path, const char* flag) {
  if (path.empty()) return;
  if (const std::string why = unwritable_output_reason(path); !why.empty())
    throw RunError(std::string("--") + flag + " " + path + ": " + why);
}

// Test and debugging knob (docs/simulator.md): a lower bound for the SystemC
// step watchdog, so that a test can trip it without simulating 50 M cycles.
constexpr const char* kWatchdogVariable = "SPIKECORE_STEP_WATCHDOG_CYCLES";

uint64_t step_watchdog_cycles_from_environment() {
  const char* text = std::getenv(kWatchdogVariable);
  if (text == nullptr || *text == '\0') return 0;
  const std::string value = text;
  if (value.size() > 15 || value.find_first_not_of("0123456789") != std::string::npos ||
      std::stoull(value) == 0)
    throw RunError(std::string(kWatchdogVariable) + "='" + value +
                   "': expected a whole number of cycles, 1..999999999999999");
  return std::stoull(value);
}

std::vector<uint32_t> select_indices(const SimOptions& o, size_t dataset_size) {
  if (o.first >= dataset_size)
    throw RunError("--first " + std::to_string(o.first) + " is past the end of the split (" +
                   std::to_string(dataset_size) + " samples)");
  const uint64_t count = o.count ? *o.count : dataset_size - o.first;
  if (o.first + count > dataset_size)
    throw RunError("--first " + std::to_string(o.first) + " --count " + std::to_string(count) +
                   " asks for samples up to index " + std::to_string(o.first + count - 1) +
                   ", but the split has " + std::to_string(dataset_size) + " (0.." +
                   std::to_string(dataset_size - 1) + ")");
  std::vector<uint32_t> indices(count);
  for (uint64_t i = 0; i < count; ++i) indices[i] = uint32_t(o.first + i);
  return indices;
}

void require_in_run(uint32_t index, const std::vector<uint32_t>& indices, const char* flag) {
  if (!std::binary_search(indices.begin(), indices.end(), index))
    throw RunError(std::string("--") + flag + " " + std::to_string(index) +
                   " is not among the samples of this run (" + std::to_string(indices.front()) +
                   ".." + std::to_string(indices.back()) + ")");
}

// The hardware the run models: --hw FILE, else the one the image was compiled
// for, else the default chip with the image's mesh. A description whose mesh
// is not the image's is refused: the image was placed and routed for its own
// mesh. Another microarchitecture is a sweep, and gets a note.
isa::HardwareDescription hardware_for(const SimOptions& o, const isa::ChipConfig& chip,
                                      std::vector<std::string>& notes) {
  isa::HardwareDescription d;
  d.mesh_width = chip.mesh_width;
  d.mesh_height = chip.mesh_height;
  d.board_width = chip.board_width;
  d.board_height = chip.board_height;
  if (!chip.hardware.empty()) d = isa::parse_hardware_description(chip.hardware, o.image_path);
  if (o.hw_path.empty()) return d;
  const isa::HardwareDescription compiled_for = d;
  try {
    d = isa::load_hardware_description(o.hw_path);
  } catch (const isa::HardwareDescriptionError& e) {
    throw RunError(std::string("--hw ") + e.what());
  }
  if (d.mesh_width != chip.mesh_width || d.mesh_height != chip.mesh_height)
    throw RunError("--hw " + o.hw_path + " describes a " + std::to_string(d.mesh_width) + "x" +
                   std::to_string(d.mesh_height) + " chip, but " + o.image_path +
                   " was compiled for " + std::to_string(chip.mesh_width) + "x" +
                   std::to_string(chip.mesh_height) +
                   "; compile it with the same --hw, or describe its mesh");
  if (!d.board_given) {  // a description of the chip alone: the image's board of it
    d.board_width = chip.board_width;
    d.board_height = chip.board_height;
  }
  if (d.board_width != chip.board_width || d.board_height != chip.board_height)
    throw RunError("--hw " + o.hw_path + " describes a board of " + std::to_string(d.board_width) +
                   "x" + std::to_string(d.board_height) + " chips, but " + o.image_path +
                   " was compiled for " + std::to_string(chip.board_width) + "x" +
                   std::to_string(chip.board_height) +
                   "; compile it with the same --hw, or give \"board\" the image's size");
  if (!chip.hardware.empty() &&
      (!(d.micro == compiled_for.micro) || !(d.chip_links == compiled_for.chip_links)))
    notes.push_back("--hw " + o.hw_path + ": its microarchitecture differs from the one " +
                    o.image_path + " was compiled for (timing changes, results do not)");
  return d;
}

// Splits `indices` into `jobs` contiguous chunks of nearly equal size.
std::vector<std::vector<uint32_t>> split_chunks(const std::vector<uint32_t>& indices,
                                                unsigned jobs) {
  std::vector<std::vector<uint32_t>> chunks(jobs);
  for (unsigned j = 0; j < jobs; ++j) {
    const size_t begin = indices.size() * j / jobs, end = indices.size() * (j + 1) / jobs;
    chunks[j].assign(indices.begin() + long(begin), indices.begin() + long(end));
  }
  return chunks;
}

// A trace of 2000 samples would write gigabytes: refuse it before the run,
// with the estimate and the flags that change it.
void refuse_trace_above_bound(const isa::ChipConfig& chip, const dataset::Dataset& data,
                              const TraceRequest& trace, uint32_t timesteps, uint64_t max_mb) {
  const TraceSizeEstimate est = estimate_trace_size(
      chip, data, {trace.samples, timesteps, trace.step_begin, trace.step_end, trace.cores});
  if (est.bytes <= (max_mb << 20)) return;
  char size[32];
  std::snprintf(size, sizeof size, "%.0f MB", double(est.bytes) / (1 << 20));
  throw RunError("the VCD trace would take about " + std::string(size) + " (" +
                 std::to_string(trace.samples.size()) + " traced sample(s), " +
                 std::to_string(est.flits) + " flits by the golden model), more than " +
                 "--trace-max-mb " + std::to_string(max_mb) + "; trace fewer samples, steps " +
                 "or cores (--trace-samples, --trace-steps, --trace-cores), or raise " +
                 "--trace-max-mb if the disk can take it");
}

// Where the records of workers (and of other MPI ranks) go.
struct RecordSink {
  std::map<uint32_t, SampleOutcome>* outcomes;
  RunActivity* activity;
  golden::SpikeRecord* raster_spikes;
  bool* have_raster_spikes;
  double* in_flight;  // the worker's share of its current sample done (steps records)
  uint32_t timesteps;
};

// Decodes the whole records at the front of `bytes`; returns the bytes used.
size_t take_records(const std::string& bytes, const RecordSink& sink) {
  size_t used = 0;
  while (used < bytes.size()) {
    const std::string_view rest = std::string_view(bytes).substr(used + 1);  // no copy
    size_t n = 0;
    if (bytes[used] == kSampleRecord) {
      SampleOutcome s;
      n = decode(rest, s);
      if (n) (*sink.outcomes)[s.index] = std::move(s);
      *sink.in_flight = 0.0;
    } else if (bytes[used] == kStepsRecord) {
      uint32_t steps = 0;
      n = decode_steps(rest, steps);
      if (n) *sink.in_flight = std::min(1.0, double(steps) / sink.timesteps);
    } else if (bytes[used] == kActivityRecord) {
      RunActivity activity;
      n = decode(rest, activity);
      if (n) sink.activity->add(activity);
    } else if (bytes[used] == kSpikeRecord) {
      uint32_t index = 0;
      n = decode(rest, index, *sink.raster_spikes);
      if (n) *sink.have_raster_spikes = true;
    } else {
      throw std::runtime_error("unexpected record from a worker process");
    }
    if (!n) break;
    used += 1 + n;
  }
  return used;
}

// What a rank other than 0 sends to rank 0: its samples, its activity and the
// raster sample's spikes if it ran that sample, as worker records.
std::string rank_records(const std::map<uint32_t, SampleOutcome>& outcomes,
                         const RunActivity& activity, const golden::SpikeRecord* raster,
                         uint32_t raster_index) {
  std::string out;
  for (const auto& [index, s] : outcomes) out += std::string(1, kSampleRecord) + encode(s);
  out += std::string(1, kActivityRecord) + encode(activity);
  if (raster) out += std::string(1, kSpikeRecord) + encode(raster_index, *raster);
  return out;
}

// Test knob (docs/scaling.md): the rank it names fails after its samples, so
// that a test can see the whole run fail and name it.
constexpr const char* kFailRankVariable = "SPIKECORE_MPI_FAIL_RANK";

void run_backend(Backend backend, const BackendRun& run) {
  if (backend == Backend::kGolden) run_golden(run);
  else run_systemc(run);
}

int run(const SimOptions& given, const MpiPlacement& mpi, bool& exchanged) {
  // Under MPI only rank 0 writes outputs and shows progress (docs/scaling.md).
  SimOptions o = given;
  const bool want_raster = !given.raster_path.empty() || !given.html_path.empty();
  if (mpi.rank > 0) {
    o.json_path.clear(), o.raster_path.clear(), o.html_path.clear(), o.vcd_path.clear();
    o.compile_report_path.clear();
    o.progress = ProgressMode::kNone;
  }
  RunReport report;
  report.options = given;
  const isa::ChipConfig chip = isa::load_image(o.image_path);
  if (chip.host.outputs.empty())
    throw RunError(o.image_path + ": the image has no output neurons (.output), so it cannot "
                   "classify anything");
  report.model_name = chip.host.model_name.empty() ? o.image_path : chip.host.model_name;
  report.timesteps = o.timesteps ? *o.timesteps : chip.host.default_timesteps;
  if (report.timesteps == 0) throw RunError(o.image_path + ": the image stores no default time-step count; pass --timesteps T");

  // Only the samples of the run are read: --count 10 reads 10 digits.
  const dataset::Dataset data =
      dataset::load(o.dataset, o.split, o.data_dir,
                    o.count ? uint64_t(o.first) + *o.count : dataset::kAllRecords);
  report.images_path = data.images_path;
  report.labels_path = data.labels_path;
  if (data.images.image_size() != chip.host.inputs.size())
    throw RunError(o.image_path + " expects " + std::to_string(chip.host.inputs.size()) +
                   " input pixels but " + data.images_path + " has images of " +
                   std::to_string(data.images.image_size()));
  if (chip.host.outputs.size() != data.classes)
    throw RunError(o.image_path + " has " + std::to_string(chip.host.outputs.size()) +
                   " output neurons, but " + o.dataset + " has " + std::to_string(data.classes) +
                   " classes: an image for it needs one output per class");

  const std::vector<uint32_t> indices = select_indices(o, data.samples_in_split);
  TraceRequest trace;
  trace.vcd_path = o.vcd_path;
  trace.samples = o.trace_samples.empty() ? std::vector<uint32_t>{indices.front()} : o.trace_samples;
  trace.step_begin = o.trace_step_begin;
  trace.step_end = o.trace_step_end;
  trace.cores = o.trace_cores;
  for (uint32_t s : o.trace_samples) require_in_run(s, indices, "trace-samples");
  for (uint32_t c : o.trace_cores)
    if (c >= chip.num_cores())
      throw RunError("--trace-cores " + std::to_string(c) + ": the chip has cores 0.." +
                     std::to_string(chip.num_cores() - 1));
  if (o.trace_step_begin != 0 && o.trace_step_begin >= report.timesteps)
    throw RunError("--trace-steps starts at step " + std::to_string(o.trace_step_begin) +
                   " but the run has steps 0.." + std::to_string(report.timesteps - 1));
  if (want_raster) {
    trace.spike_record_sample = o.raster_sample ? *o.raster_sample : indices.front();
    require_in_run(*trace.spike_record_sample, indices, "raster-sample");
  }
  const platform::TraceFiles trace_files =
      o.vcd_path.empty() ? platform::TraceFiles{} : platform::trace_files_for(o.vcd_path);
  require_outputs_apart({{"--image", o.image_path},
                         {"--reference", o.reference_model},
                         {"--hw", o.hw_path},
                         {"--compile-report", o.compile_report_path},
                         {"the images of " + o.dataset + "/" + o.split, data.images_path},
                         {"the labels of " + o.dataset + "/" + o.split, data.labels_path}},
                        {{"--json", o.json_path},
                         {"--raster", o.raster_path},
                         {"--html", o.html_path},
                         {"--vcd", trace_files.vcd},
                         {"--vcd's gtkwave file", trace_files.gtkw}});
  check_writable(o.json_path, "json");
  check_writable(o.raster_path, "raster");
  check_writable(o.html_path, "html");
  // Read before the run: a bad report should not cost a long simulation.
  std::optional<CompileReportFacts> compile_report;
  if (!o.compile_report_path.empty()) {
    std::string text, why;
    if (!read_whole_file(o.compile_report_path, text, why))
      throw RunError("--compile-report " + o.compile_report_path + ": " + why);
    compile_report = parse_compile_report(text, o.compile_report_path);
  }
  check_writable(trace_files.vcd, "vcd");
  // The trace worker writes the VCD and .gtkw under temporary names; they are
  // renamed into place only when the whole run succeeded, and removed when
  // it fails or is interrupted.
  std::unique_ptr<PendingOutput> vcd_out, gtkw_out;
  if (!o.vcd_path.empty()) {
    trace.max_bytes = o.trace_max_mb << 20;
    refuse_trace_above_bound(chip, data, trace, report.timesteps, o.trace_max_mb);
    vcd_out = std::make_unique<PendingOutput>(trace_files.vcd, ".vcd", "VCD trace");
    gtkw_out = std::make_unique<PendingOutput>(trace_files.gtkw, "", "gtkwave save file");
    vcd_out->close_fd();
    gtkw_out->close_fd();
    trace.vcd_staging_path = vcd_out->temp_path();
    trace.gtkw_staging_path = gtkw_out->temp_path();
  }
  if (!o.reference_model.empty() && access(o.reference_model.c_str(), R_OK) != 0)
    throw RunError("--reference " + o.reference_model +
                   ": file not found or unreadable (train one with spikecore-train)");
  const isa::HardwareDescription hardware = hardware_for(o, chip, report.notes);
  report.hardware_json = isa::to_json(hardware);
  if (o.backend == Backend::kSystemC) report.clock_mhz = hardware.micro.clock_mhz;
  const uint64_t watchdog_cycles = step_watchdog_cycles_from_environment();

  // Simulation: J workers over contiguous chunks, plus one tracing process on
  // the systemc backend when a VCD or the raster's spike record is asked for.
  // Under MPI each rank runs one contiguous share of the samples (its workers
  // split that share again); rank 0 gathers the others' results.
  const std::vector<uint32_t> local =
      mpi.distributed() ? split_chunks(indices, mpi.size)[mpi.rank] : indices;
  const auto chunks = split_chunks(local, o.jobs);
  const bool separate_trace = o.backend == Backend::kSystemC && mpi.rank == 0 &&
                              (!o.vcd_path.empty() || trace.spike_record_sample.has_value());
  const unsigned workers = o.jobs + (separate_trace ? 1 : 0);
  std::map<uint32_t, SampleOutcome> outcomes;
  golden::SpikeRecord raster_spikes;
  bool have_raster_spikes = false;
  Progress progress("simulating (" + backend_name(o.backend) + ")" +
                        (mpi.distributed() ? " rank 0's share of " + std::to_string(mpi.size) : ""),
                    local.size(), o.progress);
  const auto start = std::chrono::steady_clock::now();

  auto body = [&](unsigned w, const Emit& emit) -> int {
    BackendRun r;
    r.chip = &chip;
    r.data = &data;
    r.timesteps = report.timesteps;
    r.watchdog_cycles = watchdog_cycles;
    r.micro = hardware.micro;
    r.chip_links = hardware.chip_links;
    if (w < o.jobs) {
      r.indices = chunks[w];
      r.on_sample = [&](const SampleOutcome& s) { emit(std::string(1, kSampleRecord) + encode(s)); };
      r.on_steps = [&](unsigned steps) { emit(std::string(1, kStepsRecord) + encode_steps(steps)); };
      if (!given.html_path.empty())
        r.on_activity = [&](const RunActivity& a) {
          emit(std::string(1, kActivityRecord) + encode(a));
        };
      if (!separate_trace) {
        // Golden backend: the raster sample's spikes come from the worker that runs it.
        r.trace.spike_record_sample = trace.spike_record_sample;
        r.on_spike_record = [&](uint32_t i, const golden::SpikeRecord& sr) {
          emit(std::string(1, kSpikeRecord) + encode(i, sr));
        };
      }
    } else {
      r.trace = trace;
      for (uint32_t s : trace.samples) r.indices.push_back(s);
      if (trace.spike_record_sample) r.indices.push_back(*trace.spike_record_sample);
      std::sort(r.indices.begin(), r.indices.end());
      r.indices.erase(std::unique(r.indices.begin(), r.indices.end()), r.indices.end());
      r.on_spike_record = [&](uint32_t i, const golden::SpikeRecord& sr) {
        emit(std::string(1, kSpikeRecord) + encode(i, sr));
      };
    }
    run_backend(o.backend, r);
    return 0;
  };
  // Per worker: the share of its current sample done, from its steps records.
  std::vector<double> in_flight(workers, 0.0);
  auto in_flight_total = [&] {
    double sum = 0;
    for (double f : in_flight) sum += f;
    return sum;
  };
  auto sink_for = [&](unsigned worker) {
    return RecordSink{&outcomes, &report.activity, &raster_spikes, &have_raster_spikes,
                      &in_flight[worker], report.timesteps};
  };
  auto consume = [&](unsigned worker, const std::string& bytes) -> size_t {
    const size_t used = take_records(bytes, sink_for(worker));
    progress.update(outcomes.size(), in_flight_total());
    return used;
  };
  run_workers(workers, body, consume,
              [&] { progress.update(outcomes.size(), in_flight_total()); });
  progress.finish();
  report.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (outcomes.size() != local.size())
    throw RunError("workers returned " + std::to_string(outcomes.size()) + " of " +
                   std::to_string(local.size()) + " samples");
  if (mpi.distributed()) {
    if (const char* fail = std::getenv(kFailRankVariable); fail && std::to_string(mpi.rank) == fail)
      throw RunError(std::string("failure injected by ") + kFailRankVariable + "=" + fail +
                     " (a test knob)");
    const bool mine = have_raster_spikes && trace.spike_record_sample &&
                      outcomes.count(*trace.spike_record_sample);
    exchanged = true;
    const std::vector<RankReport> ranks = exchange_with_rank_zero(
        mpi, true,
        mpi.rank == 0 ? std::string()
                      : rank_records(outcomes, report.activity, mine ? &raster_spikes : nullptr,
                                     mine ? *trace.spike_record_sample : 0));
    if (mpi.rank > 0) return 0;
    size_t failed = 0;
    std::string first_failure;
    for (size_t r = 1; r < ranks.size(); ++r)
      if (!ranks[r].ok && failed++ == 0) first_failure = "rank " + std::to_string(r) + ": " + ranks[r].payload;
    if (failed)
      throw RunError(first_failure + (failed > 1 ? " (and " + std::to_string(failed - 1) +
                                                       " more rank(s) failed)" : ""));
    for (size_t r = 1; r < ranks.size(); ++r) {
      double ignored = 0;
      RecordSink sink = sink_for(0);
      sink.in_flight = &ignored;
      if (take_records(ranks[r].payload, sink) != ranks[r].payload.size())
        throw RunError("rank " + std::to_string(r) + " sent a truncated result");
    }
    report.mpi_ranks = mpi.size;
    report.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  if (outcomes.size() != indices.size())
    throw RunError("workers returned " + std::to_string(outcomes.size()) + " of " +
                   std::to_string(indices.size()) + " samples");
  for (auto& [index, s] : outcomes) report.samples.push_back(std::move(s));
  SaturationsByLayer saturations(chip);
  for (const SampleOutcome& s : report.samples) saturations.add(s.saturated_cores);
  report.saturations_by_layer = saturations.layers();

  // Verdicts: the integer reference stored in the image and PyTorch's float model.
  if (!chip.host.reference.empty())
    for (uint32_t index : indices)
      report.int8_reference.push_back(
          isa::reference_class(chip.host, data.images.image(index), data.images.image_size()));
  try {
    golden::NetworkReference exact(chip), unclipped(chip, false);
    golden::NetworkOutcome e, wide;
    for (size_t i = 0; i < indices.size(); ++i) {
      const uint8_t* pixels = data.images.image(indices[i]);
      exact.run(pixels, report.timesteps, e);
      report.exact_reference.push_back(e.predicted_class);
      report.exact_match.push_back(e.output_scores == report.samples[i].output_scores);
      const HardwareCounts& hw = report.samples[i].hw;
      bool changed = false;
      if (hw.acc_saturations + hw.soma_saturations + hw.soma_floor_clips > 0) {
        unclipped.run(pixels, report.timesteps, wide);
        changed = wide.predicted_class != e.predicted_class;
      }
      report.clipping_changed_class.push_back(changed);
    }
  } catch (const std::invalid_argument& e) {
    report.exact_reference_unavailable = e.what();
  }
  if (!o.reference_model.empty())
    report.float_reference = pytorch_top1(o.reference_model, data, indices);

  const Summary summary = summarize(report);
  std::string raster_svg;
  RasterCaption caption;
  if (!o.raster_path.empty() || !o.html_path.empty()) {
    if (!have_raster_spikes) throw RunError("no spike record came back for the raster sample");
    const uint32_t ri = *trace.spike_record_sample;
    if (o.backend == Backend::kSystemC) {
      golden::GoldenModel model(chip);
      const bool same = model.run(data.images.image(ri), report.timesteps).spikes == raster_spikes;
      report.notes.push_back(std::string("raster sample ") + std::to_string(ri) +
                             (same ? ": SystemC spikes identical to the golden model's"
                                   : ": SystemC spikes DIFFER from the golden model's (bug)"));
    }
    const auto& s = report.samples[size_t(std::lower_bound(indices.begin(), indices.end(), ri) -
                                          indices.begin())];
    caption.title = "sample " + std::to_string(ri) + ": label " + std::to_string(s.label) +
                    ", chip " + std::to_string(s.predicted);
    if (!report.float_reference.empty())
      caption.title += ", PyTorch " + std::to_string(report.float_reference[size_t(
                                          &s - report.samples.data())]);
    caption.subtitle = report.model_name + ", T = " + std::to_string(report.timesteps) + ", " +
                       backend_name(o.backend) + " backend";
    raster_svg = render_raster_svg(chip.host, raster_spikes, caption);
    if (!o.raster_path.empty()) write_file_atomically(o.raster_path, raster_svg);
  }
  print_summary(report, summary);
  const Verdict verdict = judge(o.verdict, summary);
  if (!o.json_path.empty()) write_json(o.json_path, report, summary, verdict);
  if (!o.html_path.empty()) {
    HtmlReportInput page;
    page.report = &report;
    page.summary = &summary;
    page.verdict = &verdict;
    page.chip = &chip;
    page.raster_svg = raster_svg;
    page.raster_caption = caption.title + " (" + caption.subtitle + ")";
    page.compile_report = compile_report ? &*compile_report : nullptr;
    write_file_atomically(o.html_path, render_html_report(page));
  }
  if (vcd_out) {
    vcd_out->commit();
    gtkw_out->commit();
  }
  std::printf("\n");
  if (!o.json_path.empty()) std::printf("results JSON   %s\n", o.json_path.c_str());
  if (!o.raster_path.empty()) std::printf("spike raster   %s\n", o.raster_path.c_str());
  if (!o.html_path.empty()) std::printf("HTML report    %s\n", o.html_path.c_str());
  if (!o.vcd_path.empty()) {
    std::printf("VCD trace      %s\n", trace_files.vcd.c_str());
    std::printf("open it with   gtkwave %s %s\n", trace_files.vcd.c_str(), trace_files.gtkw.c_str());
  }
  if (verdict.status != Verdict::Status::kNone) {
    std::string line = verdict.status == Verdict::Status::kPass ? "\nverdict: PASS" : "\nverdict: FAIL";
    for (size_t i = 0; i < verdict.checks.size(); ++i)
      line += (i == 0 ? ": " : "; ") + verdict.checks[i];
    std::printf("%s\n", line.c_str());
  }
  if (summary.exact_mismatches) {
    std::fprintf(stderr,
                 "spikecore-sim: error: the chip's scores differ from its exact integer "
                 "reference on %zu of %zu samples (first: sample %u); the chip must compute "
                 "that network exactly, so this is a compiler or simulator bug\n",
                 summary.exact_mismatches, summary.count,
                 report.samples[size_t(std::find(report.exact_match.begin(),
                                                 report.exact_match.end(), false) -
                                       report.exact_match.begin())].index);
    return 1;
  }
  return verdict.status == Verdict::Status::kFail ? kExitVerdictFailed : 0;
}

}  // namespace

int run_simulation(const SimOptions& options) {
  MpiPlacement mpi;
  try {
    mpi = mpi_placement_from_environment();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "spikecore-sim: error: %s\n", e.what());
    return 1;
  }
  bool exchanged = false;
  // Every rank takes part in the one exchange, failed or not, so that no rank
  // waits for ever; rank 0 prints the errors of all.
  auto fail = [&](int status, const std::string& message) {
    const std::string rank = mpi.distributed() ? "rank " + std::to_string(mpi.rank) + ": " : "";
    if (mpi.distributed() && !exchanged) {
      exchanged = true;
      try {
        const std::vector<RankReport> ranks = exchange_with_rank_zero(mpi, false, message);
        // Rank 0 reports it and exits with the status: a rank that exited
        // non-zero would make mpirun kill rank 0 before it could say why.
        if (mpi.rank > 0) return 0;
        std::fprintf(stderr, "spikecore-sim: error: %s%s\n", rank.c_str(), message.c_str());
        for (size_t r = 1; r < ranks.size(); ++r)
          if (!ranks[r].ok && ranks[r].payload != message)
            std::fprintf(stderr, "spikecore-sim: error: rank %zu: %s\n", r, ranks[r].payload.c_str());
        return status;
      } catch (const std::exception& e) {
        std::fprintf(stderr, "spikecore-sim: error: %s%s (%s)\n", rank.c_str(), message.c_str(), e.what());
        return status;
      }
    }
    if (mpi.rank == 0 || exchanged)
      std::fprintf(stderr, "spikecore-sim: error: %s\n", message.c_str());
    return status;
  };
  try {
    return run(options, mpi, exchanged);
  } catch (const OutputClobbersError& e) {  // a contradictory command line: a usage error
    return fail(2, e.what());
  } catch (const std::exception& e) {
    return fail(1, e.what());
  }
}

}  // namespace spikecore::sim
