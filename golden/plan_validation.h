// Checks that a ChipConfig can be executed without any out-of-range access.
// Narrower than isa::check(): it does not reject accumulator overflow (the
// golden model clips and counts it) and reports only what would make
// execution undefined. Internal to golden/.
#pragma once

#include <string>
#include <vector>

#include "isa/chip_config.h"

namespace spikecore::golden {

// One line per problem, naming the core and the program/route entry and
// saying what was expected; empty when the chip is executable.
std::vector<std::string> find_execution_errors(const isa::ChipConfig& chip);

}  // namespace spikecore::golden
