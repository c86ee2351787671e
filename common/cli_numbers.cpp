#include "common/cli_numbers.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace spikecore {

bool parse_whole_number(const std::string& text, uint64_t min, uint64_t max, uint64_t& value) {
  if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos)
    return false;
  value = std::stoull(text);  // 19 digits always fit
  return value >= min && value <= max;
}

bool parse_finite_number(const std::string& text, double& value) {
  if (text.empty() || text.find_first_of(" \t\n") != std::string::npos) return false;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(v)) return false;
  value = v;
  return true;
}

}  // namespace spikecore
