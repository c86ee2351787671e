#include "compiler/diagnostics.h"

#include <sstream>

namespace spikecore::compiler {
namespace {

const char* severity_name(Diagnostic::Severity s) {
  switch (s) {
    case Diagnostic::Severity::kError: return "error";
    case Diagnostic::Severity::kWarning: return "warning";
    case Diagnostic::Severity::kNote: return "note";
  }
  return "error";
}

std::string join(const std::vector<Diagnostic>& diagnostics) {
  std::ostringstream out;
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    if (i) out << '\n';
    out << diagnostics[i].to_string();
  }
  return out.str();
}

}  // namespace

std::string Diagnostic::to_string() const {
  std::ostringstream out;
  out << (loc.known() ? loc.to_string() : std::string("spikecore-compile")) << ": "
      << severity_name(severity) << ": ";
  if (!layer.empty())
    out << "layer '" << layer << "'" << (layer_type.empty() ? "" : " (" + layer_type + ")")
        << ": ";
  out << message;
  return out.str();
}

Diagnostic error_at(const Node& node, std::string message) {
  Diagnostic d;
  d.layer = node.layer;
  d.layer_type = node.layer_type;
  d.loc = node.loc;
  d.message = std::move(message);
  return d;
}

Diagnostic error(std::string message) {
  Diagnostic d;
  d.message = std::move(message);
  return d;
}

Diagnostic note(std::string message) {
  Diagnostic d;
  d.severity = Diagnostic::Severity::kNote;
  d.message = std::move(message);
  return d;
}

CompileError::CompileError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

unsigned CompileError::error_count() const {
  unsigned n = 0;
  for (const Diagnostic& d : diagnostics_) n += d.severity == Diagnostic::Severity::kError;
  return n;
}

}  // namespace spikecore::compiler
