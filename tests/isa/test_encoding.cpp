// Instruction, route-entry and neuron-parameter encodings: known words
// computed by hand from the tables in docs/isa.md, round trips, and every
// decode error.
#include <gtest/gtest.h>

#include <random>

#include "isa/config_equal.h"
#include "isa/isa.h"

namespace spikecore::isa {
namespace {

Instruction acc(unsigned base, unsigned count, unsigned w, unsigned cols, unsigned acc_base) {
  Instruction i;
  i.op = Opcode::kAcc;
  i.acc = AccFields{uint8_t(base), uint16_t(count), uint8_t(w), uint8_t(cols), uint8_t(acc_base)};
  return i;
}
Instruction psum(unsigned acc_base, unsigned count, unsigned core, unsigned neuron) {
  Instruction i;
  i.op = Opcode::kPsum;
  i.psum = PsumFields{uint8_t(acc_base), uint8_t(count), uint8_t(core), uint8_t(neuron)};
  return i;
}
Instruction fire(unsigned base, unsigned count) {
  Instruction i;
  i.op = Opcode::kFire;
  i.fire = FireFields{uint8_t(base), uint8_t(count)};
  return i;
}
Instruction leak(unsigned base, unsigned count, unsigned shift) {
  Instruction i;
  i.op = Opcode::kLeak;
  i.leak = LeakFields{uint8_t(base), uint8_t(count), uint8_t(shift)};
  return i;
}

std::string decode_error(uint64_t word) {
  std::string error;
  EXPECT_FALSE(decode(word, &error).has_value()) << std::hex << word;
  return error;
}

TEST(Encoding, KnownWordsMatchTheDocumentedBitPositions) {
  // opcode<<60 | acc_base<<32 | (cols-1)<<24 | w<<16 | (count-1)<<8 | axon_base
  EXPECT_EQ(encode(acc(3, 8, 16, 4, 5)), 0x1000000503100703ull);
  // opcode<<60 | dst_neuron<<24 | dst_core<<16 | (count-1)<<8 | acc_base
  EXPECT_EQ(encode(psum(2, 8, 100, 7)), 0x2000000007640702ull);
  EXPECT_EQ(encode(fire(10, 20)), 0x300000000000130Aull);
  EXPECT_EQ(encode(leak(0, 64, 4)), 0x4000000000043F00ull);
  // The largest ACC: 256 axons of one column each.
  EXPECT_EQ(encode(acc(0, 256, 0, 1, 63)), 0x1000003F0000FF00ull);
}

TEST(Encoding, DecodeInvertsEncodeForEveryOpcode) {
  for (const Instruction& ins :
       {acc(3, 8, 16, 4, 5), acc(255, 1, 255, 1, 63), acc(0, 4, 0, 64, 0), psum(0, 64, 255, 0),
        psum(63, 1, 0, 63), fire(0, 64), fire(63, 1), leak(5, 7, 1), leak(0, 1, 15)}) {
    std::string error;
    auto back = decode(encode(ins), &error);
    ASSERT_TRUE(back.has_value()) << error;
    EXPECT_TRUE(same(*back, ins)) << mnemonic(ins.op);
  }
}

TEST(Encoding, EveryDecodableRandomWordReEncodesToItself) {
  std::mt19937_64 gen(7);
  int decoded = 0;
  for (int i = 0; i < 200000; ++i) {
    // Random opcode 0..5 and random low bits; most words have reserved bits set.
    uint64_t w = (gen() & 0x3F3F3FFFFFull) | (uint64_t(gen() % 6) << 60);
    if (auto ins = decode(w)) {
      EXPECT_EQ(encode(*ins), w);
      ++decoded;
    }
  }
  EXPECT_GT(decoded, 1000);  // the sample did exercise valid words
}

TEST(Encoding, DecodeRejectsUnknownOpcodes) {
  EXPECT_NE(decode_error(0x6000000000000000ull).find("unknown opcode 0x6"), std::string::npos);
  EXPECT_NE(decode_error(0xF000000000000000ull).find("unknown opcode 0xf"), std::string::npos);
}

TEST(Encoding, DecodeRejectsTheAllZeroNopWord) {
  EXPECT_NE(decode_error(0).find("NOP"), std::string::npos);
}

TEST(Encoding, DecodeNamesTheReservedBitThatIsSet) {
  const uint64_t good = encode(acc(3, 8, 16, 4, 5));
  EXPECT_NE(decode_error(good | (1ull << 38)).find("ACC: reserved bit 38 is set"),
            std::string::npos);
  EXPECT_NE(decode_error(good | (1ull << 30)).find("reserved bit 30"), std::string::npos);
  EXPECT_NE(decode_error(encode(fire(0, 1)) | (1ull << 59)).find("FIRE: reserved bit 59"),
            std::string::npos);
  EXPECT_NE(decode_error(encode(psum(0, 1, 0, 0)) | (1ull << 6)).find("PSUM: reserved bit 6"),
            std::string::npos);
}

TEST(Encoding, DecodeRejectsFieldsOutOfRange) {
  // LEAK with shift 0 (bits 19..16 = 0).
  EXPECT_NE(decode_error(0x4000000000000000ull).find("shift 0 out of range 1..15"),
            std::string::npos);
  // ACC acc_base 60 + cols 8 > 64.
  EXPECT_NE(decode_error(0x1000003C07000000ull).find("acc_base 60 + cols 8 = 68 exceeds 64"),
            std::string::npos);
  // ACC 16 axons x 16 cols from offset 16: 16 + 256 > 256.
  EXPECT_NE(decode_error(0x100000000F100F00ull).find("exceeds the 256-byte weight SRAM"),
            std::string::npos);
  // FIRE slots 60..67.
  EXPECT_NE(decode_error(0x300000000000073Cull).find("neuron_base 60 + count 8 = 68 exceeds 64"),
            std::string::npos);
  // PSUM to slots 60..63+ : dst_neuron 60, count 8.
  EXPECT_NE(decode_error(0x200000003C000700ull).find("dst_neuron 60 + count 8"), std::string::npos);
}

TEST(Encoding, ValidateAndEncodeRejectInvalidInstructions) {
  EXPECT_EQ(validate(acc(3, 8, 16, 4, 5)), "");
  EXPECT_NE(validate(acc(0, 0, 0, 1, 0)).find("axon_count 0 out of range 1..256"),
            std::string::npos);
  EXPECT_NE(validate(acc(200, 57, 0, 1, 0)).find("axon_base 200 + axon_count 57"),
            std::string::npos);
  EXPECT_NE(validate(leak(0, 1, 16)).find("shift 16"), std::string::npos);
  EXPECT_NE(validate(Instruction{}).find("NOP"), std::string::npos);
  EXPECT_THROW(encode(leak(0, 1, 0)), std::invalid_argument);
  EXPECT_THROW(encode(Instruction{}), std::invalid_argument);
}

TEST(Encoding, PhasesMnemonicsAndLookup) {
  EXPECT_EQ(phase_of(Opcode::kAcc), Phase::kEvent);
  EXPECT_EQ(phase_of(Opcode::kPsum), Phase::kPartialSum);
  EXPECT_EQ(phase_of(Opcode::kFire), Phase::kFire);
  EXPECT_EQ(phase_of(Opcode::kLeak), Phase::kFire);
  for (Opcode op : {Opcode::kAcc, Opcode::kPsum, Opcode::kFire, Opcode::kLeak})
    EXPECT_EQ(opcode_from_mnemonic(mnemonic(op)), op);
  EXPECT_EQ(mnemonic(Opcode::kPsum), "PSUM");
  EXPECT_FALSE(opcode_from_mnemonic("NOP").has_value());
  EXPECT_FALSE(opcode_from_mnemonic("acc").has_value());  // the assembler folds case
}

TEST(RouteEncoding, KnownWordAndRoundTrip) {
  const RouteEntry r{8, 8, 9, 200};
  // dst_axon_base<<24 | dst_core<<16 | (count-1)<<8 | neuron_base
  EXPECT_EQ(encode(r), 0xC8090708u);
  auto back = decode_route(0xC8090708u);
  ASSERT_TRUE(back.has_value());
  EXPECT_TRUE(same(*back, r));
  for (uint32_t w : {0x00003F00u, 0xFF00003Fu, 0x00FF0000u}) {
    auto e = decode_route(w);
    ASSERT_TRUE(e.has_value()) << std::hex << w;
    EXPECT_EQ(encode(*e), w);
  }
}

TEST(RouteEncoding, DecodeRejectsReservedBitsAndRanges) {
  std::string error;
  EXPECT_FALSE(decode_route(0xC8090708u | (1u << 6), &error));
  EXPECT_NE(error.find("reserved bit 6 is set"), std::string::npos) << error;
  EXPECT_FALSE(decode_route(0xC8090708u | (1u << 15), &error));
  EXPECT_NE(error.find("reserved bit 15"), std::string::npos) << error;
  // neuron_base 60, count 8.
  EXPECT_FALSE(decode_route(0x0000073Cu, &error));
  EXPECT_NE(error.find("neuron_base 60 + count 8"), std::string::npos) << error;
  // dst_axon_base 250, count 8 > 256.
  EXPECT_FALSE(decode_route(0xFA000700u, &error));
  EXPECT_NE(error.find("dst_axon_base 250 + count 8 = 258 exceeds 256"), std::string::npos)
      << error;
  EXPECT_THROW(encode(RouteEntry{0, 0, 0, 0}), std::invalid_argument);
}

TEST(NeuronEncoding, KnownBytesAndRoundTrip) {
  NeuronParams p;
  p.threshold = 300;
  p.bias = -2;
  p.bias_start = 5;
  p.initial_potential = -1;
  uint8_t bytes[kNeuronParamBytes];
  encode(p, bytes);
  const uint8_t expected[kNeuronParamBytes] = {0x2C, 0x01, 0xFE, 0xFF, 0x05, 0x00, 0xFF, 0xFF};
  for (unsigned i = 0; i < kNeuronParamBytes; ++i) EXPECT_EQ(bytes[i], expected[i]) << i;
  auto back = decode_neuron(bytes);
  ASSERT_TRUE(back.has_value());
  EXPECT_TRUE(same(*back, p));
}

TEST(NeuronEncoding, DecodeRejectsReservedByteAndBadThreshold) {
  std::string error;
  const uint8_t reserved[kNeuronParamBytes] = {1, 0, 0, 0, 0, 7, 0, 0};
  EXPECT_FALSE(decode_neuron(reserved, &error));
  EXPECT_NE(error.find("reserved byte 5 is 7"), std::string::npos) << error;
  const uint8_t zero_threshold[kNeuronParamBytes] = {0, 0, 0, 0, 0, 0, 0, 0};
  EXPECT_FALSE(decode_neuron(zero_threshold, &error));
  EXPECT_NE(error.find("threshold 0 out of range 1..32767"), std::string::npos) << error;
  const uint8_t negative_threshold[kNeuronParamBytes] = {0xFF, 0xFF, 0, 0, 0, 0, 0, 0};
  EXPECT_FALSE(decode_neuron(negative_threshold, &error));
  EXPECT_NE(error.find("threshold -1"), std::string::npos) << error;
}

}  // namespace
}  // namespace spikecore::isa
