// printf-style formatting into a std::string, for the compiler's printed IR
// and reports (lines are short; longer results are truncated at 511 bytes).
#pragma once

#include <string>

namespace spikecore::compiler {

std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

}  // namespace spikecore::compiler
