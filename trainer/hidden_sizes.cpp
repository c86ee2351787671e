#include "trainer/hidden_sizes.h"

#include <stdexcept>

namespace spikecore::trainer {

std::vector<int> parse_hidden_sizes(const std::string& text) {
  constexpr long kMaxSize = 1 << 16;
  std::vector<int> sizes;
  size_t start = 0;
  for (;;) {
    const size_t comma = text.find(',', start);
    const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const std::string where = "--hidden '" + text + "': item " + std::to_string(sizes.size() + 1);
    if (item.empty() || item.find_first_not_of("0123456789") != std::string::npos) {
      throw std::invalid_argument(where + " ('" + item + "') is not a positive integer");
    }
    const long value = item.size() > 6 ? kMaxSize + 1 : std::stol(item);
    if (value < 1 || value > kMaxSize) {
      throw std::invalid_argument(where + " (" + item + ") must be between 1 and " + std::to_string(kMaxSize));
    }
    sizes.push_back(int(value));
    if (comma == std::string::npos) return sizes;
    start = comma + 1;
  }
}

}  // namespace spikecore::trainer
