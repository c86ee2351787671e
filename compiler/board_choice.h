// Which board a compilation maps onto: the one --board (or --hw) forces, or,
// with --board auto, the smallest board of at most 8 x 8 chips that the
// model fits on (docs/compiler.md, "Boards").
#pragma once

#include <utility>
#include <vector>

#include "compiler/model_checks.h"
#include "compiler/pipeline.h"

namespace spikecore::compiler {

using BoardShape = std::pair<unsigned, unsigned>;  // chips across, chips down

// The size the model checks test against: the forced board, or the largest.
TargetSize target_size(const CompileOptions& options);

// The boards lower tries, in order: the forced one, or every shape of at
// least min_chips chips, fewest chips first, one shape per chip count: the one
// whose combined mesh is closest to square (shorter paths), then the wider.
std::vector<BoardShape> candidate_boards(const CompileOptions& options, unsigned min_chips);

}  // namespace spikecore::compiler
