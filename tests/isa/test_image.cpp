// The .scimg container: layout as documented, round trips, determinism,
// atomic saving, and one distinct error per kind of corruption.
#include <gtest/gtest.h>

#include <cstring>

#include "isa/assembler.h"
#include "isa/config_equal.h"
#include "isa/hardware_description.h"
#include "isa/image.h"
#include "isa/image_format.h"
#include "test_support.h"

namespace spikecore::isa {
namespace {

namespace fmt = image_format;

uint32_t get32(const std::vector<uint8_t>& b, size_t at) {
  return uint32_t(b[at]) | uint32_t(b[at + 1]) << 8 | uint32_t(b[at + 2]) << 16 |
         uint32_t(b[at + 3]) << 24;
}
uint16_t get16(const std::vector<uint8_t>& b, size_t at) {
  return uint16_t(b[at] | b[at + 1] << 8);
}
void put32(std::vector<uint8_t>& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + size_t(i)] = uint8_t(v >> (8 * i));
}
void put16(std::vector<uint8_t>& b, size_t at, uint16_t v) {
  b[at] = uint8_t(v);
  b[at + 1] = uint8_t(v >> 8);
}

// Section table entry i: core u16, kind u16, offset u32, size u32, crc u32.
size_t entry(size_t i) { return fmt::kHeaderBytes + i * fmt::kSectionEntryBytes; }

// Recomputes the header CRC (bytes 0..19 then the section table), so a test
// can change the table and still get past the header check.
void reseal(std::vector<uint8_t>& b) {
  const size_t table = size_t(get32(b, 16)) * fmt::kSectionEntryBytes;
  std::vector<uint8_t> covered(b.begin(), b.begin() + 20);
  covered.insert(covered.end(), b.begin() + fmt::kHeaderBytes,
                 b.begin() + long(fmt::kHeaderBytes + table));
  put32(b, 20, crc32(covered.data(), covered.size()));
}

// Recomputes section i's CRC after its payload was edited.
void reseal_section(std::vector<uint8_t>& b, size_t i) {
  put32(b, entry(i) + 12, crc32(b.data() + get32(b, entry(i) + 4), get32(b, entry(i) + 8)));
  reseal(b);
}

// Index of the table entry with this core and kind.
size_t find_section(const std::vector<uint8_t>& b, uint16_t core, fmt::SectionKind kind) {
  for (size_t i = 0; i < get32(b, 16); ++i)
    if (get16(b, entry(i)) == core && get16(b, entry(i) + 2) == uint16_t(kind)) return i;
  ADD_FAILURE() << "no section core " << core << " kind " << unsigned(kind);
  return 0;
}

std::string parse_error(const std::vector<uint8_t>& bytes) {
  try {
    parse_image(bytes, "test.scimg");
  } catch (const ImageError& e) {
    return e.what();
  }
  ADD_FAILURE() << "image was accepted";
  return {};
}

#define EXPECT_CONTAINS(text, fragment) \
  EXPECT_NE((text).find(fragment), std::string::npos) << "'" << (fragment) << "' not in: " << (text)

TEST(Crc32, StandardCheckValue) {
  const char* s = "123456789";
  EXPECT_EQ(crc32(reinterpret_cast<const uint8_t*>(s), 9), 0xCBF43926u);
  EXPECT_EQ(crc32(nullptr, 0), 0u);
}

TEST(Image, HeaderAndSectionTableFollowTheDocumentedLayout) {
  const ChipConfig chip = test::tiny_chip();
  const auto b = serialize_image(chip);
  ASSERT_GE(b.size(), 24u);
  EXPECT_EQ(std::memcmp(b.data(), "SCIMG\r\n\x1a", 8), 0);
  EXPECT_EQ(get16(b, 8), kImageVersion);  // version
  EXPECT_EQ(get16(b, 10), 0);   // flags
  EXPECT_EQ(get16(b, 12), 16);  // mesh width
  EXPECT_EQ(get16(b, 14), 8);   // mesh height
  // Core 0: PROGRAM, ROUTES, NEURONS; core 1: all four; core 2: WEIGHTS,
  // PROGRAM, NEURONS; then HOST and REFERENCE.
  const std::vector<std::pair<uint16_t, uint16_t>> expected{
      {0, 2}, {0, 3}, {0, 4}, {1, 1}, {1, 2},         {1, 3},
      {1, 4}, {2, 1}, {2, 2}, {2, 4}, {0xFFFF, 0x10}, {0xFFFF, 0x11}};
  ASSERT_EQ(get32(b, 16), expected.size());
  uint32_t offset = 24 + 16 * uint32_t(expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(get16(b, entry(i)), expected[i].first) << i;
    EXPECT_EQ(get16(b, entry(i) + 2), expected[i].second) << i;
    EXPECT_EQ(get32(b, entry(i) + 4), offset) << "payloads are contiguous, in table order";
    offset += get32(b, entry(i) + 8);
  }
  EXPECT_EQ(offset, b.size());
  // Core 1 PROGRAM: ACC, PSUM, FIRE as little-endian 64-bit words.
  const size_t prog = get32(b, entry(4) + 4);
  EXPECT_EQ(get32(b, entry(4) + 8), 24u);
  EXPECT_EQ(b[prog + 7] >> 4, 0x1);       // ACC opcode in the top nibble of word 0
  EXPECT_EQ(b[prog + 8 + 7] >> 4, 0x2);   // PSUM
  EXPECT_EQ(b[prog + 16 + 7] >> 4, 0x3);  // FIRE
  // Core 1 WEIGHTS: bytes 0..3 are 60 -20 -30 50.
  const size_t w = get32(b, entry(3) + 4);
  EXPECT_EQ(int8_t(b[w]), 60);
  EXPECT_EQ(int8_t(b[w + 1]), -20);
  EXPECT_EQ(int8_t(b[w + 2]), -30);
  EXPECT_EQ(int8_t(b[w + 3]), 50);
}

TEST(Image, HostSectionEncodingByHand) {
  ChipConfig chip = make_empty_chip(2, 1);
  chip.host.model_name = "ab";
  chip.host.default_timesteps = 0x0102;
  chip.host.inputs = {{1, 5}};
  chip.host.layers = {LayerInfo{"L", LayerRole::kOutput, {{0, 63}}}};
  const auto b = serialize_image(chip);
  ASSERT_EQ(get32(b, 16), 1u);  // only HOST
  const size_t at = get32(b, entry(0) + 4);
  const std::vector<uint8_t> expected{2,    0,    'a', 'b',             // model name
                                      0x02, 0x01,                       // default time steps
                                      1,    0,    0,   0,   1, 0, 5,    // 1 input: core 1 slot 5
                                      0,    0,    0,   0,               // 0 outputs
                                      1,    0,    0,   0,               // 1 layer
                                      1,    0,    'L', 2,               // name "L", role output
                                      1,    0,    0,   0,   0, 0, 63};  // 1 neuron: core 0 slot 63
  ASSERT_EQ(get32(b, entry(0) + 8), expected.size());
  EXPECT_TRUE(std::equal(expected.begin(), expected.end(), b.begin() + long(at)));
}

TEST(Image, RoundTripAndDeterminism) {
  const ChipConfig chip = test::tiny_chip();
  const auto bytes = serialize_image(chip);
  EXPECT_EQ(serialize_image(chip), bytes);
  const ChipConfig back = parse_image(bytes);
  EXPECT_TRUE(same(back, chip));
  EXPECT_EQ(serialize_image(back), bytes);
}

// The HARDWARE section: the description compiled for, round-tripped in its
// canonical form; one that is not valid, or of another mesh, is refused.
TEST(Image, HardwareSectionRoundTripsAndMustDescribeTheHeadersMesh) {
  ChipConfig chip = test::tiny_chip();
  HardwareDescription d;
  d.mesh_width = chip.mesh_width;
  d.mesh_height = chip.mesh_height;
  d.micro.router_buffer_flits = 2;
  chip.hardware = to_json(d);
  const ChipConfig back = parse_image(serialize_image(chip));
  EXPECT_TRUE(same(back, chip));
  EXPECT_EQ(parse_hardware_description(back.hardware, "back"), d);

  ChipConfig other_mesh = chip;
  d.mesh_width = chip.mesh_width + 1;
  other_mesh.hardware = to_json(d);
  try {
    parse_image(serialize_image(other_mesh), "x.scimg");
    FAIL() << "a description of another mesh was accepted";
  } catch (const ImageError& e) {
    EXPECT_NE(std::string(e.what()).find("HARDWARE"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("the header a"), std::string::npos) << e.what();
  }
  ChipConfig broken = chip;
  broken.hardware = "{\"microarchitecture\": {\"router_buffer_flits\": 99}}";
  EXPECT_THROW(parse_image(serialize_image(broken)), ImageError);
  // Valid, but not what the writer produces: a reader accepts canonical images only.
  ChipConfig loose = chip;
  d.mesh_width = chip.mesh_width;
  loose.hardware = to_json(d) + "\n";
  try {
    parse_image(serialize_image(loose), "x.scimg");
    FAIL() << "a non-canonical HARDWARE section was accepted";
  } catch (const ImageError& e) {
    EXPECT_NE(std::string(e.what()).find("canonical"), std::string::npos) << e.what();
  }
}

TEST(Image, SaveIsAtomicAndLoadGivesTheChipBack) {
  test::TempDir dir;
  const ChipConfig chip = test::tiny_chip();
  save_image(dir.file("a.scimg"), chip);
  save_image(dir.file("a.scimg"), chip);  // overwrite in place
  EXPECT_EQ(dir.list(), std::vector<std::string>{"a.scimg"}) << "no temporary file left";
  EXPECT_EQ(test::read_bytes(dir.file("a.scimg")), serialize_image(chip));
  EXPECT_TRUE(same(load_image(dir.file("a.scimg")), chip));
}

TEST(Image, SaveReportsUnwritablePaths) {
  try {
    save_image("/nonexistent-dir/x.scimg", test::tiny_chip());
    FAIL() << "no exception";
  } catch (const ImageError& e) {
    EXPECT_CONTAINS(std::string(e.what()), "cannot write image '/nonexistent-dir/x.scimg'");
    EXPECT_CONTAINS(std::string(e.what()), "No such file or directory");
  }
}

TEST(Image, SaveRefusesAChipThatFailsCheck) {
  test::TempDir dir;
  ChipConfig chip = test::tiny_chip();
  chip.cores[1].neurons[0].threshold = 0;
  try {
    save_image(dir.file("bad.scimg"), chip);
    FAIL() << "no exception";
  } catch (const ImageError& e) {
    EXPECT_CONTAINS(std::string(e.what()), "core 1 neuron 0: threshold 0");
  }
  EXPECT_TRUE(dir.list().empty());
}

TEST(Image, LoadReportsMissingFiles) {
  try {
    load_image("/nonexistent-dir/x.scimg");
    FAIL() << "no exception";
  } catch (const ImageError& e) {
    EXPECT_CONTAINS(std::string(e.what()), "cannot open image '/nonexistent-dir/x.scimg'");
  }
}

TEST(ImageCorruption, WrongMagicShowsWhatWasFound) {
  auto b = serialize_image(test::tiny_chip());
  std::memcpy(b.data(), "XXXXXXXX", 8);
  const std::string e = parse_error(b);
  EXPECT_CONTAINS(e, "test.scimg: not a SpikeCore image: magic is 'XXXXXXXX'");
  EXPECT_CONTAINS(e, "expected 'SCIMG\\x0d\\x0a\\x1a'");
}

TEST(ImageCorruption, UnknownVersion) {
  auto b = serialize_image(test::tiny_chip());
  put16(b, 8, 3);
  reseal(b);
  EXPECT_CONTAINS(parse_error(b), "unknown image version 3, this build reads version 2");
}

TEST(ImageCorruption, AnImageOfTheVersionBeforeConvIsRejectedWithWhatToDo) {
  auto b = serialize_image(test::tiny_chip());
  put16(b, 8, 1);
  reseal(b);
  const std::string e = parse_error(b);
  EXPECT_CONTAINS(e, "image version 1 was written by an older SpikeCore");
  EXPECT_CONTAINS(e, "compile the model again");
}

TEST(ImageCorruption, BadHeaderCrc) {
  auto b = serialize_image(test::tiny_chip());
  b[entry(0) + 4] ^= 1;  // a table byte, covered by the header CRC
  EXPECT_CONTAINS(parse_error(b), "header CRC mismatch");
}

TEST(ImageCorruption, UnknownFlags) {
  auto b = serialize_image(test::tiny_chip());
  put16(b, 10, 4);
  reseal(b);
  EXPECT_CONTAINS(parse_error(b), "unknown header flags 0x00000004");
}

TEST(ImageCorruption, BadSectionCrcNamesCoreKindAndBothValues) {
  auto b = serialize_image(test::tiny_chip());
  const size_t i = find_section(b, 1, fmt::SectionKind::kWeights);
  const uint32_t stored = get32(b, entry(i) + 12);
  b[get32(b, entry(i) + 4) + 2] ^= 0x40;
  const std::string e = parse_error(b);
  EXPECT_CONTAINS(e, "core 1 WEIGHTS section: CRC mismatch: expected ");
  char hex[16];
  std::snprintf(hex, sizeof hex, "0x%08x", stored);
  EXPECT_CONTAINS(e, hex);
  EXPECT_CONTAINS(e, "computed 0x");
}

TEST(ImageCorruption, SectionOutOfRange) {
  auto b = serialize_image(test::tiny_chip());
  put32(b, entry(2) + 4, 0x7FFFFFF0);
  reseal(b);
  EXPECT_CONTAINS(parse_error(b), "section table entry 2 (core 0 NEURONS section): out of range");
  put32(b, entry(2) + 4, 3);  // inside the header
  reseal(b);
  EXPECT_CONTAINS(parse_error(b), "out of range: starts at byte 3");
}

TEST(ImageCorruption, OverlappingSections) {
  auto b = serialize_image(test::tiny_chip());
  put32(b, entry(1) + 4, get32(b, entry(0) + 4) + 4);  // ROUTES inside PROGRAM's bytes
  reseal(b);
  EXPECT_CONTAINS(parse_error(b), "core 0 ROUTES section (bytes ");
  EXPECT_CONTAINS(parse_error(b), "overlaps core 0 PROGRAM section");
}

TEST(ImageCorruption, GapBetweenSections) {
  auto b = serialize_image(test::tiny_chip());
  const size_t last = get32(b, 16) - 1;
  put32(b, entry(last) + 4, get32(b, entry(last) + 4) + 4);  // skip 4 bytes...
  b.insert(b.end(), 4, 0);                                   // ...that nobody owns
  reseal(b);
  EXPECT_CONTAINS(parse_error(b), "belong to no section");
}

TEST(ImageCorruption, DuplicateSection) {
  auto b = serialize_image(test::tiny_chip());
  put16(b, entry(1) + 2, uint16_t(fmt::SectionKind::kProgram));  // core 0 PROGRAM twice
  reseal(b);
  EXPECT_CONTAINS(parse_error(b),
                  "section table entry 1 (core 0 PROGRAM section): duplicate of "
                  "section table entry 0");
}

TEST(ImageCorruption, SectionForACoreThatDoesNotExist) {
  auto b = serialize_image(test::tiny_chip());
  put16(b, entry(0), 128);
  reseal(b);
  EXPECT_CONTAINS(parse_error(b), "core 128 does not exist (the mesh has 128 cores)");
}

TEST(ImageCorruption, UnknownSectionKind) {
  auto b = serialize_image(test::tiny_chip());
  put16(b, entry(0) + 2, 9);
  reseal(b);
  EXPECT_CONTAINS(parse_error(b), "unknown section kind 9");
}

TEST(ImageCorruption, WrongSectionSize) {
  auto b = serialize_image(test::tiny_chip());
  const size_t i = find_section(b, 1, fmt::SectionKind::kWeights);
  put32(b, entry(i) + 8, 255);
  reseal(b);
  EXPECT_CONTAINS(parse_error(b), "core 1 WEIGHTS section has 255 bytes, expected 256");
  b = serialize_image(test::tiny_chip());
  put32(b, entry(0) + 8, 12);  // core 0 PROGRAM: not a whole number of words
  reseal(b);
  EXPECT_CONTAINS(parse_error(b), "core 0 PROGRAM section has 12 bytes, expected a multiple of 8");
}

TEST(ImageCorruption, TruncatedFile) {
  auto b = serialize_image(test::tiny_chip());
  b.resize(b.size() - 10);
  EXPECT_CONTAINS(parse_error(b), "file truncated: chip-level REFERENCE section ends at byte");
  b.resize(30);
  EXPECT_CONTAINS(parse_error(b), "file truncated: the section table of 12 entries needs 216");
  b.resize(10);
  EXPECT_CONTAINS(parse_error(b), "file truncated: 10 bytes, the header alone needs 24");
  EXPECT_CONTAINS(parse_error({}), "file truncated: 0 bytes");
}

TEST(ImageCorruption, TrailingBytesAfterTheLastSection) {
  auto b = serialize_image(test::tiny_chip());
  b.push_back(0);
  EXPECT_CONTAINS(parse_error(b), "1 trailing bytes after the last section");
}

TEST(ImageCorruption, TrailingGarbageInsideASection) {
  // Grow the HOST payload by 3 bytes, then fix offsets and CRCs.
  auto b = serialize_image(test::tiny_chip());
  const size_t host = find_section(b, 0xFFFF, fmt::SectionKind::kHost);
  const uint32_t end = get32(b, entry(host) + 4) + get32(b, entry(host) + 8);
  b.insert(b.begin() + end, {7, 7, 7});
  put32(b, entry(host) + 8, get32(b, entry(host) + 8) + 3);
  for (size_t i = host + 1; i < get32(b, 16); ++i)
    put32(b, entry(i) + 4, get32(b, entry(i) + 4) + 3);
  reseal_section(b, host);
  EXPECT_CONTAINS(parse_error(b), "chip-level HOST section: 3 trailing bytes after the last field");
}

TEST(ImageCorruption, BadInstructionWordNamesCoreAndWord) {
  auto b = serialize_image(test::tiny_chip());
  const size_t i = find_section(b, 1, fmt::SectionKind::kProgram);
  b[get32(b, entry(i) + 4) + 8 + 7] = 0x70;  // word 1 gets opcode 0x7
  reseal_section(b, i);
  const std::string e = parse_error(b);
  EXPECT_CONTAINS(e, "core 1 PROGRAM section word 1: instruction 0x7");
  EXPECT_CONTAINS(e, "unknown opcode 0x7");
}

TEST(ImageCorruption, BadNeuronRecordNamesCoreAndSlot) {
  auto b = serialize_image(test::tiny_chip());
  const size_t i = find_section(b, 2, fmt::SectionKind::kNeurons);
  b[get32(b, entry(i) + 4) + 8 * 1 + 5] = 1;  // slot 1, reserved byte 5
  reseal_section(b, i);
  EXPECT_CONTAINS(parse_error(b),
                  "core 2 NEURONS section slot 1: neuron parameters: reserved byte 5");
}

TEST(ImageCorruption, MissingHostSection) {
  // A 1x1 chip named "m" has only the 17-byte HOST section; turn it into a
  // REFERENCE section of one empty layer (also 17 bytes): u32 1, name "",
  // in 0, out 0, threshold 1, kind 0 (dense).
  ChipConfig chip = make_empty_chip(1, 1);
  chip.host.model_name = "m";
  auto b = serialize_image(chip);
  ASSERT_EQ(get32(b, entry(0) + 8), 17u);
  put16(b, entry(0) + 2, uint16_t(fmt::SectionKind::kReference));
  const std::vector<uint8_t> payload{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0};
  std::copy(payload.begin(), payload.end(), b.begin() + get32(b, entry(0) + 4));
  reseal_section(b, 0);
  EXPECT_CONTAINS(parse_error(b), "missing the chip-level HOST section");
}

TEST(ImageCorruption, SectionsOutOfCanonicalOrder) {
  auto b = serialize_image(test::tiny_chip());
  // Swap entries 0 (core 0 PROGRAM) and 1 (core 0 ROUTES); payloads stay put.
  std::swap_ranges(b.begin() + long(entry(0)), b.begin() + long(entry(1)),
                   b.begin() + long(entry(1)));
  reseal(b);
  EXPECT_CONTAINS(parse_error(b), "section table entry 1 (core 0 PROGRAM section) is out of order");
}

TEST(ImageCorruption, DefaultContentSectionsAreNotCanonical) {
  auto b = serialize_image(test::tiny_chip());
  const size_t i = find_section(b, 1, fmt::SectionKind::kWeights);
  std::fill_n(b.begin() + get32(b, entry(i) + 4), 256, 0);
  reseal_section(b, i);
  EXPECT_CONTAINS(parse_error(b), "core 1 WEIGHTS section holds only zero weights");
  b = serialize_image(test::tiny_chip());
  const size_t n = find_section(b, 2, fmt::SectionKind::kNeurons);
  for (size_t slot = 0; slot < 64; ++slot) {  // every record := threshold 1, rest 0
    const size_t at = get32(b, entry(n) + 4) + 8 * slot;
    std::fill_n(b.begin() + long(at), 8, 0);
    b[at] = 1;
  }
  reseal_section(b, n);
  EXPECT_CONTAINS(parse_error(b), "core 2 NEURONS section holds only default records");
}

TEST(ImageCorruption, ImageThatFailsCheckIsRejectedWithEveryProblem) {
  // Structurally perfect, but accumulators can overflow: serialize_image does
  // not run check(), parse_image must.
  ChipConfig chip = make_empty_chip();
  for (uint8_t k = 0; k < 5; ++k)
    chip.cores[0].routes.push_back(RouteEntry{0, 64, 1, uint8_t(64 * (k % 4))});
  Instruction acc;
  acc.op = Opcode::kAcc;
  acc.acc = AccFields{0, 256, 0, 1, 0};
  chip.cores[1].program = {acc};
  chip.cores[1].weights.fill(127);
  chip.host.outputs = {{1, 0}, {1, 1}};
  const std::string e = parse_error(serialize_image(chip));
  EXPECT_CONTAINS(e, "image violates 1 architectural rule:");
  EXPECT_CONTAINS(e, "core 1 accumulator 0: worst-case sum 40640 ");
}

}  // namespace
}  // namespace spikecore::isa

