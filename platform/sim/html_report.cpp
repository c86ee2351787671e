#include "platform/sim/html_report.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "platform/sim/energy_model.h"
#include "platform/sim/svg_charts.h"

namespace spikecore::sim {

using svg::escape;
using svg::format;

// ---- the compiler's mapping report ----------------------------------------

CompileReportFacts parse_compile_report(const std::string& text, const std::string& path) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error("--compile-report " + path + ": not JSON (" + e.what() + ")");
  }
  auto fail = [&](const std::string& what) -> std::runtime_error {
    return std::runtime_error("--compile-report " + path + ": " + what +
                              " (expected the mapping report of spikecore-compile --report)");
  };
  if (!j.is_object()) throw fail("the top level is not an object");
  CompileReportFacts f;
  f.path = path;
  if (j.contains("model") && j["model"].is_string()) f.model = j["model"];
  if (!j.contains("timestep_calibration") || !j["timestep_calibration"].is_array())
    throw fail("no \"timestep_calibration\" array");
  for (const auto& p : j["timestep_calibration"]) {
    if (!p.is_object() || !p.contains("timesteps") || !p["timesteps"].is_number_unsigned() ||
        !p.contains("agreement") || !p["agreement"].is_number() || !p.contains("accuracy") ||
        !p["accuracy"].is_number())
      throw fail("an entry of \"timestep_calibration\" lacks timesteps/agreement/accuracy");
    f.timestep_curve.push_back({p["timesteps"], p["agreement"], p["accuracy"]});
  }
  if (j.contains("timestep_target") && j["timestep_target"].is_number())
    f.timestep_target = j["timestep_target"];
  if (j.contains("timestep_int8_ceiling") && j["timestep_int8_ceiling"].is_number())
    f.int8_ceiling = j["timestep_int8_ceiling"];
  if (j.contains("layers") && j["layers"].is_array())
    for (const auto& l : j["layers"]) {
      if (!l.is_object()) throw fail("an entry of \"layers\" is not an object");
      CompileReportFacts::Layer layer;
      if (l.contains("layer") && l["layer"].is_string()) layer.name = l["layer"];
      for (auto [key, field] : {std::pair{"neurons", &layer.neurons}, {"cores", &layer.cores},
                                {"weight_bytes", &layer.weight_bytes}})
        if (l.contains(key) && l[key].is_number_unsigned()) *field = l[key];
      f.layers.push_back(layer);
    }
  return f;
}

