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

unsigned CycleScheduler::add(Clocked* component) {
  components_.push_back(component);
  next_.resize((components_.size() + 63) / 64, 0);
  stepping_.resize(next_.size(), 0);
  return unsigned(components_.size() - 1);
}

void CycleScheduler::activate(unsigned id) {
  uint64_t& word = next_[id >> 6];
  if (word == 0) ++active_count_;
  word |= uint64_t(1) << (id & 63);
  if (!in_cycle_) wake_.notify(sc_core::SC_ZERO_TIME);
}

void CycleScheduler::wake_at(unsigned id, uint64_t cycle) {
  timers_.push({cycle, id});
  if (!in_cycle_) wake_.notify(sc_core::SC_ZERO_TIME);
}

void CycleScheduler::pause() { paused_ = true; }

void CycleScheduler::resume() {
  paused_ = false;
  busy_since_ = std::max(next_cycle_, kernel_cycle());
  wake_.notify(sc_core::SC_ZERO_TIME);
}

void CycleScheduler::drop_all_work() {
  std::fill(next_.begin(), next_.end(), 0);
  active_count_ = 0;
  timers_ = {};
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

void CycleScheduler::run_one_cycle(uint64_t cycle) {
  current_ = cycle;
  in_cycle_ = true;
  while (!timers_.empty() && timers_.top().first <= cycle) {
    activate(timers_.top().second);
    timers_.pop();
  }
  stepping_.swap(next_);
  std::fill(next_.begin(), next_.end(), 0);
  active_count_ = 0;
  for (size_t w = 0; w < stepping_.size(); ++w) {
    for (uint64_t bits = stepping_[w]; bits != 0; bits &= bits - 1) {
      const unsigned id = unsigned(w * 64 + unsigned(__builtin_ctzll(bits)));
      if (components_[id]->step_cycle(cycle)) activate(id);
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
      if (timers_.empty()) break;
      next_cycle_ = std::max(next_cycle_, timers_.top().first);  // skip the idle span
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
  if (!any_active()) target = std::max(target, timers_.top().first);
  next_trigger(period_ * double(target - now), wake_);
}

}  // namespace spikecore::hw
