// Tiling of convolutional layers: the tiles of a shape compute, through the
// CONV rule of the ISA and partial sums, exactly the layer's convolution; the
// chosen shapes for the LeNet-5 layers; what cannot be tiled says why.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <random>

#include "compiler/conv_tiling.h"
#include "isa/isa.h"

namespace spikecore::compiler {
namespace {

isa::ConvGeometry geometry(unsigned in_c, unsigned in_h, unsigned in_w, unsigned out_c,
                           unsigned kernel, unsigned stride, unsigned pad, bool depthwise = false) {
  isa::ConvGeometry g;
  g.in_c = uint16_t(in_c);
  g.in_h = uint16_t(in_h);
  g.in_w = uint16_t(in_w);
  g.out_c = uint16_t(out_c);
  g.kernel_h = g.kernel_w = uint8_t(kernel);
  g.stride = uint8_t(stride);
  g.padding = uint8_t(pad);
  g.depthwise = depthwise;
  g.out_h = uint16_t((in_h + 2 * pad - kernel) / stride + 1);
  g.out_w = uint16_t((in_w + 2 * pad - kernel) / stride + 1);
  return g;
}

// Sums over the tiles, each running its CONVs on the input spikes that fall
// in its window, against the convolution of the reference layer.
void expect_tiles_compute_the_convolution(const isa::ConvGeometry& g, uint32_t seed) {
  const auto shape = best_conv_tile_shape(g);
  ASSERT_TRUE(shape.has_value());
  std::mt19937 rng(seed);
  isa::ReferenceLayer layer;
  layer.name = "conv";
  layer.conv = g;
  layer.inputs = uint32_t(g.in_c) * g.in_h * g.in_w;
  layer.outputs = uint32_t(g.out_c) * g.out_h * g.out_w;
  for (size_t i = 0; i < g.weight_count(); ++i)
    layer.weights.push_back(int8_t(std::uniform_int_distribution<int>(-127, 127)(rng)));
  layer.bias.assign(layer.outputs, 0);
  ASSERT_EQ(isa::validate(layer), "");
  std::vector<int> spikes(layer.inputs);
  for (int& s : spikes) s = std::bernoulli_distribution(0.3)(rng);

  std::vector<int64_t> expected(layer.outputs, 0);
  for (const isa::Connection& c : isa::connections(layer))
    expected[c.output] += c.weight * spikes[c.input];

  std::vector<int64_t> actual(layer.outputs, 0);
  std::vector<unsigned> covered(layer.outputs, 0);
  const std::vector<ConvTile> tiles = conv_tiles(g, *shape, layer.weights);
  ASSERT_EQ(tiles.size(), shape->tiles());
  for (const ConvTile& t : tiles) {
    std::array<int8_t, isa::kWeightSramBytes> sram{};
    ASSERT_LE(t.weights.size(), sram.size());
    std::copy(t.weights.begin(), t.weights.end(), sram.begin());
    int64_t acc[isa::kAccumulators] = {};
    for (size_t k = 0; k < t.convs.size(); ++k) {
      isa::Instruction ins;
      ins.op = isa::Opcode::kConv;
      ins.conv = t.convs[k];
      ASSERT_EQ(isa::validate(ins), "") << "tile at out channel " << t.out_channel_first;
      const unsigned channels = g.depthwise ? 1 : t.in_channels;
      const unsigned first_channel = t.in_channel_first + (g.depthwise ? unsigned(k) : 0);
      for (unsigned c = 0; c < channels; ++c)
        for (unsigned r = 0; r < t.window_rows; ++r) {
          const int y = t.window_row_first + int(r);
          if (y < 0) continue;  // a padding row: no neuron sends to it
          for (unsigned x = 0; x < g.in_w; ++x) {
            if (!spikes[((first_channel + c) * g.in_h + unsigned(y)) * g.in_w + x]) continue;
            const unsigned axon = t.convs[k].axon_base + (c * t.window_rows + r) * g.in_w + x;
            isa::for_each_conv_tap(t.convs[k], axon,
                                   [&](unsigned a, unsigned w) { acc[a] += sram[w]; });
          }
        }
    }
    // Accumulator (o, oy, ox) of the tile is output (first + o, first row + oy, ox).
    for (unsigned o = 0; o < t.out_channels; ++o)
      for (unsigned oy = 0; oy < t.out_rows; ++oy)
        for (unsigned ox = 0; ox < g.out_w; ++ox) {
          const size_t out = ((t.out_channel_first + o) * g.out_h + t.out_row_first + oy) * g.out_w + ox;
          actual[out] += acc[(o * t.out_rows + oy) * g.out_w + ox];
          ++covered[out];
        }
  }
  for (unsigned n : covered) ASSERT_EQ(n, shape->input_parts) << "an output is computed once per part";
  EXPECT_EQ(actual, expected);
}

TEST(ConvTiling, TilesComputeExactlyTheLayersConvolution) {
  expect_tiles_compute_the_convolution(geometry(1, 28, 28, 6, 5, 1, 0), 1);   // LeNet conv1
  expect_tiles_compute_the_convolution(geometry(6, 12, 12, 16, 5, 1, 0), 2);  // LeNet conv2
  expect_tiles_compute_the_convolution(geometry(6, 24, 24, 6, 2, 2, 0, true), 3);  // pool1
  expect_tiles_compute_the_convolution(geometry(16, 8, 8, 16, 2, 2, 0, true), 4);  // pool2
  expect_tiles_compute_the_convolution(geometry(1, 28, 28, 8, 5, 2, 2), 5);   // stride 2, padding
  expect_tiles_compute_the_convolution(geometry(3, 9, 7, 5, 3, 1, 1), 6);     // odd sizes
  expect_tiles_compute_the_convolution(geometry(8, 14, 14, 16, 3, 2, 1), 7);  // input parts
}

TEST(ConvTiling, ChoosesTheFewestCoresForTheLeNetLayers) {
  struct Case {
    const char* name;
    isa::ConvGeometry g;
    unsigned max_tiles;
  };
  // Bounds from the outputs per core (64 accumulators, whole rows) and, for
  // conv2, the 256-byte kernels: 3456 / 48, 1024 / 64 x 3 input parts.
  const Case cases[] = {{"conv1", geometry(1, 28, 28, 6, 5, 1, 0), 72},
                        {"pool1", geometry(6, 24, 24, 6, 2, 2, 0, true), 18},
                        {"conv2", geometry(6, 12, 12, 16, 5, 1, 0), 48},
                        {"pool2", geometry(16, 8, 8, 16, 2, 2, 0, true), 4}};
  unsigned total = 0;
  for (const Case& c : cases) {
    const auto s = best_conv_tile_shape(c.g);
    ASSERT_TRUE(s.has_value()) << c.name;
    std::printf("%s: %u tiles (%u channels x %u rows x %u input channels per tile; %u axons, "
                "%u accumulators, %u weight bytes)\n",
                c.name, s->tiles(), s->out_channels, s->out_rows, s->in_channels, s->axons,
                s->accumulators, s->weight_bytes);
    EXPECT_LE(s->tiles(), c.max_tiles) << c.name;
    EXPECT_LE(s->axons, isa::kAxonsPerCore);
    EXPECT_LE(s->weight_bytes, isa::kWeightSramBytes);
    EXPECT_LE(s->accumulators, isa::kAccumulators);
    for (const ConvTileShape& other : legal_conv_tile_shapes(c.g)) EXPECT_GE(other.tiles(), s->tiles());
    total += s->tiles();
  }
  EXPECT_LE(total, 2 * 128u) << "the LeNet conv stack should fit two default chips";
}

TEST(ConvTiling, SaysWhyALayerCannotBeTiled) {
  EXPECT_NE(conv_tiling_limit(geometry(1, 64, 64, 4, 3, 1, 1)).find("wider than 32 columns"),
            std::string::npos);
  EXPECT_NE(conv_tiling_limit(geometry(1, 28, 28, 4, 9, 1, 0)).find("larger than 8x8"),
            std::string::npos);
  EXPECT_FALSE(best_conv_tile_shape(geometry(1, 64, 64, 4, 3, 1, 1)).has_value());
  EXPECT_EQ(conv_tiling_limit(geometry(1, 28, 28, 6, 5, 1, 2)), "");
}

}  // namespace
}  // namespace spikecore::compiler
