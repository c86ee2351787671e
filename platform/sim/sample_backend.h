// The two ways to run samples: the functional golden model and the
// cycle-level SystemC model. Both report through the same SampleOutcome.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dataset/dataset.h"
#include "golden/golden_model.h"
#include "isa/chip_config.h"
#include "isa/hardware_description.h"
#include "platform/sim/run_activity.h"
#include "platform/sim/sample_outcome.h"
#include "platform/sim/sim_options.h"

namespace spikecore::sim {

struct TraceRequest {
  std::string vcd_path;                 // empty: no VCD
  std::string vcd_staging_path, gtkw_staging_path;  // written there; the caller renames
  std::vector<uint32_t> samples;        // IDX indices to trace
  uint32_t step_begin = 0, step_end = UINT32_MAX;  // inclusive
  std::vector<uint32_t> cores;          // empty: every used core
  uint64_t max_bytes = 0;               // the tracer stops a VCD larger than this (0: never)
  std::optional<uint32_t> spike_record_sample;  // also return this sample's spikes
};

struct BackendRun {
  const isa::ChipConfig* chip = nullptr;
  const dataset::Dataset* data = nullptr;
  std::vector<uint32_t> indices;  // samples to run, ascending
  uint32_t timesteps = 0;
  uint64_t watchdog_cycles = 0;  // systemc: step watchdog bound (0: the model's default)
  isa::Microarchitecture micro;  // systemc: sizes, cycle costs and clock of the model
  isa::ChipLinks chip_links;     // systemc on a board: the links between chips
  TraceRequest trace;
  std::function<void(const SampleOutcome&)> on_sample;
  // Steps done in the sample being run, a few times a second (systemc only:
  // the golden model runs even 65535 steps in well under a second).
  std::function<void(unsigned steps_done)> on_steps;
  std::function<void(uint32_t index, const golden::SpikeRecord&)> on_spike_record;
  // Once, after the last sample: the activity of every sample run (when set).
  std::function<void(const RunActivity&)> on_activity;
};

// Runs in the calling process. The SystemC backend may be used once per process.
void run_golden(const BackendRun& run);
void run_systemc(const BackendRun& run);

}  // namespace spikecore::sim
