#include "compiler/tiling.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "isa/isa.h"

namespace spikecore::compiler {
namespace {

unsigned ceil_div(unsigned a, unsigned b) { return (a + b - 1) / b; }

// Program words a tile core needs besides its PSUMs: one ACC and one FIRE.
constexpr unsigned kFixedProgramWords = 2;

// Largest number of chunks that one producer column group is cut into.
unsigned max_psums_per_tile(unsigned size, const TileShape& producer, const TileShape* consumer) {
  const auto chunks = chunk_ranges(size, &producer, consumer);
  unsigned best = 0;
  for (unsigned k = 0; k < producer.col_groups; ++k) {
    const unsigned first = split_first(size, producer.col_groups, k);
    const unsigned last = first + split_size(size, producer.col_groups, k);
    unsigned n = 0;
    for (const auto& range : chunks) n += range.first >= first && range.first < last;
    best = std::max(best, n);
  }
  return best;
}

bool same_grid(const TileShape& a, const TileShape& b) {
  return a.row_groups == b.row_groups && a.col_groups == b.col_groups;
}

}  // namespace

unsigned split_first(unsigned n, unsigned groups, unsigned k) {
  return k * (n / groups) + std::min(k, n % groups);
}

unsigned split_size(unsigned n, unsigned groups, unsigned k) {
  return n / groups + (k < n % groups ? 1 : 0);
}

std::vector<TileShape> legal_tile_shapes(unsigned inputs, unsigned outputs) {
  std::vector<TileShape> shapes;
  if (inputs == 0 || outputs == 0) return shapes;
  std::set<unsigned> seen_cols;
  for (unsigned col_groups = ceil_div(outputs, isa::kAccumulators); col_groups <= outputs;
       ++col_groups) {
    const unsigned cols = ceil_div(outputs, col_groups);
    if (ceil_div(outputs, cols) != col_groups || !seen_cols.insert(cols).second) continue;
    const unsigned max_rows = std::min(isa::kWeightSramBytes / cols, isa::kAxonsPerCore);
    if (max_rows == 0) continue;
    const unsigned row_groups = ceil_div(inputs, max_rows);
    TileShape s;
    s.row_groups = row_groups;
    s.col_groups = col_groups;
    s.rows = ceil_div(inputs, row_groups);
    s.cols = cols;
    shapes.push_back(s);
  }
  return shapes;
}

TilingOption model_tiling(const TileShape& shape, const std::vector<double>& input_rates,
                          unsigned outputs) {
  TilingOption o;
  o.shape = shape;
  const unsigned inputs = unsigned(input_rates.size());
  double total_rate = 0;
  for (double r : input_rates) total_rate += r;
  o.spike_packets = total_rate * shape.col_groups;
  for (unsigned k = 0; k < shape.row_groups; ++k) {
    const unsigned first = split_first(inputs, shape.row_groups, k);
    double silent = 1.0;
    for (unsigned i = first; i < first + split_size(inputs, shape.row_groups, k); ++i)
      silent *= 1.0 - std::clamp(input_rates[i], 0.0, 1.0);
    o.psum_packets += (1.0 - silent) * outputs;
  }
  return o;
}

std::vector<std::pair<unsigned, unsigned>> chunk_ranges(unsigned size, const TileShape* producer,
                                                        const TileShape* consumer) {
  std::set<unsigned> cuts{0, size};
  if (producer)
    for (unsigned k = 0; k < producer->col_groups; ++k)
      cuts.insert(split_first(size, producer->col_groups, k));
  if (consumer)
    for (unsigned k = 0; k < consumer->row_groups; ++k)
      cuts.insert(split_first(size, consumer->row_groups, k));
  return pieces_between_cuts(cuts);
}

std::vector<std::pair<unsigned, unsigned>> pieces_between_cuts(const std::set<unsigned>& cuts) {
  std::vector<std::pair<unsigned, unsigned>> out;
  for (auto it = cuts.begin(); it != cuts.end() && std::next(it) != cuts.end(); ++it) {
    const unsigned first = *it, len = *std::next(it) - first;
    const unsigned pieces = ceil_div(len, isa::kNeuronSlots);
    for (unsigned p = 0; p < pieces; ++p)
      out.push_back({first + split_first(len, pieces, p), split_size(len, pieces, p)});
  }
  return out;
}

std::optional<TilingResult> choose_tilings(const TilingProblem& problem) {
  const size_t layers = problem.widths.size() - 1;
  if (layers == 0 || problem.rates.size() != problem.widths.size()) return std::nullopt;
  std::vector<std::vector<TilingOption>> options(layers);
  for (size_t l = 0; l < layers; ++l)
    for (const TileShape& s : legal_tile_shapes(problem.widths[l], problem.widths[l + 1])) {
      if (l < problem.forced.size() && problem.forced[l] && !same_grid(*problem.forced[l], s))
        continue;
      options[l].push_back(model_tiling(s, problem.rates[l], problem.widths[l + 1]));
    }

  // Group l's chunks depend on the tilings on both sides; check what each
  // neighbouring pair implies for program words and route entries.
  auto pair_ok = [&](size_t l, const TileShape* before, const TileShape* after) {
    // Group l sits between dense l-1 (before) and dense l (after).
    const unsigned size = problem.widths[l];
    if (after && after->col_groups > isa::kRouteEntries) return false;
    if (before &&
        max_psums_per_tile(size, *before, after) + kFixedProgramWords > isa::kProgramWords)
      return false;
    return true;
  };
  auto group_resources = [&](size_t l, const TileShape* before, const TileShape* after,
                             unsigned& entries) {
    const auto chunks = chunk_ranges(problem.widths[l], before, after);
    entries = after ? unsigned(chunks.size()) * after->col_groups : 0;
  };

  // Dynamic programme over layers; state = (option of this layer, tiles so far).
  const unsigned budget = problem.cores;
  const double inf = std::numeric_limits<double>::infinity();
  struct Cell {
    double packets = std::numeric_limits<double>::infinity();
    unsigned entries = 0;
    int prev_option = -1;
  };
  std::vector<std::vector<std::vector<Cell>>> dp(layers);
  for (size_t l = 0; l < layers; ++l) {
    dp[l].assign(options[l].size(), std::vector<Cell>(budget + 1));
    for (size_t o = 0; o < options[l].size(); ++o) {
      const TilingOption& opt = options[l][o];
      const unsigned t = opt.shape.tiles();
      if (t > budget) continue;
      if (l == 0) {
        if (!pair_ok(0, nullptr, &opt.shape)) continue;
        unsigned entries = 0;
        group_resources(0, nullptr, &opt.shape, entries);
        dp[0][o][t] = {opt.packets(), entries, -1};
        continue;
      }
      for (size_t p = 0; p < options[l - 1].size(); ++p) {
        const TileShape& prev = options[l - 1][p].shape;
        if (!pair_ok(l, &prev, &opt.shape)) continue;
        unsigned entries = 0;
        group_resources(l, &prev, &opt.shape, entries);
        for (unsigned used = 0; used + t <= budget; ++used) {
          const Cell& c = dp[l - 1][p][used];
          if (c.packets == inf) continue;
          Cell& dst = dp[l][o][used + t];
          const double packets = c.packets + opt.packets();
          if (packets < dst.packets) dst = {packets, c.entries + entries, int(p)};
        }
      }
    }
  }
  // The last group (output neurons) has no consumer; check its PSUM counts.
  uint64_t neurons = 0;
  for (unsigned w : problem.widths) neurons += w;
  double best = inf;
  int best_o = -1;
  unsigned best_t = 0;
  for (size_t o = 0; o < options[layers - 1].size(); ++o) {
    if (!pair_ok(layers, &options[layers - 1][o].shape, nullptr)) continue;
    for (unsigned t = 0; t <= budget; ++t) {
      const Cell& c = dp[layers - 1][o][t];
      if (c.packets == inf || c.entries > uint64_t(budget) * isa::kRouteEntries) continue;
      if (neurons > uint64_t(budget) * isa::kNeuronSlots) continue;
      if (c.packets < best) {
        best = c.packets;
        best_o = int(o);
        best_t = t;
      }
    }
  }
  if (best_o < 0) return std::nullopt;

  TilingResult result;
  result.layers.resize(layers);
  result.packets = best;
  result.tiles = best_t;
  int o = best_o;
  unsigned t = best_t;
  for (size_t l = layers; l-- > 0;) {
    LayerTiling& lt = result.layers[l];
    lt.layer = l < problem.layer_names.size() ? problem.layer_names[l] : "layer" + std::to_string(l);
    lt.inputs = problem.widths[l];
    lt.outputs = problem.widths[l + 1];
    lt.chosen = options[l][size_t(o)];
    lt.candidates = options[l];
    const int prev = dp[l][size_t(o)][t].prev_option;
    t -= lt.chosen.shape.tiles();
    o = prev;
  }
  return result;
}

std::vector<TilingResult> tiling_candidates(const TilingProblem& problem,
                                            unsigned alternatives_per_layer) {
  std::vector<TilingResult> out;
  auto best = choose_tilings(problem);
  if (!best) return out;
  out.push_back(*best);
  auto known = [&](const TilingResult& r) {
    for (const TilingResult& o : out) {
      bool same = true;
      for (size_t l = 0; l < r.layers.size(); ++l)
        same &= same_grid(r.layers[l].chosen.shape, o.layers[l].chosen.shape);
      if (same) return true;
    }
    return false;
  };
  for (size_t l = 0; l < best->layers.size(); ++l) {
    std::vector<TilingOption> ranked = best->layers[l].candidates;
    std::stable_sort(ranked.begin(), ranked.end(), [](const TilingOption& a, const TilingOption& b) {
      return a.packets() < b.packets();
    });
    unsigned tried = 0;
    for (const TilingOption& o : ranked) {
      if (tried == alternatives_per_layer) break;
      if (same_grid(o.shape, best->layers[l].chosen.shape)) continue;
      ++tried;
      TilingProblem p = problem;
      p.forced.assign(best->layers.size(), std::nullopt);
      p.forced[l] = o.shape;
      auto alt = choose_tilings(p);
      if (alt && !known(*alt)) {
        // Report every layer's full list of legal grids, not the forced one.
        for (size_t k = 0; k < alt->layers.size(); ++k)
          alt->layers[k].candidates = best->layers[k].candidates;
        out.push_back(*alt);
      }
    }
  }
  return out;
}

}  // namespace spikecore::compiler
