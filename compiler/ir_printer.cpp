#include "compiler/ir_printer.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <map>
#include <sstream>

#include "isa/image.h"
#include "compiler/text_format.h"

namespace spikecore::compiler {
namespace {

std::string shape_string(const std::vector<int64_t>& shape) {
  Tensor t;
  t.shape = shape;
  return t.shape_string();
}

std::string value_type(const Node& n) {
  if (n.kind == OpKind::kHostReadout) return "class";
  if (n.kind == OpKind::kInput || n.kind == OpKind::kHostFlatten) {
    return (n.partition.empty() ? "f32" : "u8") + shape_string(n.shape);
  }
  if (n.kind == OpKind::kHostEncode) return "spikes" + shape_string(n.shape);
  if (n.kind == OpKind::kSpikeCoreCall) return "charge" + shape_string(n.shape);
  if (n.quant) return (n.kind == OpKind::kDenseBias ? "charge" : "spikes") + shape_string(n.shape);
  return "f32" + (n.shape.empty() ? std::string("[?]") : shape_string(n.shape));
}

std::string parameter(const Node& n, const Tensor& t, const char* what) {
  const std::string base = n.layer.empty() ? n.name : n.layer;
  return base + "." + what + ": f32" + t.shape_string();
}

std::string quant_comment(const Node& n) {
  const QuantParams& q = *n.quant;
  int16_t bmin = 0, bmax = 0;
  if (!q.bias.empty()) {
    bmin = *std::min_element(q.bias.begin(), q.bias.end());
    bmax = *std::max_element(q.bias.begin(), q.bias.end());
  }
  return format(
      "      ; int8 weight: i8%s = W * %.4g / %.6g | bias: i16 in [%d, %d] from step %u | "
      "threshold %d = lambda %.4g / scale | clipped: %u weights, %u biases%s",
      n.weight.shape_string().c_str(), q.input_lambda, q.scale, bmin, bmax, q.depth,
      q.threshold, q.lambda, q.clipped_weights, q.clipped_biases,
      q.threshold_clipped ? " (scale raised to fit the threshold in int16)" : "");
}

void print_node(std::ostringstream& out, const Graph& g, const Node& n) {
  std::string args;
  for (int in : n.inputs) {
    const Node* src = g.find(in);
    args += (args.empty() ? "%" : ", %") + (src ? src->name : std::string("?"));
  }
  if (n.kind == OpKind::kSpikeCoreCall) args = "@" + n.detail + "(" + args + ")";
  const bool scale_shift = n.kind == OpKind::kScaleShift;
  if (!n.weight.empty()) args += ", " + parameter(n, n.weight, scale_shift ? "scale" : "weight");
  if (!n.bias.empty()) args += ", " + parameter(n, n.bias, scale_shift ? "shift" : "bias");
  if (n.kind == OpKind::kReshape) args += ", " + shape_string(n.reshape_to);
  if (n.ceiling) args += format(", ceiling=%g", *n.ceiling);
  if (n.window) {
    const Window& w = *n.window;
    args += format(", kernel=%lldx%lld, stride=%lldx%lld, padding=%lldx%lld", (long long)w.kernel_h,
                   (long long)w.kernel_w, (long long)w.stride_h, (long long)w.stride_w,
                   (long long)w.pad_h, (long long)w.pad_w);
    if (n.kind == OpKind::kConv2d && w.groups != 1)
      args += format(", groups=%lld", (long long)w.groups);
    if (n.kind == OpKind::kAvgPool2d && !w.count_include_pad) args += ", count_include_pad=false";
  }
  std::string op = n.kind == OpKind::kUnsupported ? "UNSUPPORTED " + n.op : op_name(n.kind);
  if (n.target == Target::kSpikeCore) op = "spikecore." + op;
  if (n.kind == OpKind::kSpikeCoreCall) op = "call";
  std::string line = "  %" + n.name + " = " + op + "(" + args + ") : " + value_type(n);
  std::string where;
  if (!n.layer.empty()) where += "layer " + n.layer;
  if (!n.op.empty() && n.op != "host" && n.op != "input")
    where += (where.empty() ? "" : ", ") + n.op;
  if (n.loc.known()) where += " at " + n.loc.to_string();
  if (n.kind == OpKind::kHostEncode || n.kind == OpKind::kHostReadout) where = n.detail;
  else if (n.is_layer() || n.kind == OpKind::kLinear || n.kind == OpKind::kConv2d)
    where += n.detail.empty() ? "" : "; " + n.detail;
  if (!where.empty()) line += "   # " + where;
  out << line << '\n';
  if (n.quant) out << quant_comment(n) << '\n';
}

void print_function(std::ostringstream& out, const Graph& g, const std::string& partition,
                    const std::string& title) {
  std::vector<const Node*> nodes;
  for (const Node& n : g.nodes)
    if (n.partition == partition && n.kind != OpKind::kInput) nodes.push_back(&n);
  // Parameters: values used here but defined outside.
  std::vector<const Node*> params;
  for (const Node& n : g.nodes)
    if (n.kind == OpKind::kInput && (partition.empty() || n.partition == partition))
      params.push_back(&n);
  for (const Node* n : nodes)
    for (int in : n->inputs) {
      const Node* src = g.find(in);
      if (src && src->kind != OpKind::kInput && src->partition != partition &&
          std::find(params.begin(), params.end(), src) == params.end())
        params.push_back(src);
    }
  out << "def @" << title << "(";
  for (size_t i = 0; i < params.size(); ++i)
    out << (i ? ", " : "") << '%' << params[i]->name << ": " << value_type(*params[i]);
  out << ") {\n";
  for (const Node* n : nodes) print_node(out, g, *n);
  // The value this function hands back.
  const Node* result = nullptr;
  if (partition.empty() || partition == "main") {
    result = g.find(g.output);
  } else {
    for (const Node& n : g.nodes)
      if (n.kind == OpKind::kSpikeCoreCall && n.detail == partition) result = g.find(n.result);
  }
  if (result) out << "  return %" << result->name << '\n';
  out << "}\n";
}

const char* role_name(isa::LayerRole r) {
  switch (r) {
    case isa::LayerRole::kInput: return "input";
    case isa::LayerRole::kHidden: return "hidden";
    case isa::LayerRole::kOutput: return "output";
  }
  return "?";
}

}  // namespace

std::string print_graph(const Module& module) {
  std::ostringstream out;
  const Graph& g = module.graph;
  bool partitioned = false;
  for (const Node& n : g.nodes) partitioned |= !n.partition.empty();
  if (!partitioned) {
    print_function(out, g, "", "main");
    return out.str();
  }
  print_function(out, g, "main", "main");
  std::vector<std::string> subgraphs;
  for (const Node& n : g.nodes)
    if (n.partition != "main" && !n.partition.empty() &&
        std::find(subgraphs.begin(), subgraphs.end(), n.partition) == subgraphs.end())
      subgraphs.push_back(n.partition);
  for (const std::string& s : subgraphs) {
    out << '\n';
    print_function(out, g, s, s);
  }
  if (module.calibration.samples) {
    const CalibrationInfo& c = module.calibration;
    out << format("\n; calibration: %u images of %s/%s, lambda = p%g of positive pre-activations "
                  "(output layer p%g)\n",
                  c.samples, c.dataset.c_str(), c.split.c_str(), c.percentile,
                  c.output_percentile);
    if (c.eval_samples)
      out << format("; accuracy on %u images of %s: float %.2f%%, int8 ceiling %.2f%% "
                    "(agreement %.2f%%)\n",
                    c.eval_samples, c.eval_split.c_str(), 100 * c.float_accuracy,
                    100 * c.reference_accuracy, 100 * c.reference_agreement);
  }
  return out.str();
}

namespace {

void print_lowering(std::ostringstream& out, const Mapping& m) {
  out << "; neuron groups\n";
  for (const NeuronGroup& g : m.groups) {
    double rate = 0;
    for (double r : g.rate) rate += r;
    const isa::NeuronParams& p = g.params.front();
    out << format("group %-8s %-6s %4u neurons  depth %u  threshold %d  bias_start %u  "
                  "V0 %d  mean rate %.3f spikes/step\n",
                  g.layer.c_str(), role_name(g.role), g.size, g.depth, p.threshold,
                  unsigned(p.bias_start), p.initial_potential, g.size ? rate / g.size : 0.0);
  }
  out << "\n; tiling (tile = rows axons x cols outputs on one core; modeled packets per step)\n";
  for (const LayerTiling& t : m.tilings) {
    if (t.conv) {
      const ConvTileShape& c = *t.conv;
      const isa::ConvGeometry& g = t.geometry;
      out << format("tiling %-6s %ux%ux%u -> %ux%ux%u (%s %ux%u stride %u pad %u): %u channel "
                    "groups x %u row bands x %u input parts = %u tiles of %u out channels x %u "
                    "rows (%u axons, %u accumulators, %u weight bytes)\n",
                    t.layer.c_str(), unsigned(g.in_c), unsigned(g.in_h), unsigned(g.in_w),
                    unsigned(g.out_c), unsigned(g.out_h), unsigned(g.out_w),
                    g.depthwise ? "depthwise" : "kernel", unsigned(g.kernel_h),
                    unsigned(g.kernel_w), unsigned(g.stride), unsigned(g.padding),
                    c.channel_groups, c.row_bands, c.input_parts, c.tiles(), c.out_channels,
                    c.out_rows, c.axons, c.accumulators, c.weight_bytes);
      continue;
    }
    const TileShape& s = t.chosen.shape;
    out << format("tiling %-6s %u -> %u: %u x %u tiles of <=%u axons x <=%u columns "
                  "(%u cores, fan-in split %u ways): %.1f spike + %.1f psum packets\n",
                  t.layer.c_str(), t.inputs, t.outputs, s.row_groups, s.col_groups, s.rows,
                  s.cols, s.tiles(), s.row_groups, t.chosen.spike_packets, t.chosen.psum_packets);
    std::vector<TilingOption> c = t.candidates;
    std::sort(c.begin(), c.end(),
              [](const TilingOption& a, const TilingOption& b) { return a.packets() < b.packets(); });
    out << "       candidates:";
    for (size_t i = 0; i < c.size() && i < 6; ++i)
      out << format(" %ux%u=%.0f", c[i].shape.rows, c[i].shape.cols, c[i].packets());
    if (c.size() > 6) out << " ... (" << c.size() << " legal)";
    out << '\n';
  }
  if (!m.trials.empty()) {
    out << "tilings compared after a quick placement (packets/step, packet-hops/step):\n";
    for (const TilingTrial& t : m.trials)
      out << format("  %s %-40s %9.1f %10.1f\n", t.chosen ? "*" : " ", t.grids.c_str(), t.packets,
                    t.packet_hops);
  }
  std::map<unsigned, unsigned> chunks_per_group;
  for (const Chunk& c : m.chunks) ++chunks_per_group[c.group];
  out << "chunks:";
  for (const auto& [g, n] : chunks_per_group) out << ' ' << m.groups[g].layer << '=' << n;
  out << " (" << m.flows.size() << " modeled flows)\n";
}

void print_placement(std::ostringstream& out, const Mapping& m) {
  out << format("; placement on %ux%u (core = y*%u + x), seed %llu: %.1f packet-hops/step "
                "(greedy start %.1f)\n",
                m.mesh_width, m.mesh_height, m.mesh_width, (unsigned long long)m.seed, m.cost,
                m.initial_cost);
  const unsigned cpc = m.cores_per_chip();
  if (m.num_chips() > 1) {
    double crossings = 0;
    for (const Flow& f : m.flows)
      crossings += f.packets * m.chip_crossings(m.core_of(f.src), m.core_of(f.dst));
    std::vector<unsigned> used(m.num_chips(), 0);
    for (const Tile& t : m.tiles) ++used[m.chip_of(t.core)];
    out << format("; board %ux%u chips (global core = chip*%u + core): %.1f modeled packet "
                  "chip-link crossings/step, a crossing costs %.1f hops; tiles per chip:",
                  m.board_width, m.board_height, cpc, crossings, m.chip_link_cost);
    for (unsigned c = 0; c < used.size(); ++c) out << (c ? ", " : " ") << used[c];
    out << '\n';
  }
  for (unsigned core = 0; core < m.num_cores(); ++core) {
    std::string line;
    for (const Tile& t : m.tiles)
      if (t.core == int(core))
        line += format("tile %s (%zu B)", t.label.c_str(), t.weights.size());
    std::vector<const Chunk*> here;
    for (const Chunk& c : m.chunks)
      if (c.core == int(core)) here.push_back(&c);
    std::sort(here.begin(), here.end(), [](const Chunk* a, const Chunk* b) { return a->slot < b->slot; });
    for (const Chunk* c : here)
      line += format("%sslots %u-%u = %s[%u..%u]", line.empty() ? "" : " | ", c->slot,
                     c->slot + c->count - 1, m.groups[c->group].layer.c_str(), c->first,
                     c->first + c->count - 1);
    if (line.empty()) continue;
    if (m.num_chips() > 1)
      out << format("core %4u chip %2u (%2u,%u): ", core, core / cpc, core % cpc % m.mesh_width,
                    core % cpc / m.mesh_width)
          << line << '\n';
    else
      out << format("core %3u (%2u,%u): ", core, core % m.mesh_width, core / m.mesh_width) << line
          << '\n';
  }
}

void print_routes(std::ostringstream& out, const Mapping& m) {
  out << "; routes (source slots -> destination core:first axon)\n";
  for (unsigned core = 0; core < m.routes.size(); ++core) {
    if (m.routes[core].empty()) continue;
    out << format("core %3u:", core);
    for (const isa::RouteEntry& r : m.routes[core])
      out << format(" [%u..%u]->%u:%u", r.neuron_base, r.neuron_base + r.count - 1,
                    r.dst_chip * m.cores_per_chip() + r.dst_core, r.dst_axon_base);
    out << '\n';
  }
}

}  // namespace

std::string print_mapping(const Module& module, unsigned sections) {
  std::ostringstream out;
  if (!module.mapping) return out.str();
  const Mapping& m = *module.mapping;
  if (sections & kMapLowering) print_lowering(out, m);
  if ((sections & kMapPlacement) && m.placed) print_placement(out, m);
  if ((sections & kMapRoutes) && !m.routes.empty()) print_routes(out, m);
  return out.str();
}

std::string print_module(const Module& module, const std::string& pass) {
  if (pass == "codegen") return module.assembly;
  if (pass == "timesteps") {
    std::ostringstream out;
    out << "; golden-model agreement with the float model on the validation digits (training split, last 1000)\n";
    if (module.timestep_target >= 0)
      out << format("; int8 ceiling %.2f%%, target %.2f%%\n", 100 * module.timestep_ceiling,
                    100 * module.timestep_target);
    for (const TimestepPoint& p : module.timestep_curve)
      out << format("T=%-4u agreement %6.2f%%  accuracy %6.2f%%\n", p.timesteps,
                    100 * p.agreement, 100 * p.accuracy);
    out << "default_timesteps = " << module.timesteps << '\n';
    return out.str();
  }
  if (pass == "assemble" && module.chip) {
    const auto bytes = isa::serialize_image(*module.chip);
    unsigned used = 0;
    for (const isa::CoreConfig& c : module.chip->cores) used += c.used();
    return format("; image: %zu bytes, CRC32 %08x, %u of %u cores used, default_timesteps %u\n",
                  bytes.size(), isa::crc32(bytes.data(), bytes.size()), used,
                  module.chip->num_cores(), unsigned(module.chip->host.default_timesteps));
  }
  if (pass == "lower") return print_mapping(module, kMapLowering);
  if (pass == "place") return print_mapping(module, kMapPlacement);
  if (pass == "route") return print_mapping(module, kMapRoutes);
  return print_graph(module);
}

}  // namespace spikecore::compiler
