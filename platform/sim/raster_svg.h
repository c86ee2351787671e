// Spike raster of one sample as an SVG picture: time steps across, neurons
// down, one labelled band per layer (input, hidden..., output). A feature map
// (a conv layer's output, or the input image of a CNN) is drawn as one
// picture per channel of each neuron's spikes over the run instead.
#pragma once

#include <string>

#include "golden/golden_model.h"
#include "isa/chip_config.h"

namespace spikecore::sim {

struct RasterCaption {
  std::string title;     // e.g. "sample 17: label 7, chip 7, PyTorch 7"
  std::string subtitle;  // e.g. "mnist_mlp, T = 32, systemc backend"
};

std::string render_raster_svg(const isa::HostConfig& host, const golden::SpikeRecord& spikes,
                              const RasterCaption& caption);

}  // namespace spikecore::sim
