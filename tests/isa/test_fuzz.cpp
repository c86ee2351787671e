// Robustness: mutated images (with CRCs recomputed, so the decoders see the
// damage) and mutated assembly text never crash; they are either rejected
// with an error or accepted as a chip that round-trips exactly.
#include <gtest/gtest.h>

#include <random>

#include "isa/assembler.h"
#include "isa/config_equal.h"
#include "isa/image.h"
#include "isa/image_format.h"
#include "test_support.h"

namespace spikecore::isa {
namespace {

uint32_t get32(const std::vector<uint8_t>& b, size_t at) {
  return uint32_t(b[at]) | uint32_t(b[at + 1]) << 8 | uint32_t(b[at + 2]) << 16 |
         uint32_t(b[at + 3]) << 24;
}
void put32(std::vector<uint8_t>& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + size_t(i)] = uint8_t(v >> (8 * i));
}

// Recomputes every section CRC and the header CRC.
void reseal_all(std::vector<uint8_t>& b) {
  const size_t n = get32(b, 16);
  for (size_t i = 0; i < n; ++i) {
    const size_t e = image_format::kHeaderBytes + i * image_format::kSectionEntryBytes;
    put32(b, e + 12, crc32(b.data() + get32(b, e + 4), get32(b, e + 8)));
  }
  std::vector<uint8_t> covered(b.begin(), b.begin() + 20);
  covered.insert(
      covered.end(), b.begin() + image_format::kHeaderBytes,
      b.begin() + long(image_format::kHeaderBytes + n * image_format::kSectionEntryBytes));
  put32(b, 20, crc32(covered.data(), covered.size()));
}

TEST(Fuzz, MutatedPayloadsAreRejectedOrRoundTrip) {
  std::mt19937 gen(99);
  int rejected = 0, accepted = 0;
  for (uint32_t seed = 1; seed <= 30; ++seed) {
    const auto bytes = serialize_image(test::random_chip(seed));
    const size_t payload_start =
        image_format::kHeaderBytes + get32(bytes, 16) * image_format::kSectionEntryBytes;
    if (bytes.size() <= payload_start) continue;
    for (int trial = 0; trial < 60; ++trial) {
      auto bad = bytes;
      const int edits = 1 + int(gen() % 4);
      for (int k = 0; k < edits; ++k)
        bad[payload_start + gen() % (bad.size() - payload_start)] = uint8_t(gen());
      reseal_all(bad);
      try {
        const ChipConfig chip = parse_image(bad);
        EXPECT_EQ(serialize_image(chip), bad);  // every accepted image is canonical
        ++accepted;
      } catch (const ImageError&) {
        ++rejected;
      }
    }
  }
  EXPECT_GT(rejected, 0);
  EXPECT_GT(accepted, 0);
}

TEST(Fuzz, MutatedAssemblyIsRejectedOrRoundTrips) {
  std::mt19937 gen(5);
  const std::string alphabet = " \t\n=:;\".0123456789-xabcACFIELPSUMR";
  int rejected = 0, accepted = 0;
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    const std::string text = print_assembly(test::random_chip(seed));
    for (int trial = 0; trial < 40; ++trial) {
      std::string bad = text;
      for (int k = 0; k < 3; ++k) {
        const size_t at = gen() % bad.size();
        switch (gen() % 3) {
          case 0:
            bad.erase(at, 1 + gen() % 8);
            break;
          case 1:
            bad.insert(at, 1, alphabet[gen() % alphabet.size()]);
            break;
          default:
            bad[at] = alphabet[gen() % alphabet.size()];
            break;
        }
        if (bad.empty()) bad = "x";
      }
      try {
        const ChipConfig chip = assemble(bad, "fuzz.s");
        EXPECT_TRUE(same(assemble(print_assembly(chip)), chip));
        ++accepted;
      } catch (const AssemblyError& e) {
        EXPECT_FALSE(e.diagnostics().empty());
        for (const Diagnostic& d : e.diagnostics()) EXPECT_FALSE(d.message.empty());
        ++rejected;
      }
    }
  }
  EXPECT_GT(rejected, 0);
  EXPECT_GT(accepted, 0);
}

TEST(Fuzz, RandomBytesAreRejected) {
  std::mt19937 gen(3);
  for (int i = 0; i < 2000; ++i) {
    std::vector<uint8_t> b(gen() % 200);
    for (auto& x : b) x = uint8_t(gen());
    if (i % 2 == 0 && b.size() >= 8) std::copy(kImageMagic, kImageMagic + 8, b.begin());
    EXPECT_THROW(parse_image(b), ImageError);
  }
}

}  // namespace
}  // namespace spikecore::isa
