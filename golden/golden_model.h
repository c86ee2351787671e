// Bit-exact functional model of the SpikeCore chip (plain C++, no SystemC):
// executes a ChipConfig step by step with the semantics of docs/isa.md, with
// no notion of cycles. It is the oracle for the SystemC model and the fast
// backend of spikecore-sim.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "isa/chip_config.h"

namespace spikecore::golden {

// Counters of one run; same meaning as the core's counter registers.
struct Counters {
  uint64_t synaptic_ops = 0;   // one per weight read by ACC
  uint64_t events_in = 0;      // spike packets delivered
  uint64_t psum_packets = 0;   // partial-sum packets delivered
  uint64_t fire_ops = 0;       // neuron updates by FIRE
  uint64_t leak_ops = 0;       // neuron updates by LEAK
  uint64_t spikes = 0;         // spikes fired
  uint64_t flits = 0;          // packets injected (spike fan-out + psums)
  uint64_t acc_saturations = 0;
  uint64_t soma_saturations = 0;   // V + I above +32767, clipped: can change a spike
  uint64_t soma_floor_clips = 0;   // V + I below -32768, held there: an inhibited neuron
};

// Spikes of a run: for step t, ids[step_begin[t] .. step_begin[t+1]) are the
// global neuron ids (core * kNeuronSlots + slot) that fired, ascending.
struct SpikeRecord {
  std::vector<uint32_t> step_begin;  // size T + 1
  std::vector<uint32_t> ids;
  bool operator==(const SpikeRecord& o) const {
    return step_begin == o.step_begin && ids == o.ids;
  }
};

// Saturations per core, indexed by core id: what each core's CNT_SAT_ACC and
// CNT_SAT_SOMA registers hold after the run (their sums are the Counters'
// totals). Reports attribute them to layers through the image's layer table.
struct SaturationsByCore {
  std::vector<uint64_t> acc;   // ACC results clipped in the core's accumulators
  std::vector<uint64_t> soma;  // membrane updates clipped at +32767 in the core's neurons
  std::vector<uint64_t> soma_floor;  // ... and held at -32768 (CNT_FLOOR_SOMA)
  bool operator==(const SaturationsByCore& o) const {
    return acc == o.acc && soma == o.soma && soma_floor == o.soma_floor;
  }
};

struct RunResult {
  SpikeRecord spikes;
  std::vector<int16_t> membrane;        // final V, indexed by global neuron id
  std::vector<uint16_t> spike_counts;   // per global neuron id
  std::vector<uint32_t> output_spike_counts;  // per class (HostConfig::outputs)
  std::vector<int64_t> output_scores;         // read-out scores per class
  int predicted_class = -1;
  Counters counters;
  SaturationsByCore saturations;
};

// One model runs one sample at a time: copies share their state, so give each
// thread its own GoldenModel (construction is cheap next to a data set).
class GoldenModel {
 public:
  explicit GoldenModel(const isa::ChipConfig& chip);
  // Runs one sample: clear, write the pixel bytes into the input neurons'
  // bias, run `timesteps` steps, read out. `pixels` has HostConfig::inputs.size()
  // bytes. Reuses internal buffers: no allocation per step.
  RunResult run(const uint8_t* pixels, unsigned timesteps);
  // Same, writing into `out` so a caller looping over samples can reuse it.
  void run(const uint8_t* pixels, unsigned timesteps, RunResult& out);

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace spikecore::golden
