// Tiling of convolutional layers onto cores (docs/compiler.md section 12).
//
// A conv tile is a band of whole output rows of a group of output channels,
// computed from a group of input channels by one CONV per core (one per
// channel for a depthwise layer). Whole rows keep the tile's window a run of
// whole input rows per channel, so one route entry carries several rows of a
// producer and one PSUM several rows of outputs. When the input channels are
// split, the parts add up through partial sums in the soma slots of the tile
// of the first input-channel group.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "isa/chip_config.h"

namespace spikecore::compiler {

struct ConvTileShape {
  unsigned out_channels = 0;  // per tile (the last group may be smaller)
  unsigned out_rows = 0;      // output rows per band (the last band may be smaller)
  unsigned in_channels = 0;   // input channels per part (depthwise: = out_channels)
  unsigned channel_groups = 0, row_bands = 0, input_parts = 0;
  unsigned tiles() const { return channel_groups * row_bands * input_parts; }
  unsigned window_rows = 0;   // rows of the largest window, padding rows included
  unsigned axons = 0, accumulators = 0, weight_bytes = 0, program_words = 0;
};

// One tile: which outputs it computes and which inputs it reads.
struct ConvTile {
  unsigned out_channel_first = 0, out_channels = 0;
  unsigned out_row_first = 0, out_rows = 0;
  unsigned in_channel_first = 0, in_channels = 0;
  // Input row of window row 0 (negative: top padding rows, which no spike reaches).
  int window_row_first = 0;
  unsigned window_rows = 0;  // rows the window holds (none below the input)
  // The CONV instructions of the tile (one per channel for a depthwise layer)
  // with axon_base / acc_base / weight_offset laid out from 0.
  std::vector<isa::ConvFields> convs;
  std::vector<int8_t> weights;  // the kernel bytes at weight_offset 0..
};

// Why a layer cannot be tiled (sizes beyond the CONV fields), or "".
std::string conv_tiling_limit(const isa::ConvGeometry& g);

// Every tile shape that fits a core, and the one with the fewest cores (then
// the fewest input parts, so the fewest partial sums). nullopt when none fits.
std::vector<ConvTileShape> legal_conv_tile_shapes(const isa::ConvGeometry& g);
std::optional<ConvTileShape> best_conv_tile_shape(const isa::ConvGeometry& g);

// The tiles of a shape, in order channel group, row band, input part, with
// their CONVs and kernel bytes from the layer's kernels (PyTorch order
// out x kernel_channels x kernel_h x kernel_w).
std::vector<ConvTile> conv_tiles(const isa::ConvGeometry& g, const ConvTileShape& shape,
                                 const std::vector<int8_t>& kernels);

}  // namespace spikecore::compiler
