// The flat execution plan of the golden model: a ChipConfig lowered once, at
// construction, into arrays the per-step loop walks without decoding anything.
// Internal to golden/ (not part of the public API).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "isa/chip_config.h"

namespace spikecore::golden {

// Thrown by build_plan for a configuration the model cannot execute safely
// (out-of-range fields, missing cores, dangling host references). One line per
// problem, each naming the core and the program/route entry.
class PlanError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// One ACC row reached by one route entry: when the source neuron spikes, the
// weights [weight_index, weight_index + cols) are added to the accumulators
// [acc_index, acc_index + cols). Indices are global (core * size + local).
struct SynapseRun {
  uint32_t acc_index = 0;
  uint32_t weight_index = 0;
  uint16_t core = 0;       // destination core (to mark its accumulators dirty)
  uint8_t cols = 0;
  bool saturating = false;  // destination core can overflow: clip and count per add
};

// Everything a spike of one neuron causes, in delivery order: route entries in
// table order, and for each the ACC instructions in program order.
struct FanOut {
  uint32_t first_run = 0, end_run = 0;  // into ExecutionPlan::runs
  uint32_t packets = 0;                 // spike packets per spike (route entries hit)
  uint32_t synaptic_ops = 0;            // weights read per delivered spike
};

// A fire-phase instruction over global neuron ids [begin, end).
struct FirePhaseOp {
  bool is_leak = false;
  uint8_t shift = 0;
  uint32_t begin = 0, end = 0;
};

// A PSUM instruction: accumulators [acc_index, +count) go to soma inputs
// [dst_neuron, +count) (global indices).
struct PsumOp {
  uint32_t acc_index = 0;
  uint32_t dst_neuron = 0;
  uint32_t count = 0;
};

struct IndexRange {
  uint32_t begin = 0, end = 0;
};

struct ExecutionPlan {
  unsigned num_cores = 0;
  unsigned num_neurons = 0;  // num_cores * kNeuronSlots

  // Per global neuron id.
  std::vector<int16_t> threshold;
  std::vector<int16_t> bias;  // as configured; input neurons get the pixel per sample
  std::vector<uint8_t> bias_start;
  std::vector<int16_t> initial_potential;  // V after CLEAR
  std::vector<FanOut> fan_out;

  std::vector<SynapseRun> runs;
  // num_cores * kWeightSramBytes int8 weights, widened to int16 once here so
  // that the ACC loop is a plain int16 vector add.
  std::vector<int16_t> weights;

  // Fire phase of every core, core after core, each in program order.
  std::vector<FirePhaseOp> fire_phase;
  // True when the FIRE ranges, in execution order, are ascending and disjoint,
  // so spikes come out already in ascending id order.
  bool fire_order_ascending = true;

  // PSUM instructions of core c: psum_ops[psum_begin[c] .. psum_begin[c+1]).
  std::vector<PsumOp> psum_ops;
  std::vector<uint32_t> psum_begin;  // num_cores + 1

  // Slots whose state can change (covered by FIRE or LEAK): cleared per sample.
  std::vector<IndexRange> live_ranges;
  // Slots that receive partial sums but that no FIRE covers: their soma input
  // is discarded at the end of every fire phase.
  std::vector<uint32_t> discarded_inputs;

  std::vector<uint32_t> input_neurons;   // HostConfig::inputs as global ids
  std::vector<uint32_t> output_neurons;  // HostConfig::outputs as global ids
};

// Validates what execution needs (bounds, references) and lowers the chip.
// Deliberately does NOT require isa::check() to pass: an image whose
// accumulators can overflow still runs, with clipping counted.
ExecutionPlan build_plan(const isa::ChipConfig& chip);

}  // namespace spikecore::golden
