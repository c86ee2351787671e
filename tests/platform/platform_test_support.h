// Helpers shared by the platform tests: comparing a SystemC run with the
// golden model, and images for the runs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "golden/golden_model.h"
#include "isa/chip_config.h"
#include "platform/systemc_runner.h"

namespace spikecore::platform::testing {

// Pointers to each image of a flat buffer of `count` images of `size` bytes.
std::vector<const uint8_t*> image_pointers(const std::vector<uint8_t>& pixels, size_t size);

// Runs the golden model on every sample and expects the SystemC results to be
// identical: every spike of every step, final membranes and spike counts,
// outputs, prediction and operation counters. Returns the number of samples
// that differ (0 when all agree); the first differences are reported in detail.
size_t expect_matches_golden(const isa::ChipConfig& chip,
                             const std::vector<const uint8_t*>& samples, unsigned timesteps,
                             const SystemCRun& run);

// First step at which two spike records differ, with the ids, for messages.
std::string describe_spike_difference(const golden::SpikeRecord& expected,
                                      const golden::SpikeRecord& actual);

}  // namespace spikecore::platform::testing
