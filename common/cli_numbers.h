// Number flags read as text and checked, for every tool: Boost reads "-5"
// into an unsigned as a huge value (a run that never ends) and "inf" into a
// double, so flags are parsed here and the tools report the flag and range.
#pragma once

#include <cstdint>
#include <string>

namespace spikecore {

// A whole number in min..max written with digits only (no sign, no spaces).
bool parse_whole_number(const std::string& text, uint64_t min, uint64_t max, uint64_t& value);

// A finite real number spelt by the whole text: "1e-3" and "0.5" yes; "inf",
// "nan", "1x" and "" no.
bool parse_finite_number(const std::string& text, double& value);

}  // namespace spikecore
