// FIFO on one contiguous ring of slots (a power of two, grown by doubling when
// full): front, push and pop touch one array, unlike std::deque's blocks.
// The neuron core's outbox uses it; it never holds more than kOutboxEntries
// entries for a checked image, but a program written through the memory map
// may fire a slot twice per step, so it must not be bounded.
#pragma once

#include <cstddef>
#include <vector>

namespace spikecore::hw {

template <typename T>
class RingFifo {
 public:
  explicit RingFifo(size_t initial_capacity) : slots_(round_up(initial_capacity)) {}

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  T& front() { return slots_[head_]; }
  const T& front() const { return slots_[head_]; }
  void push_back(const T& value) {
    if (size_ == slots_.size()) grow();
    slots_[(head_ + size_) & (slots_.size() - 1)] = value;
    ++size_;
  }
  void pop_front() {
    head_ = (head_ + 1) & (slots_.size() - 1);
    --size_;
  }
  void clear() { head_ = size_ = 0; }

 private:
  static size_t round_up(size_t n) {
    size_t capacity = 1;
    while (capacity < n) capacity *= 2;
    return capacity;
  }
  void grow() {
    std::vector<T> bigger(slots_.size() * 2);
    for (size_t i = 0; i < size_; ++i) bigger[i] = slots_[(head_ + i) & (slots_.size() - 1)];
    slots_.swap(bigger);
    head_ = 0;
  }

  std::vector<T> slots_;
  size_t head_ = 0, size_ = 0;
};

}  // namespace spikecore::hw
