// SpikeCore assembly (.s) <-> ChipConfig. Syntax in docs/isa.md, "Assembly".
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "isa/chip_config.h"

namespace spikecore::isa {

struct Diagnostic {
  std::string file;
  unsigned line = 0, column = 0;
  std::string message;  // says what was found and what was expected
  std::string to_string() const;  // "file:line:col: error: message"
};

class AssemblyError : public std::runtime_error {
 public:
  explicit AssemblyError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// Parses assembly text. Collects every error it can (not just the first) and
// throws AssemblyError; also runs check() on the result.
ChipConfig assemble(std::string_view text, const std::string& filename = "<input>");
ChipConfig assemble_file(const std::string& path);

// Canonical, commented assembly for a chip. assemble(print_assembly(c)) == c
// and print_assembly(assemble(print_assembly(c))) == print_assembly(c).
std::string print_assembly(const ChipConfig& chip);

}  // namespace spikecore::isa
