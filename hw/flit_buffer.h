// Bounded flit FIFO with credit semantics: a slot freed in cycle c can be
// refilled from cycle c + 1 on (the credit travels back to the sender). The
// outcome therefore does not depend on whether the sender or the receiver is
// stepped first within a cycle.
#pragma once

#include <cstdint>
#include <vector>

#include "hw/flit.h"

namespace spikecore::hw {

class FlitBuffer {
 public:
  explicit FlitBuffer(unsigned capacity = 4) : slots_(capacity) {}

  bool can_accept(uint64_t cycle) const {
    const unsigned freed_now = last_pop_cycle_ == cycle ? pops_in_last_cycle_ : 0;
    return size_ + freed_now < slots_.size();
  }
  void push(const Flit& flit) {
    unsigned tail = head_ + size_;
    if (tail >= slots_.size()) tail -= unsigned(slots_.size());
    slots_[tail] = flit;
    ++size_;
    if (size_ > max_occupancy_) max_occupancy_ = size_;
  }
  // `transfer` was refused. Its sender hears credit_returned() when a slot
  // frees: at once if one freed in this very cycle (usable from the next
  // cycle), else at the next pop.
  void refuse(const FlitTransfer& transfer) {
    if (transfer.sender == nullptr) return;
    if (last_pop_cycle_ == transfer.cycle) {
      transfer.sender->credit_returned(transfer.sender_port);
      return;
    }
    waiting_ = transfer.sender;
    waiting_port_ = transfer.sender_port;
  }

  const Flit& front() const { return slots_[head_]; }
  Flit& front() { return slots_[head_]; }
  void pop(uint64_t cycle) {
    if (++head_ == slots_.size()) head_ = 0;
    --size_;
    if (last_pop_cycle_ != cycle) {
      last_pop_cycle_ = cycle;
      pops_in_last_cycle_ = 0;
    }
    ++pops_in_last_cycle_;
    if (waiting_ != nullptr) {
      CreditListener* sender = waiting_;
      waiting_ = nullptr;
      sender->credit_returned(waiting_port_);
    }
  }
  bool empty() const { return size_ == 0; }
  unsigned size() const { return size_; }
  unsigned capacity() const { return unsigned(slots_.size()); }
  unsigned max_occupancy() const { return max_occupancy_; }
  void reset_max_occupancy() { max_occupancy_ = size_; }
  void clear() {
    head_ = size_ = 0;
    last_pop_cycle_ = UINT64_MAX;
    pops_in_last_cycle_ = 0;
    max_occupancy_ = 0;
    waiting_ = nullptr;
  }

 private:
  std::vector<Flit> slots_;
  unsigned head_ = 0, size_ = 0;
  uint64_t last_pop_cycle_ = UINT64_MAX;
  unsigned pops_in_last_cycle_ = 0;
  unsigned max_occupancy_ = 0;
  CreditListener* waiting_ = nullptr;  // refused sender waiting for a slot
  unsigned waiting_port_ = 0;
};

}  // namespace spikecore::hw
