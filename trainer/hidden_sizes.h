// Parses the --hidden option: "32" or a comma list such as "64,32".
#pragma once

#include <string>
#include <vector>

namespace spikecore::trainer {

// Throws std::invalid_argument quoting the bad item and its position.
std::vector<int> parse_hidden_sizes(const std::string& text);

}  // namespace spikecore::trainer
