// TorchScript importer harness: any file, however malformed or hostile (a
// damaged zip, a pickle that lies about tensor sizes, TorchScript source that
// builds odd graphs), is either imported into a well-formed IR graph or
// rejected with a CompileError. import_torchscript() documents no other
// exception, so a c10::Error or std::exception that escapes is a bug.
// torch::jit::load() only takes a path here, so inputs go through a file.
#include <cstddef>
#include <cstdint>
#include <string>

#include "compiler/diagnostics.h"
#include "compiler/torchscript_import.h"
#include "fuzz/fuzz_support.h"

namespace {

using namespace spikecore;

// Every operand refers to a node defined before it; the output exists.
void check_well_formed(const compiler::Graph& g) {
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const compiler::Node& n = g.nodes[i];
    for (int in : n.inputs) {
      if (in < 0 || in >= n.id || !g.find(in))
        fuzz::fail("torchscript_import", "node %" + n.name + " uses undefined node " + std::to_string(in));
    }
  }
  if (!g.find(g.output)) fuzz::fail("torchscript_import", "graph output is not a node");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::ScratchFile scratch(".pt");
  const std::string& path = scratch.write(data, size);
  try {
    check_well_formed(compiler::import_torchscript(path));
  } catch (const compiler::CompileError&) {
    // rejected, as documented
  } catch (const std::exception& e) {
    fuzz::fail("torchscript_import", std::string("undocumented exception escaped: ") + e.what());
  }
  return 0;
}
