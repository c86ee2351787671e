#include "hw/router.h"

#include <algorithm>
#include <string>

namespace spikecore::hw {

const char* Router::port_name(unsigned port) {
  static const char* const names[kRouterPorts] = {"north", "east", "south", "west", "local"};
  return port < kRouterPorts ? names[port] : "none";
}

Router::Router(sc_core::sc_module_name name, CycleScheduler& scheduler, unsigned x, unsigned y,
               unsigned mesh_width, unsigned mesh_height)
    : sc_core::sc_module(name),
      scheduler_(scheduler),
      id_(scheduler.add(this)),
      x_(x),
      y_(y),
      width_(mesh_width),
      height_(mesh_height) {
  for (unsigned p = 0; p < kRouterPorts; ++p) {
    const std::string port = port_name(p);
    inputs_[p] = std::make_unique<FlitInput>((port + "_in").c_str());
    outputs_[p] = std::make_unique<FlitOutput>((port + "_out").c_str());
    buffers_[p] = FlitBuffer(kRouterBufferFlits);
    inputs_[p]->set_receiver(this, p);
  }
  blocked_since_.fill(kNever);
}

unsigned Router::route(unsigned dst_core) const {
  const unsigned dx = dst_core % width_, dy = dst_core / width_;
  if (dy >= height_) return kRouterPorts;
  if (dx > x_) return kEast;
  if (dx < x_) return kWest;
  if (dy > y_) return kSouth;
  if (dy < y_) return kNorth;
  return kLocal;
}

void Router::receive_flit(unsigned port, FlitTransfer& transfer) {
  FlitBuffer& buffer = buffers_[port];
  if (!buffer.can_accept(transfer.cycle)) {  // refused: the sender keeps the flit
    buffer.refuse(transfer);
    return;
  }
  transfer.accepted = true;
  const unsigned out = route(transfer.flit.packet.dst_core);
  if (out == kRouterPorts) {
    ++counters_.dropped;  // taken off the link so the sender cannot wedge
    SC_REPORT_WARNING(name(), ("dropped a flit for core " +
                               std::to_string(transfer.flit.packet.dst_core) +
                               ", which is outside the mesh")
                                  .c_str());
    return;
  }
  Flit flit = transfer.flit;
  flit.ready_cycle = transfer.cycle + kRouterHopCycles;
  flit.out_port = uint8_t(out);
  buffer.push(flit);
  if (buffer.size() > counters_.max_buffer_occupancy)
    counters_.max_buffer_occupancy = buffer.size();
  if (port == kLocal) ++counters_.injected;
  scheduler_.activate(id_);
}

void Router::credit_returned(unsigned port) {
  credit_[port] = true;
  scheduler_.activate(id_);
}

bool Router::step_cycle(uint64_t cycle) {
  // A blocked output stalled in every cycle it slept through; without a
  // credit it stays blocked (and stalls) in this cycle too, untried.
  for (unsigned out = 0; out < kRouterPorts; ++out) {
    uint64_t& since = blocked_since_[out];
    if (since == kNever) continue;
    if (cycle > since + 1) counters_.stall_cycles += cycle - since - 1;
    if (credit_[out]) {
      since = kNever;
    } else {
      ++counters_.stall_cycles;
      since = cycle;
    }
  }
  // Requests: bit `in` of requests[out] when input in's head is ready for out.
  std::array<unsigned, kRouterPorts> requests{};
  for (unsigned in = 0; in < kRouterPorts; ++in) {
    const FlitBuffer& b = buffers_[in];
    if (!b.empty() && b.front().ready_cycle <= cycle) requests[b.front().out_port] |= 1u << in;
  }
  unsigned moved = 0;
  for (unsigned out = 0; out < kRouterPorts; ++out) {
    if (requests[out] == 0 || blocked_since_[out] == cycle) continue;
    // Round robin: the first requesting input at or after round_robin_[out] wins.
    const unsigned rr = round_robin_[out];
    const unsigned all = (1u << kRouterPorts) - 1;
    const unsigned rotated = ((requests[out] >> rr) | (requests[out] << (kRouterPorts - rr))) & all;
    unsigned in = rr + unsigned(__builtin_ctz(rotated));
    if (in >= kRouterPorts) in -= kRouterPorts;
    FlitBuffer& buffer = buffers_[in];
    FlitTransfer transfer;
    transfer.flit = buffer.front();
    transfer.cycle = cycle;
    transfer.sender = this;
    transfer.sender_port = uint8_t(out);
    if (out != kLocal) ++transfer.flit.hops;
    credit_[out] = false;
    if (outputs_[out]->send(transfer)) {
      buffer.pop(cycle);
      round_robin_[out] = in + 1 == kRouterPorts ? 0 : in + 1;
      ++moved;
      if (out == kLocal)
        ++counters_.ejected;
      else
        ++counters_.link_hops;
    } else {
      ++counters_.stall_cycles;
      blocked_since_[out] = cycle;
    }
  }

  // Work next cycle? Heads waiting for a credit sleep until the receiver wakes
  // us; heads not ready yet set a timer.
  bool busy_next = false;
  uint64_t wake = kNever;
  unsigned left = 0;
  for (const FlitBuffer& b : buffers_) {
    if (b.empty()) continue;
    left += b.size();
    const Flit& head = b.front();
    if (head.ready_cycle > cycle + 1)
      wake = std::min(wake, head.ready_cycle);
    else if (blocked_since_[head.out_port] != cycle)
      busy_next = true;
  }
  if (probe_) probe_(cycle, moved, left);
  if (!busy_next && wake != kNever) scheduler_.wake_at(id_, wake);
  return busy_next;
}

void Router::clear() {
  for (FlitBuffer& b : buffers_) b.clear();
  round_robin_.fill(0);
  blocked_since_.fill(kNever);
  credit_.fill(false);
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
