// Does a network of the given widths fit the chip? If not: a per-layer table
// of what it needs against what the chip has, and what would fit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "isa/chip_config.h"

namespace spikecore::compiler {

struct LayerDemand {
  std::string layer;
  unsigned fan_in = 0, neurons = 0;
  unsigned long weight_bytes = 0;
  unsigned min_cores = 0;       // tiles of the smallest legal tiling
  unsigned fan_in_splits = 0;   // row groups a neuron's fan-in is split into, at least
  bool conv = false;            // a conv or pooling layer: its tiling is fixed (conv_tiling.h)
  unsigned inputs = 0;          // conv: the neurons it reads
};

// What a conv or pooling layer needs with its tiling (conv_tiling.h); min_cores
// 0 when no tile fits a core.
LayerDemand conv_layer_demand(const std::string& name, const isa::ConvGeometry& geometry);

struct FitReport {
  std::vector<LayerDemand> layers;  // one per layer, conv layers first
  unsigned input_neurons = 0;
  unsigned cores = 0;               // cores of the chip
  unsigned min_cores = 0;           // sum of the layers' minimum
  unsigned long neuron_slots = 0;   // all neurons, input included
  bool fits = false;
  // When it does not fit: the largest width w such that capping every hidden
  // layer at w fits (0 when even w = 1 does not).
  std::optional<unsigned> largest_hidden_width;
  std::string table() const;  // human-readable, several lines
};

// widths: input, hidden..., output of the dense layers; names: one per dense
// layer; conv_layers: the conv and pooling layers before them, whose tiles
// take cores first.
FitReport check_fit(const std::vector<unsigned>& widths, const std::vector<std::string>& names,
                    unsigned cores, const std::vector<LayerDemand>& conv_layers = {});

}  // namespace spikecore::compiler