namespace {

std::string pct(double fraction) { return format("%.2f %%", 100.0 * fraction); }
std::string number(double v) {
  return std::fabs(v) >= 100 || v == std::floor(v) ? format("%.0f", v) : format("%.2f", v);
}

const char* role_name(isa::LayerRole r) {
  return r == isa::LayerRole::kInput ? "input" : r == isa::LayerRole::kOutput ? "output" : "hidden";
}

struct Section {
  std::string id, title, body;
};

std::string section_html(const Section& s) {
  return "<section id=\"" + s.id + "\">\n<h2>" + escape(s.title) + "</h2>\n" + s.body + "</section>\n";
}

std::string table_html(const std::vector<std::string>& head,
                       const std::vector<std::vector<std::string>>& rows) {
  std::string t = "<table>\n<tr>";
  for (const auto& h : head) t += "<th>" + escape(h) + "</th>";
  t += "</tr>\n";
  for (const auto& r : rows) {
    t += "<tr>";
    for (const auto& c : r) t += "<td>" + escape(c) + "</td>";
    t += "</tr>\n";
  }
  return t + "</table>\n";
}

std::string note(const std::string& text) { return "<p class=\"note\">" + escape(text) + "</p>\n"; }

// Per core: the layer of its neurons (-1: none), and the layer its weights
// work for: the layer its PSUMs feed, else that of the neurons its FIRE
// updates in place (-1: no weights).
struct CoreLayers {
  std::vector<int> neurons, weights;
};
CoreLayers layers_of_cores(const isa::ChipConfig& chip) {
  std::map<uint32_t, int> layer_of_neuron;  // global neuron id -> layer
  for (size_t l = 0; l < chip.host.layers.size(); ++l)
    for (const isa::NeuronRef& n : chip.host.layers[l].neurons)
      layer_of_neuron[uint32_t(n.core) * isa::kNeuronSlots + n.slot] = int(l);
  CoreLayers out{std::vector<int>(chip.num_cores(), -1), std::vector<int>(chip.num_cores(), -1)};
  for (const auto& [id, l] : layer_of_neuron)
    if (out.neurons[id / isa::kNeuronSlots] < 0) out.neurons[id / isa::kNeuronSlots] = l;
  for (unsigned c = 0; c < chip.num_cores(); ++c) {
    if (chip.cores[c].weight_bytes_used() == 0) continue;
    out.weights[c] = out.neurons[c];
    for (const isa::Instruction& ins : chip.cores[c].program)
      if (ins.op == isa::Opcode::kPsum) {
        const auto it = layer_of_neuron.find(chip.target(ins.psum) * isa::kNeuronSlots +
                                             ins.psum.dst_neuron);
        if (it != layer_of_neuron.end()) out.weights[c] = it->second;
        break;
      }
  }
  return out;
}

// One mesh picture of a per-core value; unused cores stay empty.
svg::MeshPicture mesh_of(const isa::ChipConfig& chip) {
  svg::MeshPicture p;
  p.cols = unsigned(chip.board_width) * chip.mesh_width;
  p.rows = unsigned(chip.board_height) * chip.mesh_height;
  if (chip.num_chips() > 1) p.group_cols = chip.mesh_width, p.group_rows = chip.mesh_height;
  p.fills.assign(size_t(p.cols) * p.rows, "");
  p.tooltips.assign(size_t(p.cols) * p.rows, "");
  return p;
}

size_t cell_of(const isa::ChipConfig& chip, unsigned core) {
  return size_t(chip.board_y(core)) * (unsigned(chip.board_width) * chip.mesh_width) +
         chip.board_x(core);
}

std::string core_name(const isa::ChipConfig& chip, unsigned core) {
  return chip.num_chips() > 1
             ? format("core %u (chip %u, x %u, y %u)", core, chip.chip_of(core), chip.core_x(core),
                      chip.core_y(core))
             : format("core %u (x %u, y %u)", core, chip.core_x(core), chip.core_y(core));
}

// A heat map of one value per core (already per inference where that applies).
std::string heat_map(const isa::ChipConfig& chip, const std::vector<double>& per_core,
                     const std::string& hue, const std::string& unit, const std::string& tag) {
  svg::MeshPicture p = mesh_of(chip);
  double most = 0;
  for (double v : per_core) most = std::max(most, v);
  unsigned nonzero = 0;
  for (unsigned c = 0; c < chip.num_cores() && c < per_core.size(); ++c) {
    const bool used = chip.cores[c].used();
    if (!used && per_core[c] == 0) continue;
    nonzero += per_core[c] > 0;
    const size_t i = cell_of(chip, c);
    p.fills[i] = svg::scale_colour(most > 0 ? per_core[c] / most : 0, hue);
    p.tooltips[i] = core_name(chip, c) + ": " + number(per_core[c]) + " " + unit;
  }
  p.legend = {{svg::scale_colour(0, hue), "0 " + unit},
              {svg::scale_colour(1, hue), number(most) + " " + unit + " (most)"},
              {"#ffffff", "unused core"}};
  return svg::mesh_svg(p) +
         note(format("%u cores above zero; ", nonzero) + tag + ". Hover a cell for its value.");
}

// ---- sections ---------------------------------------------------------------

Section summary_section(const HtmlReportInput& in) {
  const RunReport& r = *in.report;
  const Summary& s = *in.summary;
  const Verdict& v = *in.verdict;
  Section sec{"summary", "Verdict and summary", ""};
  const char* cls = v.status == Verdict::Status::kPass   ? "pass"
                    : v.status == Verdict::Status::kFail ? "fail"
                                                         : "none";
  std::string line = v.status == Verdict::Status::kPass   ? "PASS"
                     : v.status == Verdict::Status::kFail ? "FAIL"
                                                          : "no verdict asked (--min-agreement, --max-accuracy-drop)";
  sec.body += std::string("<div class=\"verdict ") + cls + "\"><b>" + escape(line) + "</b>";
  for (const std::string& c : v.checks) sec.body += "<br>" + escape(c);
  sec.body += "</div>\n";
  const bool timed = r.options.backend == Backend::kSystemC;
  std::vector<std::vector<std::string>> rows = {
      {"samples", format("%zu (%s/%s, indices %u..%u)", s.count, r.options.dataset.c_str(),
                         r.options.split.c_str(), r.samples.empty() ? 0 : r.samples.front().index,
                         r.samples.empty() ? 0 : r.samples.back().index)},
      {"backend", backend_name(r.options.backend)},
      {"time steps per inference", std::to_string(r.timesteps)},
      {"accuracy (chip vs label)", pct(s.accuracy)}};
  if (s.agreement >= 0) {
    rows.push_back({"PyTorch float accuracy", pct(s.reference_accuracy)});
    rows.push_back({"agreement with PyTorch float top-1", pct(s.agreement)});
  } else {
    rows.push_back({"agreement with PyTorch float top-1", "n/a (no --reference model)"});
  }
  if (s.exact_agreement >= 0)
    rows.push_back({"scores equal to the exact integer reference",
                    format("%zu of %zu samples", s.count - s.exact_mismatches, s.count)});
  if (!r.int8_reference.empty()) rows.push_back({"agreement with the int8 ceiling (T -> infinity)", pct(s.int8_agreement)});
  rows.push_back({"synaptic events / inference", number(s.synaptic_ops_mean)});
  if (timed) {
    rows.push_back({"cycles / inference (mean, p50, p99)",
                    format("%.1f, %.0f, %.0f", s.cycles_mean, s.cycles_p50, s.cycles_p99)});
    if (r.clock_mhz > 0)
      rows.push_back({"latency / inference (modeled)",
                      format("%.2f us at %.0f MHz", s.cycles_mean / r.clock_mhz, r.clock_mhz)});
    rows.push_back({"NoC flits, hops, stall cycles / inference",
                    format("%.1f, %.1f, %.1f", s.flits_mean, s.hops_mean, s.stalls_mean)});
    rows.push_back({"energy / inference (modeled)", format("%.3f uJ", s.energy_uj_mean)});
  } else {
    rows.push_back({"cycles, latency, NoC, energy", "n/a: the golden backend has no timing (run --backend systemc)"});
  }
  rows.push_back({"saturations (ACC, soma)", format("%llu, %llu", (unsigned long long)s.acc_saturations,
                                                    (unsigned long long)s.soma_saturations)});
  rows.push_back({"simulation wall time", format("%.2f s", r.wall_seconds)});
  sec.body += table_html({"", ""}, rows);
  for (const std::string& n : r.notes) sec.body += note(n);
  return sec;
}

Section mapping_section(const HtmlReportInput& in) {
  const isa::ChipConfig& chip = *in.chip;
  Section sec{"mapping", "Model and mapping", ""};
  const CoreLayers layer_of = layers_of_cores(chip);
  std::vector<std::vector<std::string>> rows;
  for (size_t l = 0; l < chip.host.layers.size(); ++l) {
    const isa::LayerInfo& layer = chip.host.layers[l];
    std::set<unsigned> neuron_cores, weight_cores, chips;
    unsigned weight_bytes = 0;
    for (unsigned c = 0; c < chip.num_cores(); ++c) {
      if (layer_of.neurons[c] == int(l)) neuron_cores.insert(c), chips.insert(chip.chip_of(c));
      if (layer_of.weights[c] == int(l)) {
        weight_cores.insert(c), chips.insert(chip.chip_of(c));
        weight_bytes += chip.cores[c].weight_bytes_used();
      }
    }
    rows.push_back({layer.name, role_name(layer.role), std::to_string(layer.neurons.size()),
                    std::to_string(neuron_cores.size()), std::to_string(weight_cores.size()),
                    std::to_string(chips.size()), std::to_string(weight_bytes)});
  }
  unsigned used = 0;
  for (const isa::CoreConfig& c : chip.cores) used += c.used();
  sec.body += format("<p>%s on %u chip(s) of %ux%u cores (%u cores in all, %u used).</p>\n",
                     escape(in.report->model_name).c_str(), chip.num_chips(), chip.mesh_width,
                     chip.mesh_height, chip.num_cores(), used);
  sec.body += table_html({"layer", "role", "neurons", "cores with its neurons",
                          "cores with its weights", "chips", "weight SRAM bytes"}, rows);
  sec.body += note("A layer's weights are the tiles whose partial sums (PSUM) feed its neurons; a "
                   "core may hold one layer's neurons and the next layer's weights.");

  svg::MeshPicture p = mesh_of(chip);
  for (unsigned c = 0; c < chip.num_cores(); ++c) {
    if (!chip.cores[c].used()) continue;
    const int shown = layer_of.neurons[c] >= 0 ? layer_of.neurons[c] : layer_of.weights[c];
    const size_t i = cell_of(chip, c);
    p.fills[i] = shown >= 0 ? svg::category_colour(size_t(shown)) : "#bbbbbb";
    std::string what;
    if (layer_of.neurons[c] >= 0) what = chip.host.layers[size_t(layer_of.neurons[c])].name + "'s neurons";
    if (layer_of.weights[c] >= 0)
      what += (what.empty() ? "" : ", ") + chip.host.layers[size_t(layer_of.weights[c])].name + "'s weights";
    p.tooltips[i] = core_name(chip, c) + ": " + (what.empty() ? "no layer" : what);
  }
  for (size_t l = 0; l < chip.host.layers.size(); ++l)
    p.legend.push_back({svg::category_colour(l), chip.host.layers[l].name});
  sec.body += "<h3>Cores used, by layer (of its neurons, else of its weights)</h3>\n" + svg::mesh_svg(p);

  std::vector<double> sram(chip.num_cores(), 0);
  for (unsigned c = 0; c < chip.num_cores(); ++c) sram[c] = chip.cores[c].weight_bytes_used();
  sec.body += "<h3>Weight SRAM use per core (of " + std::to_string(isa::kWeightSramBytes) +
              " bytes)</h3>\n" + heat_map(chip, sram, "purple", "bytes", "from the image");
  if (const CompileReportFacts* f = in.compile_report) {
    std::vector<std::vector<std::string>> lrows;
    for (const auto& l : f->layers)
      lrows.push_back({l.name, std::to_string(l.neurons), std::to_string(l.cores),
                       std::to_string(l.weight_bytes)});
    if (!lrows.empty())
      sec.body += "<h3>Layers as the compiler mapped them (" + escape(f->path) + ")</h3>\n" +
                  table_html({"layer", "neurons", "cores", "weight bytes"}, lrows);
  }
  return sec;
}

Section mesh_section(const HtmlReportInput& in) {
  const isa::ChipConfig& chip = *in.chip;
  const RunActivity& a = in.report->activity;
  const double n = double(std::max<uint64_t>(1, a.samples));
  Section sec{"mesh", "Where the work happens: heat maps of the mesh", ""};
  std::vector<double> spikes(chip.num_cores(), 0);
  for (size_t id = 0; id < a.neuron_spikes.size(); ++id)
    if (id / isa::kNeuronSlots < spikes.size()) spikes[id / isa::kNeuronSlots] += double(a.neuron_spikes[id]) / n;
  sec.body += "<h3>Spikes fired per core, per inference</h3>\n" +
              heat_map(chip, spikes, "green", "spikes", "measured by the " +
                       backend_name(in.report->options.backend) + " backend");
  if (!a.has_noc()) {
    sec.body += note("Synaptic events, flits and stall cycles per core and router are measured by "
                     "the SystemC model: run with --backend systemc to see them.");
    return sec;
  }
  auto per_inference = [&](const std::vector<uint64_t>& v) {
    std::vector<double> out(v.size());
    for (size_t i = 0; i < v.size(); ++i) out[i] = double(v[i]) / n;
    return out;
  };
  const std::string measured = "measured by the SystemC model";
  sec.body += "<h3>Synaptic events (weight reads) per core, per inference</h3>\n" +
              heat_map(chip, per_inference(a.core_synaptic_ops), "blue", "events", measured);
  sec.body += "<h3>Flits leaving each router, per inference</h3>\n" +
              heat_map(chip, per_inference(a.router_flits), "orange", "flits", measured);
  sec.body += "<h3>Stall cycles per router (output ports refused downstream), per inference</h3>\n" +
              heat_map(chip, per_inference(a.router_stall_cycles), "red", "cycles", measured);
  const std::vector<ChipLinkCounts> links = chip_link_totals(*in.report);
  if (!links.empty()) {
    std::vector<std::vector<std::string>> rows;
    const double cycles = double(in.summary->total_cycles);
    for (const ChipLinkCounts& l : links)
      rows.push_back({format("chip %u -> chip %u", l.from_chip, l.to_chip), direction_name(l.direction),
                      std::to_string(l.lanes), format("%.1f", double(l.flits) / n),
                      format("%.1f", double(l.stall_cycles) / n),
                      cycles > 0 && l.lanes ? format("%.2f %%", 100.0 * double(l.busy_cycles) / (cycles * l.lanes))
                                            : "-"});
    sec.body += "<h3>Chip links</h3>\n" +
                table_html({"link", "direction", "lanes", "flits / inference",
                            "stall cycles / inference", "utilisation"}, rows) +
                note("Measured by the SystemC model (every lane of that chip edge, one direction).");
  }
  return sec;
}

Section layers_section(const HtmlReportInput& in) {
  const isa::ChipConfig& chip = *in.chip;
  const RunActivity& a = in.report->activity;
  Section sec{"layers", "Spike rates and saturations per layer", ""};
  std::vector<std::string> labels, colours;
  std::vector<double> rates;
  const double steps = double(std::max<uint64_t>(1, a.samples)) * std::max(1u, in.report->timesteps);
  for (size_t l = 0; l < chip.host.layers.size(); ++l) {
    const isa::LayerInfo& layer = chip.host.layers[l];
    double spikes = 0;
    for (const isa::NeuronRef& r : layer.neurons) {
      const size_t id = size_t(r.core) * isa::kNeuronSlots + r.slot;
      if (id < a.neuron_spikes.size()) spikes += double(a.neuron_spikes[id]);
    }
    labels.push_back(layer.name + " (" + std::to_string(layer.neurons.size()) + ")");
    rates.push_back(layer.neurons.empty() ? 0 : spikes / (steps * double(layer.neurons.size())));
    colours.push_back(svg::category_colour(l));
  }
  sec.body += "<h3>Mean spike rate (spikes per neuron per time step)</h3>\n" +
              svg::bar_chart_svg(labels, rates, colours, "/ step");
  std::vector<std::vector<std::string>> rows;
  for (const LayerSaturations& s : in.report->saturations_by_layer)
    rows.push_back({s.layer, s.role, std::to_string(s.acc), std::to_string(s.soma),
                    std::to_string(s.samples), std::to_string(s.soma_floor)});
  sec.body += "<h3>int16 saturations over the run</h3>\n" +
              table_html({"layer", "role", "ACC clipped", "membrane clipped at +32767",
                          "samples with a clip", "held at -32768"}, rows);
  return sec;
}

Section raster_section(const HtmlReportInput& in) {
  Section sec{"raster", "Spike raster of one sample", ""};
  sec.body += "<p>" + escape(in.raster_caption) + "</p>\n<div class=\"wide\">" + in.raster_svg + "</div>\n";
  return sec;
}

Section cycles_section(const HtmlReportInput& in) {
  const RunActivity& a = in.report->activity;
  Section sec{"cycles", "Cycles per time step", ""};
  if (a.step_cycles.empty()) {
    sec.body += note("The golden backend has no cycles: run with --backend systemc.");
    return sec;
  }
  std::vector<double> x, y;
  for (size_t t = 0; t < a.step_cycles.size(); ++t) {
    x.push_back(double(t));
    y.push_back(double(a.step_cycles[t]) / double(std::max<uint64_t>(1, a.samples)));
  }
  sec.body += svg::line_chart_svg(x, {{"mean over the samples", "#4c72b0", y}}, "time step",
                                  "cycles");
  sec.body += note("Measured by the SystemC model: cycles from a step's start to its barrier, "
                   "averaged over " + std::to_string(a.samples) + " samples.");
  return sec;
}

Section energy_section(const HtmlReportInput& in) {
  const Summary& s = *in.summary;
  const bool timed = in.report->options.backend == Backend::kSystemC;
  double updates = 0;
  for (const SampleOutcome& o : in.report->samples) updates += double(o.hw.neuron_updates);
  updates /= double(std::max<size_t>(1, s.count));
  Section sec{"energy", "Energy per inference by event type (modeled)", ""};
  struct Part {
    std::string name;
    double events, pj_each;
  };
  std::vector<Part> parts = {{"synaptic events", s.synaptic_ops_mean, energy::kSynapticOpPj},
                             {"neuron updates (FIRE, LEAK)", updates, energy::kNeuronUpdatePj}};
  if (timed) {
    parts.push_back({"flit hops", s.hops_mean, energy::kFlitHopPj});
    parts.push_back({"flits injected", s.flits_mean, energy::kFlitInjectPj});
  }
  std::vector<std::string> labels, colours;
  std::vector<double> nj;
  std::vector<std::vector<std::string>> rows;
  for (size_t k = 0; k < parts.size(); ++k) {
    labels.push_back(parts[k].name);
    nj.push_back(parts[k].events * parts[k].pj_each / 1000);
    colours.push_back(svg::category_colour(k));
    rows.push_back({parts[k].name, format("%.1f", parts[k].events),
                    format("%.1f pJ (modeled)", parts[k].pj_each), format("%.2f nJ (modeled)", nj.back())});
  }
  sec.body += svg::bar_chart_svg(labels, nj, colours, "nJ (modeled)");
  sec.body += table_html({"event", "per inference", "each", "energy"}, rows);
  sec.body += note(std::string("Every constant is modeled: per-event costs borrowed from published "
                               "Loihi figures (platform/sim/energy_model.h), not a measurement.") +
                   (timed ? "" : " NoC events are measured by the SystemC backend only."));
  return sec;
}

Section timesteps_section(const HtmlReportInput& in) {
  Section sec{"timesteps", "Agreement with PyTorch vs. time steps (compiler calibration)", ""};
  const CompileReportFacts* f = in.compile_report;
  if (f == nullptr || f->timestep_curve.empty()) {
    sec.body += note(f == nullptr ? "Give --compile-report with the mapping report of "
                                    "spikecore-compile --report to show the curve the compiler measured."
                                  : f->path + " holds no time-step calibration (the image's T was given).");
    return sec;
  }
  std::vector<double> x, agreement, accuracy;
  for (const auto& p : f->timestep_curve) {
    x.push_back(p.timesteps);
    agreement.push_back(100 * p.agreement);
    accuracy.push_back(100 * p.accuracy);
  }
  std::vector<svg::LineSeries> lines = {{"agreement with float", "#4c72b0", agreement},
                                        {"accuracy", "#55a868", accuracy}};
  if (f->timestep_target >= 0)
    lines.push_back({"target agreement", "#999999", std::vector<double>(x.size(), 100 * f->timestep_target)});
  sec.body += svg::line_chart_svg(x, lines, "time steps T", "percent", double(in.report->timesteps),
                                  "T = " + std::to_string(in.report->timesteps) + " (this run)");
  sec.body += note("Measured by the compiler with the golden model on its validation images (" +
                   f->path + ")" +
                   (f->int8_ceiling >= 0 ? format("; the int8 ceiling agrees on %.2f %%", 100 * f->int8_ceiling)
                                         : std::string()) + ".");
  return sec;
}

constexpr const char* kStyle =
    "body{font-family:sans-serif;margin:24px auto;max-width:1020px;color:#222;}"
    "h1{font-size:22px;margin-bottom:4px;}h2{font-size:18px;border-bottom:1px solid #ccc;"
    "padding-bottom:4px;margin-top:32px;}h3{font-size:14px;margin:18px 0 6px;}"
    "table{border-collapse:collapse;font-size:13px;margin:6px 0;}"
    "td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;}th{background:#f4f4f4;}"
    ".verdict{padding:10px 14px;margin:10px 0;border-radius:4px;font-size:14px;}"
    ".pass{background:#e3f4e3;border:1px solid #55a868;}.fail{background:#fbe3e3;"
    "border:1px solid #c44e52;}.none{background:#f0f0f0;border:1px solid #aaa;}"
    ".note{color:#555;font-size:12px;}.wide{overflow-x:auto;}nav a{margin-right:12px;font-size:13px;}";

}  // namespace

std::string render_html_report(const HtmlReportInput& in) {
  const RunReport& r = *in.report;
  const std::vector<Section> sections = {summary_section(in),  mapping_section(in),
                                         mesh_section(in),     layers_section(in),
                                         raster_section(in),   cycles_section(in),
                                         energy_section(in),   timesteps_section(in)};
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                     escape("SpikeCore run: " + r.model_name) + "</title>\n<style>" + kStyle +
                     "</style>\n</head>\n<body>\n";
  html += "<h1>SpikeCore run: " + escape(r.model_name) + "</h1>\n";
  html += "<p class=\"note\">" +
          escape(format("%zu samples of %s/%s, %s backend, T = %u; image %s", r.samples.size(),
                        r.options.dataset.c_str(), r.options.split.c_str(),
                        backend_name(r.options.backend).c_str(), r.timesteps,
                        r.options.image_path.c_str())) +
          "</p>\n<nav>";
  for (const Section& s : sections) html += "<a href=\"#" + s.id + "\">" + escape(s.title) + "</a>";
  html += "</nav>\n";
  for (const Section& s : sections) html += section_html(s);
  return html + "</body>\n</html>\n";
}

}  // namespace spikecore::sim
