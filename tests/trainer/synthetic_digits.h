// Small synthetic 28x28 datasets for trainer tests: class k is a bright bar at
// row band k plus seeded noise, so a tiny MLP learns it in a few epochs.
#pragma once

#include <cstdint>

#include "dataset/dataset.h"

namespace spikecore::trainer::testing {

dataset::Dataset synthetic_digits(uint32_t count, uint32_t noise_seed);

}  // namespace spikecore::trainer::testing
