// Time-step sequencer and the chip control block (CLEAR, STEP_RUN, STEP_STATUS,
// STEP_INDEX, CYCLE_LO/HI, CHIP_ID, NUM_CORES, MESH_DIMS of isa/memory_map.h).
//
// One step (docs/isa.md section 2):
//   event phase -> barrier A -> partial-sum phase -> barrier B -> fire phase -> tick
// Barriers A and B are reached when the scheduler finds nothing active (every
// core idle, the NoC empty); the tick when every core has finished its FIRE/LEAK
// instructions. Each of the three costs barrier_cycles (hardware description). Spikes fired in a fire
// phase may still be travelling at the tick: they belong to the next step's
// event phase. After the last step of a STEP_RUN the clock stops (in-flight
// flits wait where they are) and the done interrupt rises.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "hw/chip_link.h"
#include "hw/cycle_scheduler.h"
#include "hw/neuron_core.h"
#include "hw/router.h"

namespace spikecore::hw {

enum class StepPhase : uint8_t { kIdle = 0, kEvent = 1, kPartialSum = 2, kFire = 3 };
const char* phase_name(StepPhase phase);

// Hears phase changes and ticks (tracing, spike records); never changes behaviour.
class StepObserver {
 public:
  virtual ~StepObserver() = default;
  virtual void on_phase(StepPhase /*phase*/, unsigned /*step*/, uint64_t /*cycle*/) {}
  // Step `step` ran from first_cycle to last_cycle (inclusive).
  virtual void on_tick(unsigned /*step*/, uint64_t /*first_cycle*/, uint64_t /*last_cycle*/) {}
};

class StepController final : public sc_core::sc_module, public Clocked, public FirePhaseListener {
 public:
  SC_HAS_PROCESS(StepController);
  StepController(sc_core::sc_module_name name, CycleScheduler& scheduler, unsigned mesh_width,
                 unsigned mesh_height,
                 const isa::Microarchitecture& micro = kDefaultMicroarchitecture,
                 unsigned board_width = 1, unsigned board_height = 1);

  // The units the controller sequences and clears. Call once, before the run.
  // On a board: every chip's cores and routers, chip by chip (one controller
  // steps the whole board in lockstep).
  void attach(std::vector<NeuronCore*> cores, std::vector<Router*> routers);
  // The board's chip links, with the names the watchdog gives them.
  void attach_links(std::vector<ChipLink*> links, std::vector<std::string> names);

  tlm_utils::simple_target_socket<StepController> mmio;  // chip control block
  // High after a STEP_RUN finished; lowered by the next STEP_RUN or CLEAR
  // (written by the host's register access and by the controller's process).
  sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> done_irq{"done_irq"};

  void add_observer(StepObserver* observer) { observers_.push_back(observer); }
  // A phase that never reaches its barrier within this many cycles is reported
  // as an error (SC_REPORT_ERROR, which throws out of sc_start) naming the
  // step, the phase, the busy cores and routers and the stuck flits
  // (default 50 M cycles).
  void set_watchdog_cycles(uint64_t cycles);

  bool running() const { return running_; }
  StepPhase phase() const { return phase_; }
  unsigned step_index() const { return step_index_; }
  uint64_t cycles_in_steps() const { return cycles_in_steps_; }
  // Cycles of every step since the last CLEAR.
  const std::vector<uint32_t>& step_cycles() const { return step_cycles_; }

  bool step_cycle(uint64_t cycle) override;
  void fire_phase_done(unsigned core, uint64_t cycle) override;

 private:
  enum class Action : uint8_t { kNone, kStartStep, kStartPartialSum, kStartFire, kTick };

  void schedule(Action action, uint64_t cycle);
  void on_idle(uint64_t cycle);
  void on_watchdog(uint64_t cycle);
  void enter_phase(StepPhase phase, uint64_t cycle);
  void close_step(uint64_t cycle);
  void clear_chip();
  void raise_irq();

  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);
  tlm::tlm_response_status access(tlm::tlm_generic_payload& gp, bool debug);
  tlm::tlm_response_status write_register(uint32_t offset, uint32_t value);
  uint32_t read_register(uint32_t offset) const;

  CycleScheduler& scheduler_;
  unsigned id_;
  unsigned width_, height_;
  unsigned barrier_cycles_, host_access_cycles_;
  std::vector<NeuronCore*> cores_;
  std::vector<Router*> routers_;
  std::vector<ChipLink*> links_;
  std::vector<std::string> link_names_;
  unsigned board_width_, board_height_;
  std::vector<StepObserver*> observers_;
  sc_core::sc_event irq_event_;

  bool running_ = false;
  StepPhase phase_ = StepPhase::kIdle;
  Action pending_ = Action::kNone;
  uint64_t pending_at_ = 0;
  unsigned steps_left_ = 0;
  unsigned step_index_ = 0;
  unsigned fire_pending_ = 0;  // cores still running FIRE/LEAK
  uint64_t step_first_cycle_ = 0;
  uint64_t cycles_in_steps_ = 0;
  std::vector<uint32_t> step_cycles_;
  uint64_t watchdog_cycles_ = 0;  // the bound, for the watchdog's message
};

}  // namespace spikecore::hw
