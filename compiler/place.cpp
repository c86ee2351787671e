#include "compiler/place.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <tuple>

#include "compiler/diagnostics.h"
#include "isa/isa.h"

namespace spikecore::compiler {
namespace {

// A small, portable generator so a seed gives the same placement everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed ^ 0x9E3779B97F4A7C15ull) {}
  uint64_t next() {  // splitmix64
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  unsigned below(unsigned n) { return unsigned(next() % n); }
  double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }

 private:
  uint64_t state_;
};

class Placer {
 public:
  explicit Placer(Mapping& m) : m_(m), cores_(m.num_cores()) {
    core_tile_.assign(cores_, -1);
    core_slots_.assign(cores_, 0);
    core_routes_.assign(cores_, 0);
    tile_flows_.resize(m.tiles.size());
    chunk_flows_.resize(m.chunks.size());
    for (unsigned f = 0; f < m.flows.size(); ++f)
      for (const Endpoint& e : {m.flows[f].src, m.flows[f].dst})
        (e.is_tile ? tile_flows_[e.index] : chunk_flows_[e.index]).push_back(f);
    stamp_.assign(m.flows.size(), 0);
  }

  void greedy();
  void anneal(uint64_t seed, uint64_t moves);

 private:
  bool chunk_fits(unsigned core, const Chunk& c, const Chunk* leaving = nullptr) const {
    unsigned slots = core_slots_[core] + c.count, routes = core_routes_[core] + c.route_entries;
    if (leaving) {
      slots -= leaving->count;
      routes -= leaving->route_entries;
    }
    return slots <= isa::kNeuronSlots && routes <= isa::kRouteEntries;
  }
  void put_chunk(unsigned c, int core) {
    Chunk& ch = m_.chunks[c];
    if (ch.core >= 0) {
      core_slots_[unsigned(ch.core)] -= ch.count;
      core_routes_[unsigned(ch.core)] -= ch.route_entries;
    }
    ch.core = core;
    core_slots_[unsigned(core)] += ch.count;
    core_routes_[unsigned(core)] += ch.route_entries;
  }
  void put_tile(unsigned t, int core) {
    Tile& tile = m_.tiles[t];
    if (tile.core >= 0 && core_tile_[unsigned(tile.core)] == int(t)) core_tile_[unsigned(tile.core)] = -1;
    tile.core = core;
    core_tile_[unsigned(core)] = int(t);
  }
  double flow_cost(unsigned f) const {
    const Flow& fl = m_.flows[f];
    return fl.packets * m_.distance(m_.core_of(fl.src), m_.core_of(fl.dst));
  }
  // Cost of the flows touching the given objects, each flow counted once.
  double local_cost(const std::vector<Endpoint>& objects) {
    ++epoch_;
    double cost = 0;
    for (const Endpoint& e : objects)
      for (unsigned f : e.is_tile ? tile_flows_[e.index] : chunk_flows_[e.index])
        if (stamp_[f] != epoch_) {
          stamp_[f] = epoch_;
          cost += flow_cost(f);
        }
    return cost;
  }
  unsigned core_near(Rng& rng, int from, unsigned radius) const {
    const int w = int(m_.mesh_width * m_.board_width), h = int(m_.mesh_height * m_.board_height);
    const int r = int(radius);
    const int x = std::clamp(int(m_.board_x(from)) + int(rng.below(2 * r + 1)) - r, 0, w - 1);
    const int y = std::clamp(int(m_.board_y(from)) + int(rng.below(2 * r + 1)) - r, 0, h - 1);
    return m_.core_at(unsigned(x), unsigned(y));
  }
  // One annealing move; returns false when it was not legal.
  bool try_move(Rng& rng, double temperature, unsigned radius, double& cost);

