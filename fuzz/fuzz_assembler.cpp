// Assembler harness: any text either assembles into a chip that passes
// check() and round-trips through the canonical printer, or is rejected with
// an AssemblyError whose diagnostics all say something. Nothing else may
// escape (no std::out_of_range from a number conversion, no crash).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_support.h"
#include "isa/assembler.h"
#include "isa/config_equal.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace spikecore;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  isa::ChipConfig chip;
  try {
    chip = isa::assemble(text, "fuzz.s");
  } catch (const isa::AssemblyError& e) {
    if (e.diagnostics().empty()) fuzz::fail("assembler", "AssemblyError without diagnostics");
    for (const isa::Diagnostic& d : e.diagnostics())
      if (d.message.empty()) fuzz::fail("assembler", "empty diagnostic at " + d.to_string());
    return 0;
  }
  const std::string canonical = isa::print_assembly(chip);
  isa::ChipConfig again;
  try {
    again = isa::assemble(canonical, "canonical.s");
  } catch (const isa::AssemblyError& e) {
    fuzz::fail("assembler", "the canonical text of an accepted chip is rejected: " +
                                e.diagnostics().front().to_string());
  }
  if (!isa::same(again, chip)) fuzz::fail("assembler", "assemble(print_assembly(c)) != c");
  if (isa::print_assembly(again) != canonical)
    fuzz::fail("assembler", "the canonical text is not a fixed point of the printer");
  return 0;
}
