#include "hw/chip_link.h"

#include <algorithm>

namespace spikecore::hw {

ChipLink::ChipLink(sc_core::sc_module_name name, CycleScheduler& scheduler,
                   const isa::ChipLinks& description)
    : sc_core::sc_module(name),
      scheduler_(scheduler),
      id_(scheduler.add(this)),
      description_(description),
      buffer_(description.buffer_flits) {
  in.set_receiver(this, 0);
}

void ChipLink::receive_flit(unsigned, FlitTransfer& transfer) {
  if (!buffer_.can_accept(transfer.cycle)) {  // no credit: the far buffer is full
    buffer_.refuse(transfer);
    return;
  }
  if (transfer.cycle < next_accept_) {  // still serialising the previous flit
    // The sender retries in the cycle after it hears the credit: tell it in
    // the cycle before the serialiser frees.
    if (transfer.sender == nullptr) return;
    if (transfer.cycle + 1 >= next_accept_) {
      transfer.sender->credit_returned(transfer.sender_port);
    } else {
      serial_waiter_ = transfer.sender;
      serial_waiter_port_ = transfer.sender_port;
      scheduler_.wake_at(id_, next_accept_ - 1);
    }
    return;
  }
  transfer.accepted = true;
  Flit& flit = buffer_.push(*transfer.flit);
  flit.ready_cycle = transfer.cycle + description_.latency_cycles;
  next_accept_ = transfer.cycle + description_.cycles_per_flit;
  ++counters_.flits;
  counters_.busy_cycles += description_.cycles_per_flit;
  counters_.max_occupancy = std::max(counters_.max_occupancy, buffer_.size());
  if (probe_)
    scheduler_.activate(id_);
  else if (buffer_.size() == 1)
    scheduler_.wake_at(id_, flit.ready_cycle);
}

void ChipLink::credit_returned(unsigned) {
  credited_ = true;
  scheduler_.activate(id_);
}

bool ChipLink::step_cycle(uint64_t cycle) {
  if (serial_waiter_ != nullptr && cycle + 1 >= next_accept_) {
    CreditListener* sender = serial_waiter_;
    serial_waiter_ = nullptr;
    sender->credit_returned(serial_waiter_port_);  // it retries from the next cycle
  }
  unsigned moved = 0;
  const bool waiting_for_credit = blocked_since_ != kNever && !credited_;
  if (!buffer_.empty() && buffer_.front().ready_cycle <= cycle && !waiting_for_credit) {
    credited_ = false;
    FlitTransfer transfer{&buffer_.front(), cycle, this, 0, false};
    if (out.send(transfer)) {
      if (blocked_since_ != kNever) counters_.stall_cycles += cycle - blocked_since_;
      blocked_since_ = kNever;
      buffer_.pop(cycle);
      moved = 1;
    } else if (blocked_since_ == kNever) {
      blocked_since_ = cycle;
    }
  }
  if (probe_) probe_(cycle, moved, buffer_.size());
  if (buffer_.empty()) return probe_ != nullptr && moved != 0;  // one more probe: occupancy 0
  if (blocked_since_ != kNever && !credited_) return false;  // the router's credit wakes us
  const uint64_t ready = buffer_.front().ready_cycle;
  if (ready > cycle + 1) {
    scheduler_.wake_at(id_, ready);
    return false;
  }
  return true;
}

void ChipLink::clear() {
  buffer_.clear();
  next_accept_ = 0;
  blocked_since_ = kNever;
  credited_ = false;
  serial_waiter_ = nullptr;
  counters_ = ChipLinkCounters{};
}

}  // namespace spikecore::hw
