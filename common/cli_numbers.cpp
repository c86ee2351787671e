#include "common/cli_numbers.h"

namespace spikecore {

bool parse_whole_number(const std::string& text, uint64_t min, uint64_t max, uint64_t& value) {
  if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos)
    return false;
  value = std::stoull(text);  // 19 digits always fit
  return value >= min && value <= max;
}

}  // namespace spikecore
