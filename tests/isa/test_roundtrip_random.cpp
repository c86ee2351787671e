// Seeded random chips: print_assembly/assemble and serialize/parse are exact
// inverses, byte for byte and text for text.
#include <gtest/gtest.h>

#include "isa/assembler.h"
#include "isa/config_equal.h"
#include "isa/image.h"
#include "test_support.h"

namespace spikecore::isa {
namespace {

class RandomChip : public ::testing::TestWithParam<uint32_t> {};

TEST_P(RandomChip, AssemblyRoundTripIsExact) {
  const ChipConfig chip = test::random_chip(GetParam());
  const std::string text = print_assembly(chip);
  ChipConfig back;
  try {
    back = assemble(text, "random.s");
  } catch (const AssemblyError& e) {
    FAIL() << e.what() << "\n" << text;
  }
  EXPECT_TRUE(same(back, chip)) << text;
  EXPECT_EQ(print_assembly(back), text);
}

TEST_P(RandomChip, ImageRoundTripIsExact) {
  const ChipConfig chip = test::random_chip(GetParam());
  const auto bytes = serialize_image(chip);
  const ChipConfig back = parse_image(bytes, "random.scimg");
  EXPECT_TRUE(same(back, chip));
  EXPECT_EQ(serialize_image(back), bytes);
}

TEST_P(RandomChip, DisassembledImageReassemblesToTheSameBytes) {
  const auto bytes = serialize_image(test::random_chip(GetParam()));
  const std::string text = print_assembly(parse_image(bytes));
  EXPECT_EQ(serialize_image(assemble(text)), bytes);
}

TEST_P(RandomChip, EverySingleBitFlipInTheImageIsDetected) {
  // CRCs cover every byte, so no flipped bit may produce a different chip.
  const auto bytes = serialize_image(test::random_chip(GetParam()));
  for (size_t i = 0; i < bytes.size(); i += 1 + bytes.size() / 500) {
    auto bad = bytes;
    bad[i] ^= uint8_t(1u << (i % 8));
    EXPECT_THROW(parse_image(bad), ImageError) << "byte " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomChip, ::testing::Range(1u, 41u));

TEST(RandomChipGenerator, IsDeterministicAndVaried) {
  EXPECT_EQ(serialize_image(test::random_chip(5)), serialize_image(test::random_chip(5)));
  EXPECT_NE(serialize_image(test::random_chip(5)), serialize_image(test::random_chip(6)));
  // The seeds used above cover meshes, programs of 16 words and full route tables.
  bool full_program = false, full_routes = false, small_mesh = false;
  for (uint32_t s = 1; s < 41; ++s) {
    const ChipConfig c = test::random_chip(s);
    small_mesh = small_mesh || c.num_cores() < 128;
    for (const CoreConfig& core : c.cores) {
      full_program = full_program || core.program.size() == kProgramWords;
      full_routes = full_routes || core.routes.size() == kRouteEntries;
    }
  }
  EXPECT_TRUE(full_program);
  EXPECT_TRUE(full_routes);
  EXPECT_TRUE(small_mesh);
}

}  // namespace
}  // namespace spikecore::isa
