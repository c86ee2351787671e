// The checks between canonicalize/merge-composites and the target passes:
// every reason the model cannot run on SpikeCore, collected at once.
#pragma once

#include <vector>

#include "compiler/diagnostics.h"
#include "compiler/ir.h"

namespace spikecore::compiler {

// Supported operations, for the note that follows unsupported-operation errors.
const char* supported_operations();

// Returns every problem found (errors, then notes); empty when the model is
// compilable. `cores` is the size of the target chip.
std::vector<Diagnostic> check_model(const Graph& graph, unsigned cores);

}  // namespace spikecore::compiler
