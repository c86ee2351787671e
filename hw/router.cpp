#include "hw/router.h"

#include <algorithm>
#include <string>

namespace spikecore::hw {

const char* Router::port_name(unsigned port) {
  static const char* const names[kRouterPorts] = {"north", "east", "south", "west", "local"};
  return port < kRouterPorts ? names[port] : "none";
}

Router::Router(sc_core::sc_module_name name, CycleScheduler& scheduler, unsigned x, unsigned y,
               unsigned mesh_width, unsigned mesh_height, const isa::Microarchitecture& micro,
               unsigned board_width, unsigned board_height)
    : sc_core::sc_module(name),
      scheduler_(scheduler),
      id_(scheduler.add(this)),
      x_(x),
      y_(y),
      width_(mesh_width),
      height_(mesh_height),
      board_width_(board_width),
      board_height_(board_height),
      hop_cycles_(micro.router_hop_cycles) {
  for (unsigned p = 0; p < kRouterPorts; ++p) {
    const std::string port = port_name(p);
    inputs_[p] = std::make_unique<FlitInput>((port + "_in").c_str());
    outputs_[p] = std::make_unique<FlitOutput>((port + "_out").c_str());
    buffers_[p] = FlitBuffer(micro.router_buffer_flits);
    inputs_[p]->set_receiver(this, p);
  }
  blocked_since_.fill(kNever);
}

unsigned Router::route(unsigned dst_core, unsigned dst_chip) const {
  if (dst_core / width_ >= height_ || dst_chip >= board_width_ * board_height_) return kRouterPorts;
  return route_xy(dst_chip % board_width_ * width_ + dst_core % width_,
                  dst_chip / board_width_ * height_ + dst_core / width_);
}

void Router::receive_flit(unsigned port, FlitTransfer& transfer) {
  FlitBuffer& buffer = buffers_[port];
  if (!buffer.can_accept(transfer.cycle)) {  // refused: the sender keeps the flit
    buffer.refuse(transfer);
    return;
  }
  transfer.accepted = true;
  const Flit& offered = *transfer.flit;
  unsigned dst_x = offered.dst_x, dst_y = offered.dst_y;
  if (port == kLocal) {  // the flit enters the mesh here: where is its destination?
    const unsigned dst = offered.packet.dst_core, chip = offered.packet.dst_chip;
    if (dst / width_ >= height_ || chip >= board_width_ * board_height_) {
      ++counters_.dropped;  // taken off the link so the sender cannot wedge
      SC_REPORT_WARNING(name(), ("dropped a flit for core " + std::to_string(dst) + " of chip " +
                                 std::to_string(chip) + ", which is outside the board")
                                    .c_str());
      return;
    }
    dst_x = chip % board_width_ * width_ + dst % width_;
    dst_y = chip / board_width_ * height_ + dst / width_;
  }
  Flit& flit = buffer.push(offered);
  flit.dst_x = uint16_t(dst_x);
  flit.dst_y = uint16_t(dst_y);
  flit.ready_cycle = transfer.cycle + hop_cycles_;
  if (port != kLocal) ++flit.hops;  // it came over a link
  if (buffer.size() == 1) cache_head(port);
  occupied_inputs_ |= 1u << port;
  if (buffer.size() > counters_.max_buffer_occupancy)
    counters_.max_buffer_occupancy = buffer.size();
  if (port == kLocal) ++counters_.injected;
  // Nothing can happen here before the flit is ready, so sleep until then. A
  // flit behind another needs no wake-up of its own: the step that moves the
  // head sets the next one from the new head. A traced router is stepped in
  // the next cycle, as its occupancy signal changes in the cycle after each
  // arrival.
  if (probe_)
    scheduler_.activate(id_);
  else if (buffer.size() == 1)
    scheduler_.wake_at(id_, flit.ready_cycle);
}

void Router::credit_returned(unsigned port) {
  credited_outputs_ |= uint8_t(1u << port);
  scheduler_.activate(id_);
}

void Router::resolve_links() {
  links_resolved_ = true;
  for (unsigned out = 0; out < kRouterPorts; ++out) {
    next_router_[out] = dynamic_cast<Router*>(outputs_[out]->resolved_receiver());
    next_port_[out] = uint8_t(outputs_[out]->resolved_port());
  }
}

// A hop to a neighbouring router is a direct (inlinable) call; cores, chip
// links and edges go through the link.
inline bool Router::send(unsigned out, FlitTransfer& transfer) {
  if (Router* next = next_router_[out]) {
    transfer.accepted = false;
    next->receive_flit(next_port_[out], transfer);
    return transfer.accepted;
  }
  return outputs_[out]->send(transfer);
}

bool Router::step_cycle(uint64_t cycle) {
  if (!links_resolved_) resolve_links();
  // A blocked output stalled in every cycle it slept through; without a
  // credit it stays blocked (and stalls) in this cycle too, untried.
  unsigned waiting_outputs = 0;  // blocked in this cycle
  for (unsigned bits = blocked_outputs_; bits != 0; bits &= bits - 1) {
    const unsigned out = unsigned(__builtin_ctz(bits));
    uint64_t& since = blocked_since_[out];
    if (cycle > since + 1) counters_.stall_cycles += cycle - since - 1;
    if (credited_outputs_ & (1u << out)) {
      since = kNever;
      blocked_outputs_ &= uint8_t(~(1u << out));
    } else {
      ++counters_.stall_cycles;
      since = cycle;
      waiting_outputs |= 1u << out;
    }
  }
  // Requests: bit (out * kRouterPorts + in) when input in's head is ready for out.
  uint32_t requests = 0;
  unsigned requested_outputs = 0;
  for (unsigned bits = occupied_inputs_; bits != 0; bits &= bits - 1) {
    const unsigned in = unsigned(__builtin_ctz(bits));
    if (head_ready_[in] > cycle) continue;
    requests |= 1u << (head_out_[in] * kRouterPorts + in);
    requested_outputs |= 1u << head_out_[in];
  }
  constexpr unsigned kAllInputs = (1u << kRouterPorts) - 1;
  unsigned moved = 0;
  for (unsigned outs = requested_outputs & ~waiting_outputs; outs != 0; outs &= outs - 1) {
    const unsigned out = unsigned(__builtin_ctz(outs));
    // Round robin: the first requesting input at or after round_robin_[out] wins.
    const unsigned inputs = (requests >> (out * kRouterPorts)) & kAllInputs;
    const unsigned rr = round_robin_[out];
    const unsigned rotated = ((inputs >> rr) | (inputs << (kRouterPorts - rr))) & kAllInputs;
    unsigned in = rr + unsigned(__builtin_ctz(rotated));
    if (in >= kRouterPorts) in -= kRouterPorts;
    FlitBuffer& buffer = buffers_[in];
    FlitTransfer transfer{&buffer.front(), cycle, this, uint8_t(out), false};
    credited_outputs_ &= uint8_t(~(1u << out));
    if (send(out, transfer)) {
      buffer.pop(cycle);
      if (buffer.empty())
        occupied_inputs_ &= ~(1u << in);
      else
        cache_head(in);
      round_robin_[out] = uint8_t(in + 1 == kRouterPorts ? 0 : in + 1);
      ++moved;
      if (out == kLocal)
        ++counters_.ejected;
      else
        ++counters_.link_hops;
    } else {
      ++counters_.stall_cycles;
      blocked_since_[out] = cycle;
      blocked_outputs_ |= 1u << out;
      waiting_outputs |= 1u << out;
    }
  }

  // Work next cycle? Heads waiting for a credit sleep until the receiver wakes
  // us; heads not ready yet set a timer.
  bool busy_next = false;
  uint64_t wake = kNever;
  for (unsigned bits = occupied_inputs_; bits != 0; bits &= bits - 1) {
    const unsigned in = unsigned(__builtin_ctz(bits));
    if (head_ready_[in] > cycle + 1)
      wake = std::min(wake, head_ready_[in]);
    else if ((waiting_outputs & (1u << head_out_[in])) == 0)
      busy_next = true;
  }
  if (probe_) probe_(cycle, moved, occupancy());
  if (!busy_next && wake != kNever) scheduler_.wake_at(id_, wake);
  return busy_next;
}

void Router::clear() {
  for (FlitBuffer& b : buffers_) b.clear();
  round_robin_.fill(0);
  blocked_since_.fill(kNever);
  credited_outputs_ = 0;
  occupied_inputs_ = blocked_outputs_ = 0;
  counters_ = RouterCounters{};
}

RouterCounters Router::counters_through(uint64_t cycle) const {
  RouterCounters c = counters_;
  for (uint64_t since : blocked_since_)
    if (since != kNever && since < cycle) c.stall_cycles += cycle - since;
  return c;
}

void Router::settle_stalls_at_pause(uint64_t cycle) {
  for (uint64_t& since : blocked_since_) {
    if (since == kNever || since >= cycle) continue;
    counters_.stall_cycles += cycle - since;
    since = cycle;
  }
}

void Router::settle_stalls_at_resume(uint64_t cycle) {
  for (uint64_t& since : blocked_since_)
    if (since != kNever && cycle > 0) since = cycle - 1;
}

unsigned Router::occupancy() const {
  unsigned n = 0;
  for (const FlitBuffer& b : buffers_) n += b.size();
  return n;
}

}  // namespace spikecore::hw
