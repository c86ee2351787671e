// One clock for the whole chip that only ticks while something has work.
//
// Components (cores, routers, the step controller) implement Clocked and
// register once. A component that gets work calls activate(); the scheduler
// then calls its step_cycle() every cycle, in registration order, until it
// returns false. A component that knows it will be busy for a while without
// doing anything visible can sleep with wake_at(). When no component is active
// and no wake-up is pending, the idle handler runs (the time-step barrier) and
// the clock stops: idle spans cost no simulation time.
//
// Activations made during cycle c take effect in cycle c + 1 (also for a
// component that is being stepped in cycle c and then says it has nothing
// left to do), so the result never depends on the registration order and no
// wake-up is lost.
//
// Temporal decoupling: with quantum > 1 the scheduler runs up to `quantum`
// cycles per SystemC activation and then lets the kernel catch up. With
// tracing on, use quantum 1 so every signal change lands at its own time.
#pragma once

#include <cstdint>
#include <functional>
#include <queue>
#include <type_traits>
#include <utility>
#include <vector>

#include <systemc>

namespace spikecore::hw {

class Clocked {
 public:
  virtual ~Clocked() = default;
  // Does the work of one cycle. Returns true to be stepped again next cycle.
  virtual bool step_cycle(uint64_t cycle) = 0;
};

class CycleScheduler : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(CycleScheduler);
  CycleScheduler(sc_core::sc_module_name name, sc_core::sc_time period);

  // Registers a component; returns its id. Call during elaboration only.
  // A final class is stepped by a direct call to its own step_cycle (no
  // virtual dispatch, no this-adjusting thunk: a step is a few dozen
  // instructions, and there are ~10 per simulated cycle).
  template <typename T>
  unsigned add(T* component) {
    if constexpr (std::is_final_v<T>)
      return add_stepper(component, [](Clocked* c, uint64_t cycle) {
        return static_cast<T*>(c)->T::step_cycle(cycle);
      });
    else
      return add_stepper(component, [](Clocked* c, uint64_t cycle) { return c->step_cycle(cycle); });
  }

  // The component has work from the next cycle on. (Inline, with wake_at():
  // every moving flit calls one of them.)
  void activate(unsigned id) {
    uint64_t& word = next_[id >> 6];
    if (word == 0) ++active_count_;
    word |= uint64_t(1) << (id & 63);
    if (!in_cycle_) notify_kernel();
  }
  // The component is stepped again in cycle `cycle` (or the next cycle if that
  // is already past). A later activate() wakes it earlier.
  void wake_at(unsigned id, uint64_t cycle) {
    if (cycle < wheel_base_) cycle = wheel_base_;  // a past cycle means the next one
    if (cycle - wheel_base_ < kWheelCycles) {
      wheel_[(id >> 6) * kWheelCycles + cycle % kWheelCycles] |= uint64_t(1) << (id & 63);
      wheel_used_ |= uint64_t(1) << (cycle % kWheelCycles);
    } else {
      add_far_timer(id, cycle);
    }
    if (!in_cycle_) notify_kernel();
  }

  // Called after a cycle in which nothing is left to do (argument: that cycle).
  void set_idle_handler(std::function<void(uint64_t)> handler) { idle_handler_ = std::move(handler); }

  // Stops the clock after the current cycle; pending work stays where it is.
  void pause();
  // Called after the cycle in which pause() was called (argument: that cycle).
  void set_pause_handler(std::function<void(uint64_t)> handler) { pause_handler_ = std::move(handler); }
  // Restarts the clock at the next clock edge.
  void resume();
  bool paused() const { return paused_; }
  // Drops every activation and wake-up (after the components cleared themselves).
  void drop_all_work();

  // Called when the clock has run `cycles` cycles without ever going idle
  // (a barrier can never be reached: a deadlock or a runaway network).
  void set_watchdog(uint64_t cycles, std::function<void(uint64_t)> handler) {
    watchdog_cycles_ = cycles;
    watchdog_handler_ = std::move(handler);
  }

  void set_quantum(unsigned cycles) { quantum_ = cycles == 0 ? 1 : cycles; }
  unsigned quantum() const { return quantum_; }

  sc_core::sc_time period() const { return period_; }
  // The cycle being executed, or the last one executed.
  uint64_t current_cycle() const { return current_; }
  // Delay from the kernel's current time to the start of `cycle` (zero if past).
  sc_core::sc_time delay_until(uint64_t cycle) const;
  // Cycles executed (components stepped) and idle cycles skipped while running.
  uint64_t stepped_cycles() const { return stepped_cycles_; }

 private:
  // Timers for the next kWheelCycles cycles sit in a ring of component sets
  // (one per cycle, bit i = component i): setting and collecting a wake-up is
  // a bit operation. Farther ones (rare: a long ACC chain, a scheduled phase)
  // go to a heap.
  static constexpr unsigned kWheelCycles = 64;
  using Timer = std::pair<uint64_t, unsigned>;  // (cycle, id)

  using Stepper = bool (*)(Clocked*, uint64_t);
  unsigned add_stepper(Clocked* component, Stepper step);
  void run();                 // the SC_METHOD
  void add_far_timer(unsigned id, uint64_t cycle);
  void notify_kernel();
  void run_one_cycle(uint64_t cycle);
  // Activates every component whose timer is due in `cycle` or earlier.
  void collect_timers(uint64_t cycle);
  bool has_timers() const { return wheel_used_ != 0 || !far_timers_.empty(); }
  uint64_t earliest_timer() const;  // only when has_timers()
  uint64_t kernel_cycle() const;  // first clock edge at or after sc_time_stamp()
  bool any_active() const { return active_count_ > 0; }
  bool has_work() const { return any_active() || has_timers(); }

  sc_core::sc_time period_;
  struct Component {
    Clocked* self;
    Stepper step;
  };
  std::vector<Component> components_;
  size_t words_ = 0;  // 64-bit words per component set
  // Bit i of next_: component i is stepped in the next cycle. A cycle steps
  // the set bits in id order; activations during it go to the fresh next_.
  std::vector<uint64_t> next_, stepping_;
  unsigned active_count_ = 0;  // words of next_ that are non-zero
  // Timers of the cycles [wheel_base_, wheel_base_ + kWheelCycles): word w of
  // the set of cycle c is wheel_[w * kWheelCycles + c % kWheelCycles]; bit
  // (c % kWheelCycles) of wheel_used_ says that set is not empty.
  std::vector<uint64_t> wheel_;
  uint64_t wheel_used_ = 0;
  uint64_t wheel_base_ = 0;  // first cycle whose timers are not yet collected
  std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> far_timers_;
  std::function<void(uint64_t)> idle_handler_;
  std::function<void(uint64_t)> pause_handler_;
  std::function<void(uint64_t)> watchdog_handler_;
  uint64_t watchdog_cycles_ = 0;  // 0: off
  uint64_t busy_since_ = 0;       // first cycle after the last idle moment
  sc_core::sc_event wake_;
  uint64_t next_cycle_ = 0;  // first cycle not yet executed
  uint64_t current_ = 0;
  uint64_t stepped_cycles_ = 0;
  unsigned quantum_ = 1;
  bool paused_ = true;
  bool in_cycle_ = false;
};

}  // namespace spikecore::hw
