// The text of a command-line parsing error, safe from a Boost bug.
//
// Boost.ProgramOptions (1.74) builds an error's what() by replacing each
// placeholder such as %original_token% with the offending text until none is
// left, so an argument that itself contains such a placeholder makes what()
// loop forever, growing the message until memory runs out (found by fuzzing
// spikecore-sim's flags; fuzz/regressions/sim_options/). Every tool prints
// parse errors through this function instead of calling what() itself.
#pragma once

#include <exception>
#include <string>

namespace spikecore {

// The first argument holding anything of the form %name%, or "" when none does.
std::string argument_with_placeholder(int argc, const char* const* argv);

// e.what(), or "invalid command line near 'ARG'" when calling what() would hang.
std::string command_line_error_text(const std::exception& e, int argc, const char* const* argv);

}  // namespace spikecore
