// One-flit NoC packets and the TLM-2.0 protocol that carries them over links.
//
// Links use their own protocol type (FlitProtocol) rather than the generic
// payload, so a link socket can only be bound to another link socket. A link
// transfer is a blocking call made in the cycle the flit leaves its buffer:
// the receiver either takes the flit (accepted = true) or refuses it because
// its buffer is full; then the sender keeps the flit and counts a stall, and
// the receiver wakes the sender when the slot frees (the credit), so a
// blocked sender need not retry every cycle.
#pragma once

#include <cstdint>

#include <tlm>

#include "isa/packet.h"

namespace spikecore::hw {

struct Flit {  // 32 bytes (half a cache line): copied on every hop
  isa::Packet packet;             // 10 bytes
  uint16_t hops = 0;              // router-to-router links traversed so far
  uint16_t dst_x = 0, dst_y = 0;  // board-mesh position of the destination (set where it enters)
  uint64_t injected_cycle = 0;    // cycle the source core handed it to its router (statistics)
  uint64_t ready_cycle = 0;       // earliest cycle it may leave the buffer holding it
};
static_assert(sizeof(Flit) == 32, "a flit is half a cache line");

// The sending end of a link: told when a buffer slot it was refused has freed
// (the credit coming back), so it can sleep instead of retrying every cycle.
class CreditListener {
 public:
  virtual ~CreditListener() = default;
  virtual void credit_returned(unsigned port) = 0;
};

struct FlitTransfer {
  // The flit offered; it stays in the sender's buffer, and the receiver copies
  // it when it takes it. Each receiving router counts the link it came over.
  const Flit* flit = nullptr;
  uint64_t cycle = 0;                 // the cycle of the transfer
  CreditListener* sender = nullptr;   // told when a refused slot frees
  uint8_t sender_port = 0;            // the sender's output port (its argument then)
  bool accepted = false;              // set by the receiver
};

struct FlitProtocol {
  using tlm_payload_type = FlitTransfer;
  using tlm_phase_type = tlm::tlm_phase;
};

}  // namespace spikecore::hw
