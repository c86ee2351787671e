#include "common/cli_numbers.h"

#include <string>

namespace spikecore {

bool parse_whole_number(const std::string& text, uint64_t min, uint64_t max, uint64_t& value) {
  if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos)
    return false;
  value = std::stoull(text);  // 19 digits always fit
  return value >= min && value <= max;
}

bool parse_decimal(const std::string& text, double min, double max, double& value) {
  const size_t dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  const auto digits_only = [](const std::string& s) {
    return s.find_first_not_of("0123456789") == std::string::npos;
  };
  if (whole.empty() || whole.size() > 15 || fraction.size() > 15 || !digits_only(whole) ||
      !digits_only(fraction) || (dot != std::string::npos && fraction.empty()))
    return false;
  value = std::stod(text);  // C locale: the tools never change it
  return value >= min && value <= max;
}

}  // namespace spikecore
