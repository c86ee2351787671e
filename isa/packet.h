// SpikeCore NoC packet format: every packet is one flit.
#pragma once

#include <cstdint>

namespace spikecore::isa {

enum class PacketKind : uint8_t {
  kSpike = 0,       // binary spike to (dst_core, index = axon id)
  kPartialSum = 1,  // graded int16 value to (dst_core, index = soma neuron slot)
};

// 41 payload bits on the wire: kind 1, dst_chip 8, dst_core 8, index 8,
// value 16, plus the source chip and core kept for tracing and statistics only.
struct Packet {
  PacketKind kind = PacketKind::kSpike;
  uint8_t dst_core = 0;
  uint8_t index = 0;   // axon id (spike) or neuron slot (partial sum)
  int16_t value = 0;   // partial sums only; 0 for spikes
  uint8_t src_core = 0;
  uint8_t dst_chip = 0;  // chip of dst_core on a board (0 on one chip)
  uint8_t src_chip = 0;

  bool operator==(const Packet& o) const {
    return kind == o.kind && dst_core == o.dst_core && index == o.index && value == o.value &&
           src_core == o.src_core && dst_chip == o.dst_chip && src_chip == o.src_chip;
  }
};

constexpr unsigned kPacketWireBits = 1 + 8 + 8 + 8 + 16;

// Packed form: bit 0 kind, bits 8..15 dst_core, 16..23 index, 24..31 dst_chip,
// 32..47 value, 48..55 src_core, 56..63 src_chip.
inline uint64_t pack(const Packet& p) {
  return uint64_t(p.kind) | (uint64_t(p.dst_core) << 8) | (uint64_t(p.index) << 16) |
         (uint64_t(p.dst_chip) << 24) | (uint64_t(uint16_t(p.value)) << 32) |
         (uint64_t(p.src_core) << 48) | (uint64_t(p.src_chip) << 56);
}
inline Packet unpack(uint64_t w) {
  Packet p;
  p.kind = static_cast<PacketKind>(w & 1);
  p.dst_core = uint8_t(w >> 8);
  p.index = uint8_t(w >> 16);
  p.value = int16_t(uint16_t(w >> 32));
  p.src_core = uint8_t(w >> 48);
  p.dst_chip = uint8_t(w >> 24);
  p.src_chip = uint8_t(w >> 56);
  return p;
}

}  // namespace spikecore::isa
