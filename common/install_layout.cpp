#include "common/install_layout.h"

#include <unistd.h>

#include <climits>
#include <cstdlib>

namespace spikecore {
namespace {

std::string parent_directory(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos || slash == 0 ? "." : path.substr(0, slash);
}

}  // namespace

std::string executable_prefix() {
  char exe[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  const std::string exe_path = n > 0 ? std::string(exe, size_t(n)) : std::string("./x");
  return parent_directory(parent_directory(exe_path));
}

std::string installed_data_directory() { return executable_prefix() + "/share/spikecore/data"; }
std::string installed_library_directory() { return executable_prefix() + "/lib/spikecore"; }
std::string build_library_directory() { return executable_prefix() + "/lib"; }

std::string plugin_library_path(const std::string& file) {
  if (const char* dir = std::getenv("SPIKECORE_LIB_DIR"); dir != nullptr && *dir != '\0')
    return std::string(dir) + "/" + file;
  const std::string installed = installed_library_directory() + "/" + file;
  if (access(installed.c_str(), F_OK) == 0) return installed;
  return build_library_directory() + "/" + file;
}

}  // namespace spikecore
