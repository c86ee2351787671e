#include "platform/sim/run_report.h"

#include "platform/sim/verdict.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "platform/sim/energy_model.h"

namespace spikecore::sim {
namespace {

double percentile(std::vector<uint64_t> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  // Nearest-rank percentile: the smallest value with at least p% at or below it.
  size_t rank = size_t(std::max(1.0, std::ceil(p / 100.0 * double(v.size()))));
  return double(v[std::min(rank, v.size()) - 1]);
}

double fraction(size_t hits, size_t n) { return n ? double(hits) / double(n) : 0.0; }

}  // namespace

std::vector<ChipLinkCounts> chip_link_totals(const RunReport& r) {
  std::vector<ChipLinkCounts> total;
  for (const SampleOutcome& o : r.samples) {
    if (total.empty()) {
      total = o.chip_links;
      continue;
    }
    for (size_t i = 0; i < o.chip_links.size() && i < total.size(); ++i) {
      total[i].flits += o.chip_links[i].flits;
      total[i].stall_cycles += o.chip_links[i].stall_cycles;
      total[i].busy_cycles += o.chip_links[i].busy_cycles;
    }
  }
  return total;
}

const char* direction_name(uint32_t port) {
  static const char* const names[] = {"north", "east", "south", "west"};
  return port < 4 ? names[port] : "?";
}

Summary summarize(const RunReport& r) {
  Summary s;
  s.count = r.samples.size();
  size_t correct = 0, ref_correct = 0, agree = 0, int8_correct = 0, int8_agree = 0;
  size_t exact_correct = 0, exact_agree = 0;
  std::vector<uint64_t> cycles;
  double synops = 0, flits = 0, hops = 0, stalls = 0, energy = 0;
  for (size_t i = 0; i < r.samples.size(); ++i) {
    const SampleOutcome& o = r.samples[i];
    correct += o.predicted == o.label;
    if (!r.float_reference.empty()) {
      ref_correct += r.float_reference[i] == o.label;
      agree += r.float_reference[i] == o.predicted;
    }
    if (!r.int8_reference.empty()) {
      int8_correct += r.int8_reference[i] == o.label;
      int8_agree += r.int8_reference[i] == o.predicted;
    }
    if (!r.exact_reference.empty()) {
      exact_correct += r.exact_reference[i] == o.label;
      exact_agree += r.exact_reference[i] == o.predicted;
      s.exact_mismatches += !r.exact_match[i];
      s.clipping_changed_class += r.clipping_changed_class[i];
    }
    cycles.push_back(o.hw.cycles);
    synops += double(o.hw.synaptic_ops);
    flits += double(o.hw.flits);
    hops += double(o.hw.hops);
    stalls += double(o.hw.stall_cycles);
    energy += energy::inference_pj(o.hw);
    s.total_cycles += o.hw.cycles;
    s.total_synaptic_ops += o.hw.synaptic_ops;
    s.acc_saturations += o.hw.acc_saturations;
    s.soma_saturations += o.hw.soma_saturations;
    s.soma_floor_clips += o.hw.soma_floor_clips;
  }
  const double n = s.count ? double(s.count) : 1.0;
  s.accuracy = fraction(correct, s.count);
  if (!r.float_reference.empty()) {
    s.reference_accuracy = fraction(ref_correct, s.count);
    s.agreement = fraction(agree, s.count);
  }
  s.int8_accuracy = fraction(int8_correct, s.count);
  s.int8_agreement = fraction(int8_agree, s.count);
  if (!r.exact_reference.empty()) {
    s.exact_accuracy = fraction(exact_correct, s.count);
    s.exact_agreement = fraction(exact_agree, s.count);
  }
  s.cycles_mean = double(s.total_cycles) / n;
  s.cycles_p50 = percentile(cycles, 50);
  s.cycles_p99 = percentile(cycles, 99);
  s.synaptic_ops_mean = synops / n;
  s.flits_mean = flits / n;
  s.hops_mean = hops / n;
  s.stalls_mean = stalls / n;
  s.energy_uj_mean = energy / n * 1e-6;
  return s;
}

void print_summary(const RunReport& r, const Summary& s) {
  const bool cycle_level = r.options.backend == Backend::kSystemC;
  auto row = [](const char* name, const std::string& value) {
    std::printf("  %-38s %s\n", name, value.c_str());
  };
  auto pct = [](double f) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2f %%", 100.0 * f);
    return std::string(b);
  };
  auto num = [](double v, const char* fmt = "%.0f") {
    char b[64];
    std::snprintf(b, sizeof b, fmt, v);
    return std::string(b);
  };
  std::printf("\nSpikeCore run: %s on %s/%s, samples %u..%u, backend %s, T = %u\n",
              r.model_name.c_str(), r.options.dataset.c_str(), r.options.split.c_str(),
              r.samples.empty() ? 0 : r.samples.front().index,
              r.samples.empty() ? 0 : r.samples.back().index,
              backend_name(r.options.backend).c_str(), r.timesteps);
  std::printf("  %-38s %s\n", "--------------------------------------", "--------------------");
  row("samples", std::to_string(s.count));
  row("accuracy (chip vs label)", pct(s.accuracy));
  if (s.agreement >= 0) {
    row("PyTorch float accuracy", pct(s.reference_accuracy));
    row("agreement with PyTorch float top-1", pct(s.agreement));
  } else {
    row("agreement with PyTorch float top-1", "n/a (no --reference model)");
  }
  if (s.exact_agreement >= 0) {
    row("exact integer reference accuracy", pct(s.exact_accuracy));
    row("agreement with exact integer reference",
        pct(s.exact_agreement) + (s.exact_mismatches
                                      ? "  <- " + std::to_string(s.exact_mismatches) +
                                            " sample(s) with other scores: a bug"
                                      : ", scores identical"));
  } else if (!r.exact_reference_unavailable.empty()) {
    row("agreement with exact integer reference", "n/a (" + r.exact_reference_unavailable + ")");
  }
  if (!r.int8_reference.empty()) {
    row("int8 ceiling accuracy (T -> infinity)", pct(s.int8_accuracy));
    row("agreement with int8 ceiling", pct(s.int8_agreement));
  }
  row("time steps per inference", std::to_string(r.timesteps));
  if (cycle_level) {
    row("cycles / inference (mean)", num(s.cycles_mean, "%.1f"));
    row("cycles / inference (p50, p99)", num(s.cycles_p50) + ", " + num(s.cycles_p99));
    row("cycles / time step (mean)", num(s.cycles_mean / std::max(1u, r.timesteps), "%.1f"));
    if (r.clock_mhz > 0)
      row("latency / inference (modeled)",
          num(s.cycles_mean / r.clock_mhz, "%.2f") + " us at " + num(r.clock_mhz) + " MHz");
    row("NoC flits / inference", num(s.flits_mean, "%.1f"));
    row("NoC hops / inference", num(s.hops_mean, "%.1f"));
    row("NoC stall cycles / inference (ports)", num(s.stalls_mean, "%.1f"));
    const auto links = chip_link_totals(r);
    if (!links.empty()) {
      uint64_t flits = 0, stalls = 0;
      double busiest = 0;
      for (const ChipLinkCounts& l : links) {
        flits += l.flits;
        stalls += l.stall_cycles;
        if (s.total_cycles && l.lanes)
          busiest = std::max(busiest, double(l.busy_cycles) / (double(s.total_cycles) * l.lanes));
      }
      const double n = double(std::max<size_t>(1, s.count));
      row("chip-link flits / inference", num(flits / n, "%.1f"));
      row("chip-link stall cycles / inference", num(stalls / n, "%.1f"));
      row("chip-link utilisation (busiest edge)", num(100 * busiest, "%.2f") + " %");
    }
    row("energy / inference (modeled)", num(s.energy_uj_mean, "%.3f") + " uJ");
  } else {
    row("cycles / latency / energy", "n/a (golden backend has no timing; use --backend systemc)");
  }
  row("synaptic events / inference", num(s.synaptic_ops_mean, "%.1f"));
  // The warning is for clipping that changed a class (checked against the
  // exact reference without clipping); clipping that changed none is a note.
  const bool clipped = s.acc_saturations + s.soma_saturations > 0;
  std::string clip_note;
  if (s.clipping_changed_class)
    clip_note = "  <- int16 clipping changed the class of " +
                std::to_string(s.clipping_changed_class) + " sample(s)";
  else if (clipped && s.exact_agreement >= 0)
    clip_note = "  (changed no class: checked without clipping)";
  else if (clipped)
    clip_note = "  <- int16 clipping happened";
  // A class change that only floor clips can explain goes on the floor's row.
  const bool note_on_floor = s.clipping_changed_class && !clipped;
  row("saturations (ACC, soma)", std::to_string(s.acc_saturations) + ", " +
                                     std::to_string(s.soma_saturations) +
                                     (note_on_floor ? "" : clip_note));
  // Inhibited neurons drifting to -32768 are common at long T and change a
  // spike only if such a neuron later receives 32768 + threshold of excitation.
  row("V held at -32768 (inhibited neurons)",
      std::to_string(s.soma_floor_clips) + (note_on_floor ? clip_note : ""));
  // Where it happened: one line per layer that clipped.
  for (const LayerSaturations& l : r.saturations_by_layer) {
    if (l.acc + l.soma == 0) continue;
    const std::string name = "  in layer " + l.layer + " (" + l.role + ")";
    row(name.c_str(), std::to_string(l.acc) + ", " + std::to_string(l.soma) + "  in " +
                          std::to_string(l.samples) + " of " + std::to_string(s.count) +
                          " samples");
  }
  const double wall = std::max(r.wall_seconds, 1e-9);
  row("simulation speed: inferences/s", num(double(s.count) / wall, "%.1f"));
  if (cycle_level) row("simulation speed: cycles/s", num(double(s.total_cycles) / wall, "%.3g"));
  row("simulation speed: synaptic events/s", num(double(s.total_synaptic_ops) / wall, "%.3g"));
  row("wall time (simulation)", num(r.wall_seconds, "%.2f") + " s, " +
                                    std::to_string(r.options.jobs) + " job(s)" +
                                    (r.mpi_ranks > 1 ? " on each of " + std::to_string(r.mpi_ranks) +
                                                           " MPI ranks" : ""));
  for (const std::string& note : r.notes) std::printf("  note: %s\n", note.c_str());
  std::fflush(stdout);
}

