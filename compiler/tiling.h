// Tiling of dense layers onto cores and the chunking of neuron groups that
// follows from it; used by the lower pass and by the fit check.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/mapping.h"

namespace spikecore::compiler {

// Balanced split of n items into `groups` contiguous groups (sizes differ by <= 1).
unsigned split_first(unsigned n, unsigned groups, unsigned k);
unsigned split_size(unsigned n, unsigned groups, unsigned k);

// For each number of column groups, the tile grid with the fewest row groups
// that fits a core (rows * cols <= 256 bytes, cols <= 64 accumulators).
std::vector<TileShape> legal_tile_shapes(unsigned inputs, unsigned outputs);

// Modeled packets per step of one tiling, given the mean spike rate of each
// input neuron: every spike is multicast to each column group; a tile sends a
// partial sum for a column when any of its rows spiked (inputs independent).
TilingOption model_tiling(const TileShape& shape, const std::vector<double>& input_rates,
                          unsigned outputs);

// The ranges between consecutive cuts (ascending, first 0, last the group
// size), each split into balanced pieces of at most 64 neurons: (first, count).
std::vector<std::pair<unsigned, unsigned>> pieces_between_cuts(const std::set<unsigned>& cuts);

// Chunk boundaries of one neuron group: cuts where the producer's column
// groups or the consumer's row groups start, pieces of at most 64 neurons.
// `producer` / `consumer` may be null (host side).
std::vector<std::pair<unsigned, unsigned>> chunk_ranges(unsigned size, const TileShape* producer,
                                                        const TileShape* consumer);

struct TilingProblem {
  std::vector<unsigned> widths;            // 784, hidden..., 10
  std::vector<std::string> layer_names;    // per dense layer
  std::vector<std::vector<double>> rates;  // per neuron group (widths.size() groups)
  unsigned cores = 128;
  // Per dense layer, a tile grid to use instead of searching (empty = search).
  std::vector<std::optional<TileShape>> forced;
};

struct TilingResult {
  std::vector<LayerTiling> layers;
  unsigned tiles = 0;
  double packets = 0;
};

// One tiling per layer that minimises the modeled packets per step with every
// architectural limit respected (tiles <= cores, PSUMs per tile program,
// route entries, neuron slots). nullopt when no combination fits.
std::optional<TilingResult> choose_tilings(const TilingProblem& problem);

// The best tiling and, for every layer, the best tilings that use one of that
// layer's next-best grids instead: alternatives for a placement to judge by hops.
std::vector<TilingResult> tiling_candidates(const TilingProblem& problem,
                                            unsigned alternatives_per_layer);

}  // namespace spikecore::compiler
