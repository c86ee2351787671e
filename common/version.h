// --version for every tool: the project version and the git commit the
// binary was built from (refreshed at every build, cmake/write_version.cmake).
#pragma once

#include <string>

namespace spikecore {

// "spikecore-sim 0.1.0 (git 7536e05)"; "-modified" after the commit when the
// build had uncommitted changes to tracked files.
std::string version_line(const std::string& tool);

// When argv holds --version: prints version_line(tool) on stdout and returns
// true (the tool then exits with status 0, whatever else the command line says).
bool print_version_if_asked(int argc, const char* const* argv, const std::string& tool);

}  // namespace spikecore
