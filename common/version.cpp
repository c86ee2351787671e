#include "common/version.h"

#include <cstdio>
#include <cstring>

#include "spikecore_version_commit.h"  // generated in the build tree

namespace spikecore {

std::string version_line(const std::string& tool) {
  return tool + " " + SPIKECORE_VERSION + " (git " + SPIKECORE_GIT_COMMIT + ")";
}

bool print_version_if_asked(int argc, const char* const* argv, const std::string& tool) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--version") != 0) continue;
    std::printf("%s\n", version_line(tool).c_str());
    return true;
  }
  return false;
}

}  // namespace spikecore
