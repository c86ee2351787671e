// SpikeCore instruction-set architecture: the single C++ definition of core
// resources, instruction encodings and their fields. The assembler, compiler,
// golden model, SystemC model, host loader and docs all read these constants;
// no other file may define an opcode, a field position or a resource size.
// docs/isa.md is the prose version of this file.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace spikecore::isa {

// ---- Core resources (fixed by the architecture) ----------------------------
constexpr unsigned kWeightSramBytes = 256;  // int8 weights, row-major blocks
constexpr unsigned kNeuronSlots = 64;       // soma state slots per core
constexpr unsigned kAccumulators = 64;      // int16 dendritic accumulators
constexpr unsigned kProgramWords = 16;      // 64-bit instruction words
constexpr unsigned kRouteEntries = 32;      // 32-bit fan-out entries
constexpr unsigned kAxonsPerCore = 256;     // axon id is 8 bits
constexpr unsigned kMaxCores = 256;         // core id in packets is 8 bits (per chip)

// ---- Board (docs/isa.md section 1.1) -------------------------------------------
// A board is a grid of identical chips; chip id = chip_y * board_width + chip_x.
// Packets, PSUM and route entries name a destination chip with 8 bits; the
// largest board the tools accept is 8 x 8 chips (8,192 cores of the default chip).
constexpr unsigned kMaxBoardWidth = 8;
constexpr unsigned kMaxBoardHeight = 8;
constexpr unsigned kMaxChips = kMaxBoardWidth * kMaxBoardHeight;

// ---- Default chip ----------------------------------------------------------
constexpr unsigned kDefaultMeshWidth = 16;
constexpr unsigned kDefaultMeshHeight = 8;
constexpr unsigned kDefaultCores = kDefaultMeshWidth * kDefaultMeshHeight;  // 128

// ---- Arithmetic ------------------------------------------------------------
constexpr int32_t kInt16Max = 32767;
constexpr int32_t kInt16Min = -32768;
constexpr int32_t kWeightMax = 127;   // weights are symmetric int8: -127..127
constexpr int32_t kWeightMin = -127;  // -128 is rejected by the assembler

// Saturate a wide value to int16; sets *saturated when clipping happened.
inline int16_t saturate16(int64_t v, bool* saturated = nullptr) {
  if (v > kInt16Max) {
    if (saturated) *saturated = true;
    return static_cast<int16_t>(kInt16Max);
  }
  if (v < kInt16Min) {
    if (saturated) *saturated = true;
    return static_cast<int16_t>(kInt16Min);
  }
  return static_cast<int16_t>(v);
}

// LEAK: V <- V - (V >> shift), arithmetic shift (rounds toward -infinity).
inline int16_t leak(int16_t v, unsigned shift) {
  return static_cast<int16_t>(v - (v >> shift));
}

// ---- Instructions ----------------------------------------------------------
// Every instruction is one 64-bit word. Bits 63..60 hold the opcode; unused
// bits must be zero (an image with non-zero reserved bits is rejected).
enum class Opcode : uint8_t {
  kNop = 0x0,   // never executed; an encoded 0 word is invalid in a program
  kAcc = 0x1,   // event phase: weighted accumulate of an incoming spike
  kPsum = 0x2,  // partial-sum phase: send accumulators to soma slots
  kFire = 0x3,  // fire phase: integrate, compare to threshold, spike, reset
  kLeak = 0x4,  // fire phase: membrane decay by shift
  kConv = 0x5,  // event phase: weight-shared convolution of an incoming spike
};

// The phase of a time step in which an opcode runs (docs/isa.md, "Time step").
enum class Phase : uint8_t { kEvent, kPartialSum, kFire };

