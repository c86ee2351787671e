// Runs samples through the cycle-level SystemC model of the chip: builds the
// platform (chip + host + optional tracer), loads the image through the memory
// map with the host runtime (sw/), runs every sample (CLEAR between samples)
// and returns per-sample results in the golden model's types, so the two
// models compare directly, plus the cycle-level counters and the run's speed.
//
// SystemC allows one elaboration per process: call run_systemc() once, from
// sc_main (a second call throws std::logic_error).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "golden/golden_model.h"
#include "hw/microarchitecture.h"
#include "isa/chip_config.h"
#include "platform/trace_window.h"

namespace spikecore::platform {

struct SimOptions {
  unsigned timesteps = 32;
  // Sizes, cycle costs and clock of the modeled chip (a hardware description).
  isa::Microarchitecture micro = hw::kDefaultMicroarchitecture;
  isa::ChipLinks chip_links;  // on a board: the links between chips
  // Cycles the scheduler may run ahead of the SystemC kernel per activation
  // for samples that are not traced (traced samples always use 1).
  unsigned quantum_cycles = 4096;
  TraceOptions trace;  // trace.vcd_path empty: no VCD
  // Read every neuron's membrane and spike count after each sample (debug
  // reads through the memory map) into SampleResult::run.membrane/spike_counts.
  bool read_full_state = true;
  // Step watchdog bound in cycles (hw::StepController::set_watchdog_cycles);
  // 0 keeps the controller's default.
  uint64_t watchdog_cycles = 0;
  // Called after every time step with the steps done in the current sample,
  // so that a caller can show progress within one long sample.
  std::function<void(unsigned steps_done)> on_step;
};

struct NocCounters {
  uint64_t flits_injected = 0;     // accepted by a router's local input
  uint64_t flits_delivered = 0;    // reached a core's event FIFO
  uint64_t link_hops = 0;          // router-to-router link traversals
  uint64_t router_stall_cycles = 0;  // output-port cycles blocked by a full downstream buffer
  uint64_t inject_stall_cycles = 0;  // core cycles blocked by a full local input buffer
  uint64_t dropped = 0;              // flits for cores outside the mesh (0 for checked images)
  unsigned max_buffer_occupancy = 0;
  unsigned max_outbox_occupancy = 0;
  uint64_t chip_link_flits = 0;         // flits that crossed a chip link (a board only)
  uint64_t chip_link_stall_cycles = 0;  // cycles a flit waited at a link's far end
  uint64_t latency_sum = 0;  // over delivered flits, cycles from injection to delivery
  uint64_t latency_max = 0;
  double mean_latency() const {
    return flits_delivered ? double(latency_sum) / double(flits_delivered) : 0.0;
  }
  uint64_t stall_cycles() const { return router_stall_cycles + inject_stall_cycles; }
  void add(const NocCounters& o);
};

// The links from one chip to a neighbour (every lane of that edge, one
// direction), summed.
struct ChipLinkTraffic {
  unsigned from_chip = 0, to_chip = 0;
  std::string direction;  // "east", "west", "south", "north"
  unsigned lanes = 0;     // rows or columns crossing that edge
  uint64_t flits = 0, stall_cycles = 0, busy_cycles = 0;
  // Busy share of the links' cycles over `cycles` of simulated time.
  double utilisation(uint64_t cycles) const {
    return cycles && lanes ? double(busy_cycles) / (double(cycles) * lanes) : 0.0;
  }
};

// One core's and its router's work in a sample (the HTML report's heat maps).
struct CoreActivity {
  uint64_t synaptic_ops = 0;  // CNT_SYNOPS
  uint64_t flits_out = 0;     // CNT_FLITS_OUT: flits the core generated
  uint64_t router_flits = 0;  // flits that left its router: to a neighbour or to the core
  uint64_t router_stall_cycles = 0;  // its router's output-port cycles refused downstream
};

struct SampleResult {
  // Spikes of every step, final state, outputs, prediction and operation
  // counters, with exactly the golden model's meaning.
  golden::RunResult run;
  uint64_t cycles = 0;                   // cycles in time steps (CYCLE_HI:LO advance)
  std::vector<uint32_t> cycles_per_step;
  NocCounters noc;
  std::vector<ChipLinkTraffic> chip_links;  // a board only
  std::vector<CoreActivity> cores;          // per global core id
  uint64_t sram_reads() const { return run.counters.synaptic_ops; }  // one weight read each
};

struct SystemCRun {
  std::vector<SampleResult> samples;
  uint64_t total_cycles = 0;
  uint64_t total_steps = 0;
  golden::Counters total_ops;
  NocCounters total_noc;
  std::vector<ChipLinkTraffic> total_chip_links;  // a board only, over every sample
  unsigned num_chips = 1;
  double clock_mhz = 0;
  double wall_seconds = 0;  // sc_start until the last sample was read out
  double cycles_per_second() const { return wall_seconds > 0 ? total_cycles / wall_seconds : 0; }
  double inferences_per_second() const {
    return wall_seconds > 0 ? samples.size() / wall_seconds : 0;
  }
  double synaptic_ops_per_second() const {
    return wall_seconds > 0 ? total_ops.synaptic_ops / wall_seconds : 0;
  }
  std::string vcd_path, gtkw_path;  // set when traced
};

// Called after each sample (from the simulation's host thread).
using ProgressCallback = std::function<void(size_t done, size_t total, const SampleResult&)>;

// `samples[i]` points at HostConfig::inputs.size() pixel bytes. Throws
// std::invalid_argument for a chip that fails isa::check(), sw::BusError when
// the host runtime's access fails (naming address and region), and whatever
// SystemC reports (e.g. the step watchdog).
SystemCRun run_systemc(const isa::ChipConfig& chip, const std::vector<const uint8_t*>& samples,
                       const SimOptions& options, const ProgressCallback& progress = {});

}  // namespace spikecore::platform
