// Link endpoints for FlitProtocol: a flit output (initiator socket) and a flit
// input (target socket that hands each transfer to a callback). Sockets on a
// mesh edge stay unbound, so both allow zero bindings; sending through an
// unbound output refuses the flit instead of crashing.
//
// A link carries a flit in most cycles, so an output resolves its binding once,
// at its first transfer (elaboration is over by then): when the socket is
// bound to a FlitInput, transfers go straight to that input's receiver, which
// is exactly what the input's b_transport would do; any other target is
// called through b_transport.
#pragma once

#include <systemc>
#include <tlm>

#include "hw/flit.h"

namespace spikecore::hw {

using FlitInitiatorSocket =
    tlm::tlm_initiator_socket<64, FlitProtocol, 1, sc_core::SC_ZERO_OR_MORE_BOUND>;
using FlitTargetSocket =
    tlm::tlm_target_socket<64, FlitProtocol, 1, sc_core::SC_ZERO_OR_MORE_BOUND>;

// Whoever owns a FlitInput gets its transfers, tagged with the input's port.
class FlitReceiver {
 public:
  virtual ~FlitReceiver() = default;
  virtual void receive_flit(unsigned port, FlitTransfer& transfer) = 0;
};

class FlitOutput : public tlm::tlm_bw_transport_if<FlitProtocol> {
 public:
  explicit FlitOutput(const char* name) : socket(name) { socket.bind(*this); }

  // Offers the flit to the receiver; true when it was taken.
  bool send(FlitTransfer& transfer) {
    if (!resolved_) resolve_target();
    transfer.accepted = false;
    if (receiver_ != nullptr) {
      receiver_->receive_flit(receiver_port_, transfer);
    } else if (other_target_) {
      sc_core::sc_time no_delay = sc_core::SC_ZERO_TIME;
      socket->b_transport(transfer, no_delay);
    }
    return transfer.accepted;
  }
  bool bound() const { return socket.size() > 0; }
  // The receiver behind the socket once resolved (null: a mesh edge or a
  // target other than a FlitInput), and the port it hears the flit on.
  FlitReceiver* resolved_receiver() {
    if (!resolved_) resolve_target();
    return receiver_;
  }
  unsigned resolved_port() const { return receiver_port_; }

  FlitInitiatorSocket socket;

 private:
  inline void resolve_target();
  tlm::tlm_sync_enum nb_transport_bw(FlitTransfer&, tlm::tlm_phase&, sc_core::sc_time&) override {
    return tlm::TLM_COMPLETED;  // links are blocking only
  }
  void invalidate_direct_mem_ptr(sc_dt::uint64, sc_dt::uint64) override {}

  bool resolved_ = false;
  FlitReceiver* receiver_ = nullptr;  // of the FlitInput the socket is bound to
  unsigned receiver_port_ = 0;
  bool other_target_ = false;         // bound to something else: use b_transport
};

class FlitInput : public tlm::tlm_fw_transport_if<FlitProtocol> {
 public:
  explicit FlitInput(const char* name) : socket(name) { socket.bind(*this); }
  void set_receiver(FlitReceiver* receiver, unsigned port) {
    receiver_ = receiver;
    port_ = port;
  }
  FlitReceiver* receiver() const { return receiver_; }
  unsigned port() const { return port_; }

  FlitTargetSocket socket;

 private:
  void b_transport(FlitTransfer& transfer, sc_core::sc_time&) override {
    if (receiver_) receiver_->receive_flit(port_, transfer);
  }
  tlm::tlm_sync_enum nb_transport_fw(FlitTransfer& transfer, tlm::tlm_phase&,
                                     sc_core::sc_time& delay) override {
    b_transport(transfer, delay);
    return tlm::TLM_COMPLETED;
  }
  bool get_direct_mem_ptr(FlitTransfer&, tlm::tlm_dmi&) override { return false; }
  unsigned int transport_dbg(FlitTransfer&) override { return 0; }

  FlitReceiver* receiver_ = nullptr;
  unsigned port_ = 0;
};

void FlitOutput::resolve_target() {
  resolved_ = true;
  if (socket.size() == 0) return;  // a mesh edge: every flit is refused
  if (const auto* input = dynamic_cast<const FlitInput*>(socket.get_interface(0))) {
    receiver_ = input->receiver();
    receiver_port_ = input->port();
  }
  other_target_ = receiver_ == nullptr;
}

// Connects an output to an input (one direction of a link).
inline void connect(FlitOutput& from, FlitInput& to) { from.socket.bind(to.socket); }

}  // namespace spikecore::hw
