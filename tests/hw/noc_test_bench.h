// A mesh of routers with test endpoints in place of neuron cores: each
// endpoint injects scheduled flits and drains what it receives into a small
// FIFO at a chosen rate, recording every delivery.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "hw/cycle_scheduler.h"
#include "hw/flit_buffer.h"
#include "hw/flit_link.h"
#include "hw/router.h"

namespace spikecore::hw::testing {

struct Delivery {
  isa::Packet packet;
  uint64_t injected = 0, delivered = 0;
  unsigned hops = 0;
};

class Endpoint : public sc_core::sc_module,
                 public Clocked,
                 public CreditListener,
                 public FlitReceiver {
 public:
  Endpoint(sc_core::sc_module_name name, CycleScheduler& scheduler, unsigned id);

  FlitOutput out{"out"};
  FlitInput in{"in"};

  // Offers `packet` to the router from `cycle` on (in order; one per cycle).
  void send_at(uint64_t cycle, isa::Packet packet);
  // Received flits wait in a FIFO of `depth`; one leaves every `interval`
  // cycles from `first_cycle` on. A full FIFO refuses flits (backpressure).
  void set_drain(unsigned depth, unsigned interval, uint64_t first_cycle);

  const std::vector<Delivery>& received() const { return received_; }
  uint64_t sent() const { return sent_; }
  uint64_t inject_refusals() const { return inject_refusals_; }
  bool done() const { return pending_.empty() && sink_->empty(); }

  bool step_cycle(uint64_t cycle) override;
  void credit_returned(unsigned) override { scheduler_.activate(id_); }
  void receive_flit(unsigned port, FlitTransfer& transfer) override;

 private:
  CycleScheduler& scheduler_;
  unsigned id_;
  unsigned core_;
  std::deque<std::pair<uint64_t, isa::Packet>> pending_;
  std::unique_ptr<FlitBuffer> sink_;
  unsigned interval_ = 1;
  uint64_t first_drain_ = 0, last_drain_ = 0;
  std::vector<Delivery> received_;
  uint64_t sent_ = 0, inject_refusals_ = 0;
};

// W x H routers wired like the chip (platform/chip_top.cpp), an endpoint on
// every local port, and a thread that starts the clock.
class NocBench : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(NocBench);
  NocBench(sc_core::sc_module_name name, unsigned width, unsigned height);

  CycleScheduler scheduler;
  std::vector<std::unique_ptr<Router>> routers;
  std::vector<std::unique_ptr<Endpoint>> endpoints;
  unsigned width, height;

  // Runs the clock for `cycles` cycles of simulated time.
  void run_for(uint64_t cycles);
  // Sum over routers, exact at the end of the last cycle run.
  RouterCounters total_counters() const;

 private:
  void start();
};

unsigned manhattan(unsigned a, unsigned b, unsigned width);

}  // namespace spikecore::hw::testing
