// lower: neuron groups (input, hidden, output), the tiling of every layer
// (conv_tiling.h, tiling.h), the weights of the tiles, the neuron chunks and
// the modeled packet flows between them.
#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <utility>

#include "compiler/board_choice.h"
#include "compiler/diagnostics.h"
#include "compiler/fit_check.h"
#include "compiler/model_checks.h"
#include "compiler/text_format.h"
#include "compiler/pipeline.h"
#include "compiler/place.h"
#include "compiler/tiling.h"
#include "isa/hardware_description.h"

namespace spikecore::compiler {
namespace {

constexpr int16_t kInputThreshold = 255;  // docs/isa.md section 3: pixel byte as bias
constexpr unsigned kAlternativesPerLayer = 3;

int16_t initial_potential(int16_t threshold, double fraction) {
  return int16_t(std::floor(threshold * std::clamp(fraction, 0.0, 1.0)));
}

NeuronGroup input_group(const Module& module, unsigned size, double initial_fraction) {
  NeuronGroup g;
  g.layer = "input";
  g.role = isa::LayerRole::kInput;
  g.depth = 0;
  g.size = size;
  isa::NeuronParams p;
  p.threshold = kInputThreshold;
  p.bias = 0;  // the host writes the pixel byte here for every sample
  p.bias_start = 0;
  p.initial_potential = initial_potential(p.threshold, initial_fraction);
  g.params.assign(size, p);
  g.rate = module.calibration.input_mean_rate;
  g.rate.resize(size, 0.0);
  g.consumer = 0;
  return g;
}

NeuronGroup layer_group(const Graph& graph, const Node& n, unsigned index, bool output,
                        double initial_fraction) {
  const QuantParams& q = *n.quant;
  NeuronGroup g;
  g.layer = n.layer.empty() ? n.name : n.layer;
  g.role = output ? isa::LayerRole::kOutput : isa::LayerRole::kHidden;
  g.depth = q.depth;
  g.size = graph.layer_outputs(n);
  for (unsigned j = 0; j < g.size; ++j) {
    isa::NeuronParams p;
    p.threshold = q.threshold;
    p.bias = q.bias[j];
    p.bias_start = uint8_t(q.depth);
    // Output neurons start at 0 so that count * threshold + V is exactly the
    // charge they integrated (docs/isa.md section 3).
    if (!output) p.initial_potential = initial_potential(p.threshold, initial_fraction);
    g.params.push_back(p);
  }
  g.rate = q.mean_rate;
  g.producer = int(index);
  g.consumer = output ? -1 : int(index + 1);
  return g;
}

double sum_rates(const NeuronGroup& g, unsigned first, unsigned count) {
  double s = 0;
  for (unsigned i = first; i < first + count; ++i) s += g.rate[i];
  return s;
}

void add_dense_tiles(Mapping& m, unsigned l, const TileShape& s, const QuantParams& q) {
  const unsigned in = m.groups[l].size, out = m.groups[l + 1].size;
  // Ordered by column group, then row group.
  for (unsigned cg = 0; cg < s.col_groups; ++cg) {
    for (unsigned rg = 0; rg < s.row_groups; ++rg) {
      Tile t;
      t.layer = l;
      const unsigned row_first = split_first(in, s.row_groups, rg);
      const unsigned col_first = split_first(out, s.col_groups, cg);
      t.axons = split_size(in, s.row_groups, rg);
      t.accumulators = split_size(out, s.col_groups, cg);
      t.inputs.push_back({row_first, t.axons, 0});
      t.outputs.push_back({col_first, t.accumulators, 0});
      t.label = format("%s rows[%u,%u) cols[%u,%u)", m.groups[l + 1].layer.c_str(), row_first,
                       row_first + t.axons, col_first, col_first + t.accumulators);
      t.weights.resize(size_t(t.axons) * t.accumulators);
      for (unsigned r = 0; r < t.axons; ++r)
        for (unsigned c = 0; c < t.accumulators; ++c)
          t.weights[r * t.accumulators + c] = q.weights[size_t(col_first + c) * in + row_first + r];
      m.tiles.push_back(std::move(t));
    }
  }
}

// A conv tile's window holds whole input rows per channel (rows above the
// input are padding no spike reaches) and its accumulators whole output rows.
void add_conv_tiles(Mapping& m, unsigned l, const isa::ConvGeometry& g,
                    const ConvTileShape& shape, const QuantParams& q) {
  for (ConvTile& ct : conv_tiles(g, shape, q.weights)) {
    Tile t;
    t.layer = l;
    const int first_row = std::max(0, ct.window_row_first);
    const unsigned end_row = unsigned(ct.window_row_first + int(ct.window_rows));
    for (unsigned c = 0; c < ct.in_channels; ++c)
      t.inputs.push_back({((ct.in_channel_first + c) * g.in_h + unsigned(first_row)) * g.in_w,
                          (end_row - unsigned(first_row)) * g.in_w,
                          (c * ct.window_rows + unsigned(first_row - ct.window_row_first)) * g.in_w});
    for (unsigned o = 0; o < ct.out_channels; ++o)
      t.outputs.push_back({((ct.out_channel_first + o) * g.out_h + ct.out_row_first) * g.out_w,
                           ct.out_rows * g.out_w, o * ct.out_rows * g.out_w});
    t.axons = ct.in_channels * ct.window_rows * g.in_w;
    t.accumulators = ct.out_channels * ct.out_rows * g.out_w;
    t.label = format("%s ch[%u,%u) rows[%u,%u) in[%u,%u)", m.groups[l + 1].layer.c_str(),
                     ct.out_channel_first, ct.out_channel_first + ct.out_channels,
                     ct.out_row_first, ct.out_row_first + ct.out_rows, ct.in_channel_first,
                     ct.in_channel_first + ct.in_channels);
    t.convs = std::move(ct.convs);
    t.weights = std::move(ct.weights);
    m.tiles.push_back(std::move(t));
  }
}

// Chunks of group g: cut wherever a run of a tile on either side starts or
// ends, then into pieces of at most 64 neurons.
void add_chunks(Mapping& m, unsigned g) {
  const unsigned size = m.groups[g].size;
  std::set<unsigned> cuts{0, size};
  std::vector<const Tile*> consumers;
  for (const Tile& t : m.tiles) {
    if (t.layer + 1 == g)
      for (const Run& r : t.outputs) cuts.insert({r.first, r.first + r.count});
    if (t.layer == g) {
      consumers.push_back(&t);
      for (const Run& r : t.inputs) cuts.insert({r.first, r.first + r.count});
    }
  }
  for (const auto& [first, count] : pieces_between_cuts(cuts)) {
    Chunk c;
    c.group = g;
    c.first = first;
    c.count = count;
    for (const Tile* t : consumers) c.route_entries += run_holding(t->inputs, c.first) != nullptr;
    m.chunks.push_back(c);
  }
}

// Probability that none of a tile's inputs spikes in a step (inputs independent).
double silent_probability(const Mapping& m, const Tile& t) {
  const NeuronGroup& in = m.groups[t.layer];
  double silent = 1.0;
  for (const Run& r : t.inputs)
    for (unsigned i = r.first; i < r.first + r.count; ++i)
      silent *= 1.0 - std::clamp(in.rate[i], 0.0, 1.0);
  return silent;
}

// Tiles, chunks and flows for one choice of tilings.
Mapping build_mapping(const Mapping& base, const std::vector<LayerTiling>& tilings,
                      const std::vector<const Node*>& chain) {
  Mapping m = base;
  m.tilings = tilings;
  for (size_t l = 0; l < chain.size(); ++l) {
    const LayerTiling& lt = m.tilings[l];
    if (lt.conv)
      add_conv_tiles(m, unsigned(l), lt.geometry, *lt.conv, *chain[l]->quant);
    else
      add_dense_tiles(m, unsigned(l), lt.chosen.shape, *chain[l]->quant);
  }
  for (unsigned g = 0; g < m.groups.size(); ++g) add_chunks(m, g);

  // Modeled flows: chunk spikes into the tiles that read them, partial sums
  // from tiles into the chunks that integrate them.
  std::vector<double> active(m.tiles.size());
  for (size_t t = 0; t < m.tiles.size(); ++t) active[t] = 1.0 - silent_probability(m, m.tiles[t]);
  for (unsigned c = 0; c < m.chunks.size(); ++c) {
    const Chunk& ch = m.chunks[c];
    const NeuronGroup& g = m.groups[ch.group];
    for (unsigned t = 0; t < m.tiles.size(); ++t) {
      const Tile& tile = m.tiles[t];
      if (g.consumer == int(tile.layer) && run_holding(tile.inputs, ch.first))
        m.flows.push_back(
            {Flow::Kind::kSpike, {false, c}, {true, t}, sum_rates(g, ch.first, ch.count)});
      if (g.producer == int(tile.layer) && run_holding(tile.outputs, ch.first))
        m.flows.push_back({Flow::Kind::kPartialSum, {true, t}, {false, c}, active[t] * ch.count});
    }
  }
  return m;
}

// A conv tile's program: its CONVs, one PSUM per chunk it feeds, a FIRE.
void check_conv_programs(const Mapping& m) {
  std::vector<unsigned> psums(m.tiles.size(), 0);
  for (const Flow& f : m.flows)
    if (f.kind == Flow::Kind::kPartialSum) ++psums[f.src.index];
  for (size_t t = 0; t < m.tiles.size(); ++t) {
    const Tile& tile = m.tiles[t];
    const unsigned words = unsigned(std::max<size_t>(1, tile.convs.size())) + psums[t] + 1;
    if (!tile.convs.empty() && words > isa::kProgramWords)
      throw CompileError("lower: tile " + tile.label + " needs " + std::to_string(words) +
                         " program words (" + std::to_string(psums[t]) +
                         " partial sums to the chunks of the next layer; at most " +
                         std::to_string(isa::kProgramWords) + ")");
  }
}

std::string grids(const std::vector<LayerTiling>& tilings) {
  std::string s;
  for (const LayerTiling& t : tilings) {
    if (t.conv) continue;  // one tiling each: the same in every trial
    s += (s.empty() ? "" : ", ") + t.layer + " " + std::to_string(t.chosen.shape.row_groups) +
         "x" + std::to_string(t.chosen.shape.col_groups);
  }
  return s;
}

// The conv and pooling layers at the front of the chain, with their tilings.
std::vector<LayerTiling> conv_tilings(const Graph& graph, const std::vector<const Node*>& chain,
                                      const Mapping& base) {
  std::vector<LayerTiling> out;
  for (size_t l = 0; l < chain.size() && chain[l]->is_conv_layer(); ++l) {
    LayerTiling lt;
    lt.layer = base.groups[l + 1].layer;
    lt.inputs = base.groups[l].size;
    lt.outputs = base.groups[l + 1].size;
    lt.geometry = graph.conv_geometry(*chain[l]);
    lt.conv = best_conv_tile_shape(lt.geometry);  // the model checks made sure there is one
    out.push_back(lt);
  }
  return out;
}

// The best tiling of the model on the cores of `base` (its board set), or
// nullopt when no tiling can be packed onto them. Conv layers have one tiling
// each; the dense layers after them are searched (tiling.h) on the cores left.
std::optional<Mapping> lower_onto(const Mapping& base, const Graph& graph,
                                  const std::vector<const Node*>& chain,
                                  const CompileOptions& opt, PassContext& ctx) {
  const std::vector<LayerTiling> convs = conv_tilings(graph, chain, base);
  unsigned conv_cores = 0;
  for (const LayerTiling& lt : convs) conv_cores += lt.conv->tiles();
  if (conv_cores >= base.num_cores()) return std::nullopt;
  TilingProblem problem;
  problem.cores = base.num_cores() - conv_cores;
  for (size_t g = convs.size(); g < base.groups.size(); ++g) {
    problem.widths.push_back(base.groups[g].size);
    problem.rates.push_back(base.groups[g].rate);
  }
  for (size_t g = convs.size() + 1; g < base.groups.size(); ++g)
    problem.layer_names.push_back(base.groups[g].layer);
  const auto candidates = tiling_candidates(problem, kAlternativesPerLayer);
  if (candidates.empty()) return std::nullopt;
  auto all_layers = [&](const TilingResult& dense) {
    std::vector<LayerTiling> layers = convs;
    layers.insert(layers.end(), dense.layers.begin(), dense.layers.end());
    return layers;
  };

  // Packets alone ignore distance: place each candidate quickly and keep the
  // one with the fewest packet-hops (the best by packets wins ties).
  std::optional<Mapping> best;
  std::vector<TilingTrial> trials;
  size_t chosen = 0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    Mapping m = build_mapping(base, all_layers(candidates[i]), chain);
    check_conv_programs(m);
    const uint64_t moves = uint64_t(opt.placement_effort) * 10 * (m.tiles.size() + m.chunks.size());
    try {
      place_mapping(m, opt.seed, moves);
    } catch (const CompileError&) {
      continue;  // cannot be packed: not a candidate
    }
    trials.push_back({grids(m.tilings), candidates[i].packets, m.cost, false});
    if (!best || m.cost < best->cost - 1e-9) {
      best = std::move(m);
      chosen = trials.size() - 1;
    }
  }
  if (!best) return std::nullopt;
  trials[chosen].chosen = true;
  Mapping m = build_mapping(base, best->tilings, chain);
  m.trials = trials;
  std::string conv_note;
  for (const LayerTiling& lt : convs)
    conv_note += lt.layer + " " + std::to_string(lt.conv->tiles()) + ", ";
  ctx.progress("lower: " + conv_note + trials[chosen].grids + " tiles (" +
               std::to_string(m.tiles.size()) + " cores) chosen among " +
               std::to_string(trials.size()) + " tilings, " + std::to_string(m.chunks.size()) +
               " neuron chunks");
  return m;
}

}  // namespace