void write_json(const std::string& path, const RunReport& r, const Summary& s,
                const Verdict& verdict) {
  using nlohmann::json;
  json samples = json::array();
  for (size_t i = 0; i < r.samples.size(); ++i) {
    const SampleOutcome& o = r.samples[i];
    json j;
    j["index"] = o.index;
    j["label"] = o.label;
    j["predicted"] = o.predicted;
    j["reference"] = r.float_reference.empty() ? json(nullptr) : json(r.float_reference[i]);
    j["int8_reference"] = r.int8_reference.empty() ? json(nullptr) : json(r.int8_reference[i]);
    j["exact_reference"] = r.exact_reference.empty() ? json(nullptr) : json(r.exact_reference[i]);
    j["exact_match"] = r.exact_reference.empty() ? json(nullptr) : json(bool(r.exact_match[i]));
    j["clipping_changed_class"] =
        r.exact_reference.empty() ? json(nullptr) : json(bool(r.clipping_changed_class[i]));
    j["output_spike_counts"] = o.output_spike_counts;
    j["output_scores"] = o.output_scores;
    j["cycles"] = o.hw.cycles;
    j["synaptic_events"] = o.hw.synaptic_ops;
    j["flits"] = o.hw.flits;
    j["hops"] = o.hw.hops;
    j["stall_cycles"] = o.hw.stall_cycles;
    j["acc_saturations"] = o.hw.acc_saturations;
    j["soma_saturations"] = o.hw.soma_saturations;
    j["soma_floor_clips"] = o.hw.soma_floor_clips;
    samples.push_back(std::move(j));
  }
  json summary;
  summary["count"] = s.count;
  summary["accuracy"] = s.accuracy;
  summary["reference_accuracy"] = s.reference_accuracy >= 0 ? json(s.reference_accuracy) : json(nullptr);
  summary["agreement"] = s.agreement >= 0 ? json(s.agreement) : json(nullptr);
  summary["int8_reference_accuracy"] = s.int8_accuracy;
  summary["int8_agreement"] = s.int8_agreement;
  summary["exact_reference_accuracy"] = s.exact_accuracy >= 0 ? json(s.exact_accuracy) : json(nullptr);
  summary["exact_reference_agreement"] =
      s.exact_agreement >= 0 ? json(s.exact_agreement) : json(nullptr);
  summary["exact_reference_mismatches"] =
      s.exact_agreement >= 0 ? json(s.exact_mismatches) : json(nullptr);
  summary["clipping_changed_class"] =
      s.exact_agreement >= 0 ? json(s.clipping_changed_class) : json(nullptr);
  summary["cycles_per_inference_mean"] = s.cycles_mean;
  summary["cycles_per_inference_p50"] = s.cycles_p50;
  summary["cycles_per_inference_p99"] = s.cycles_p99;
  summary["synaptic_events_per_inference_mean"] = s.synaptic_ops_mean;
  summary["flits_per_inference_mean"] = s.flits_mean;
  summary["hops_per_inference_mean"] = s.hops_mean;
  summary["stall_cycles_per_inference_mean"] = s.stalls_mean;
  summary["energy_per_inference_uj_modeled"] = s.energy_uj_mean;
  summary["acc_saturations"] = s.acc_saturations;
  summary["soma_saturations"] = s.soma_saturations;
  summary["soma_floor_clips"] = s.soma_floor_clips;
  json by_layer = json::array();
  for (const LayerSaturations& l : r.saturations_by_layer)
    by_layer.push_back({{"layer", l.layer},
                        {"role", l.role},
                        {"cores", l.cores},
                        {"acc_saturations", l.acc},
                        {"soma_saturations", l.soma},
                        {"soma_floor_clips", l.soma_floor},
                        {"samples_with_saturation", l.samples}});
  summary["saturations_by_layer"] = std::move(by_layer);
  json links = json::array();
  for (const ChipLinkCounts& l : chip_link_totals(r)) {
    const double steps = double(std::max<size_t>(1, s.count)) * std::max(1u, r.timesteps);
    links.push_back(
        {{"from_chip", l.from_chip},
         {"to_chip", l.to_chip},
         {"direction", direction_name(l.direction)},
         {"lanes", l.lanes},
         {"flits", l.flits},
         {"flits_per_step", double(l.flits) / steps},
         {"stall_cycles", l.stall_cycles},
         {"utilisation", s.total_cycles && l.lanes
                             ? double(l.busy_cycles) / (double(s.total_cycles) * l.lanes)
                             : 0.0}});
  }
  if (!links.empty()) summary["chip_links"] = std::move(links);
  json doc;
  doc["schema_version"] = kResultsSchemaVersion;
  doc["image"] = r.options.image_path;
  doc["reference_model"] = r.options.reference_model;
  doc["backend"] = backend_name(r.options.backend);
  doc["timesteps"] = r.timesteps;
  doc["seed"] = r.options.seed;
  doc["clock_mhz_modeled"] = r.clock_mhz;
  if (!r.hardware_json.empty()) doc["hardware"] = json::parse(r.hardware_json);
  doc["dataset"] = {{"name", r.options.dataset},
                    {"split", r.options.split},
                    {"images_path", r.images_path},
                    {"labels_path", r.labels_path}};
  doc["samples"] = std::move(samples);
  doc["summary"] = std::move(summary);
  const VerdictBars& bars = r.options.verdict;
  const bool judged = verdict.status != Verdict::Status::kNone;
  doc["verdict"] = {
      {"status", status_name(verdict.status)},
      {"min_agreement_pct", bars.min_agreement_pct ? json(*bars.min_agreement_pct) : json(nullptr)},
      {"max_accuracy_drop_pts",
       bars.max_accuracy_drop_pts ? json(*bars.max_accuracy_drop_pts) : json(nullptr)},
      {"agreement_pct", judged ? json(verdict.agreement_pct) : json(nullptr)},
      {"accuracy_drop_pts", judged ? json(verdict.accuracy_drop_pts) : json(nullptr)},
      {"checks", verdict.checks}};
  // Wall-clock speed is deliberately left out: the file must be byte-identical
  // between runs with the same inputs.
  write_file_atomically(path, doc.dump(1) + "\n");
}

}  // namespace spikecore::sim
