// codegen (ChipConfig -> canonical assembly text) and assemble (the text is
// parsed back by the isa assembler, which runs check(), and saved atomically).
#include "compiler/codegen.h"
#include "compiler/diagnostics.h"
#include "compiler/pipeline.h"
#include "isa/assembler.h"
#include "isa/hardware_description.h"
#include "isa/image.h"

namespace spikecore::compiler {

void codegen(Module& module, PassContext&) {
  module.chip = build_chip(module);
  module.assembly = isa::print_assembly(*module.chip);
}

void assemble(Module& module, PassContext& ctx) {
  const std::string asm_name = module.model_name + ".s";
  isa::ChipConfig parsed;
  try {
    parsed = isa::assemble(module.assembly, asm_name);
  } catch (const isa::AssemblyError& e) {
    std::vector<Diagnostic> diags{error("internal error: the generated assembly does not assemble")};
    for (const isa::Diagnostic& d : e.diagnostics()) diags.push_back(note(d.to_string()));
    throw CompileError(diags);
  }
  if (isa::serialize_image(parsed) != isa::serialize_image(*module.chip))
    throw CompileError("internal error: assembling the generated assembly gives a different chip");
  module.chip = std::move(parsed);
  // Not part of the assembly: the image records the hardware it was compiled for.
  isa::HardwareDescription hardware = ctx.options().hardware;
  hardware.mesh_width = module.chip->mesh_width;
  hardware.mesh_height = module.chip->mesh_height;
  hardware.board_width = module.chip->board_width;
  hardware.board_height = module.chip->board_height;
  module.chip->hardware = isa::to_json(hardware);
  const std::string& path = ctx.options().image_path;
  if (!path.empty()) {
    try {
      isa::save_image(path, *module.chip);
    } catch (const std::exception& e) {
      throw CompileError(path + ": cannot write the image: " + e.what());
    }
    ctx.progress("assemble: wrote " + path);
  }
}

}  // namespace spikecore::compiler
