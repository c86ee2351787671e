// Cycle timing of the neuron core's phases, driven directly (no chip): a
// phase's work starts in the cycle after the controller's broadcast whether or
// not the core happens to be stepped in the broadcast cycle, and the fire
// phase, which the core computes ahead, still sends each spike and ends in
// the cycle of the neuron's own update.
#include <functional>
#include <map>
#include <vector>

#include <gtest/gtest.h>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "hw/cycle_scheduler.h"
#include "hw/flit_link.h"
#include "hw/mmio.h"
#include "hw/neuron_core.h"
#include "isa/isa.h"
#include "isa/memory_map.h"

namespace spikecore::hw {
namespace {

namespace mm = isa::mmap;

constexpr unsigned kCoreId = 3;

// Runs a script of actions, each in its cycle; registered before the core, so
// in a cycle it acts first, like the step controller on the chip.
struct Script : Clocked {
  CycleScheduler* scheduler = nullptr;
  unsigned id = 0;
  std::map<uint64_t, std::function<void()>> at;
  bool step_cycle(uint64_t cycle) override {
    if (auto it = at.find(cycle); it != at.end()) it->second();
    auto next = at.upper_bound(cycle);
    if (next != at.end()) scheduler->wake_at(id, next->first);
    return false;
  }
};

// Registered after the core: reads what the core did by the end of each cycle.
struct Watch : Clocked {
  std::function<void(uint64_t)> look;
  uint64_t until = 0;
  bool step_cycle(uint64_t cycle) override {
    look(cycle);
    return cycle < until;
  }
};

// Takes every flit the core injects and notes the cycle.
struct Sink : FlitReceiver {
  std::vector<uint64_t> cycles;
  void receive_flit(unsigned, FlitTransfer& transfer) override {
    transfer.accepted = true;
    cycles.push_back(transfer.cycle);
  }
};

struct SpikeLog : SpikeObserver, FirePhaseListener {
  std::vector<std::pair<unsigned, uint64_t>> spikes;  // (slot, cycle)
  uint64_t fire_done_cycle = UINT64_MAX;
  void on_spike(unsigned, unsigned slot, unsigned, uint64_t cycle) override {
    spikes.emplace_back(slot, cycle);
  }
  void fire_phase_done(unsigned, uint64_t cycle) override { fire_done_cycle = cycle; }
};

class TimingBench : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(TimingBench);
  TimingBench(sc_core::sc_module_name name, std::function<void(TimingBench&)> setup)
      : sc_core::sc_module(name),
        scheduler("scheduler", sc_core::sc_time(2, sc_core::SC_NS)),
        script_id(scheduler.add(&script)),
        core("core", scheduler, kCoreId, 8),
        watch_id(scheduler.add(&watch)),
        socket("socket"),
        setup_(std::move(setup)) {
    script.scheduler = &scheduler;
    script.id = script_id;
    socket.bind(core.mmio);
    connect(feed, core.from_router);
    connect(core.to_router, sink_input);
    sink_input.set_receiver(&sink, 0);
    core.add_spike_observer(&log);
    core.set_fire_listener(&log);
    SC_THREAD(start);
  }

  void write(uint64_t offset, const uint8_t* data, unsigned length) {
    std::vector<uint8_t> copy(data, data + length);
    tlm::tlm_generic_payload gp;
    gp.set_command(tlm::TLM_WRITE_COMMAND);
    gp.set_address(offset);
    gp.set_data_ptr(copy.data());
    gp.set_data_length(length);
    gp.set_streaming_width(length);
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    socket->b_transport(gp, delay);
    EXPECT_EQ(gp.get_response_status(), tlm::TLM_OK_RESPONSE) << core.last_error();
  }
  void write32(uint64_t offset, uint32_t value) {
    uint8_t b[4];
    store_le32(b, value);
    write(offset, b, 4);
  }
  // Loads the program, the route table and the parameters of the slots
  // (the others keep the default), then CLEARs the core.
  void configure(const std::vector<isa::Instruction>& program,
                 const std::vector<isa::RouteEntry>& routes,
                 const std::map<unsigned, isa::NeuronParams>& params) {
    for (size_t i = 0; i < program.size(); ++i) {
      uint8_t word[8];
      store_le64(word, isa::encode(program[i]));
      write(mm::kProgram.offset + 8 * i, word, 8);
    }
    for (size_t i = 0; i < routes.size(); ++i)
      write32(mm::kRoutes.offset + 4 * i, isa::encode(routes[i]));
    for (const auto& [slot, p] : params) {
      uint8_t bytes[isa::kNeuronParamBytes];
      isa::encode(p, bytes);
      write(mm::kNeuronParams.offset + isa::kNeuronParamBytes * slot, bytes,
            isa::kNeuronParamBytes);
    }
    write32(mm::kProgLen.offset, uint32_t(program.size()));
    write32(mm::kRouteLen.offset, uint32_t(routes.size()));
    write32(mm::kCoreCtrl.offset, 1);
  }
  // Offers a spike for `axon` to the core's event FIFO (from the script).
  void deliver_spike(uint64_t cycle, unsigned axon) {
    Flit flit;
    flit.packet.kind = isa::PacketKind::kSpike;
    flit.packet.dst_core = kCoreId;
    flit.packet.index = uint8_t(axon);
    flit.injected_cycle = cycle;
    FlitTransfer transfer{&flit, cycle, nullptr, 0, false};
    EXPECT_TRUE(feed.send(transfer));
  }