struct AccFields {       // ACC axons=A..A+n-1 w=OFF cols=C acc=B
  uint8_t axon_base;     // bits 0..7
  uint16_t axon_count;   // bits 8..15 hold count-1 (1..256)
  uint8_t weight_offset; // bits 16..23: byte offset of row 0 in the SRAM
  uint8_t cols;          // bits 24..29 hold cols-1 (1..64)
  uint8_t acc_base;      // bits 32..37 (0..63)
};
// CONV: the axons are a window of an input feature map, channel-major
// (axon = axon_base + (c * in_h + y) * in_w + x), the accumulators a tile of
// output maps (acc = acc_base + (o * out_h + oy) * out_w + ox), and the
// kernels out_c x in_c x kernel_h x kernel_w bytes from weight_offset.
// Window row 0 is the tile's first kernel row (padding rows included); window
// column x is padded column x + pad_left. for_each_conv_tap says what a spike adds.
struct ConvFields {      // CONV axons=A in=CxHxW kernel=KHxKW stride=S pad=P out=CxHxW w=OFF acc=B
  uint8_t axon_base;     // bits 0..7
  uint8_t in_c;          // bits 8..11 hold in_c-1 (1..16)
  uint8_t in_h;          // bits 12..16 hold in_h-1 (1..32)
  uint8_t in_w;          // bits 17..21 hold in_w-1 (1..32)
  uint8_t kernel_h;      // bits 22..24 hold kernel_h-1 (1..8)
  uint8_t kernel_w;      // bits 25..27 hold kernel_w-1 (1..8)
  uint8_t stride;        // bits 28..29 hold stride-1 (1..4), both axes
  uint8_t pad_left;      // bits 30..32 (0..kernel_w-1)
  uint8_t out_c;         // bits 33..36 hold out_c-1 (1..16)
  uint8_t out_h;         // bits 37..40 hold out_h-1 (1..16)
  uint8_t out_w;         // bits 41..45 hold out_w-1 (1..32)
  uint8_t weight_offset; // bits 46..53
  uint8_t acc_base;      // bits 54..59 (0..63)

  unsigned axon_count() const { return unsigned(in_c) * in_h * in_w; }
  unsigned acc_count() const { return unsigned(out_c) * out_h * out_w; }
  unsigned weight_bytes() const { return unsigned(out_c) * in_c * kernel_h * kernel_w; }
  bool holds_axon(unsigned axon) const {
    return axon >= axon_base && axon < axon_base + axon_count();
  }
};

struct PsumFields {      // PSUM acc=B count=N core=C neuron=S
  uint8_t acc_base;      // bits 0..5
  uint8_t count;         // bits 8..13 hold count-1 (1..64)
  uint8_t dst_core;      // bits 16..23
  uint8_t dst_neuron;    // bits 24..29
  uint8_t dst_chip;      // bits 32..39: chip of dst_core on a board (0 on one chip)
};
struct FireFields {      // FIRE neurons=B count=N
  uint8_t neuron_base;   // bits 0..5
  uint8_t count;         // bits 8..13 hold count-1 (1..64)
};
struct LeakFields {      // LEAK neurons=B count=N shift=S
  uint8_t neuron_base;   // bits 0..5
  uint8_t count;         // bits 8..13 hold count-1 (1..64)
  uint8_t shift;         // bits 16..19 (1..15)
};

struct Instruction {
  Opcode op = Opcode::kNop;
  AccFields acc{};
  ConvFields conv{};
  PsumFields psum{};
  FireFields fire{};
  LeakFields leak{};
};

Phase phase_of(Opcode op);
std::string_view mnemonic(Opcode op);
std::optional<Opcode> opcode_from_mnemonic(std::string_view m);

uint64_t encode(const Instruction& ins);
// Decodes a word. On failure returns nullopt and, if error is given, a message
// saying which field is wrong (unknown opcode, reserved bits set, range).
std::optional<Instruction> decode(uint64_t word, std::string* error = nullptr);
// Checks field ranges against the core resources (e.g. acc_base+cols <= 64,
// weight_offset + axon_count*cols <= 256). Returns an empty string when valid.
std::string validate(const Instruction& ins);

