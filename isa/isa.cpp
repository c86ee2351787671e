// Encoding, decoding and validation of instructions, route entries and neuron
// parameters. Bit positions come from the field comments in isa/isa.h; the
// tables in docs/isa.md are generated from isa/field_layout.h.
#include "isa/isa.h"

#include <stdexcept>
#include <utility>

#include "isa/field_layout.h"

namespace spikecore::isa {
namespace {

constexpr unsigned kOpcodeShift = 60;
static_assert(layout::kOpcode.low == kOpcodeShift && layout::kOpcode.width == 4);

// No two fields of one encoding may share a bit, and all must fit the word.
constexpr bool fields_disjoint(const layout::InstructionLayout& l) {
  uint64_t seen = l.word_bits == 64 ? layout::kOpcode.placed_mask() : 0;
  for (unsigned i = 0; i < l.num_fields; ++i) {
    const BitField& f = l.fields[i];
    if (f.low + f.width > l.word_bits || (seen & f.placed_mask()) != 0) return false;
    seen |= f.placed_mask();
  }
  return true;
}
static_assert(fields_disjoint(layout::kAccLayout) && fields_disjoint(layout::kConvLayout) &&
              fields_disjoint(layout::kPsumLayout) &&
              fields_disjoint(layout::kFireLayout) && fields_disjoint(layout::kLeakLayout) &&
              fields_disjoint(layout::kRouteLayout));

uint64_t put(uint64_t value, const BitField& f) { return (value & f.mask()) << f.low; }
uint64_t get(uint64_t word, const BitField& f) { return (word >> f.low) & f.mask(); }

std::string hex(uint64_t v) {
  static const char digits[] = "0123456789abcdef";
  std::string s;
  do {
    s.insert(s.begin(), digits[v & 0xF]);
    v >>= 4;
  } while (v != 0);
  return "0x" + s;
}

// Checks that a count field (1..max) and its base fit inside `limit` slots.
std::string check_range(const char* base_name, unsigned base, const char* count_name,
                        unsigned count, unsigned max_count, unsigned limit) {
  if (count < 1 || count > max_count)
    return std::string(count_name) + " " + std::to_string(count) + " out of range 1.." +
           std::to_string(max_count);
  if (base + count > limit)
    return std::string(base_name) + " " + std::to_string(base) + " + " + count_name + " " +
           std::to_string(count) + " = " + std::to_string(base + count) + " exceeds " +
           std::to_string(limit);
  return {};
}

// A shape field 1..max.
std::string check_size(const char* name, unsigned value, unsigned max) {
  if (value >= 1 && value <= max) return {};
  return std::string(name) + " " + std::to_string(value) + " out of range 1.." + std::to_string(max);
}

std::string validate_conv(const ConvFields& f) {
  const std::pair<const char*, std::pair<unsigned, unsigned>> sizes[] = {
      {"in_c", {f.in_c, 16}},     {"in_h", {f.in_h, 32}},         {"in_w", {f.in_w, 32}},
      {"kernel_h", {f.kernel_h, 8}}, {"kernel_w", {f.kernel_w, 8}}, {"stride", {f.stride, 4}},
      {"out_c", {f.out_c, 16}},   {"out_h", {f.out_h, 16}},       {"out_w", {f.out_w, 32}}};
  for (const auto& [name, value] : sizes)
    if (std::string e = check_size(name, value.first, value.second); !e.empty()) return e;
  if (f.pad_left >= f.kernel_w)
    return "pad_left " + std::to_string(f.pad_left) + " must be below kernel_w " +
           std::to_string(f.kernel_w);
  const unsigned axons = f.axon_count(), accs = f.acc_count(), bytes = f.weight_bytes();
  if (f.axon_base + axons > kAxonsPerCore)
    return "axon_base " + std::to_string(f.axon_base) + " + in_c x in_h x in_w " +
           std::to_string(axons) + " = " + std::to_string(f.axon_base + axons) + " exceeds " +
           std::to_string(kAxonsPerCore) + " axons";
  if (f.acc_base + accs > kAccumulators)
    return "acc_base " + std::to_string(f.acc_base) + " + out_c x out_h x out_w " +
           std::to_string(accs) + " = " + std::to_string(f.acc_base + accs) + " exceeds " +
           std::to_string(kAccumulators) + " accumulators";
  if (f.weight_offset + bytes > kWeightSramBytes)
    return "weight_offset " + std::to_string(f.weight_offset) +
           " + out_c x in_c x kernel_h x kernel_w " + std::to_string(bytes) + " = " +
           std::to_string(f.weight_offset + bytes) + " exceeds the " +
           std::to_string(kWeightSramBytes) + "-byte weight SRAM";
  return {};
}

}  // namespace

Phase phase_of(Opcode op) {
  switch (op) {
    case Opcode::kAcc:
    case Opcode::kConv:
      return Phase::kEvent;
    case Opcode::kPsum:
      return Phase::kPartialSum;
    case Opcode::kNop:
    case Opcode::kFire:
    case Opcode::kLeak:
      break;
  }
  return Phase::kFire;
}

std::string_view mnemonic(Opcode op) {
  switch (op) {
    case Opcode::kNop:
      return "NOP";
    case Opcode::kAcc:
      return "ACC";
    case Opcode::kPsum:
      return "PSUM";
    case Opcode::kFire:
      return "FIRE";
    case Opcode::kLeak:
      return "LEAK";
    case Opcode::kConv:
      return "CONV";
  }
  return "?";
}

std::optional<Opcode> opcode_from_mnemonic(std::string_view m) {
  for (Opcode op : {Opcode::kAcc, Opcode::kPsum, Opcode::kFire, Opcode::kLeak, Opcode::kConv})
    if (mnemonic(op) == m) return op;
  return std::nullopt;
}

std::string validate(const Instruction& ins) {
  switch (ins.op) {
    case Opcode::kNop:
      return "NOP (opcode 0x0) is not a valid program instruction";
    case Opcode::kAcc: {
      const AccFields& f = ins.acc;
      std::string e = check_range("axon_base", f.axon_base, "axon_count", f.axon_count,
                                  kAxonsPerCore, kAxonsPerCore);
      if (e.empty())
        e = check_range("acc_base", f.acc_base, "cols", f.cols, kAccumulators, kAccumulators);
      if (e.empty() && f.weight_offset + unsigned(f.axon_count) * f.cols > kWeightSramBytes)
        e = "weight_offset " + std::to_string(f.weight_offset) + " + axon_count " +
            std::to_string(f.axon_count) + " x cols " + std::to_string(f.cols) + " = " +
            std::to_string(f.weight_offset + unsigned(f.axon_count) * f.cols) + " exceeds the " +
            std::to_string(kWeightSramBytes) + "-byte weight SRAM";
      return e.empty() ? e : "ACC: " + e;
    }
    case Opcode::kConv: {
      const std::string e = validate_conv(ins.conv);
      return e.empty() ? e : "CONV: " + e;
    }
    case Opcode::kPsum: {
      const PsumFields& f = ins.psum;
      std::string e =
          check_range("acc_base", f.acc_base, "count", f.count, kAccumulators, kAccumulators);
      if (e.empty())
        e = check_range("dst_neuron", f.dst_neuron, "count", f.count, kNeuronSlots, kNeuronSlots);
      return e.empty() ? e : "PSUM: " + e;
    }
    case Opcode::kFire: {
      std::string e = check_range("neuron_base", ins.fire.neuron_base, "count", ins.fire.count,
                                  kNeuronSlots, kNeuronSlots);
      return e.empty() ? e : "FIRE: " + e;
    }
    case Opcode::kLeak: {
      const LeakFields& f = ins.leak;
      std::string e =
          check_range("neuron_base", f.neuron_base, "count", f.count, kNeuronSlots, kNeuronSlots);
      if (e.empty() && (f.shift < kLeakShiftMin || f.shift > kLeakShiftMax))
        e = "shift " + std::to_string(f.shift) + " out of range " + std::to_string(kLeakShiftMin) +
            ".." + std::to_string(kLeakShiftMax);
      return e.empty() ? e : "LEAK: " + e;
    }
  }
  return "unknown opcode " + hex(static_cast<unsigned>(ins.op));
}

uint64_t encode(const Instruction& ins) {
  if (std::string e = validate(ins); !e.empty())
    throw std::invalid_argument("cannot encode instruction: " + e);
  uint64_t w = uint64_t(static_cast<uint8_t>(ins.op)) << kOpcodeShift;
  switch (ins.op) {
    case Opcode::kAcc:
      w |= put(ins.acc.axon_base, layout::kAccAxonBase) |
           put(ins.acc.axon_count - 1u, layout::kAccAxonCount) |
           put(ins.acc.weight_offset, layout::kAccWeightOffset) |
           put(ins.acc.cols - 1u, layout::kAccCols) | put(ins.acc.acc_base, layout::kAccAccBase);
      break;
    case Opcode::kConv: {
      const ConvFields& f = ins.conv;
      w |= put(f.axon_base, layout::kConvAxonBase) | put(f.in_c - 1u, layout::kConvInC) |
           put(f.in_h - 1u, layout::kConvInH) | put(f.in_w - 1u, layout::kConvInW) |
           put(f.kernel_h - 1u, layout::kConvKernelH) | put(f.kernel_w - 1u, layout::kConvKernelW) |
           put(f.stride - 1u, layout::kConvStride) | put(f.pad_left, layout::kConvPadLeft) |
           put(f.out_c - 1u, layout::kConvOutC) | put(f.out_h - 1u, layout::kConvOutH) |
           put(f.out_w - 1u, layout::kConvOutW) | put(f.weight_offset, layout::kConvWeightOffset) |
           put(f.acc_base, layout::kConvAccBase);
      break;
    }
    case Opcode::kPsum:
      w |= put(ins.psum.acc_base, layout::kPsumAccBase) |
           put(ins.psum.count - 1u, layout::kPsumCount) |
           put(ins.psum.dst_core, layout::kPsumDstCore) |
           put(ins.psum.dst_neuron, layout::kPsumDstNeuron) |
           put(ins.psum.dst_chip, layout::kPsumDstChip);
      break;
    case Opcode::kFire:
      w |= put(ins.fire.neuron_base, layout::kFireNeuronBase) |
           put(ins.fire.count - 1u, layout::kFireCount);
      break;
    case Opcode::kLeak:
      w |= put(ins.leak.neuron_base, layout::kLeakNeuronBase) |
           put(ins.leak.count - 1u, layout::kLeakCount) | put(ins.leak.shift, layout::kLeakShift);
      break;
    case Opcode::kNop:
      break;
  }
  return w;
}

std::optional<Instruction> decode(uint64_t word, std::string* error) {
  auto fail = [&](std::string msg) -> std::optional<Instruction> {
    if (error) *error = "instruction " + hex(word) + ": " + std::move(msg);
    return std::nullopt;
  };
  const unsigned opcode = unsigned(word >> kOpcodeShift);
  const layout::InstructionLayout* lay = layout::instruction_layout(opcode);
  if (lay == nullptr || opcode == static_cast<unsigned>(Opcode::kNop))
    return fail(opcode == 0 ? std::string("opcode 0x0 (NOP) is not allowed in a program")
                            : "unknown opcode " + hex(opcode) + " (bits 60..63), expected " +
                                  "0x1 ACC, 0x2 PSUM, 0x3 FIRE, 0x4 LEAK or 0x5 CONV");
  if (uint64_t reserved = word & ~lay->used_mask(); reserved != 0) {
    // Name the lowest reserved bit that is set, and the fields around it.
    unsigned bit = 0;
    while (((reserved >> bit) & 1u) == 0) ++bit;
    return fail(std::string(lay->mnemonic) + ": reserved bit " + std::to_string(bit) +
                " is set (reserved bits " + hex(reserved) + " must be zero)");
  }
  Instruction ins;
  ins.op = static_cast<Opcode>(opcode);
  switch (ins.op) {
    case Opcode::kAcc:
      ins.acc.axon_base = uint8_t(get(word, layout::kAccAxonBase));
      ins.acc.axon_count = uint16_t(get(word, layout::kAccAxonCount) + 1);
      ins.acc.weight_offset = uint8_t(get(word, layout::kAccWeightOffset));
      ins.acc.cols = uint8_t(get(word, layout::kAccCols) + 1);
      ins.acc.acc_base = uint8_t(get(word, layout::kAccAccBase));
      break;
    case Opcode::kConv: {
      ConvFields& f = ins.conv;
      auto size = [&](const BitField& b) { return uint8_t(get(word, b) + 1); };
      f.axon_base = uint8_t(get(word, layout::kConvAxonBase));
      f.in_c = size(layout::kConvInC);
      f.in_h = size(layout::kConvInH);
      f.in_w = size(layout::kConvInW);
      f.kernel_h = size(layout::kConvKernelH);
      f.kernel_w = size(layout::kConvKernelW);
      f.stride = size(layout::kConvStride);
      f.pad_left = uint8_t(get(word, layout::kConvPadLeft));
      f.out_c = size(layout::kConvOutC);
      f.out_h = size(layout::kConvOutH);
      f.out_w = size(layout::kConvOutW);
      f.weight_offset = uint8_t(get(word, layout::kConvWeightOffset));
      f.acc_base = uint8_t(get(word, layout::kConvAccBase));
      break;
    }
    case Opcode::kPsum:
      ins.psum.acc_base = uint8_t(get(word, layout::kPsumAccBase));
      ins.psum.count = uint8_t(get(word, layout::kPsumCount) + 1);
      ins.psum.dst_core = uint8_t(get(word, layout::kPsumDstCore));
      ins.psum.dst_neuron = uint8_t(get(word, layout::kPsumDstNeuron));
      ins.psum.dst_chip = uint8_t(get(word, layout::kPsumDstChip));
      break;
    case Opcode::kFire:
      ins.fire.neuron_base = uint8_t(get(word, layout::kFireNeuronBase));
      ins.fire.count = uint8_t(get(word, layout::kFireCount) + 1);
      break;
    case Opcode::kLeak:
      ins.leak.neuron_base = uint8_t(get(word, layout::kLeakNeuronBase));
      ins.leak.count = uint8_t(get(word, layout::kLeakCount) + 1);
      ins.leak.shift = uint8_t(get(word, layout::kLeakShift));
      break;
    case Opcode::kNop:
      break;
  }
  if (std::string e = validate(ins); !e.empty()) return fail(e);
  return ins;
}

// ---- Route entries -------------------------------------------------------------

std::string validate(const RouteEntry& r) {
  std::string e =
      check_range("neuron_base", r.neuron_base, "count", r.count, kNeuronSlots, kNeuronSlots);
  if (e.empty())
    e = check_range("dst_axon_base", r.dst_axon_base, "count", r.count, kNeuronSlots,
                    kAxonsPerCore);
  return e.empty() ? e : "route: " + e;
}

uint32_t encode(const RouteEntry& r) {
  if (std::string e = validate(r); !e.empty())
    throw std::invalid_argument("cannot encode route entry: " + e);
  return uint32_t(put(r.neuron_base, layout::kRouteNeuronBase) |
                  put(r.count - 1u, layout::kRouteCount) | put(r.dst_core, layout::kRouteDstCore) |
                  put(r.dst_axon_base, layout::kRouteDstAxonBase));
}

std::optional<RouteEntry> decode_route(uint32_t word, std::string* error) {
  auto fail = [&](std::string msg) -> std::optional<RouteEntry> {
    if (error) *error = "route entry " + hex(word) + ": " + std::move(msg);
    return std::nullopt;
  };
  if (uint32_t reserved = word & ~uint32_t(layout::kRouteLayout.used_mask()); reserved != 0) {
    unsigned bit = 0;
    while (((reserved >> bit) & 1u) == 0) ++bit;
    return fail("reserved bit " + std::to_string(bit) + " is set (reserved bits " + hex(reserved) +
                " must be zero)");
  }
  RouteEntry r;
  r.neuron_base = uint8_t(get(word, layout::kRouteNeuronBase));
  r.count = uint8_t(get(word, layout::kRouteCount) + 1);
  r.dst_core = uint8_t(get(word, layout::kRouteDstCore));
  r.dst_axon_base = uint8_t(get(word, layout::kRouteDstAxonBase));
  if (std::string e = validate(r); !e.empty()) return fail(e);
  return r;
}

// ---- Neuron parameters ------------------------------------------------------------

void encode(const NeuronParams& p, uint8_t out[kNeuronParamBytes]) {
  using namespace layout;
  const uint16_t t = uint16_t(p.threshold), b = uint16_t(p.bias);
  out[kNeuronThreshold.offset] = uint8_t(t);
  out[kNeuronThreshold.offset + 1] = uint8_t(t >> 8);
  out[kNeuronBias.offset] = uint8_t(b);
  out[kNeuronBias.offset + 1] = uint8_t(b >> 8);
  out[kNeuronBiasStart.offset] = p.bias_start;
  const uint16_t v0 = uint16_t(p.initial_potential);
  out[kNeuronInitialPotential.offset] = uint8_t(v0);
  out[kNeuronInitialPotential.offset + 1] = uint8_t(v0 >> 8);
  for (unsigned i = 0; i < kNeuronReserved.size; ++i) out[kNeuronReserved.offset + i] = 0;
}

std::optional<NeuronParams> decode_neuron(const uint8_t in[kNeuronParamBytes], std::string* error) {
  using namespace layout;
  auto u16 = [&](unsigned offset) { return uint16_t(in[offset] | (in[offset + 1] << 8)); };
  NeuronParams p;
  p.threshold = int16_t(u16(kNeuronThreshold.offset));
  p.bias = int16_t(u16(kNeuronBias.offset));
  p.bias_start = in[kNeuronBiasStart.offset];
  p.initial_potential = int16_t(u16(kNeuronInitialPotential.offset));
  std::string e;
  for (unsigned i = 0; i < kNeuronReserved.size && e.empty(); ++i)
    if (in[kNeuronReserved.offset + i] != 0)
      e = "reserved byte " + std::to_string(kNeuronReserved.offset + i) + " is " +
          std::to_string(in[kNeuronReserved.offset + i]) + ", must be 0";
  if (e.empty() && p.threshold < 1)
    e = "threshold " + std::to_string(p.threshold) + " out of range 1..32767";
  if (!e.empty()) {
    if (error) *error = "neuron parameters: " + e;
    return std::nullopt;
  }
  return p;
}

}  // namespace spikecore::isa
