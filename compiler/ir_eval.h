// Float evaluation of the IR (plain C++): calibration statistics, the float
// accuracy in the quantization report, and a cross-check of the import
// against LibTorch's own forward pass.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir.h"

namespace spikecore::compiler {

// Runs the graph on one image of 784 bytes (input = pixel / 255). Returns the
// class scores (for a partitioned graph: the SpikeCore subgraph's result).
// When `pre_activations` is given it receives, per layer (Node::is_layer) and
// linear node in graph order, the values before the ReLU. Throws CompileError on a node it cannot
// evaluate (checks reject those first).
std::vector<float> evaluate_float(const Graph& graph, const uint8_t* pixels,
                                  std::vector<std::vector<float>>* pre_activations = nullptr);

// Index of the highest score, the lowest index on ties.
int argmax_lowest(const std::vector<float>& scores);

}  // namespace spikecore::compiler
