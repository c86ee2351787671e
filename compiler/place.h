// Placement of tiles and neuron chunks on the mesh: minimises the modeled
// traffic (packets per step x Manhattan hops, XY routing) under the core
// limits. Deterministic for a given seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/mapping.h"

namespace spikecore::compiler {

// Sum over flows of packets x hops for the current placement.
double placement_cost(const Mapping& m);

// Places every tile (one per core) and chunk (64 slots, 32 route entries per
// core), then assigns soma slots. `moves` annealing moves (0 = greedy only).
// Throws CompileError when the chunks cannot be packed.
void place_mapping(Mapping& m, uint64_t seed, uint64_t moves);

// Problems with a placement (empty when legal): unplaced objects, two tiles on
// a core, slot or route-entry overflow, overlapping slots.
std::vector<std::string> placement_problems(const Mapping& m);

}  // namespace spikecore::compiler
