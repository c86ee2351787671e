// The mapping section of the IR: what lower, place and route produce.
//
// A dense layer N_in -> N_out is cut into tiles of `rows` axons x `cols`
// output columns (rows * cols <= 256 weight bytes, cols <= 64), one tile per
// core; a conv layer into tiles of whole output rows (conv_tiling.h). A tile
// reads runs of its input neurons into consecutive axons and sends runs of its
// accumulators as partial sums. The neurons of every layer (input pixels,
// hidden, output) are cut into chunks: contiguous neurons that live in
// consecutive soma slots of one core. Chunk boundaries follow the tiles' runs
// on both sides, so one route entry carries a chunk's spikes to one consumer
// tile and one PSUM carries a tile's partial sums to one chunk.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/conv_tiling.h"
#include "isa/chip_config.h"

namespace spikecore::compiler {

struct NeuronGroup {
  std::string layer;  // "input" or the PyTorch layer that computes it ("fc1")
  isa::LayerRole role = isa::LayerRole::kHidden;
  unsigned depth = 0;  // 0 for the input neurons, l for dense layer l's outputs
  unsigned size = 0;
  std::vector<isa::NeuronParams> params;  // per neuron
  std::vector<double> rate;  // modeled mean spikes per step per neuron
  int producer = -1;  // layer index computing it; -1: the host
  int consumer = -1;  // layer index reading its spikes; -1: read-out
};

// Tile grid of one dense layer (balanced: row and column groups differ by at
// most one row/column).
struct TileShape {
  unsigned rows = 0, cols = 0;  // largest tile
  unsigned row_groups = 0, col_groups = 0;
  unsigned tiles() const { return row_groups * col_groups; }
};

struct TilingOption {
  TileShape shape;
  double spike_packets = 0;  // modeled multicast spike packets per step
  double psum_packets = 0;   // modeled partial-sum packets per step
  double packets() const { return spike_packets + psum_packets; }
};

struct LayerTiling {
  std::string layer;
  unsigned inputs = 0, outputs = 0;
  TilingOption chosen;                   // dense layers
  std::vector<TilingOption> candidates;  // every legal option, for the report
  std::optional<ConvTileShape> conv;     // conv and pooling layers: their one tiling
  isa::ConvGeometry geometry;
};

// Neurons [first, first + count) of a group at consecutive axons (tile
// inputs) or accumulators (tile outputs) from `base`.
struct Run {
  unsigned first = 0, count = 0, base = 0;
  bool holds(unsigned neuron) const { return neuron >= first && neuron < first + count; }
};
// The run of `runs` that holds `neuron`, or null.
const Run* run_holding(const std::vector<Run>& runs, unsigned neuron);

struct Tile {
  unsigned layer = 0;  // layer index
  std::string label;   // "fc1 rows[0,196) cols[0,32)", "conv1 ch[0,2) rows[0,3) in[0,3)"
  std::vector<Run> inputs;   // neurons of group `layer` -> axons
  std::vector<Run> outputs;  // neurons of group `layer + 1` -> accumulators
  // Dense: one ACC over axons x accumulators of `weights` (row-major, axon-major).
  // Conv: these CONVs over `weights` (the kernels).
  unsigned axons = 0, accumulators = 0;
  std::vector<isa::ConvFields> convs;
  std::vector<int8_t> weights;
  int core = -1;
};

struct Chunk {
  unsigned group = 0, first = 0, count = 0;
  int core = -1;
  unsigned slot = 0;  // first soma slot on that core
  unsigned route_entries = 0;  // entries its spikes need (consumer column groups)
};

// A modeled packet stream between two placed things (a chunk or a tile).
struct Endpoint {
  bool is_tile = false;
  unsigned index = 0;
};
struct Flow {
  enum class Kind { kSpike, kPartialSum } kind = Kind::kSpike;
  Endpoint src, dst;
  double packets = 0;  // expected packets per time step (calibration rates)
};

// A tiling the lower pass tried: its modeled packets and, after a quick
// placement, packets x hops per step.
struct TilingTrial {
  std::string grids;  // "fc1 25x4, fc2 1x2" (row groups x column groups)
  double packets = 0, packet_hops = 0;
  bool chosen = false;
};

struct Mapping {
  unsigned mesh_width = 0, mesh_height = 0;   // cores of one chip
  unsigned board_width = 1, board_height = 1;  // chips (cores are numbered chip by chip)
  double chip_link_cost = 1;  // hops one chip-link crossing costs the placer
  std::vector<NeuronGroup> groups;  // input, hidden..., output
  std::vector<LayerTiling> tilings;  // per layer
  std::vector<TilingTrial> trials;   // lower: the tilings compared by placement
  std::vector<Tile> tiles;
  std::vector<Chunk> chunks;
  std::vector<Flow> flows;

  // place
  bool placed = false;
  uint64_t seed = 0;
  double initial_cost = 0, cost = 0;  // sum of packets x hops per step

  // route: per core
  std::vector<std::vector<isa::RouteEntry>> routes;

  unsigned cores_per_chip() const { return mesh_width * mesh_height; }
  unsigned num_chips() const { return board_width * board_height; }
  unsigned num_cores() const { return cores_per_chip() * num_chips(); }
  unsigned chip_of(int core) const { return unsigned(core) / cores_per_chip(); }
  // Position on the board's combined mesh, and the core at a position.
  unsigned board_x(int core) const {
    return chip_of(core) % board_width * mesh_width + unsigned(core) % cores_per_chip() % mesh_width;
  }
  unsigned board_y(int core) const {
    return chip_of(core) / board_width * mesh_height + unsigned(core) % cores_per_chip() / mesh_width;
  }
  unsigned core_at(unsigned x, unsigned y) const {
    const unsigned chip = y / mesh_height * board_width + x / mesh_width;
    return chip * cores_per_chip() + y % mesh_height * mesh_width + x % mesh_width;
  }
  unsigned hops(int a, int b) const;  // router-to-router links on the board (XY routing)
  unsigned chip_crossings(int a, int b) const;  // of them, chip links
  // What the placer minimises per packet: hops, a chip link counting chip_link_cost.
  double distance(int a, int b) const {
    return hops(a, b) + (chip_link_cost - 1) * chip_crossings(a, b);
  }
  int core_of(const Endpoint& e) const {
    return e.is_tile ? tiles[e.index].core : chunks[e.index].core;
  }
};

}  // namespace spikecore::compiler
