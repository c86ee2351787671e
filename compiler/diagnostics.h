// Compiler diagnostics: collected by the checks and thrown together, so a user
// sees every problem of a model at once, each naming the PyTorch layer and
// the source location.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "compiler/ir.h"

namespace spikecore::compiler {

struct Diagnostic {
  enum class Severity { kError, kWarning, kNote };
  Severity severity = Severity::kError;
  std::string layer;  // PyTorch layer name, may be empty
  std::string layer_type;  // its module class ("Linear"), may be empty
  SourceLocation loc;
  std::string message;  // may span several lines (tables)
  // "model.py:11:13: error: layer 'fc1' (Linear): message"
  std::string to_string() const;
};

Diagnostic error_at(const Node& node, std::string message);
Diagnostic error(std::string message);
Diagnostic note(std::string message);

class CompileError : public std::runtime_error {
 public:
  explicit CompileError(std::vector<Diagnostic> diagnostics);
  explicit CompileError(const std::string& message) : CompileError({error(message)}) {}
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  unsigned error_count() const;

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace spikecore::compiler
