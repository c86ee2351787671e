// Mesh router: five ports (N, E, S, W, Local), an input buffer of
// router_buffer_flits flits per port (hardware description), XY dimension-order routing, round-robin
// arbitration per output port, and backpressure (a full downstream buffer
// refuses the flit; it stays at the head of its input buffer and the output
// counts a stall cycle). A flit may leave an input buffer router_hop_cycles
// after it was written there.
//
// The router knows its own position on the board's combined mesh and the
// chip and board sizes (needed for XY routing) but nothing else about the chip.
// On a board, the mesh simply continues across chip edges: the port that
// leaves a chip is wired to a ChipLink (hw/chip_link.h) instead of a neighbour.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>

#include <systemc>

#include "hw/cycle_scheduler.h"
#include "hw/flit_buffer.h"
#include "hw/flit_link.h"
#include "hw/microarchitecture.h"

namespace spikecore::hw {

struct RouterCounters {
  uint64_t injected = 0;      // flits accepted from the local core
  uint64_t ejected = 0;       // flits delivered to the local core
  uint64_t link_hops = 0;     // flits sent to a neighbouring router
  uint64_t stall_cycles = 0;  // output-port cycles in which the chosen flit was refused
  uint64_t dropped = 0;       // flits addressed to a core outside the mesh (never for checked images)
  unsigned max_buffer_occupancy = 0;  // most flits seen in one input buffer
};

class Router final : public sc_core::sc_module,
               public Clocked,
               public CreditListener,
               public FlitReceiver {
 public:
  enum Port : unsigned { kNorth = 0, kEast = 1, kSouth = 2, kWest = 3, kLocal = 4 };
  static const char* port_name(unsigned port);

  // (x, y): position on the board's combined mesh of board_width x
  // board_height chips of mesh_width x mesh_height cores (core id on a chip
  // = y * width + x). North is y - 1, West is x - 1.
  Router(sc_core::sc_module_name name, CycleScheduler& scheduler, unsigned x, unsigned y,
         unsigned mesh_width, unsigned mesh_height,
         const isa::Microarchitecture& micro = kDefaultMicroarchitecture,
         unsigned board_width = 1, unsigned board_height = 1);

  FlitInput& input(unsigned port) { return *inputs_[port]; }
  FlitOutput& output(unsigned port) { return *outputs_[port]; }

  bool step_cycle(uint64_t cycle) override;
  void credit_returned(unsigned port) override;
  void receive_flit(unsigned port, FlitTransfer& transfer) override;

  // Drops every buffered flit and zeroes the counters (chip CLEAR).
  void clear();
  // Stall cycles of a blocked output are counted when the router wakes up.
  // The step controller settles them when the clock stops after cycle `cycle`
  // (pause) and restarts in cycle `cycle` (resume), so the counters are exact
  // at every STEP_RUN boundary and paused cycles never count.
  void settle_stalls_at_pause(uint64_t cycle);
  void settle_stalls_at_resume(uint64_t cycle);
  // Stall cycles of an output that sleeps while blocked are added when it
  // wakes (or at settle_stalls_at_pause). counters() is exact at STEP_RUN
  // boundaries; counters_through(c) is exact at the end of any cycle c.
  const RouterCounters& counters() const { return counters_; }
  RouterCounters counters_through(uint64_t cycle) const;
  unsigned occupancy() const;  // flits in all input buffers
  // Read-only view of one input buffer (the step watchdog lists stuck flits).
  const FlitBuffer& input_buffer(unsigned port) const { return buffers_[port]; }
  bool empty() const { return occupancy() == 0; }

  // Called after every cycle the router works in: flits that left a buffer in
  // that cycle and flits still buffered. For tracing; never changes behaviour.
  using ActivityProbe = std::function<void(uint64_t cycle, unsigned moved, unsigned occupancy)>;
  void set_activity_probe(ActivityProbe probe) { probe_ = std::move(probe); }

  // Output port a flit for (dst_chip, dst_core) takes here; kRouterPorts when
  // the core is outside the board.
  unsigned route(unsigned dst_core, unsigned dst_chip = 0) const;

 private:
  // XY routing towards the router at (dst_x, dst_y): along x first, then y.
  unsigned route_xy(unsigned dst_x, unsigned dst_y) const {
    if (dst_x != x_) return dst_x > x_ ? kEast : kWest;
    if (dst_y != y_) return dst_y > y_ ? kSouth : kNorth;
    return kLocal;
  }
  // Copies the head flit's ready cycle and output port of input `in` (not
  // empty) next to the other per-port state, so a step reads one cache line.
  void resolve_links();
  bool send(unsigned out, FlitTransfer& transfer);
  void cache_head(unsigned in) {
    const Flit& head = buffers_[in].front();
    head_ready_[in] = head.ready_cycle;
    head_out_[in] = uint8_t(route_xy(head.dst_x, head.dst_y));
  }

  // What a step reads comes first, packed into a few cache lines (a step
  // touches one router among a hundred); the flit buffers, touched only when
  // a flit moves, and what is fixed at elaboration follow.
  static constexpr uint64_t kNever = UINT64_MAX;
  // Port sets (bit = port) kept up to date so that a step visits only the
  // ports with something to do.
  uint8_t occupied_inputs_ = 0;  // input buffers holding a flit
  uint8_t blocked_outputs_ = 0;  // outputs with blocked_since_ != kNever
  uint8_t credited_outputs_ = 0;  // blocked outputs whose downstream freed a slot
  std::array<uint8_t, kRouterPorts> round_robin_{};  // next input to favour, per output
  std::array<uint8_t, kRouterPorts> head_out_{};     // output of each occupied input's head
  std::array<uint64_t, kRouterPorts> head_ready_{};  // ready cycle of that head
  // Per output: the cycle its flit was last refused downstream, while the
  // router sleeps until the credit comes back (kNever when not blocked).
  std::array<uint64_t, kRouterPorts> blocked_since_;
  // Per output, when it leads to another router: that router and its input
  // port, so a hop is a direct call (resolved at the first send).
  std::array<Router*, kRouterPorts> next_router_{};
  std::array<uint8_t, kRouterPorts> next_port_{};
  bool links_resolved_ = false;
  RouterCounters counters_;
  std::array<std::unique_ptr<FlitOutput>, kRouterPorts> outputs_;
  CycleScheduler& scheduler_;
  unsigned id_;
  unsigned x_, y_, width_, height_;  // position on the board; one chip's mesh
  unsigned board_width_, board_height_;
  unsigned hop_cycles_;
  ActivityProbe probe_;
  std::array<FlitBuffer, kRouterPorts> buffers_;
  std::array<std::unique_ptr<FlitInput>, kRouterPorts> inputs_;
};

}  // namespace spikecore::hw
