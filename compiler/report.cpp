#include "compiler/report.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <sstream>

#include "isa/isa.h"
#include "compiler/text_format.h"

namespace spikecore::compiler {
namespace {

struct Traffic {
  double spikes = 0, psums = 0, spike_hops = 0, psum_hops = 0;
  double chip_link_packets = 0;  // packet x chip-link crossings per step
};

Traffic traffic(const Mapping& m) {
  Traffic t;
  for (const Flow& f : m.flows) {
    const double hops = m.hops(m.core_of(f.src), m.core_of(f.dst));
    t.chip_link_packets += f.packets * m.chip_crossings(m.core_of(f.src), m.core_of(f.dst));
    if (f.kind == Flow::Kind::kSpike) {
      t.spikes += f.packets;
      t.spike_hops += f.packets * hops;
    } else {
      t.psums += f.packets;
      t.psum_hops += f.packets * hops;
    }
  }
  return t;
}

struct LayerTotals {
  std::string layer;
  unsigned cores = 0, weight_bytes = 0, neurons = 0;
  double spikes = 0, psums = 0;
};

std::vector<LayerTotals> layer_totals(const Mapping& m) {
  std::vector<LayerTotals> out(m.groups.size());
  for (size_t g = 0; g < m.groups.size(); ++g) {
    out[g].layer = m.groups[g].layer;
    out[g].neurons = m.groups[g].size;
  }
  for (const Tile& t : m.tiles) {
    ++out[t.layer + 1].cores;
    out[t.layer + 1].weight_bytes += unsigned(t.weights.size());
  }
  for (const Flow& f : m.flows) {
    if (f.kind == Flow::Kind::kSpike)
      out[m.tiles[f.dst.index].layer + 1].spikes += f.packets;
    else
      out[m.tiles[f.src.index].layer + 1].psums += f.packets;
  }
  return out;
}

}  // namespace

std::vector<CoreUsage> core_usage(const Module& module) {
  std::vector<CoreUsage> out;
  if (!module.mapping) return out;
  const Mapping& m = *module.mapping;
  for (unsigned core = 0; core < m.num_cores(); ++core) {
    CoreUsage u;
    u.core = core;
    if (module.chip) {
      u.program_words = unsigned(module.chip->cores[core].program.size());
      for (const isa::Instruction& ins : module.chip->cores[core].program)
        u.fan_out += ins.op == isa::Opcode::kPsum;
    }
    if (core < m.routes.size()) u.route_entries = unsigned(m.routes[core].size());
    u.fan_out += u.route_entries;
    for (const Tile& t : m.tiles)
      if (t.core == int(core)) {
        u.weight_bytes = unsigned(t.weights.size());
        u.fan_in = t.axons;
        u.contents = t.label;
      }
    for (const Chunk& c : m.chunks)
      if (c.core == int(core)) {
        u.neurons += c.count;
        u.contents += format("%s%s[%u..%u]", u.contents.empty() ? "" : " + ",
                             m.groups[c.group].layer.c_str(), c.first, c.first + c.count - 1);
      }
    if (!u.contents.empty()) out.push_back(u);
  }
  return out;
}

std::string quantization_report(const Module& module) {
  std::ostringstream out;
  out << "Quantization (per-layer symmetric int8, threshold balancing on "
      << module.calibration.samples << " images of " << module.calibration.dataset << "/"
      << module.calibration.split << ")\n";
  out << format("  %-8s %11s %10s %10s %10s %14s %9s %9s\n", "layer", "shape", "lambda", "scale",
                "threshold", "bias range", "clip w", "clip b");
  for (const Node* n : module.graph.layer_chain()) {
    if (!n->quant) continue;
    const QuantParams& q = *n->quant;
    int bmin = 0, bmax = 0;
    if (!q.bias.empty()) {
      bmin = *std::min_element(q.bias.begin(), q.bias.end());
      bmax = *std::max_element(q.bias.begin(), q.bias.end());
    }
    const std::string shape =
        n->is_dense() ? format("%lldx%lld", (long long)n->weight.dim(1), (long long)n->weight.dim(0))
                      : n->weight.shape_string();
    out << format("  %-8s %11s %10.4g %10.4g %10d %14s %9u %9u%s\n", n->layer.c_str(),
                  shape.c_str(), q.lambda, q.scale, q.threshold,
                  format("[%d, %d]", bmin, bmax).c_str(), q.clipped_weights, q.clipped_biases,
                  q.threshold_clipped ? "  (scale raised: threshold capped at int16)" : "");
  }
  const CalibrationInfo& c = module.calibration;
  if (c.eval_samples)
    out << format("  accuracy on %u images of %s: float %.2f%%, int8 ceiling (T -> infinity) "
                  "%.2f%% (agrees with float top-1 on %.2f%%)\n",
                  c.eval_samples, c.eval_split.c_str(), 100 * c.float_accuracy,
                  100 * c.reference_accuracy, 100 * c.reference_agreement);
  if (!module.timestep_curve.empty()) {
    out << "  golden model on validation digits:";
    for (const TimestepPoint& p : module.timestep_curve)
      out << format(" T=%u %.2f%%", p.timesteps, 100 * p.agreement);
    out << " agreement";
    if (module.timestep_target >= 0)
      out << format(" (target %.2f%%: the int8 ceiling there is %.2f%%)",
                    100 * module.timestep_target, 100 * module.timestep_ceiling);
    out << " -> default_timesteps " << module.timesteps << '\n';
  }
  return out.str();
}

std::string mapping_report(const Module& module) {
  std::ostringstream out;
  if (!module.mapping) return out.str();
  const Mapping& m = *module.mapping;
  const auto usage = core_usage(module);
  const unsigned cpc = m.cores_per_chip();
  out << "Mapping (" << m.mesh_width << "x" << m.mesh_height << " mesh, core = y*"
      << m.mesh_width << " + x";
  if (m.num_chips() > 1)
    out << "; board of " << m.board_width << "x" << m.board_height << " chips, global core = chip*"
        << cpc << " + core";
  out << ")\n";
  out << format("  %4s %4s %7s %9s %7s %6s %7s %8s  %s\n", "core", "chip", "(x,y)", "bytes/256",
                "neurons", "fan-in", "fan-out", "program", "layer / slice");
  for (const CoreUsage& u : usage)
    out << format("  %4u %4u %7s %9u %7u %6u %7u %5u/16  %s\n", u.core, u.core / cpc,
                  format("(%u,%u)", u.core % cpc % m.mesh_width, u.core % cpc / m.mesh_width).c_str(),
                  u.weight_bytes, u.neurons, u.fan_in, u.fan_out, u.program_words,
                  u.contents.c_str());
  out << "\n  per layer:\n";
  out << format("  %-8s %6s %12s %8s %16s %16s\n", "layer", "cores", "weight bytes", "neurons",
                "spikes in/step", "psums/step");
  for (const LayerTotals& t : layer_totals(m))
    out << format("  %-8s %6u %12u %8u %16.1f %16.1f\n", t.layer.c_str(), t.cores,
                  t.weight_bytes, t.neurons, t.spikes, t.psums);
  unsigned bytes = 0, neurons = 0, routes = 0, words = 0;
  for (const CoreUsage& u : usage) {
    bytes += u.weight_bytes;
    neurons += u.neurons;
    routes += u.route_entries;
    words += u.program_words;
  }
  const unsigned cores = m.num_cores();
  if (m.num_chips() > 1) {
    std::vector<unsigned> per_chip(m.num_chips(), 0);
    for (const CoreUsage& u : usage) ++per_chip[u.core / cpc];
    out << "\n  chips: " << m.board_width << "x" << m.board_height << " board; cores used per chip:";
    for (unsigned c = 0; c < per_chip.size(); ++c) out << (c ? ", " : " ") << per_chip[c];
    out << '\n';
  }
  out << format("%s  %s: %zu/%u cores used (%.1f%%), weight SRAM %u/%u B (%.1f%%), neuron slots "
                "%u/%u (%.1f%%), route entries %u/%u, program words %u/%u\n",
                m.num_chips() > 1 ? "" : "\n", m.num_chips() > 1 ? "board" : "chip", usage.size(), cores, 100.0 * usage.size() / cores, bytes,
                cores * isa::kWeightSramBytes, 100.0 * bytes / (cores * isa::kWeightSramBytes),
                neurons, cores * isa::kNeuronSlots, 100.0 * neurons / (cores * isa::kNeuronSlots),
                routes, cores * isa::kRouteEntries, words, cores * isa::kProgramWords);
  const Traffic t = traffic(m);
  out << format("  modeled NoC traffic per step (calibration rates): %.1f spike packets, %.1f "
                "partial sums, %.1f packet-hops (%.2f hops/packet); greedy placement %.1f\n",
                t.spikes, t.psums, t.spike_hops + t.psum_hops,
                (t.spike_hops + t.psum_hops) / std::max(1e-9, t.spikes + t.psums),
                m.initial_cost);
  if (m.num_chips() > 1)
    out << format("  modeled chip-link traffic per step: %.1f packet crossings (a chip link costs "
                  "the placer %.1f hops)\n",
                  t.chip_link_packets, m.chip_link_cost);
  return out.str();
}

nlohmann::json mapping_json(const Module& module) {
  using nlohmann::json;
  json j;
  j["model"] = module.model_path;
  j["default_timesteps"] = module.timesteps;
  if (!module.mapping) return j;
  const Mapping& m = *module.mapping;
  j["mesh"] = {{"width", m.mesh_width}, {"height", m.mesh_height}};
  j["board"] = {{"width", m.board_width}, {"height", m.board_height}, {"chips", m.num_chips()}};
  j["placement"] = {{"seed", m.seed},
                    {"packet_hops_per_step", m.cost},
                    {"greedy_packet_hops_per_step", m.initial_cost}};
  const Traffic t = traffic(m);
  j["traffic_per_step"] = {{"spike_packets", t.spikes},
                           {"psum_packets", t.psums},
                           {"spike_packet_hops", t.spike_hops},
                           {"psum_packet_hops", t.psum_hops},
                           {"chip_link_crossings", t.chip_link_packets},
                           {"modeled", true}};
  json cores = json::array();
  const unsigned cpc = m.cores_per_chip();
  for (const CoreUsage& u : core_usage(module))
    cores.push_back({{"core", u.core},
                     {"chip", u.core / cpc},
                     {"x", u.core % cpc % m.mesh_width},
                     {"y", u.core % cpc / m.mesh_width},
                     {"weight_bytes", u.weight_bytes},
                     {"weight_bytes_max", isa::kWeightSramBytes},
                     {"neurons", u.neurons},
                     {"fan_in", u.fan_in},
                     {"fan_out", u.fan_out},
                     {"program_words", u.program_words},
                     {"route_entries", u.route_entries},
                     {"contents", u.contents}});
  j["cores"] = cores;
  json layers = json::array();
  const auto totals = layer_totals(m);
  for (size_t g = 0; g < m.groups.size(); ++g) {
    json l = {{"layer", totals[g].layer},
              {"neurons", totals[g].neurons},
              {"cores", totals[g].cores},
              {"weight_bytes", totals[g].weight_bytes},
              {"spike_packets_in_per_step", totals[g].spikes},
              {"psum_packets_per_step", totals[g].psums}};
    if (g > 0 && m.tilings[g - 1].conv) {
      const ConvTileShape& c = *m.tilings[g - 1].conv;
      l["tiling"] = {{"out_channels", c.out_channels},
                     {"out_rows", c.out_rows},
                     {"in_channels", c.in_channels},
                     {"channel_groups", c.channel_groups},
                     {"row_bands", c.row_bands},
                     {"input_parts", c.input_parts}};
    } else if (g > 0) {
      const LayerTiling& lt = m.tilings[g - 1];
      l["tiling"] = {{"rows", lt.chosen.shape.rows},
                     {"cols", lt.chosen.shape.cols},
                     {"row_groups", lt.chosen.shape.row_groups},
                     {"col_groups", lt.chosen.shape.col_groups}};
    }
    layers.push_back(l);
  }
  j["layers"] = layers;
  json quant = json::array();
  for (const Node* n : module.graph.layer_chain()) {
    if (!n->quant) continue;
    const QuantParams& q = *n->quant;
    quant.push_back({{"layer", n->layer},
                     {"lambda", q.lambda},
                     {"scale", q.scale},
                     {"threshold", q.threshold},
                     {"bias_start", q.depth},
                     {"clipped_weights", q.clipped_weights},
                     {"clipped_biases", q.clipped_biases}});
  }
  j["quantization"] = quant;
  const CalibrationInfo& c = module.calibration;
  j["accuracy"] = {{"split", c.eval_split},
                   {"samples", c.eval_samples},
                   {"float", c.float_accuracy},
                   {"int8_reference", c.reference_accuracy},
                   {"int8_reference_agreement", c.reference_agreement}};
  json curve = json::array();
  for (const TimestepPoint& p : module.timestep_curve)
    curve.push_back({{"timesteps", p.timesteps}, {"agreement", p.agreement}, {"accuracy", p.accuracy}});
  j["timestep_calibration"] = curve;
  j["timestep_target"] = module.timestep_target;
  j["timestep_int8_ceiling"] = module.timestep_ceiling;
  return j;
}

}  // namespace spikecore::compiler
