// Windowed VCD trace of a chip run, plus the gtkwave save file that opens it.
//
// Traced (all under SystemC.chip):
//   tick                  one-clock pulse in the last cycle of every step
//   step, phase, sample   step index, phase (0 idle, 1 event, 2 partial-sum, 3 fire), sample
//   core_NNN.<layer>      per core and layer: bit i pulses for one clock when the
//                         i-th neuron of that layer on that core fires (slot order);
//                         "spikes" (64 bits, bit = slot) when the image names no layers
//   router_NNN.flits      flits that left the router's buffers in that cycle (pulse)
//   router_NNN.occupancy  flits buffered in the router
//   link_F_T_L.flits      on a board: 1 in each cycle a flit leaves the chip link
//                         from chip F to chip T on mesh row/column L (pulse)
//   link_F_T_L.occupancy  flits in flight on that link or waiting at its far end
// Only cores (and their routers) in the window are traced, and the chip links
// that leave or enter a chip with a traced core; values change
// only for samples and steps in the window. The VCD header's date is replaced
// by a fixed text so that the same run gives the same bytes.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "common/pending_output.h"
#include "hw/neuron_core.h"
#include "hw/step_controller.h"
#include "isa/chip_config.h"
#include "platform/chip_top.h"
#include "platform/gtkw_writer.h"
#include "platform/trace_window.h"

namespace spikecore::platform {

class ChipTracer : public sc_core::sc_module, public hw::SpikeObserver, public hw::StepObserver {
 public:
  SC_HAS_PROCESS(ChipTracer);
  // vcd_path ends in ".vcd" (appended if missing). Must be built during elaboration.
  // options.max_bytes: begin_sample() throws once the file has grown past it.
  ChipTracer(sc_core::sc_module_name name, ChipTop& chip, const isa::HostConfig& host,
             const TraceOptions& options);
  ~ChipTracer() override;

  // Host thread, before the sample's CLEAR: does this sample go into the trace?
  void begin_sample(unsigned sample);
  bool sample_traced() const { return sample_on_; }

  // After the simulation ended: closes the VCD, checks that it is complete,
  // fixes its date line, writes the .gtkw next to it and only then moves both
  // into place. Returns the VCD path. Without finish() (an exception, a
  // signal) neither file appears.
  std::string finish();
  const std::string& vcd_path() const { return vcd_path_; }
  std::string gtkw_path() const;
  // Save-file layout: control signals; per layer either one line per neuron
  // (layers of at most 64 traced neurons) or one vector per core (a closed
  // group beyond 8 cores); the NoC (closed groups); per chip, the chip links
  // that leave it (closed groups).
  std::vector<GtkwGroup> gtkw_groups() const;

  void on_spike(unsigned core, unsigned slot, unsigned step, uint64_t cycle) override;
  void on_phase(hw::StepPhase phase, unsigned step, uint64_t cycle) override;
  void on_tick(unsigned step, uint64_t first_cycle, uint64_t last_cycle) override;

 private:
  // A traced value that returns to 0 one clock after it was set.
  struct PulseValue {
    uint64_t value = 0;
    uint64_t set_cycle = UINT64_MAX;
  };
  struct CoreTrace {
    unsigned core = 0;
    std::vector<std::string> group_names;  // per traced value: layer name (or "spikes")
    std::vector<unsigned> group_widths;
    std::vector<PulseValue> groups;        // sized once; the trace file holds references
    std::array<int8_t, isa::kNeuronSlots> group_of_slot{};  // -1: not traced
    std::array<uint8_t, isa::kNeuronSlots> bit_of_slot{};
  };
  struct RouterTrace {
    unsigned router = 0;
    PulseValue flits;
    uint64_t occupancy = 0;
  };

  struct LinkTrace {
    unsigned link = 0;  // ChipTop::link(link)
    std::string stem;   // VCD scope under "chip."
    PulseValue flits;
    uint64_t occupancy = 0;
  };

  void build_core_traces(const isa::HostConfig& host);
  void build_link_traces();
  void trace_everything();
  void set_pulse(PulseValue& p, uint64_t bits, uint64_t cycle);
  void end_pulses();  // SC_METHOD: clears pulses set in an earlier cycle
  bool writing() const { return sample_on_ && window_.has_step(step_); }

  ChipTop& chip_;
  std::string vcd_path_;
  std::unique_ptr<PendingOutput> vcd_file_;  // renamed onto vcd_path_ by finish()
  std::string vcd_write_path_, gtkw_write_path_;  // staging files, or vcd_file_'s (gtkw: empty)
  TraceWindow window_;
  uint64_t max_bytes_ = 0;
  sc_core::sc_trace_file* file_ = nullptr;
  sc_core::sc_event end_pulses_event_;
  std::vector<PulseValue*> live_pulses_;
  std::vector<CoreTrace> cores_;    // cores in the window, ascending id
  std::vector<int> trace_of_core_;  // core id -> index in cores_, -1 if not traced
  std::vector<RouterTrace> routers_;
  std::vector<LinkTrace> links_;  // sized once; the trace file holds references
  std::vector<std::string> layer_names_;  // sanitized, in HostConfig::layers order
  std::vector<isa::LayerInfo> layers_;    // for the save file's per-neuron lines
  PulseValue tick_;
  uint64_t step_value_ = 0, phase_value_ = 0, sample_value_ = 0;
  unsigned step_ = 0;
  uint64_t last_change_cycle_ = 0;     // of a traced value: the file must reach it
  uint64_t time_units_per_cycle_ = 1;  // VCD time units (1 ns, or 1 ps) per clock
  bool sample_on_ = false;
  bool finished_ = false;
};

// What the $date section of every trace says.
inline constexpr const char* kFixedVcdDate = "(fixed for reproducibility)";

// Throws when the VCD at `path` (named `shown_as` in the message) ends before
// `last_change_time` (in its own time units) or mid-line: SystemC does not
// report failed writes, so a full disk shows only as a file that stops early.
void require_complete_vcd(const std::string& path, const std::string& shown_as,
                          uint64_t last_change_time);

// Replaces the $date section of a VCD written by SystemC with (as much of)
// kFixedVcdDate (as fits), in place.
void normalize_vcd_date(const std::string& path);

}  // namespace spikecore::platform
