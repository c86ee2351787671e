// One direction of a chip-to-chip link: where a mesh row or column leaves a
// chip, the edge router's output feeds this link and the link feeds the
// neighbouring chip's edge router. A flit is serialised (the link accepts one
// every cycles_per_flit cycles), travels latency_cycles, and waits in the
// far-end receive buffer of buffer_flits entries; the sender may only send
// while that buffer has room (credit flow control), so a full link pushes
// back on the router exactly as a full router buffer does.
// Chip links change when flits arrive, never which flits arrive.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <systemc>

#include "hw/cycle_scheduler.h"
#include "hw/flit_buffer.h"
#include "hw/flit_link.h"
#include "isa/hardware_description.h"

namespace spikecore::hw {

struct ChipLinkCounters {
  uint64_t flits = 0;         // flits that crossed
  uint64_t stall_cycles = 0;  // cycles a flit was ready at the far end but refused by the router
  uint64_t busy_cycles = 0;   // cycles the serialiser was sending (flits x cycles_per_flit)
  unsigned max_occupancy = 0;  // most flits in flight or waiting
};

class ChipLink final : public sc_core::sc_module,
                 public Clocked,
                 public CreditListener,
                 public FlitReceiver {
 public:
  ChipLink(sc_core::sc_module_name name, CycleScheduler& scheduler,
           const isa::ChipLinks& description);

  FlitInput in{"in"};
  FlitOutput out{"out"};

  bool step_cycle(uint64_t cycle) override;
  void credit_returned(unsigned port) override;
  void receive_flit(unsigned port, FlitTransfer& transfer) override;

  void clear();
  const ChipLinkCounters& counters() const { return counters_; }
  unsigned occupancy() const { return buffer_.size(); }
  const FlitBuffer& buffer() const { return buffer_; }

  // After every cycle the link works in: flits that left it then and flits in
  // it. For tracing; never changes behaviour.
  using ActivityProbe = std::function<void(uint64_t cycle, unsigned moved, unsigned occupancy)>;
  void set_activity_probe(ActivityProbe probe) { probe_ = std::move(probe); }

 private:
  static constexpr uint64_t kNever = UINT64_MAX;
  CycleScheduler& scheduler_;
  unsigned id_;
  isa::ChipLinks description_;
  FlitBuffer buffer_;
  uint64_t next_accept_ = 0;     // the serialiser is free from this cycle on
  uint64_t blocked_since_ = kNever;  // head refused by the router since this cycle
  bool credited_ = false;        // the router freed a slot after refusing
  CreditListener* serial_waiter_ = nullptr;  // sender refused while the serialiser was busy
  unsigned serial_waiter_port_ = 0;
  ChipLinkCounters counters_;
  ActivityProbe probe_;
};

}  // namespace spikecore::hw
