// Bit positions of every instruction and route-entry field, as data. isa.cpp
// encodes and decodes with these tables and spikecore-isa-tables prints them
// into docs/isa.md, so the encoding is written down exactly once.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace spikecore::isa {

// LEAK shift range: shift 0 would zero V's decay term; 16 would exceed int16.
constexpr unsigned kLeakShiftMin = 1;
constexpr unsigned kLeakShiftMax = 15;

struct BitField {
  std::string_view name;   // the assembly keyword / struct member it holds
  unsigned low;            // lowest bit
  unsigned width;          // number of bits
  bool minus_one;          // the field stores value-1 (counts that are never 0)
  std::string_view range;  // legal values of the decoded field, for the docs
  constexpr uint64_t mask() const { return width >= 64 ? ~0ull : (1ull << width) - 1; }
  constexpr uint64_t placed_mask() const { return mask() << low; }
};

namespace layout {

constexpr BitField kOpcode{"opcode", 60, 4, false, "0x1..0x5"};

constexpr BitField kAccAxonBase{"axon_base", 0, 8, false, "0..255"};
constexpr BitField kAccAxonCount{"axon_count", 8, 8, true, "1..256, axon_base+axon_count <= 256"};
constexpr BitField kAccWeightOffset{"weight_offset", 16, 8, false,
                                    "0..255, weight_offset+axon_count*cols <= 256"};
constexpr BitField kAccCols{"cols", 24, 6, true, "1..64, acc_base+cols <= 64"};
constexpr BitField kAccAccBase{"acc_base", 32, 6, false, "0..63"};

constexpr BitField kConvAxonBase{"axon_base", 0, 8, false,
                                 "0..255, axon_base+in_c*in_h*in_w <= 256"};
constexpr BitField kConvInC{"in_c", 8, 4, true, "1..16"};
constexpr BitField kConvInH{"in_h", 12, 5, true, "1..32"};
constexpr BitField kConvInW{"in_w", 17, 5, true, "1..32"};
constexpr BitField kConvKernelH{"kernel_h", 22, 3, true, "1..8"};
constexpr BitField kConvKernelW{"kernel_w", 25, 3, true, "1..8"};
constexpr BitField kConvStride{"stride", 28, 2, true, "1..4 (both axes)"};
constexpr BitField kConvPadLeft{"pad_left", 30, 3, false, "0..kernel_w-1"};
constexpr BitField kConvOutC{"out_c", 33, 4, true, "1..16"};
constexpr BitField kConvOutH{"out_h", 37, 4, true, "1..16"};
constexpr BitField kConvOutW{"out_w", 41, 5, true, "1..32, acc_base+out_c*out_h*out_w <= 64"};
constexpr BitField kConvWeightOffset{"weight_offset", 46, 8, false,
                                     "0..255, weight_offset+out_c*in_c*kernel_h*kernel_w <= 256"};
constexpr BitField kConvAccBase{"acc_base", 54, 6, false, "0..63"};

constexpr BitField kPsumAccBase{"acc_base", 0, 6, false, "0..63"};
constexpr BitField kPsumCount{"count", 8, 6, true,
                              "1..64, acc_base+count <= 64, dst_neuron+count <= 64"};
constexpr BitField kPsumDstCore{"dst_core", 16, 8, false, "0..number of cores-1"};
constexpr BitField kPsumDstNeuron{"dst_neuron", 24, 6, false, "0..63"};
constexpr BitField kPsumDstChip{"dst_chip", 32, 8, false, "0..number of chips-1 (0 on one chip)"};

constexpr BitField kFireNeuronBase{"neuron_base", 0, 6, false, "0..63"};
constexpr BitField kFireCount{"count", 8, 6, true, "1..64, neuron_base+count <= 64"};

constexpr BitField kLeakNeuronBase{"neuron_base", 0, 6, false, "0..63"};
constexpr BitField kLeakCount{"count", 8, 6, true, "1..64, neuron_base+count <= 64"};
constexpr BitField kLeakShift{"shift", 16, 4, false, "1..15"};

constexpr BitField kRouteNeuronBase{"neuron_base", 0, 6, false, "0..63"};
constexpr BitField kRouteCount{"count", 8, 6, true,
                               "1..64, neuron_base+count <= 64, dst_axon_base+count <= 256"};
constexpr BitField kRouteDstCore{"dst_core", 16, 8, false, "0..number of cores-1"};
constexpr BitField kRouteDstAxonBase{"dst_axon_base", 24, 8, false, "0..255"};

// One encoding: a mnemonic, its opcode and its fields (opcode field excluded).
struct InstructionLayout {
  std::string_view mnemonic;
  unsigned opcode;
  unsigned word_bits;
  std::array<BitField, 13> fields;
  unsigned num_fields;
  std::string_view summary;
  constexpr uint64_t used_mask() const {
    uint64_t m = word_bits == 64 ? kOpcode.placed_mask() : 0;
    for (unsigned i = 0; i < num_fields; ++i) m |= fields[i].placed_mask();
    return m;
  }
};

constexpr InstructionLayout kAccLayout{
    "ACC",
    0x1,
    64,
    {kAccAxonBase, kAccAxonCount, kAccWeightOffset, kAccCols, kAccAccBase},
    5,
    "event phase: acc[acc_base+j] += W[weight_offset+(a-axon_base)*cols+j] for an incoming "
    "spike on axon a"};
constexpr InstructionLayout kConvLayout{
    "CONV",
    0x5,
    64,
    {kConvAxonBase, kConvInC, kConvInH, kConvInW, kConvKernelH, kConvKernelW, kConvStride,
     kConvPadLeft, kConvOutC, kConvOutH, kConvOutW, kConvWeightOffset, kConvAccBase},
    13,
    "event phase: a spike on window axon (c, y, x) adds W[o][c][y-oy*stride][x+pad_left-ox*stride] "
    "to acc (o, oy, ox) for every output whose kernel covers it"};
constexpr InstructionLayout kPsumLayout{
    "PSUM", 0x2,
    64,     {kPsumAccBase, kPsumCount, kPsumDstCore, kPsumDstNeuron, kPsumDstChip},
    5,      "partial-sum phase: send every non-zero acc[acc_base+j] to (dst_chip, dst_core, dst_neuron+j)"};
constexpr InstructionLayout kFireLayout{
    "FIRE",
    0x3,
    64,
    {kFireNeuronBase, kFireCount},
    2,
    "fire phase: add bias and soma input, compare to threshold, spike, reset by subtraction"};
constexpr InstructionLayout kLeakLayout{"LEAK", 0x4,
                                        64,     {kLeakNeuronBase, kLeakCount, kLeakShift},
                                        3,      "fire phase: V -= V >> shift (arithmetic shift)"};
constexpr InstructionLayout kRouteLayout{
    "ROUTE", 0,
    32,      {kRouteNeuronBase, kRouteCount, kRouteDstCore, kRouteDstAxonBase},
    4,       "fan-out entry: spike of neuron s goes to (dst_core, dst_axon_base+s-neuron_base)"};

constexpr std::array<const InstructionLayout*, 5> kInstructionLayouts{
    &kAccLayout, &kPsumLayout, &kFireLayout, &kLeakLayout, &kConvLayout};

// Neuron parameter record (kNeuronParamBytes bytes per slot, little endian).
struct ByteField {
  std::string_view name;
  unsigned offset;
  unsigned size;
  std::string_view type;
  std::string_view range;
};
constexpr ByteField kNeuronThreshold{"threshold", 0, 2, "int16", "1..32767"};
constexpr ByteField kNeuronBias{"bias", 2, 2, "int16", "-32768..32767"};
constexpr ByteField kNeuronBiasStart{"bias_start", 4, 1, "uint8", "0..255"};
constexpr ByteField kNeuronReserved{"reserved", 5, 1, "-", "must be 0"};
constexpr ByteField kNeuronInitialPotential{"initial_potential", 6, 2, "int16",
                                            "-32768..32767 (V after CLEAR)"};
constexpr std::array<ByteField, 5> kNeuronParamFields{
    kNeuronThreshold, kNeuronBias, kNeuronBiasStart, kNeuronReserved, kNeuronInitialPotential};

// Layout of an opcode, or nullptr for an opcode that does not exist.
inline const InstructionLayout* instruction_layout(unsigned opcode) {
  for (const InstructionLayout* l : kInstructionLayouts)
    if (l->opcode == opcode) return l;
  return nullptr;
}

}  // namespace layout
}  // namespace spikecore::isa