void lower(Module& module, PassContext& ctx) {
  const CompileOptions& opt = ctx.options();
  const Graph& graph = module.graph;
  const std::vector<const Node*> chain = graph.layer_chain();
  Mapping base;
  base.mesh_width = opt.mesh_width;
  base.mesh_height = opt.mesh_height;
  base.chip_link_cost = isa::chip_link_hop_cost(opt.hardware);
  base.groups.push_back(
      input_group(module, graph.layer_inputs(*chain.front()), opt.input_initial_fraction));
  for (size_t l = 0; l < chain.size(); ++l)
    base.groups.push_back(layer_group(graph, *chain[l], unsigned(l), l + 1 == chain.size(),
                                      opt.hidden_initial_fraction));

  // The fewest chips the smallest legal tiling needs (the model checks have
  // made sure it fits the largest board that may be tried).
  const TargetSize target = target_size(opt);
  const FitReport fit = model_fit(graph, target.cores_per_chip * target.chips);
  const unsigned min_chips =
      std::max(1u, (fit.min_cores + target.cores_per_chip - 1) / target.cores_per_chip);

  std::string tried;
  for (const BoardShape& board : candidate_boards(opt, min_chips)) {
    base.board_width = board.first;
    base.board_height = board.second;
    const std::string shape = std::to_string(board.first) + "x" + std::to_string(board.second);
    if (base.num_chips() > 1)
      ctx.progress("lower: trying a board of " + shape + " chips (" +
                   std::to_string(base.num_cores()) + " cores)");
    if (std::optional<Mapping> m = lower_onto(base, graph, chain, opt, ctx)) {
      module.mapping = std::move(*m);
      return;
    }
    tried += (tried.empty() ? "" : ", ") + shape;
  }
  const FitReport forced_fit = model_fit(graph, base.num_cores());
  throw CompileError("lower: no tiling of the model can be packed onto the cores of the board" +
                     std::string(tried.find(',') == std::string::npos ? " " : "s ") + tried +
                     " (64 neuron slots and 32 route entries per core):\n" + forced_fit.table());
}

}  // namespace spikecore::compiler
