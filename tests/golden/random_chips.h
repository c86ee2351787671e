// Seeded generators of chips and inputs for the golden-model tests and bench.
#pragma once

#include <cstdint>
#include <vector>

#include "isa/chip_config.h"

namespace spikecore::golden::testing {

// Unstructured chips: random programs (every opcode, any order, overlapping
// ranges), random routes, weights and neuron parameters, on a small mesh.
// They exercise every rule of the step semantics, including ones a compiler
// would never produce.
struct RandomChipOptions {
  unsigned width = 3, height = 3;
  int max_abs_weight = 127;
  unsigned inputs = 24, outputs = 6;
  // Adds a "hot" core 0 onto which every core sends all its neurons, with
  // large positive weights and many ACCs per axon: accumulators there clip.
  bool hot_sink = false;
  // At most one FIRE per slot, as isa::check() demands (otherwise a slot may
  // be fired by several FIREs, which the model executes in program order).
  bool disjoint_fires = false;
  // A quarter of the instructions are CONV (weight-shared convolution).
  bool conv = false;
};
isa::ChipConfig random_chip(uint32_t seed, const RandomChipOptions& options);

// A layered network the way a compiler would map an MLP: input neurons in
// 64-slot cores, every weight matrix tiled over weight cores (rows x cols <=
// 256 bytes) that send partial sums to the next layer's soma cores.
struct RandomMlpOptions {
  std::vector<unsigned> layers{784, 32, 10};
  unsigned max_tile_cols = 32;  // columns (accumulators) per weight tile
  int min_weight = -40, max_weight = 48;
  int16_t hidden_threshold = 400;
  int16_t output_threshold = 400;
  int max_abs_bias = 8;
};
// Throws std::invalid_argument when the network does not fit the default mesh.
isa::ChipConfig random_mlp_chip(uint32_t seed, const RandomMlpOptions& options);

// Digit-like images: a fraction `ink` of the pixels is non-zero, mostly bright
// (MNIST has about 19% non-zero pixels, mean byte about 33).
std::vector<uint8_t> random_pixels(uint32_t seed, size_t count, double ink = 0.19);

}  // namespace spikecore::golden::testing
