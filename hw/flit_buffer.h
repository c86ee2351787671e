// Bounded flit FIFO with credit semantics: a slot freed in cycle c can be
// refilled from cycle c + 1 on (the credit travels back to the sender). The
// outcome therefore does not depend on whether the sender or the receiver is
// stepped first within a cycle.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "hw/flit.h"
#include "hw/microarchitecture.h"

namespace spikecore::hw {

class FlitBuffer {
 public:
  // Storage is inline (no pointer to chase on the hot path), so the capacity
  // is bounded by the deepest buffer a hardware description may ask for.
  static constexpr unsigned kMaxCapacity = isa::kMaxBufferFlits;

  explicit FlitBuffer(unsigned capacity = kMaxCapacity) : capacity_(capacity) {
    if (capacity < 1 || capacity > kMaxCapacity)
      throw std::invalid_argument("FlitBuffer capacity must be 1.." + std::to_string(kMaxCapacity));
  }

  bool can_accept(uint64_t cycle) const {
    const unsigned freed_now = last_pop_cycle_ == cycle ? pops_in_last_cycle_ : 0;
    return size_ + freed_now < capacity_;
  }
  // Appends a copy of `flit`; returns the stored copy.
  Flit& push(const Flit& flit) {
    const unsigned tail = head_ + size_;
    Flit& stored = slots_[tail >= capacity_ ? tail - capacity_ : tail];
    stored = flit;
    ++size_;
    if (size_ > max_occupancy_) max_occupancy_ = size_;
    return stored;
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
  // The i-th flit from the head, i < size() (read-only, for diagnostics).
  const Flit& at(unsigned i) const { return slots_[(head_ + i) % capacity_]; }
  Flit& front() { return slots_[head_]; }
  void pop(uint64_t cycle) {
    if (++head_ == capacity_) head_ = 0;
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
  unsigned capacity() const { return capacity_; }
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
  // The bookkeeping first: it shares a cache line with the first slots. The
  // ring uses the first capacity_ slots only, so a shallow buffer touches
  // few cache lines.
  unsigned capacity_;
  unsigned head_ = 0, size_ = 0;
  unsigned pops_in_last_cycle_ = 0;
  uint64_t last_pop_cycle_ = UINT64_MAX;
  CreditListener* waiting_ = nullptr;  // refused sender waiting for a slot
  unsigned waiting_port_ = 0;
  unsigned max_occupancy_ = 0;
  std::array<Flit, kMaxCapacity> slots_{};
};

}  // namespace spikecore::hw
