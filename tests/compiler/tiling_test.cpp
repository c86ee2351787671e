// Tiling of dense layers: legal grids, balanced splits, chunk boundaries and
// the choice under the core budget; the fit check's table and suggestion.
#include <gtest/gtest.h>

#include "compiler/fit_check.h"
#include "compiler/tiling.h"
#include "isa/isa.h"

namespace spikecore::compiler {
namespace {

TEST(Split, BalancedContiguousGroupsCoverEverything) {
  for (unsigned n : {1u, 7u, 32u, 784u})
    for (unsigned groups = 1; groups <= std::min(n, 30u); ++groups) {
      unsigned next = 0;
      for (unsigned k = 0; k < groups; ++k) {
        EXPECT_EQ(split_first(n, groups, k), next);
        const unsigned size = split_size(n, groups, k);
        EXPECT_TRUE(size == n / groups || size == n / groups + 1);
        next += size;
      }
      EXPECT_EQ(next, n);
    }
}

TEST(LegalTileShapes, EveryShapeFitsOneCore) {
  const auto shapes = legal_tile_shapes(784, 32);
  ASSERT_FALSE(shapes.empty());
  for (const TileShape& s : shapes) {
    EXPECT_LE(s.rows * s.cols, isa::kWeightSramBytes);
    EXPECT_LE(s.cols, isa::kAccumulators);
    EXPECT_LE(s.rows, isa::kAxonsPerCore);
    EXPECT_GE(s.rows * s.row_groups, 784u);
    EXPECT_GE(s.cols * s.col_groups, 32u);
    // Fewest row groups for these columns: one group fewer would not fit a core.
    if (s.row_groups > 1) {
      const unsigned rows = (784 + s.row_groups - 2) / (s.row_groups - 1);
      EXPECT_TRUE(rows * s.cols > isa::kWeightSramBytes || rows > isa::kAxonsPerCore);
    }
  }
  // 784 -> 32 with 8 columns per tile: 32 rows per tile, 25 x 4 tiles.
  bool found = false;
  for (const TileShape& s : shapes)
    if (s.cols == 8) {
      found = true;
      EXPECT_EQ(s.rows, 32u);
      EXPECT_EQ(s.row_groups, 25u);
      EXPECT_EQ(s.col_groups, 4u);
    }
  EXPECT_TRUE(found);
}

TEST(ModelTiling, CountsMulticastAndPartialSums) {
  // 4 inputs at rate 0.5 in one row group, 2 column groups of 1 output each.
  TileShape s;
  s.rows = 4;
  s.cols = 1;
  s.row_groups = 1;
  s.col_groups = 2;
  const TilingOption o = model_tiling(s, {0.5, 0.5, 0.5, 0.5}, 2);
  EXPECT_DOUBLE_EQ(o.spike_packets, 2.0 * 2);              // rate sum 2, to 2 groups
  EXPECT_DOUBLE_EQ(o.psum_packets, (1 - 0.0625) * 2);      // P(any of 4 spiked) x 2 outputs
}

TEST(ChunkRanges, CutWhereTilesCutAndNeverExceedSlots) {
  TileShape producer;  // 3 column groups over 100 neurons: 34, 33, 33
  producer.col_groups = 3;
  TileShape consumer;  // 2 row groups: 50, 50
  consumer.row_groups = 2;
  const auto chunks = chunk_ranges(100, &producer, &consumer);
  const std::vector<std::pair<unsigned, unsigned>> expected = {
      {0, 34}, {34, 16}, {50, 17}, {67, 33}};
  EXPECT_EQ(chunks, expected);
  // 200 host-fed neurons into one row group: pieces of at most 64.
  const auto input = chunk_ranges(200, nullptr, nullptr);
  unsigned next = 0;
  for (const auto& [first, count] : input) {
    EXPECT_EQ(first, next);
    EXPECT_LE(count, isa::kNeuronSlots);
    next += count;
  }
  EXPECT_EQ(next, 200u);
}

TilingProblem problem(std::vector<unsigned> widths, unsigned cores) {
  TilingProblem p;
  p.widths = widths;
  p.cores = cores;
  for (unsigned w : widths) p.rates.push_back(std::vector<double>(w, 0.2));
  return p;
}

TEST(ChooseTilings, RespectsCoreBudgetAndPicksFewestPackets) {
  const auto r = choose_tilings(problem({784, 32, 10}, 128));
  ASSERT_TRUE(r.has_value());
  EXPECT_LE(r->tiles, 128u);
  ASSERT_EQ(r->layers.size(), 2u);
  double packets = 0;
  for (const LayerTiling& l : r->layers) {
    packets += l.chosen.packets();
    // No candidate of this layer beats the chosen one within the same budget
    // when the other layer keeps its choice.
    for (const TilingOption& c : l.candidates) {
      if (c.packets() >= l.chosen.packets() - 1e-9) continue;
      EXPECT_GT(r->tiles - l.chosen.shape.tiles() + c.shape.tiles(), 128u)
          << "a cheaper grid " << c.shape.rows << "x" << c.shape.cols << " fits the budget";
    }
  }
  EXPECT_NEAR(packets, r->packets, 1e-6);
  // A smaller chip forces fewer tiles.
  const auto small = choose_tilings(problem({784, 32, 10}, 110));
  ASSERT_TRUE(small.has_value());
  EXPECT_LE(small->tiles, 110u);
  EXPECT_FALSE(choose_tilings(problem({784, 32, 10}, 90)).has_value());
}

TEST(FitCheck, TableAndLargestHiddenWidth) {
  const FitReport ok = check_fit({784, 32, 10}, {"fc1", "fc2"}, 128);
  EXPECT_TRUE(ok.fits);
  const FitReport wide = check_fit({784, 64, 10}, {"fc1", "fc2"}, 128);
  EXPECT_FALSE(wide.fits);
  ASSERT_EQ(wide.layers.size(), 2u);
  EXPECT_EQ(wide.layers[0].weight_bytes, 784u * 64);
  EXPECT_EQ(wide.layers[0].fan_in, 784u);
  ASSERT_TRUE(wide.largest_hidden_width.has_value());
  const unsigned w = *wide.largest_hidden_width;
  EXPECT_TRUE(check_fit({784, w, 10}, {"fc1", "fc2"}, 128).fits);
  EXPECT_FALSE(check_fit({784, w + 1, 10}, {"fc1", "fc2"}, 128).fits);
  // Weight bytes alone bound it: 784 * w <= 128 * 256.
  EXPECT_LE(784u * w, 128u * 256);
  EXPECT_NE(wide.table().find("50176"), std::string::npos) << wide.table();
}

}  // namespace
}  // namespace spikecore::compiler
