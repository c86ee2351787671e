#include "hw/cycle_scheduler.h"

#include <algorithm>

namespace spikecore::hw {

CycleScheduler::CycleScheduler(sc_core::sc_module_name name, sc_core::sc_time period)
    : sc_core::sc_module(name), period_(period) {
  if (period_ == sc_core::SC_ZERO_TIME)
    SC_REPORT_FATAL(this->name(), "clock period must be greater than zero");
  SC_METHOD(run);
  dont_initialize();
  sensitive << wake_;
}

unsigned CycleScheduler::add_stepper(Clocked* component, Stepper step) {
  components_.push_back(Component{component, step});
  const size_t words = (components_.size() + 63) / 64;
  if (words != words_) {  // one more word per component set
    wheel_.resize(kWheelCycles * words, 0);
    words_ = words;
    next_.resize(words_, 0);
    stepping_.resize(words_, 0);
  }
  return unsigned(components_.size() - 1);
}

// Out of the per-cycle path: a wake-up past the wheel, and telling an idle
// kernel that there is work.
void CycleScheduler::add_far_timer(unsigned id, uint64_t cycle) {
  far_timers_.push({cycle, id});
}

void CycleScheduler::notify_kernel() { wake_.notify(sc_core::SC_ZERO_TIME); }

void CycleScheduler::pause() { paused_ = true; }

void CycleScheduler::resume() {
  paused_ = false;
  busy_since_ = std::max(next_cycle_, kernel_cycle());
  wake_.notify(sc_core::SC_ZERO_TIME);
}

void CycleScheduler::drop_all_work() {
  std::fill(next_.begin(), next_.end(), 0);
  active_count_ = 0;
  std::fill(wheel_.begin(), wheel_.end(), 0);
  wheel_used_ = 0;
  far_timers_ = {};
}

uint64_t CycleScheduler::kernel_cycle() const {
  const uint64_t t = sc_core::sc_time_stamp().value();
  const uint64_t p = period_.value();
  return (t + p - 1) / p;
}

sc_core::sc_time CycleScheduler::delay_until(uint64_t cycle) const {
  const sc_core::sc_time at = period_ * double(cycle);
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  return at > now ? at - now : sc_core::SC_ZERO_TIME;
}

void CycleScheduler::collect_timers(uint64_t cycle) {
  while (!far_timers_.empty() && far_timers_.top().first <= cycle) {
    activate(far_timers_.top().second);
    far_timers_.pop();
  }
  if (cycle < wheel_base_) return;
  if (wheel_used_ != 0) {
    // Slots of the cycles wheel_base_ .. cycle (all of them after a long jump).
    const uint64_t span = cycle - wheel_base_ + 1;
    uint64_t due = wheel_used_;
    if (span < kWheelCycles) {
      const unsigned first = unsigned(wheel_base_ % kWheelCycles);
      const uint64_t run = (uint64_t(1) << span) - 1;
      due &= (run << first) | (first == 0 ? 0 : run >> (kWheelCycles - first));
    }
    wheel_used_ &= ~due;
    for (; due != 0; due &= due - 1) {
      const unsigned slot = unsigned(__builtin_ctzll(due));
      for (size_t w = 0; w < words_; ++w) {
        uint64_t& timers = wheel_[w * kWheelCycles + slot];
        if (timers == 0) continue;
        if (next_[w] == 0) ++active_count_;
        next_[w] |= timers;
        timers = 0;
      }
    }
  }
  wheel_base_ = cycle + 1;
}

uint64_t CycleScheduler::earliest_timer() const {
  uint64_t earliest = far_timers_.empty() ? UINT64_MAX : far_timers_.top().first;
  if (wheel_used_ != 0) {
    const unsigned first = unsigned(wheel_base_ % kWheelCycles);
    const uint64_t rotated =
        first == 0 ? wheel_used_ : (wheel_used_ >> first) | (wheel_used_ << (kWheelCycles - first));
    earliest = std::min(earliest, wheel_base_ + unsigned(__builtin_ctzll(rotated)));
  }
  return earliest;
}

void CycleScheduler::run_one_cycle(uint64_t cycle) {
  current_ = cycle;
  in_cycle_ = true;
  collect_timers(cycle);
  stepping_.swap(next_);
  std::fill(next_.begin(), next_.end(), 0);
  active_count_ = 0;
  for (size_t w = 0; w < stepping_.size(); ++w) {
    for (uint64_t bits = stepping_[w]; bits != 0; bits &= bits - 1) {
      const unsigned id = unsigned(w * 64 + unsigned(__builtin_ctzll(bits)));
      const Component& c = components_[id];
      if (c.step(c.self, cycle)) activate(id);
    }
  }
  in_cycle_ = false;
  ++stepped_cycles_;
}

void CycleScheduler::run() {
  if (paused_ || !has_work()) {
    next_trigger(wake_);
    return;
  }
  const uint64_t now = kernel_cycle();
  next_cycle_ = std::max(next_cycle_, now);
  const uint64_t horizon = now + quantum_;
  while (!paused_ && next_cycle_ < horizon) {
    if (!any_active()) {
      if (!has_timers()) break;
      next_cycle_ = std::max(next_cycle_, earliest_timer());  // skip the idle span
      if (next_cycle_ >= horizon) break;
    }
    run_one_cycle(next_cycle_);
    ++next_cycle_;
    if (paused_) {
      if (pause_handler_) pause_handler_(current_);
      break;
    }
    if (!has_work()) {
      busy_since_ = next_cycle_;
      if (idle_handler_) idle_handler_(current_);
    } else if (watchdog_cycles_ != 0 && current_ - busy_since_ >= watchdog_cycles_) {
      busy_since_ = next_cycle_;
      if (watchdog_handler_) watchdog_handler_(current_);
    }
  }
  if (paused_ || !has_work()) {
    next_trigger(wake_);
    return;
  }
  uint64_t target = next_cycle_;
  if (!any_active()) target = std::max(target, earliest_timer());
  next_trigger(period_ * double(target - now), wake_);
}

}  // namespace spikecore::hw