// Every accumulator a spike on `axon` adds to under a valid CONV, and the
// weight it adds: calls tap(acc_index, weight_index) with acc_index in
// 0..63 and weight_index in 0..255, output channel, row and column ascending.
// Each accumulator appears at most once per spike. Returns the number of taps.
template <typename Tap>
unsigned for_each_conv_tap(const ConvFields& f, unsigned axon, Tap&& tap) {
  if (!f.holds_axon(axon)) return 0;
  const unsigned r = axon - f.axon_base;
  const unsigned c = r / (unsigned(f.in_h) * f.in_w);
  const unsigned y = r / f.in_w % f.in_h;
  const unsigned x = r % f.in_w + f.pad_left;
  // Output rows oy with 0 <= y - oy * stride < kernel_h, the same for columns.
  const unsigned oy_end = std::min<unsigned>(f.out_h, y / f.stride + 1);
  const unsigned oy_first = y + 1 > f.kernel_h ? (y + 1 - f.kernel_h + f.stride - 1) / f.stride : 0;
  const unsigned ox_end = std::min<unsigned>(f.out_w, x / f.stride + 1);
  const unsigned ox_first = x + 1 > f.kernel_w ? (x + 1 - f.kernel_w + f.stride - 1) / f.stride : 0;
  unsigned taps = 0;
  for (unsigned o = 0; o < f.out_c; ++o) {
    const unsigned kernel = f.weight_offset + (o * f.in_c + c) * f.kernel_h * f.kernel_w;
    for (unsigned oy = oy_first; oy < oy_end; ++oy) {
      const unsigned row = kernel + (y - oy * f.stride) * f.kernel_w;
      const unsigned acc_row = f.acc_base + (o * f.out_h + oy) * f.out_w;
      for (unsigned ox = ox_first; ox < ox_end; ++ox, ++taps)
        tap(acc_row + ox, row + (x - ox * f.stride));
    }
  }
  return taps;
}

// ---- Fan-out (routing) table entries ----------------------------------------
// A spike of neuron s in [neuron_base, neuron_base+count) is sent to
// (dst_chip, dst_core, dst_axon_base + (s - neuron_base)). One 32-bit word per entry:
//   bits 0..5 neuron_base, 8..13 count-1, 16..23 dst_core, 24..31 dst_axon_base;
// dst_chip is the entry's byte in the ROUTE_CHIPS table (0 on one chip), so a
// one-chip route table keeps its words.
struct RouteEntry {
  uint8_t neuron_base = 0;
  uint8_t count = 1;  // 1..64
  uint8_t dst_core = 0;
  uint8_t dst_axon_base = 0;
  uint8_t dst_chip = 0;  // not in the word: ROUTE_CHIPS[entry]
};
uint32_t encode(const RouteEntry& r);
std::optional<RouteEntry> decode_route(uint32_t word, std::string* error = nullptr);
std::string validate(const RouteEntry& r);  // dst_axon_base+count <= 256 etc.

// ---- Neuron parameters --------------------------------------------------------
// 8 bytes per slot, little endian: threshold int16, bias int16, bias_start u8,
// reserved u8 (0), initial_potential int16.
struct NeuronParams {
  int16_t threshold = 1;   // must be >= 1
  int16_t bias = 0;        // constant current added in the fire phase
  uint8_t bias_start = 0;  // bias applies only in steps t >= bias_start
  // V after CLEAR. threshold/2 turns the rate code's floor into rounding
  // (the "half-threshold initial membrane" of QCFS conversion).
  int16_t initial_potential = 0;
};
constexpr unsigned kNeuronParamBytes = 8;
void encode(const NeuronParams& p, uint8_t out[kNeuronParamBytes]);
std::optional<NeuronParams> decode_neuron(const uint8_t in[kNeuronParamBytes],
                                          std::string* error = nullptr);

}  // namespace spikecore::isa
