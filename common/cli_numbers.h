// Number flags read as text and checked, for every tool: Boost reads "-5"
// into an unsigned as a huge value (a run that never ends), so count flags
// are parsed here and the tools report the flag and range.
#pragma once

#include <cstdint>
#include <string>

namespace spikecore {

// A whole number in min..max written with digits only (no sign, no spaces).
bool parse_whole_number(const std::string& text, uint64_t min, uint64_t max, uint64_t& value);

// A decimal number in min..max written as digits with an optional fraction
// ("99", "99.5", "0.25"; no sign, exponent or spaces).
bool parse_decimal(const std::string& text, double min, double max, double& value);

}  // namespace spikecore
