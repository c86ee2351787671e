// Number flags read as text and checked, for every tool: Boost reads "-5"
// into an unsigned as a huge value (a run that never ends), so count flags
// are parsed here and the tools report the flag and range.
#pragma once

#include <cstdint>
#include <string>

namespace spikecore {

// A whole number in min..max written with digits only (no sign, no spaces).
bool parse_whole_number(const std::string& text, uint64_t min, uint64_t max, uint64_t& value);

}  // namespace spikecore