  Mapping& m_;
  unsigned cores_;
  std::vector<int> core_tile_;
  std::vector<unsigned> core_slots_, core_routes_;
  std::vector<std::vector<unsigned>> tile_flows_, chunk_flows_;
  std::vector<uint64_t> stamp_;
  uint64_t epoch_ = 0;
};

void Placer::greedy() {
  // Tiles in (layer, column group, row group) order along a serpentine scan
  // of each chip, chips in serpentine order, so tiles that share inputs or
  // outputs start close together and on one chip.
  std::vector<unsigned> order;
  for (unsigned cy = 0; cy < m_.board_height; ++cy)
    for (unsigned j = 0; j < m_.board_width; ++j) {
      const unsigned chip = cy * m_.board_width + (cy % 2 ? m_.board_width - 1 - j : j);
      for (unsigned y = 0; y < m_.mesh_height; ++y)
        for (unsigned i = 0; i < m_.mesh_width; ++i)
          order.push_back(chip * m_.cores_per_chip() + y * m_.mesh_width +
                          (y % 2 ? m_.mesh_width - 1 - i : i));
    }
  for (unsigned t = 0; t < m_.tiles.size(); ++t) put_tile(t, int(order[t]));

  // Chunks, busiest first, each where its flows to placed objects cost least.
  std::vector<unsigned> chunks(m_.chunks.size());
  std::iota(chunks.begin(), chunks.end(), 0u);
  auto weight = [&](unsigned c) {
    double w = 0;
    for (unsigned f : chunk_flows_[c]) w += m_.flows[f].packets;
    return w;
  };
  std::stable_sort(chunks.begin(), chunks.end(),
                   [&](unsigned a, unsigned b) { return weight(a) > weight(b); });
  for (unsigned c : chunks) {
    int best = -1;
    double best_cost = std::numeric_limits<double>::infinity();
    for (unsigned core = 0; core < cores_; ++core) {
      if (!chunk_fits(core, m_.chunks[c])) continue;
      m_.chunks[c].core = int(core);
      double cost = 0;
      for (unsigned f : chunk_flows_[c]) {
        const Flow& fl = m_.flows[f];
        const Endpoint& other = fl.src.is_tile == false && fl.src.index == c ? fl.dst : fl.src;
        if (m_.core_of(other) >= 0) cost += flow_cost(f);
      }
      m_.chunks[c].core = -1;
      if (cost < best_cost) {
        best_cost = cost;
        best = int(core);
      }
    }
    if (best < 0)
      throw CompileError("place: no core has room for " + std::to_string(m_.chunks[c].count) +
                         " neurons of layer '" + m_.groups[m_.chunks[c].group].layer +
                         "' (64 slots and 32 route entries per core)");
    put_chunk(c, best);
  }
}

bool Placer::try_move(Rng& rng, double temperature, unsigned radius, double& cost) {
  const unsigned objects = unsigned(m_.tiles.size() + m_.chunks.size());
  const unsigned pick = rng.below(objects);
  if (pick < m_.tiles.size()) {
    const unsigned t = pick;
    const int from = m_.tiles[t].core;
    const unsigned to = core_near(rng, from, radius);
    if (int(to) == from) return false;
    const int other = core_tile_[to];
    std::vector<Endpoint> touched{{true, t}};
    if (other >= 0) touched.push_back({true, unsigned(other)});
    const double before = local_cost(touched);
    put_tile(t, int(to));
    if (other >= 0) put_tile(unsigned(other), from);
    const double delta = local_cost(touched) - before;
    if (delta <= 0 || rng.unit() < std::exp(-delta / temperature)) {
      cost += delta;
      return true;
    }
    if (other >= 0) put_tile(unsigned(other), int(to));
    put_tile(t, from);
    return false;
  }
  const unsigned c = pick - unsigned(m_.tiles.size());
  const int from = m_.chunks[c].core;
  const unsigned to = core_near(rng, from, radius);
  if (int(to) == from) return false;
  int swap_with = -1;
  if (!chunk_fits(to, m_.chunks[c])) {
    // Try swapping with a chunk living on the target core.
    std::vector<unsigned> there;
    for (unsigned d = 0; d < m_.chunks.size(); ++d)
      if (m_.chunks[d].core == int(to)) there.push_back(d);
    if (there.empty()) return false;
    const unsigned d = there[rng.below(unsigned(there.size()))];
    if (!chunk_fits(to, m_.chunks[c], &m_.chunks[d]) ||
        !chunk_fits(unsigned(from), m_.chunks[d], &m_.chunks[c]))
      return false;
    swap_with = int(d);
  }
  std::vector<Endpoint> touched{{false, c}};
  if (swap_with >= 0) touched.push_back({false, unsigned(swap_with)});
  const double before = local_cost(touched);
  put_chunk(c, int(to));
  if (swap_with >= 0) put_chunk(unsigned(swap_with), from);
  const double delta = local_cost(touched) - before;
  if (delta <= 0 || rng.unit() < std::exp(-delta / temperature)) {
    cost += delta;
    return true;
  }
  if (swap_with >= 0) put_chunk(unsigned(swap_with), int(to));
  put_chunk(c, from);
  return false;
}

void Placer::anneal(uint64_t seed, uint64_t moves) {
  if (moves == 0 || m_.flows.empty()) return;
  Rng rng(seed);
  double cost = placement_cost(m_);
  // Start hot enough to accept a typical uphill move, end close to greedy.
  double mean_flow = 0;
  for (const Flow& f : m_.flows) mean_flow += f.packets;
  mean_flow /= double(m_.flows.size());
  const double t_start = std::max(mean_flow * 2.0, 1e-9), t_end = t_start * 1e-4;
  const unsigned max_radius =
      std::max(m_.mesh_width * m_.board_width, m_.mesh_height * m_.board_height);

  std::vector<int> best_tiles(m_.tiles.size()), best_chunks(m_.chunks.size());
  auto snapshot = [&] {
    for (size_t t = 0; t < m_.tiles.size(); ++t) best_tiles[t] = m_.tiles[t].core;
    for (size_t c = 0; c < m_.chunks.size(); ++c) best_chunks[c] = m_.chunks[c].core;
  };
  snapshot();
  double best = cost;
  for (uint64_t i = 0; i < moves; ++i) {
    const double progress = double(i) / double(moves);
    const double temperature = t_start * std::pow(t_end / t_start, progress);
    const unsigned radius = std::max(1u, unsigned(std::lround(max_radius * (1.0 - progress))));
    if (try_move(rng, temperature, radius, cost) && cost < best - 1e-12) {
      best = cost;
      snapshot();
    }
  }
  for (size_t t = 0; t < m_.tiles.size(); ++t) put_tile(unsigned(t), best_tiles[t]);
  for (size_t c = 0; c < m_.chunks.size(); ++c) put_chunk(unsigned(c), best_chunks[c]);
}

}  // namespace

