// Host runtime: loads an image into a SpikeCore chip and runs inferences,
// using nothing but memory-mapped accesses through a Bus (docs/isa.md
// section 3). A failed access throws BusError, which names the address and
// the region; nothing after it runs.
#pragma once

#include <cstdint>
#include <vector>

#include "isa/chip_config.h"
#include "sw/bus.h"

namespace spikecore::sw {

struct ChipIdentity {
  uint32_t chip_id = 0;
  uint32_t num_cores = 0;
  uint32_t mesh_width = 0, mesh_height = 0;
  uint32_t board_width = 1, board_height = 1;  // chips
};

struct InferenceResult {
  int predicted_class = -1;
  std::vector<uint32_t> output_spike_counts;  // per class (HostConfig::outputs)
  std::vector<int16_t> output_membranes;
  std::vector<int64_t> output_scores;         // isa::readout_score
  uint64_t cycles = 0;                        // CYCLE_HI:LO advance during the run
  uint32_t steps = 0;                         // STEP_INDEX after the run
};

class HostRuntime {
 public:
  // `chip` must outlive the runtime.
  HostRuntime(Bus& bus, const isa::ChipConfig& chip);

  // Reads CHIP_ID, NUM_CORES and MESH_DIMS; throws std::runtime_error when the
  // chip is not a SpikeCore or its mesh differs from the image's.
  ChipIdentity probe();
  // Writes every core's weights, program, routes, neuron parameters, PROG_LEN
  // and ROUTE_LEN (docs/isa.md section 9.1), then CLEAR.
  void load_image();
  // CLEAR, pixel bytes into the input neurons' bias, STEP_RUN timesteps, wait for
  // the interrupt, read SPIKE_COUNT and MEMBRANE of the outputs, read out.
  // `pixels` holds HostConfig::inputs.size() bytes.
  InferenceResult infer(const uint8_t* pixels, unsigned timesteps);

  // Checked accessors (throw BusError), little endian.
  uint32_t read32(uint64_t address);
  void write32(uint64_t address, uint32_t value);
  void read_block(uint64_t address, uint8_t* data, size_t size);
  void write_block(uint64_t address, const uint8_t* data, size_t size);

 private:
  uint64_t core_address(unsigned core) const;  // host address of a core (global id)
  void load_core(unsigned core);
  void write_input_biases(const uint8_t* pixels);
  void read_outputs(InferenceResult& result);
  uint64_t read_cycles();

  Bus& bus_;
  const isa::ChipConfig& chip_;
  // Input neurons grouped by core: (core, first slot, last slot) ranges.
  struct SlotRange {
    unsigned core, first, last;
  };
  std::vector<SlotRange> input_ranges_, output_ranges_;
};

}  // namespace spikecore::sw
