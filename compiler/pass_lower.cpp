// lower: neuron groups (input, hidden, output), the tiling of every dense
// layer (tiling.h), the weight blocks of the tiles, the neuron chunks and the
// modeled packet flows between them.
#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "compiler/board_choice.h"
#include "compiler/diagnostics.h"
#include "compiler/fit_check.h"
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

NeuronGroup dense_group(const Node& n, unsigned index, bool output, double initial_fraction) {
  const QuantParams& q = *n.quant;
  NeuronGroup g;
  g.layer = n.layer.empty() ? n.name : n.layer;
  g.role = output ? isa::LayerRole::kOutput : isa::LayerRole::kHidden;
  g.depth = q.depth;
  g.size = unsigned(n.weight.dim(0));
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

// Tiles, chunks and flows for one choice of tilings.
Mapping build_mapping(const Mapping& base, const std::vector<LayerTiling>& tilings,
                      const std::vector<const Node*>& chain) {
  Mapping m = base;
  m.tilings = tilings;
  // Tiles, ordered by layer, column group, row group.
  for (size_t l = 0; l < chain.size(); ++l) {
    const TileShape& s = m.tilings[l].chosen.shape;
    const QuantParams& q = *chain[l]->quant;
    const unsigned in = m.groups[l].size, out = m.groups[l + 1].size;
    for (unsigned cg = 0; cg < s.col_groups; ++cg) {
      for (unsigned rg = 0; rg < s.row_groups; ++rg) {
        Tile t;
        t.layer = unsigned(l);
        t.row_first = split_first(in, s.row_groups, rg);
        t.rows = split_size(in, s.row_groups, rg);
        t.col_first = split_first(out, s.col_groups, cg);
        t.cols = split_size(out, s.col_groups, cg);
        t.weights.resize(size_t(t.rows) * t.cols);
        for (unsigned r = 0; r < t.rows; ++r)
          for (unsigned c = 0; c < t.cols; ++c)
            t.weights[r * t.cols + c] = q.weights[size_t(t.col_first + c) * in + t.row_first + r];
        m.tiles.push_back(std::move(t));
      }
    }
  }

  // Chunks of every group: cut where the tiles on either side cut.
  for (size_t g = 0; g < m.groups.size(); ++g) {
    const TileShape* producer = g > 0 ? &m.tilings[g - 1].chosen.shape : nullptr;
    const TileShape* consumer = g < chain.size() ? &m.tilings[g].chosen.shape : nullptr;
    for (const auto& [first, count] : chunk_ranges(m.groups[g].size, producer, consumer)) {
      Chunk c;
      c.group = unsigned(g);
      c.first = first;
      c.count = count;
      c.route_entries = consumer ? consumer->col_groups : 0;
      m.chunks.push_back(c);
    }
  }

  // Modeled flows: chunk spikes into the tiles that read them, partial sums
  // from tiles into the chunks that integrate them.
  for (unsigned c = 0; c < m.chunks.size(); ++c) {
    const Chunk& ch = m.chunks[c];
    const NeuronGroup& g = m.groups[ch.group];
    for (unsigned t = 0; t < m.tiles.size(); ++t) {
      const Tile& tile = m.tiles[t];
      if (g.consumer == int(tile.layer) && ch.first >= tile.row_first &&
          ch.first < tile.row_first + tile.rows) {
        m.flows.push_back(
            {Flow::Kind::kSpike, {false, c}, {true, t}, sum_rates(g, ch.first, ch.count)});
      }
      if (g.producer == int(tile.layer) && ch.first >= tile.col_first &&
          ch.first < tile.col_first + tile.cols) {
        const NeuronGroup& in = m.groups[tile.layer];
        double silent = 1.0;
        for (unsigned r = tile.row_first; r < tile.row_first + tile.rows; ++r)
          silent *= 1.0 - std::clamp(in.rate[r], 0.0, 1.0);
        m.flows.push_back(
            {Flow::Kind::kPartialSum, {true, t}, {false, c}, (1.0 - silent) * ch.count});
      }
    }
  }
  return m;
}

std::string grids(const std::vector<LayerTiling>& tilings) {
  std::string s;
  for (const LayerTiling& t : tilings)
    s += (s.empty() ? "" : ", ") + t.layer + " " + std::to_string(t.chosen.shape.row_groups) +
         "x" + std::to_string(t.chosen.shape.col_groups);
  return s;
}

// The best tiling of the model on the cores of `base` (its board set), or
// nullopt when no tiling can be packed onto them.
std::optional<Mapping> lower_onto(const Mapping& base, const std::vector<const Node*>& chain,
                                  const CompileOptions& opt, PassContext& ctx) {
  TilingProblem problem;
  problem.cores = base.num_cores();
  for (const NeuronGroup& g : base.groups) {
    problem.widths.push_back(g.size);
    problem.rates.push_back(g.rate);
  }
  for (size_t l = 1; l < base.groups.size(); ++l) problem.layer_names.push_back(base.groups[l].layer);
  const auto candidates = tiling_candidates(problem, kAlternativesPerLayer);
  if (candidates.empty()) return std::nullopt;

  // Packets alone ignore distance: place each candidate quickly and keep the
  // one with the fewest packet-hops (the best by packets wins ties).
  std::optional<Mapping> best;
  std::vector<TilingTrial> trials;
  size_t chosen = 0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    Mapping m = build_mapping(base, candidates[i].layers, chain);
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
  ctx.progress("lower: " + trials[chosen].grids + " tiles (" + std::to_string(m.tiles.size()) +
               " cores) chosen among " + std::to_string(trials.size()) + " tilings, " +
               std::to_string(m.chunks.size()) + " neuron chunks");
  return m;
}

}  // namespace

void lower(Module& module, PassContext& ctx) {
  const CompileOptions& opt = ctx.options();
  const std::vector<const Node*> chain = std::as_const(module.graph).dense_chain();
  Mapping base;
  base.mesh_width = opt.mesh_width;
  base.mesh_height = opt.mesh_height;
  base.chip_link_cost = isa::chip_link_hop_cost(opt.hardware);
  base.groups.push_back(
      input_group(module, unsigned(chain.front()->weight.dim(1)), opt.input_initial_fraction));
  for (size_t l = 0; l < chain.size(); ++l)
    base.groups.push_back(dense_group(*chain[l], unsigned(l), l + 1 == chain.size(),
                                      opt.hidden_initial_fraction));

  // The fewest chips the smallest legal tiling needs (the model checks have
  // made sure it fits the largest board that may be tried).
  std::vector<unsigned> widths;
  std::vector<std::string> names;
  for (const NeuronGroup& g : base.groups) widths.push_back(g.size);
  for (size_t l = 1; l < base.groups.size(); ++l) names.push_back(base.groups[l].layer);
  const TargetSize target = target_size(opt);
  const FitReport fit = check_fit(widths, names, target.cores_per_chip * target.chips);
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
    if (std::optional<Mapping> m = lower_onto(base, chain, opt, ctx)) {
      module.mapping = std::move(*m);
      return;
    }
    tried += (tried.empty() ? "" : ", ") + shape;
  }
  const FitReport forced_fit = check_fit(widths, names, base.num_cores());
  throw CompileError("lower: no tiling of the model can be packed onto the cores of the board" +
                     std::string(tried.find(',') == std::string::npos ? " " : "s ") + tried +
                     " (64 neuron slots and 32 route entries per core):\n" + forced_fit.table());
}

}  // namespace spikecore::compiler
