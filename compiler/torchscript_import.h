// TorchScript front end: the compiler's only LibTorch dependency.
#pragma once

#include <string>

#include "compiler/ir.h"

namespace spikecore::compiler {

// Loads a TorchScript archive (torch.jit.script or torch.jit.trace output),
// freezes and inlines its forward method and converts the graph into the IR.
// The input is the image, per sample [1, 28, 28] (input contract float32
// [N, 1, 28, 28] = pixel / 255). Operations the IR does not know become
// kUnsupported nodes, so the checks can list all of them at once. Throws
// CompileError when the file cannot be read or is not a TorchScript module.
Graph import_torchscript(const std::string& path);

}  // namespace spikecore::compiler
