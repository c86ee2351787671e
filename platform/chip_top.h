// The SpikeCore chip: a W x H mesh of routers with one neuron core each, the
// step controller (chip control block), the cycle scheduler that clocks them,
// and the interconnect that owns the memory map. The host binds its initiator
// socket to `host_port()`.
#pragma once

#include <memory>
#include <vector>

#include <systemc>

#include "hw/cycle_scheduler.h"
#include "hw/neuron_core.h"
#include "hw/router.h"
#include "hw/step_controller.h"
#include "platform/chip_interconnect.h"

namespace spikecore::platform {

class ChipTop : public sc_core::sc_module {
 public:
  ChipTop(sc_core::sc_module_name name, unsigned mesh_width, unsigned mesh_height,
          sc_core::sc_time clock_period,
          const isa::Microarchitecture& micro = hw::kDefaultMicroarchitecture);

  tlm_utils::simple_target_socket<ChipInterconnect>& host_port() { return interconnect_.host_side; }

  unsigned mesh_width() const { return width_; }
  unsigned mesh_height() const { return height_; }
  unsigned num_cores() const { return width_ * height_; }
  hw::CycleScheduler& scheduler() { return scheduler_; }
  hw::StepController& controller() { return controller_; }
  hw::NeuronCore& core(unsigned id) { return *cores_[id]; }
  hw::Router& router(unsigned id) { return *routers_[id]; }
  const hw::NeuronCore& core(unsigned id) const { return *cores_[id]; }
  const hw::Router& router(unsigned id) const { return *routers_[id]; }

 private:
  unsigned width_, height_;
  hw::CycleScheduler scheduler_;  // first: every component registers with it
  hw::StepController controller_;
  std::vector<std::unique_ptr<hw::NeuronCore>> cores_;
  std::vector<std::unique_ptr<hw::Router>> routers_;
  ChipInterconnect interconnect_;
};

}  // namespace spikecore::platform
