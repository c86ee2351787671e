// The SpikeCore chip, or a board of them: per chip a W x H mesh of routers
// with one neuron core each; on a board the mesh continues across chip edges
// over chip links (hw/chip_link.h, docs/microarchitecture.md "Boards"). One
// step controller (the control block of chip 0) steps every chip in lockstep,
// one cycle scheduler clocks them, and the interconnect owns the memory map.
// Cores and routers are numbered board-wide, chip by chip. The host binds its
// initiator socket to `host_port()`.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "hw/chip_link.h"
#include "hw/cycle_scheduler.h"
#include "hw/neuron_core.h"
#include "hw/router.h"
#include "hw/step_controller.h"
#include "isa/hardware_description.h"
#include "platform/chip_interconnect.h"

namespace spikecore::platform {

// One direction of one chip link and where it runs.
struct ChipLinkPlace {
  unsigned from_chip = 0, to_chip = 0;
  unsigned direction = 0;  // hw::Router port it leaves by (kEast, kWest, kSouth, kNorth)
  unsigned lane = 0;       // mesh row (east/west) or column (north/south) on the chip
  std::string name() const;  // "chip 0 -> chip 1 (east, row 3)"
};

class ChipTop : public sc_core::sc_module {
 public:
  ChipTop(sc_core::sc_module_name name, unsigned mesh_width, unsigned mesh_height,
          sc_core::sc_time clock_period,
          const isa::Microarchitecture& micro = hw::kDefaultMicroarchitecture,
          unsigned board_width = 1, unsigned board_height = 1,
          const isa::ChipLinks& chip_links = isa::ChipLinks{});

  tlm_utils::simple_target_socket<ChipInterconnect>& host_port() { return interconnect_.host_side; }

  unsigned mesh_width() const { return width_; }
  unsigned mesh_height() const { return height_; }
  unsigned cores_per_chip() const { return width_ * height_; }
  unsigned num_chips() const { return board_width_ * board_height_; }
  unsigned num_cores() const { return cores_per_chip() * num_chips(); }  // board-wide
  hw::CycleScheduler& scheduler() { return scheduler_; }
  hw::StepController& controller() { return controller_; }
  hw::NeuronCore& core(unsigned id) { return *cores_[id]; }
  hw::Router& router(unsigned id) { return *routers_[id]; }
  const hw::NeuronCore& core(unsigned id) const { return *cores_[id]; }
  const hw::Router& router(unsigned id) const { return *routers_[id]; }
  unsigned num_links() const { return unsigned(links_.size()); }
  const hw::ChipLink& link(unsigned i) const { return *links_[i]; }
  hw::ChipLink& link(unsigned i) { return *links_[i]; }
  const ChipLinkPlace& link_place(unsigned i) const { return link_places_[i]; }

 private:
  // Wires router a's output `out` to router b's input `in`, over a chip link
  // when they sit on different chips.
  void wire(unsigned a, unsigned out, unsigned b, unsigned in, const isa::ChipLinks& links);

  unsigned width_, height_, board_width_, board_height_;
  hw::CycleScheduler scheduler_;  // first: every component registers with it
  hw::StepController controller_;
  std::vector<std::unique_ptr<hw::NeuronCore>> cores_;
  std::vector<std::unique_ptr<hw::Router>> routers_;
  std::vector<std::unique_ptr<hw::ChipLink>> links_;
  std::vector<ChipLinkPlace> link_places_;
  ChipInterconnect interconnect_;
};

}  // namespace spikecore::platform
