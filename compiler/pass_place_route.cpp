// place (place.h) and route: the fan-out tables that carry every chunk's
// spikes to the tiles that read them.
#include <algorithm>
#include <optional>
#include <tuple>

#include "compiler/diagnostics.h"
#include "compiler/pipeline.h"
#include "compiler/place.h"
#include "isa/isa.h"

namespace spikecore::compiler {
namespace {
constexpr unsigned kRestarts = 4;
}  // namespace

void place(Module& module, PassContext& ctx) {
  Mapping& m = *module.mapping;
  const CompileOptions& opt = ctx.options();
  const uint64_t objects = m.tiles.size() + m.chunks.size();
  const uint64_t moves = uint64_t(opt.placement_effort) * 25 * objects;
  const std::string board =
      m.num_chips() == 1 ? ""
                         : " on each of " + std::to_string(m.board_width) + "x" +
                               std::to_string(m.board_height) + " chips";
  ctx.progress("place: annealing " + std::to_string(objects) + " objects on a " +
               std::to_string(m.mesh_width) + "x" + std::to_string(m.mesh_height) + " mesh" +
               board + ", " +
               std::to_string(kRestarts) + " runs (seed " + std::to_string(opt.seed) + ")");
  // Independent shorter runs beat one long run on these small problems; the
  // run seeds derive from the user's seed, so the result is reproducible.
  std::optional<Mapping> best;
  for (unsigned r = 0; r < kRestarts; ++r) {
    Mapping trial = m;
    place_mapping(trial, opt.seed * kRestarts + r, moves);
    if (!best || trial.cost < best->cost - 1e-9) best = std::move(trial);
  }
  best->seed = opt.seed;
  m = std::move(*best);
}

void route(Module& module, PassContext&) {
  Mapping& m = *module.mapping;
  m.routes.assign(m.num_cores(), {});
  for (const Chunk& ch : m.chunks) {
    const NeuronGroup& g = m.groups[ch.group];
    if (g.consumer < 0) continue;
    for (const Tile& t : m.tiles) {
      const Run* run = int(t.layer) == g.consumer ? run_holding(t.inputs, ch.first) : nullptr;
      if (!run) continue;
      isa::RouteEntry r;
      r.neuron_base = uint8_t(ch.slot);
      r.count = uint8_t(ch.count);
      r.dst_chip = uint8_t(m.chip_of(t.core));
      r.dst_core = uint8_t(unsigned(t.core) % m.cores_per_chip());
      r.dst_axon_base = uint8_t(run->base + ch.first - run->first);
      m.routes[unsigned(ch.core)].push_back(r);
    }
  }
  for (unsigned c = 0; c < m.num_cores(); ++c) {
    auto& table = m.routes[c];
    std::stable_sort(table.begin(), table.end(), [](const isa::RouteEntry& a, const isa::RouteEntry& b) {
      return std::tie(a.neuron_base, a.dst_chip, a.dst_core) <
             std::tie(b.neuron_base, b.dst_chip, b.dst_core);
    });
    if (table.size() > isa::kRouteEntries)
      throw CompileError("route: core " + std::to_string(c) + " needs " +
                         std::to_string(table.size()) + " route entries (max " +
                         std::to_string(isa::kRouteEntries) + ")");
  }
}

}  // namespace spikecore::compiler
