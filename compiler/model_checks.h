// The checks between canonicalize/merge-composites and the target passes:
// every reason the model cannot run on SpikeCore, collected at once.
#pragma once

#include <vector>

#include "compiler/diagnostics.h"
#include "compiler/fit_check.h"
#include "compiler/ir.h"

namespace spikecore::compiler {

// Supported operations, for the note that follows unsupported-operation errors.
const char* supported_operations();

// What the model must fit: a forced board, or (auto) the largest board.
struct TargetSize {
  unsigned cores_per_chip = 128;
  unsigned chips = 1;
  unsigned board_width = 1, board_height = 1;
  bool largest_board = false;  // --board auto: nothing larger can be tried
};

// The fit check (fit_check.h) of a graph's layer chain on `cores` cores: its
// conv and pooling layers, then its dense layers.
FitReport model_fit(const Graph& graph, unsigned cores);

// Returns every problem found (errors, then notes); empty when the model is
// compilable on the target.
std::vector<Diagnostic> check_model(const Graph& graph, const TargetSize& target);

}  // namespace spikecore::compiler
