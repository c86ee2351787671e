#include "compiler/conv_tiling.h"

#include <algorithm>
#include <tuple>

namespace spikecore::compiler {
namespace {

unsigned ceil_div(unsigned a, unsigned b) { return (a + b - 1) / b; }

// A PSUM and a FIRE besides the CONVs.
constexpr unsigned kTileFixedWords = 2;
// CONV field ranges (isa/field_layout.h).
constexpr unsigned kMaxConvChannels = 16, kMaxConvRows = 32, kMaxConvWidth = 32;
constexpr unsigned kMaxConvOutRows = 16, kMaxConvKernel = 8, kMaxConvStride = 4;
constexpr unsigned kMaxConvPad = 7;

// Window rows an output band of `rows` rows reads, padding rows included.
unsigned window_rows(const isa::ConvGeometry& g, unsigned rows) {
  return (rows - 1) * g.stride + g.kernel_h;
}

}  // namespace

std::string conv_tiling_limit(const isa::ConvGeometry& g) {
  if (g.in_w > kMaxConvWidth || g.out_w > kMaxConvWidth)
    return "feature maps wider than " + std::to_string(kMaxConvWidth) +
           " columns do not fit a CONV window (whole rows per core)";
  if (g.kernel_h > kMaxConvKernel || g.kernel_w > kMaxConvKernel)
    return "kernels larger than " + std::to_string(kMaxConvKernel) + "x" +
           std::to_string(kMaxConvKernel) + " do not fit CONV";
  if (g.stride > kMaxConvStride)
    return "strides above " + std::to_string(kMaxConvStride) + " do not fit CONV";
  if (g.padding > kMaxConvPad || g.padding >= g.kernel_w)
    return "padding " + std::to_string(g.padding) + " does not fit CONV (at most " +
           std::to_string(std::min<unsigned>(kMaxConvPad, g.kernel_w - 1u)) + " here)";
  return {};
}

std::vector<ConvTileShape> legal_conv_tile_shapes(const isa::ConvGeometry& g) {
  std::vector<ConvTileShape> shapes;
  if (!conv_tiling_limit(g).empty()) return shapes;
  const unsigned taps = unsigned(g.kernel_h) * g.kernel_w;
  for (unsigned oc = 1; oc <= std::min<unsigned>(g.out_c, kMaxConvChannels); ++oc) {
    for (unsigned rows = 1; rows <= std::min<unsigned>(g.out_h, kMaxConvOutRows); ++rows) {
      ConvTileShape s;
      s.out_channels = oc;
      s.out_rows = rows;
      s.accumulators = oc * rows * g.out_w;
      if (s.accumulators > isa::kAccumulators) break;
      // The tallest window: top padding rows count, rows below the input do not.
      s.window_rows = std::min<unsigned>(window_rows(g, rows), g.in_h + g.padding);
      if (s.window_rows > kMaxConvRows) break;
      const unsigned row_axons = s.window_rows * g.in_w;
      if (g.depthwise) {
        s.in_channels = oc;
        s.axons = oc * row_axons;
        s.weight_bytes = oc * taps;
        s.program_words = oc + kTileFixedWords;
        s.input_parts = 1;
      } else {
        // As many input channels per part as the window, the kernels and CONV allow.
        const unsigned by_axons = isa::kAxonsPerCore / row_axons;
        const unsigned by_weights = isa::kWeightSramBytes / (oc * taps);
        s.in_channels = std::min({by_axons, by_weights, kMaxConvChannels, unsigned(g.in_c)});
        if (s.in_channels == 0) continue;
        s.input_parts = ceil_div(g.in_c, s.in_channels);
        s.in_channels = ceil_div(g.in_c, s.input_parts);  // balanced parts
        s.axons = s.in_channels * row_axons;
        s.weight_bytes = oc * s.in_channels * taps;
        s.program_words = 1 + kTileFixedWords;
      }
      if (s.axons > isa::kAxonsPerCore || s.weight_bytes > isa::kWeightSramBytes ||
          s.program_words > isa::kProgramWords)
        continue;
      s.channel_groups = ceil_div(g.out_c, oc);
      s.row_bands = ceil_div(g.out_h, rows);
      shapes.push_back(s);
    }
  }
  return shapes;
}

std::optional<ConvTileShape> best_conv_tile_shape(const isa::ConvGeometry& g) {
  std::optional<ConvTileShape> best;
  for (const ConvTileShape& s : legal_conv_tile_shapes(g)) {
    auto key = [](const ConvTileShape& t) {
      // Fewest cores, then fewest partial-sum parts, then the fewest row bands
      // (each band boundary is one more route entry per producer chunk).
      return std::make_tuple(t.tiles(), t.input_parts, t.row_bands, t.channel_groups);
    };
    if (!best || key(s) < key(*best)) best = s;
  }
  return best;
}

std::vector<ConvTile> conv_tiles(const isa::ConvGeometry& g, const ConvTileShape& shape,
                                 const std::vector<int8_t>& kernels) {
  std::vector<ConvTile> tiles;
  const unsigned taps = unsigned(g.kernel_h) * g.kernel_w;
  for (unsigned cg = 0; cg < shape.channel_groups; ++cg) {
    for (unsigned band = 0; band < shape.row_bands; ++band) {
      for (unsigned part = 0; part < shape.input_parts; ++part) {
        ConvTile t;
        t.out_channel_first = cg * shape.out_channels;
        t.out_channels = std::min<unsigned>(shape.out_channels, g.out_c - t.out_channel_first);
        t.out_row_first = band * shape.out_rows;
        t.out_rows = std::min<unsigned>(shape.out_rows, g.out_h - t.out_row_first);
        t.in_channel_first = g.depthwise ? t.out_channel_first : part * shape.in_channels;
        t.in_channels = g.depthwise ? t.out_channels
                                    : std::min<unsigned>(shape.in_channels,
                                                         g.in_c - t.in_channel_first);
        t.window_row_first = int(t.out_row_first * g.stride) - int(g.padding);
        const int last_row = std::min(int(g.in_h) - 1, t.window_row_first +
                                                           int(window_rows(g, t.out_rows)) - 1);
        t.window_rows = unsigned(last_row - t.window_row_first + 1);

        isa::ConvFields f{};
        f.in_h = uint8_t(t.window_rows);
        f.in_w = uint8_t(g.in_w);
        f.kernel_h = g.kernel_h;
        f.kernel_w = g.kernel_w;
        f.stride = g.stride;
        f.pad_left = g.padding;
        f.out_h = uint8_t(t.out_rows);
        f.out_w = uint8_t(g.out_w);
        const unsigned kernel_channels = g.kernel_channels();
        auto kernel_byte = [&](unsigned o, unsigned k, unsigned tap) {
          return kernels[(size_t(o) * kernel_channels + k) * taps + tap];
        };
        if (g.depthwise) {
          // One single-channel CONV per channel, windows and tiles one after another.
          for (unsigned o = 0; o < t.out_channels; ++o) {
            f.in_c = 1;
            f.out_c = 1;
            f.axon_base = uint8_t(o * t.window_rows * g.in_w);
            f.acc_base = uint8_t(o * t.out_rows * g.out_w);
            f.weight_offset = uint8_t(t.weights.size());
            for (unsigned tap = 0; tap < taps; ++tap)
              t.weights.push_back(kernel_byte(t.out_channel_first + o, 0, tap));
            t.convs.push_back(f);
          }
        } else {
          f.in_c = uint8_t(t.in_channels);
          f.out_c = uint8_t(t.out_channels);
          f.axon_base = 0;
          f.acc_base = 0;
          f.weight_offset = 0;
          for (unsigned o = 0; o < t.out_channels; ++o)
            for (unsigned c = 0; c < t.in_channels; ++c)
              for (unsigned tap = 0; tap < taps; ++tap)
                t.weights.push_back(kernel_byte(t.out_channel_first + o, t.in_channel_first + c, tap));
          t.convs.push_back(f);
        }
        tiles.push_back(std::move(t));
      }
    }
  }
  return tiles;
}

}  // namespace spikecore::compiler
