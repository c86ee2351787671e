// Builds the ChipConfig (core programs, weights, neuron parameters, routes,
// host contract) from a placed and routed module.
#pragma once

#include "compiler/ir.h"
#include "isa/chip_config.h"

namespace spikecore::compiler {

// Per core: ACC (or the CONVs) for its tile, one PSUM per chunk its columns feed, one FIRE
// over its occupied soma slots. Host: input/output neurons, layer map and the
// integer reference network; default_timesteps = module.timesteps.
isa::ChipConfig build_chip(const Module& module);

}  // namespace spikecore::compiler
