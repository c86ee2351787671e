// A deliberately naive second implementation of docs/isa.md sections 2-3,
// written straight from the text with plain loops and no precomputation: the
// oracle the optimized golden model is compared against. It queues spike
// packets in emission order and delivers them in the next step's event phase,
// exactly as the document describes.
#pragma once

#include <cstdint>

#include "golden/golden_model.h"
#include "isa/chip_config.h"

namespace spikecore::golden::testing {

// Runs one sample from CLEAR on `chip` and fills every field of RunResult the
// way the document defines it.
RunResult run_naive(const isa::ChipConfig& chip, const uint8_t* pixels, unsigned timesteps);

}  // namespace spikecore::golden::testing
