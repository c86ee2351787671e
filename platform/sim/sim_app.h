// spikecore-sim's work from parsed options to printed summary and files.
#pragma once

#include "platform/sim/sim_options.h"

namespace spikecore::sim {

// Returns the process exit status. Prints errors itself.
int run_simulation(const SimOptions& options);

}  // namespace spikecore::sim