  CycleScheduler scheduler;
  Script script;
  unsigned script_id;
  NeuronCore core;
  Watch watch;
  unsigned watch_id;
  tlm_utils::simple_initiator_socket<TimingBench> socket;
  FlitOutput feed{"feed"};
  FlitInput sink_input{"sink_input"};
  Sink sink;
  SpikeLog log;

 private:
  void start() {
    setup_(*this);
    scheduler.activate(script_id);
    if (watch.look) scheduler.activate(watch_id);
    scheduler.resume();
  }
  std::function<void(TimingBench&)> setup_;
};

isa::Instruction acc_one_column() {
  isa::Instruction ins;
  ins.op = isa::Opcode::kAcc;
  ins.acc.axon_base = 0;
  ins.acc.axon_count = 1;
  ins.acc.weight_offset = 0;
  ins.acc.cols = 1;
  ins.acc.acc_base = 0;
  return ins;
}

isa::Instruction fire(unsigned base, unsigned count) {
  isa::Instruction ins;
  ins.op = isa::Opcode::kFire;
  ins.fire.neuron_base = uint8_t(base);
  ins.fire.count = uint8_t(count);
  return ins;
}

isa::Instruction leak(unsigned base, unsigned count, unsigned shift) {
  isa::Instruction ins;
  ins.op = isa::Opcode::kLeak;
  ins.leak.neuron_base = uint8_t(base);
  ins.leak.count = uint8_t(count);
  ins.leak.shift = uint8_t(shift);
  return ins;
}

isa::RouteEntry route_to_core0(unsigned base, unsigned count) {
  isa::RouteEntry r;
  r.neuron_base = uint8_t(base);
  r.count = uint8_t(count);
  r.dst_core = 0;
  r.dst_axon_base = 0;
  return r;
}

isa::NeuronParams spikes_every_step() {
  isa::NeuronParams p;
  p.threshold = 1;
  p.bias = 1;
  return p;
}

// A spike waits in the event FIFO while the fire phase runs; the controller
// starts the next event phase in cycle 2 (the tick). Returns CNT_EVENTS_IN at
// the end of cycles 0..5.
std::vector<uint64_t> events_by_cycle(bool core_stepped_in_tick_cycle) {
  std::vector<uint64_t> events(6, 0);
  TimingBench bench("bench", [&events, core_stepped_in_tick_cycle](TimingBench& b) {
    // With a route, neuron 0's spike is injected in cycle 2: the core is
    // stepped in the tick cycle anyway.
    std::vector<isa::RouteEntry> routes;
    if (core_stepped_in_tick_cycle) routes.push_back(route_to_core0(0, 1));
    b.configure({acc_one_column(), fire(0, 1)}, routes, {{0, spikes_every_step()}});
    b.script.at[0] = [&b] {
      b.core.begin_fire(0);   // neuron 0 is updated (and spikes) in cycle 1
      b.deliver_spike(0, 0);  // waits: no event phase yet
    };
    b.script.at[2] = [&b] { b.core.begin_event_phase(); };
    b.watch.until = events.size() - 1;
    b.watch.look = [&b, &events](uint64_t cycle) {
      if (cycle < events.size()) events[cycle] = b.core.counters().events_in;
    };
  });
  sc_core::sc_start(1, sc_core::SC_US);
  if (core_stepped_in_tick_cycle) {
    EXPECT_EQ(bench.sink.cycles, std::vector<uint64_t>{2}) << "the core injected in the tick cycle";
  }
  return events;
}

const std::vector<uint64_t> kEventInFirstCycleOfThePhase{0, 0, 0, 1, 1, 1};

TEST(NeuronCoreTimingTest, EventPhaseStartsTheCycleAfterTheBroadcastForAnIdleCore) {
  EXPECT_EQ(events_by_cycle(false), kEventInFirstCycleOfThePhase);
}

TEST(NeuronCoreTimingTest, EventPhaseStartsTheCycleAfterTheBroadcastForABusyCore) {
  EXPECT_EQ(events_by_cycle(true), kEventInFirstCycleOfThePhase)
      << "a core stepped in the tick cycle must not consume the spike in that cycle";
}

// FIRE over slots 0..9 (3, 7 and 9 spike), then LEAK over 0..3, from cycle 1:
// slot k is updated in cycle 1 + k, each spike enters the outbox then and is
// injected one cycle later, and the phase ends with the last LEAK in cycle 14.
TEST(NeuronCoreTimingTest, FirePhaseComputedAheadKeepsEveryCycle) {
  TimingBench bench("bench", [](TimingBench& b) {
    b.configure({fire(0, 10), leak(0, 4, 1)}, {route_to_core0(0, 10)},
                {{3, spikes_every_step()}, {7, spikes_every_step()}, {9, spikes_every_step()}});
    b.script.at[0] = [&b] { b.core.begin_fire(0); };
  });
  sc_core::sc_start(1, sc_core::SC_US);
  using Spike = std::pair<unsigned, uint64_t>;
  EXPECT_EQ(bench.log.spikes, (std::vector<Spike>{{3, 4}, {7, 8}, {9, 10}}));
  EXPECT_EQ(bench.sink.cycles, (std::vector<uint64_t>{5, 9, 11}));
  EXPECT_EQ(bench.log.fire_done_cycle, 14u);
  EXPECT_EQ(bench.core.counters().fire_ops, 10u);
  EXPECT_EQ(bench.core.counters().leak_ops, 4u);
  EXPECT_EQ(bench.core.counters().spikes_out, 3u);
  EXPECT_EQ(bench.core.spike_count(9), 1u);
}

}  // namespace
}  // namespace spikecore::hw