double placement_cost(const Mapping& m) {
  double cost = 0;
  for (const Flow& f : m.flows)
    cost += f.packets * m.distance(m.core_of(f.src), m.core_of(f.dst));
  return cost;
}

void place_mapping(Mapping& m, uint64_t seed, uint64_t moves) {
  if (m.tiles.size() > m.num_cores())
    throw CompileError("place: " + std::to_string(m.tiles.size()) + " tiles but only " +
                       std::to_string(m.num_cores()) + " cores");
  for (Tile& t : m.tiles) t.core = -1;
  for (Chunk& c : m.chunks) c.core = -1;
  Placer placer(m);
  placer.greedy();
  m.initial_cost = placement_cost(m);
  placer.anneal(seed, moves);
  m.cost = placement_cost(m);
  m.seed = seed;

  // Soma slots: per core, chunks in (group, first neuron) order.
  std::vector<unsigned> order(m.chunks.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](unsigned a, unsigned b) {
    const Chunk &x = m.chunks[a], &y = m.chunks[b];
    return std::tie(x.core, x.group, x.first) < std::tie(y.core, y.group, y.first);
  });
  std::vector<unsigned> next_slot(m.num_cores(), 0);
  for (unsigned c : order) {
    Chunk& ch = m.chunks[c];
    ch.slot = next_slot[unsigned(ch.core)];
    next_slot[unsigned(ch.core)] += ch.count;
  }
  m.placed = true;
  const auto problems = placement_problems(m);
  if (!problems.empty()) throw CompileError("place: internal error: " + problems.front());
}

std::vector<std::string> placement_problems(const Mapping& m) {
  std::vector<std::string> out;
  const unsigned cores = m.num_cores();
  std::vector<int> tile_at(cores, -1);
  std::vector<unsigned> routes(cores, 0);
  std::vector<std::vector<int>> slot_owner(cores, std::vector<int>(isa::kNeuronSlots, -1));
  for (unsigned t = 0; t < m.tiles.size(); ++t) {
    const int c = m.tiles[t].core;
    if (c < 0 || unsigned(c) >= cores) {
      out.push_back("tile " + std::to_string(t) + " is not on a core");
      continue;
    }
    if (tile_at[unsigned(c)] >= 0)
      out.push_back("core " + std::to_string(c) + " holds tiles " +
                    std::to_string(tile_at[unsigned(c)]) + " and " + std::to_string(t));
    tile_at[unsigned(c)] = int(t);
  }
  for (unsigned i = 0; i < m.chunks.size(); ++i) {
    const Chunk& ch = m.chunks[i];
    if (ch.core < 0 || unsigned(ch.core) >= cores) {
      out.push_back("chunk " + std::to_string(i) + " is not on a core");
      continue;
    }
    routes[unsigned(ch.core)] += ch.route_entries;
    for (unsigned s = ch.slot; s < ch.slot + ch.count; ++s) {
      if (s >= isa::kNeuronSlots) {
        out.push_back("core " + std::to_string(ch.core) + ": neuron slot " + std::to_string(s) +
                      " beyond " + std::to_string(isa::kNeuronSlots));
        break;
      }
      int& owner = slot_owner[unsigned(ch.core)][s];
      if (owner >= 0)
        out.push_back("core " + std::to_string(ch.core) + ": slot " + std::to_string(s) +
                      " used by chunks " + std::to_string(owner) + " and " + std::to_string(i));
      owner = int(i);
    }
  }
  for (unsigned c = 0; c < cores; ++c)
    if (routes[c] > isa::kRouteEntries)
      out.push_back("core " + std::to_string(c) + " needs " + std::to_string(routes[c]) +
                    " route entries (max " + std::to_string(isa::kRouteEntries) + ")");
  return out;
}

}  // namespace spikecore::compiler