namespace spikecore::isa {
namespace {

// A 2 x 1 board of 2 x 2 chips: a route and a PSUM that cross to chip 1.
ChipConfig small_board() {
  ChipConfig chip = make_empty_chip(2, 2, 2, 1);
  RouteEntry r;
  r.neuron_base = 0;
  r.count = 2;
  r.dst_chip = 1;
  r.dst_core = 3;
  r.dst_axon_base = 0;
  chip.cores[0].routes.push_back(r);
  chip.cores[0].neurons[0].threshold = 5;
  Instruction fire;
  fire.op = Opcode::kFire;
  fire.fire = FireFields{0, 2};
  chip.cores[0].program.push_back(fire);
  Instruction acc;
  acc.op = Opcode::kAcc;
  acc.acc = AccFields{0, 2, 0, 1, 0};
  Instruction psum;
  psum.op = Opcode::kPsum;
  psum.psum = PsumFields{0, 1, 1, 0, 0};  // to chip 0 core 1
  CoreConfig& target = chip.cores[chip.global_core(1, 3)];
  target.weights[0] = 3;
  target.program = {acc, psum};
  chip.cores[1].program.push_back(fire);
  chip.host.model_name = "board";
  chip.host.inputs = {{0, 0}, {0, 1}};
  chip.host.outputs = {{1, 0}};
  return chip;
}

TEST(Image, ABoardRoundTripsThroughImageAndAssembly) {
  const ChipConfig chip = small_board();
  ASSERT_EQ(check(chip), std::vector<std::string>{});
  EXPECT_EQ(chip.num_cores(), 8u);
  EXPECT_EQ(chip.board_x(chip.global_core(1, 3)), 3u);
  EXPECT_EQ(chip.board_y(chip.global_core(1, 3)), 1u);
  const std::vector<uint8_t> bytes = serialize_image(chip);
  const ChipConfig back = parse_image(bytes, "board.scimg");
  EXPECT_EQ(back.board_width, 2u);
  EXPECT_EQ(back.board_height, 1u);
  ASSERT_EQ(back.cores[0].routes.size(), 1u);
  EXPECT_EQ(back.cores[0].routes[0].dst_chip, 1u);
  EXPECT_EQ(serialize_image(back), bytes);
  const std::string text = print_assembly(chip);
  EXPECT_NE(text.find(".chip mesh=2x2 board=2x1"), std::string::npos) << text;
  EXPECT_NE(text.find(".route neurons=0..1 chip=1 core=3 axon=0"), std::string::npos) << text;
  EXPECT_EQ(serialize_image(assemble(text, "board.s")), bytes);
}

TEST(Image, ARouteToAChipOffTheBoardIsNamed) {
  ChipConfig chip = small_board();
  chip.cores[0].routes[0].dst_chip = 2;
  const std::vector<std::string> problems = check(chip);
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems[0].find("core 0 route 0: dst_chip 2 does not exist (board has 2 chips)"),
            std::string::npos)
      << problems[0];
}

}  // namespace
}  // namespace spikecore::isa
