// Image reader harness: any bytes are either rejected with an ImageError or
// accepted as a chip whose serialization is exactly those bytes (the format
// is canonical). Every input is tried twice: as it is, which exercises the
// header, bounds and CRC checks, and with its CRCs recomputed, so that
// mutations reach the section decoders instead of failing the checksum.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz/fuzz_support.h"
#include "isa/image.h"
#include "isa/image_format.h"

namespace {

using namespace spikecore;
namespace format = isa::image_format;

uint32_t get32(const std::vector<uint8_t>& b, size_t at) {
  return uint32_t(b[at]) | uint32_t(b[at + 1]) << 8 | uint32_t(b[at + 2]) << 16 |
         uint32_t(b[at + 3]) << 24;
}

void put32(std::vector<uint8_t>& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + size_t(i)] = uint8_t(v >> (8 * i));
}

// Recomputes the section CRCs that lie inside the buffer, then the header CRC.
// Leaves anything it cannot make sense of alone: the reader must reject it.
void reseal(std::vector<uint8_t>& b) {
  if (b.size() < format::kHeaderBytes) return;
  const uint64_t count = get32(b, 16);
  const uint64_t table_end = format::kHeaderBytes + count * format::kSectionEntryBytes;
  if (table_end > b.size()) return;
  for (uint64_t i = 0; i < count; ++i) {
    const size_t entry = size_t(format::kHeaderBytes + i * format::kSectionEntryBytes);
    const uint64_t offset = get32(b, entry + 4), size = get32(b, entry + 8);
    if (offset + size <= b.size()) put32(b, entry + 12, isa::crc32(b.data() + offset, size_t(size)));
  }
  std::vector<uint8_t> covered(b.begin(), b.begin() + format::kHeaderCrcOffset);
  covered.insert(covered.end(), b.begin() + format::kHeaderBytes, b.begin() + long(table_end));
  put32(b, format::kHeaderCrcOffset, isa::crc32(covered.data(), covered.size()));
}

void parse_or_reject(const std::vector<uint8_t>& bytes) {
  isa::ChipConfig chip;
  try {
    chip = isa::parse_image(bytes, "fuzz.scimg");
  } catch (const isa::ImageError&) {
    return;
  }
  if (isa::serialize_image(chip) != bytes)
    fuzz::fail("image_reader", "an accepted image is not the serialization of what it decodes to");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<uint8_t> bytes(data, data + size);
  parse_or_reject(bytes);
  reseal(bytes);
  parse_or_reject(bytes);
  return 0;
}
