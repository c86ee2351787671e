// The activity scheduler: idle spans cost no steps, wake-ups made during a
// cycle are never lost, the idle handler marks barriers, the watchdog fires.
#include <functional>
#include <vector>

#include <gtest/gtest.h>
#include <systemc>

#include "hw/cycle_scheduler.h"

namespace spikecore::hw {
namespace {

// A component whose behaviour per cycle is a test-supplied function.
struct Probe : Clocked {
  std::function<bool(uint64_t)> body;
  std::vector<uint64_t> stepped;
  bool step_cycle(uint64_t cycle) override {
    stepped.push_back(cycle);
    return body ? body(cycle) : false;
  }
};

struct Bench : sc_core::sc_module {
  SC_HAS_PROCESS(Bench);
  Bench(sc_core::sc_module_name name, std::function<void(Bench&)> start)
      : sc_core::sc_module(name), scheduler("scheduler", sc_core::sc_time(2, sc_core::SC_NS)),
        start_(std::move(start)) {
    a_id = scheduler.add(&a);
    b_id = scheduler.add(&b);
    SC_THREAD(run);
  }
  void run() {
    start_(*this);
    scheduler.resume();
  }
  CycleScheduler scheduler;
  Probe a, b;
  unsigned a_id = 0, b_id = 0;
  std::function<void(Bench&)> start_;
};

TEST(CycleSchedulerTest, SleepingComponentCostsNoStepsAndIdleHandlerSeesTheEnd) {
  std::vector<uint64_t> idle_at;
  Bench bench("bench", [&](Bench& b) {
    b.scheduler.set_idle_handler([&](uint64_t c) { idle_at.push_back(c); });
    b.a.body = [&](uint64_t c) {
      if (c < 3000) b.scheduler.wake_at(b.a_id, c + 1000);
      return false;
    };
    b.scheduler.activate(b.a_id);
  });
  sc_core::sc_start(20, sc_core::SC_US);
  EXPECT_EQ(bench.a.stepped, (std::vector<uint64_t>{0, 1000, 2000, 3000}));
  EXPECT_EQ(bench.scheduler.stepped_cycles(), 4u) << "idle spans must be skipped, not stepped";
  EXPECT_EQ(idle_at, (std::vector<uint64_t>{3000}));
  EXPECT_EQ(sc_core::sc_time_stamp() >= sc_core::sc_time(6000, sc_core::SC_NS), true);
}

// Wake-ups up to 63 cycles ahead sit in a ring of per-cycle sets, farther ones
// in a heap: both kinds, mixed, land in exactly their cycles; two wake-ups for
// one cycle step the component once; a cycle already past means the next one.
TEST(CycleSchedulerTest, NearAndFarWakeUpsLandInTheirCycles) {
  Bench bench("bench", [](Bench& b) {
    b.a.body = [&b](uint64_t c) {
      if (c == 0) {
        for (uint64_t ahead : {1, 63, 64, 65, 200, 1000}) b.scheduler.wake_at(b.a_id, c + ahead);
        b.scheduler.wake_at(b.a_id, 63);  // a second one for cycle 63
      }
      if (c == 64) b.scheduler.wake_at(b.a_id, 10);  // past: cycle 65
      return false;
    };
    b.scheduler.activate(b.a_id);
  });
  sc_core::sc_start(10, sc_core::SC_US);
  EXPECT_EQ(bench.a.stepped, (std::vector<uint64_t>{0, 1, 63, 64, 65, 200, 1000}));
  EXPECT_EQ(bench.scheduler.stepped_cycles(), 7u);
}

TEST(CycleSchedulerTest, ActivationDuringACycleIsNeverLost) {
  Bench bench("bench", [](Bench& b) {
    // b (stepped after a) wakes a in cycle 5 although a just said it was done.
    b.a.body = [](uint64_t) { return false; };
    b.b.body = [&b](uint64_t c) {
      if (c == 5) b.scheduler.activate(b.a_id);
      return c < 5;
    };
    b.scheduler.activate(b.a_id);
    b.scheduler.activate(b.b_id);
  });
  sc_core::sc_start(1, sc_core::SC_US);
  EXPECT_EQ(bench.a.stepped, (std::vector<uint64_t>{0, 6}));
  EXPECT_EQ(bench.b.stepped, (std::vector<uint64_t>{0, 1, 2, 3, 4, 5}));
}

TEST(CycleSchedulerTest, SelfActivationInsideItsOwnStepMeansNextCycle) {
  Bench bench("bench", [](Bench& b) {
    b.a.body = [&b](uint64_t c) {
      if (c < 3) b.scheduler.activate(b.a_id);
      return false;
    };
    b.scheduler.activate(b.a_id);
  });
  sc_core::sc_start(1, sc_core::SC_US);
  EXPECT_EQ(bench.a.stepped, (std::vector<uint64_t>{0, 1, 2, 3}));
}

TEST(CycleSchedulerTest, WatchdogFiresWhenNothingEverGoesIdle) {
  uint64_t fired_at = 0;
  Bench bench("bench", [&](Bench& b) {
    b.scheduler.set_watchdog(500, [&](uint64_t c) {
      if (fired_at == 0) fired_at = c;
    });
    b.a.body = [](uint64_t) { return true; };  // busy forever
    b.scheduler.activate(b.a_id);
  });
  sc_core::sc_start(2, sc_core::SC_US);
  EXPECT_EQ(fired_at, 500u);
}

TEST(CycleSchedulerTest, QuantumRunsAheadButKeepsCycleNumbers) {
  std::vector<uint64_t> seen_time_cycles;
  Bench bench("bench", [&](Bench& b) {
    b.scheduler.set_quantum(64);
    b.a.body = [&](uint64_t c) {
      seen_time_cycles.push_back(sc_core::sc_time_stamp().value() /
                                 b.scheduler.period().value());
      return c < 199;
    };
    b.scheduler.activate(b.a_id);
  });
  sc_core::sc_start(1, sc_core::SC_US);
  ASSERT_EQ(bench.a.stepped.size(), 200u);
  for (uint64_t i = 0; i < 200; ++i) EXPECT_EQ(bench.a.stepped[i], i);
  EXPECT_LT(seen_time_cycles.back(), 199u) << "with a quantum the kernel time lags the cycles";
}

}  // namespace
}  // namespace spikecore::hw
