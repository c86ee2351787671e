// SpikeCore neuron core: weight SRAM, program, fan-out table, neuron
// parameters and state, event FIFO, ACC/PSUM/FIRE/LEAK datapath and the
// fan-out unit; plus its memory-mapped window (a TLM-2.0 target laid out by
// isa/memory_map.h: b_transport, transport_dbg, DMI for WEIGHTS).
//
// The core knows its own id and how many cores exist (to reject a fan-out or
// PSUM target that does not exist); nothing about where they are.
//
// Timing (docs/microarchitecture.md): an event costs kAccDispatchCycles plus
// kAccCyclesPerColumn per column for every matching ACC; PSUM scans one
// accumulator per cycle; FIRE and LEAK update one neuron per cycle; the
// fan-out unit injects at most one flit per cycle into the router.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "hw/cycle_scheduler.h"
#include "hw/flit_buffer.h"
#include "hw/flit_link.h"
#include "hw/microarchitecture.h"
#include "hw/ring_fifo.h"
#include "isa/isa.h"
#include "isa/memory_map.h"

namespace spikecore::hw {

// The counter registers of isa/memory_map.h, kept 64 bits wide here (the
// registers show the low 32 bits), plus statistics the registers do not show.
struct CoreCounters {
  uint64_t synaptic_ops = 0;      // CNT_SYNOPS: one per weight read
  uint64_t events_in = 0;         // CNT_EVENTS_IN
  uint64_t psum_out = 0;          // CNT_PSUM_OUT
  uint64_t psum_in = 0;           // CNT_PSUM_IN
  uint64_t fire_ops = 0;          // CNT_FIRE_OPS
  uint64_t leak_ops = 0;          // CNT_LEAK_OPS
  uint64_t spikes_out = 0;        // CNT_SPIKES_OUT
  uint64_t acc_saturations = 0;   // CNT_SAT_ACC
  uint64_t soma_saturations = 0;  // CNT_SAT_SOMA: V + I above +32767
  uint64_t soma_floor_clips = 0;  // CNT_FLOOR_SOMA: V + I below -32768
  uint64_t flits_out = 0;         // CNT_FLITS_OUT: flits generated (spike fan-out + psums)
  // Not visible as registers:
  uint64_t inject_stall_cycles = 0;  // cycles the router's local input refused a flit
  uint64_t outbox_stall_cycles = 0;  // PSUM cycles lost to a full outbox
  uint64_t flits_delivered = 0;      // flits that reached this core's event FIFO
  uint64_t latency_sum = 0;          // sum over delivered flits of (delivery - injection) cycles
  uint64_t latency_max = 0;
  unsigned outbox_max = 0;           // most entries seen in the outbox
};

// Told when a core has finished the FIRE/LEAK instructions of a fire phase.
class FirePhaseListener {
 public:
  virtual ~FirePhaseListener() = default;
  virtual void fire_phase_done(unsigned core, uint64_t cycle) = 0;
};

// Told about every spike (for spike records and traces; never changes behaviour).
class SpikeObserver {
 public:
  virtual ~SpikeObserver() = default;
  virtual void on_spike(unsigned core, unsigned slot, unsigned step, uint64_t cycle) = 0;
};

class NeuronCore final : public sc_core::sc_module,
                   public Clocked,
                   public CreditListener,
                   public FlitReceiver {
 public:
  // core_id: the core's id on its chip (of num_cores); chip: its chip on a
  // board of num_chips (packets name both).
  NeuronCore(sc_core::sc_module_name name, CycleScheduler& scheduler, unsigned core_id,
             unsigned num_cores, const isa::Microarchitecture& micro = kDefaultMicroarchitecture,
             unsigned chip = 0, unsigned num_chips = 1);

  // ---- Phase control (from the step controller) ----
  // Start consuming spike events (event phase of a step).
  void begin_event_phase();
  // Run the PSUM instructions, then reset every accumulator.
  void begin_partial_sum();
  // Run the FIRE/LEAK instructions of step `step`; the listener hears when done.
  void begin_fire(unsigned step);
  // CTRL clear: V := initial_potential; soma inputs, accumulators, spike counts,
  // counters and queued flits to zero. Configuration (weights, program, routes,
  // params) stays.
  void clear();

  // Same as Router: settles the injection stall cycles of a sleeping core at
  // the STEP_RUN boundaries.
  void settle_stalls_at_pause(uint64_t cycle);
  void settle_stalls_at_resume(uint64_t cycle);

  void set_fire_listener(FirePhaseListener* listener) { fire_listener_ = listener; }
  void add_spike_observer(SpikeObserver* observer) { spike_observers_.push_back(observer); }

  bool step_cycle(uint64_t cycle) override;
  void credit_returned(unsigned port) override;
  void receive_flit(unsigned port, FlitTransfer& transfer) override;

  // True while the core has work: a phase running, an event being processed,
  // flits waiting in the event FIFO or the outbox (the STATUS busy bit).
  bool busy() const;
  unsigned id() const { return id_; }  // on its chip
  unsigned chip() const { return chip_; }
  unsigned global_id() const { return chip_ * num_cores_ + id_; }  // board-wide
  const CoreCounters& counters() const { return counters_; }
  int16_t membrane(unsigned slot) const { return membrane_[slot]; }
  uint16_t spike_count(unsigned slot) const { return spike_count_[slot]; }
  // Why the last rejected configuration write was rejected ("" if none).
  const std::string& last_error() const { return last_error_; }

 private:
  enum class Mode : uint8_t { kHold, kEvent, kPartialSum, kFire };
  struct OutboxEntry {
    isa::Packet packet;      // the partial sum, or the spike's source slot in packet.index
    bool is_spike = false;
    uint8_t next_route = 0;  // spike: the next of its fan-out flits
    uint64_t ready_cycle = 0;
  };
  // FIRE or LEAK, as the fire phase runs it.
  struct SomaInstruction {
    bool leak = false;
    uint8_t neuron_base = 0, count = 0, shift = 0;
  };
  // Where one flit of a spike goes (one per route entry covering the slot).
  struct FanOutFlit {
    uint8_t dst_chip, dst_core, axon;
  };

  // Datapath, one cycle each (neuron_core.cpp).
  void inject(uint64_t cycle);
  void consume_partial_sum(uint64_t cycle);

  void dispatch_event(const isa::Packet& spike, uint64_t cycle);
  uint64_t conv_event(const isa::ConvFields& f, unsigned axon);  // cycles it costs
  void partial_sum_cycle(uint64_t cycle);

  // Fire phase (neuron_core_fire.cpp).
  void fire_work(uint64_t cycle);
  bool update_neuron(unsigned slot);  // FIRE of one neuron; true when it spikes
  void emit_spike(unsigned slot, uint64_t cycle);
  void finish_fire_phase(uint64_t cycle);
  void rebuild_schedules();
  unsigned fan_out(unsigned slot) const { return fan_out_begin_[slot + 1] - fan_out_begin_[slot]; }

  // Memory-mapped window (neuron_core_mmio.cpp).
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
  tlm::tlm_response_status access(tlm::tlm_generic_payload& gp, bool debug);
  tlm::tlm_response_status write_program(uint64_t offset, const unsigned char* data, unsigned length);
  tlm::tlm_response_status write_routes(uint64_t offset, const unsigned char* data, unsigned length);
  tlm::tlm_response_status write_params(uint64_t offset, const unsigned char* data, unsigned length);
  tlm::tlm_response_status register_read(const isa::mmap::Register& reg, unsigned char* data);
  tlm::tlm_response_status register_write(const isa::mmap::Register& reg, uint32_t value,
                                          bool debug);
  tlm::tlm_response_status reject(const std::string& why);

  // Members in the order a step needs them: a step touches one core among a
  // hundred, so what it reads sits together right after the base classes
  // (datapath position, queues, counters, the phase programs); the neuron
  // state, the configuration as written and the sockets follow.

  // Datapath position.
  Mode mode_ = Mode::kHold;
  bool acc_dirty_ = false;      // an ACC touched acc_ since the last partial-sum phase
  bool inject_credit_ = false;  // the router freed a slot since the refusal
  int8_t pending_spike_ = -1;   // fire phase: slot whose spike leaves in fire_due_, or -1
  unsigned step_ = 0;           // step of the running fire phase (bias_start)
  unsigned instruction_ = 0;    // index into the running phase's instruction list
  unsigned element_ = 0;        // accumulator / neuron within that instruction
  uint64_t busy_until_ = 0;     // the datapath is free again in this cycle
  // Cycle the router last refused our flit; we sleep until it frees the slot.
  uint64_t inject_blocked_since_ = UINT64_MAX;
  // Fire phase: the neurons before (instruction_, element_) are updated; the
  // next one is updated in fire_time_. The phase next has visible work in
  // fire_due_: the pending spike leaves, or (none pending, all updated) the
  // phase ends.
  uint64_t fire_time_ = 0;
  uint64_t fire_due_ = 0;
  CycleScheduler& scheduler_;
  unsigned scheduler_id_;
  unsigned id_;
  unsigned num_cores_;
  unsigned chip_, num_chips_;
  isa::Microarchitecture micro_;  // sizes and cycle costs of this run
  FlitBuffer event_fifo_;
  RingFifo<OutboxEntry> outbox_;
  CoreCounters counters_;

  // The program split by phase, and the fan-out of each slot as ready-made
  // (dst_core, axon) pairs, derived from the configuration by
  // rebuild_schedules(). Slot s sends fan_out_[fan_out_begin_[s] ..
  // fan_out_begin_[s + 1]), in route-table order.
  uint8_t acc_count_ = 0, psum_count_ = 0, soma_count_ = 0;
  std::array<isa::Instruction, isa::kProgramWords> acc_program_{};  // ACC and CONV, in order
  std::array<isa::PsumFields, isa::kProgramWords> psum_program_{};
  std::array<SomaInstruction, isa::kProgramWords> soma_program_{};
  std::array<uint16_t, isa::kNeuronSlots + 1> fan_out_begin_{};
  std::vector<FanOutFlit> fan_out_;

  // Neuron state.
  std::array<int16_t, isa::kAccumulators> acc_{};
  std::array<int16_t, isa::kNeuronSlots> membrane_{};
  std::array<int32_t, isa::kNeuronSlots> soma_input_{};
  std::array<uint16_t, isa::kNeuronSlots> spike_count_{};
  std::array<isa::NeuronParams, isa::kNeuronSlots> params_{};
  std::array<int8_t, isa::kWeightSramBytes> weights_{};

  // Configuration as written through the memory map.
  std::array<uint64_t, isa::kProgramWords> program_words_{};
  std::array<isa::Instruction, isa::kProgramWords> program_{};
  std::array<uint32_t, isa::kRouteEntries> route_words_{};
  std::array<isa::RouteEntry, isa::kRouteEntries> routes_{};
  std::array<uint8_t, isa::kRouteEntries> route_chips_{};  // ROUTE_CHIPS region
  std::array<uint8_t, isa::kNeuronSlots * isa::kNeuronParamBytes> param_bytes_{};
  unsigned prog_len_ = 0, route_len_ = 0;

  FirePhaseListener* fire_listener_ = nullptr;
  std::vector<SpikeObserver*> spike_observers_;
  std::string last_error_;

 public:
  // Memory-mapped window; addresses are offsets inside the core window.
  tlm_utils::simple_target_socket<NeuronCore> mmio;
  FlitOutput to_router{"to_router"};    // bind to the router's local input
  FlitInput from_router{"from_router"}; // bind the router's local output here
};

}  // namespace spikecore::hw
