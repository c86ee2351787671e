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

// Accumulators are held packed: each core's used span (the accumulators its
// ACC/CONV instructions write and its PSUMs read) is one block of the packed
// array, and the blocks are ordered by first use in the fan-outs, so the rows
// one spike adds in several cores (the column tiles of one input) lie side by
// side and become one run.

// Weights one spike adds: [weight_index, weight_index + cols) of
// ExecutionPlan::weights to the packed accumulators [acc_index, +cols).
struct SynapseRun {
  uint32_t acc_index = 0;
  uint32_t weight_index = 0;
  uint32_t cols = 0;
  uint16_t core = 0;        // destination core, when saturating (one core per run then)
  bool saturating = false;  // destination core can overflow: clip and count per add
};

// Segments of the packed accumulators that a fan-out writes, as bits of the
// dirty-segment set (word, bits).
struct DirtyMark {
  uint32_t word = 0;
  uint64_t bits = 0;
};

// Everything a spike of one neuron causes, in delivery order: route entries in
// table order, and for each the ACC instructions in program order.
struct FanOut {
  // single: exactly one run, which cannot clip, and one mark (the common
  // case). Its run and mark are copied here, so such a spike reads one record
  // instead of three (the per-spike loop waits on memory, not arithmetic).
  bool single = false;
  // No run is saturating: the adds of this fan-out commute with every other
  // add into their accumulators, so they may be applied in any order.
  bool never_clips = true;
  uint32_t packets = 0;       // spike packets per spike (route entries hit)
  uint32_t synaptic_ops = 0;  // weights read per delivered spike
  uint32_t single_acc_index = 0, single_weight_index = 0, single_cols = 0;
  DirtyMark single_mark;
  uint32_t first_run = 0, end_run = 0;    // into ExecutionPlan::runs
  uint32_t first_mark = 0, end_mark = 0;  // into ExecutionPlan::marks
};

// A fire-phase instruction over global neuron ids [begin, end). An
// autonomous FIRE covers neurons that nothing else touches: no partial sum
// reaches them, no other FIRE or LEAK covers them (input neurons). Their V
// then depends on their own parameters only, so the model steps only those
// that can change in a sample, and consecutive autonomous FIREs as one batch.
struct FirePhaseOp {
  bool is_leak = false;
  bool autonomous = false;
  uint8_t shift = 0;
  uint32_t begin = 0, end = 0;
  uint32_t autonomous_index = 0;  // autonomous: its index among the autonomous FIREs
  // The first FIRE of a batch: the index past its last FIRE, and the slots of all of them.
  uint32_t batch_end = 0, batch_slots = 0;
};

// PSUM instructions, merged where both ranges continue: packed accumulators
// [acc_index, +count) go to soma inputs [dst_neuron, +count) (global ids).
struct PsumOp {
  uint32_t acc_index = 0;
  uint32_t dst_neuron = 0;
  uint32_t count = 0;
};

// A range of packed accumulators that is sent and reset as a whole when any
// of it was written: psum_ops[first_op, end_op) read it.
struct AccSegment {
  uint32_t acc_begin = 0, acc_end = 0;
  uint32_t first_op = 0, end_op = 0;
};

// Segments of one shape, summed together: each is read by PSUMs in whole
// tiles of 8, and all of them send their tiles to the same soma inputs (the
// weight tiles of one layer, which all feed the same neurons), though not
// necessarily in the same order (the placer orders a segment's cores). Group
// chunk j goes to the soma inputs [dst[j], +8); in a member segment s it is
// the segment's tile chunk_of[s * kMaxChunks + j] (its accumulators [8c, 8c +
// 8) for that tile c). The partial-sum phase adds a group's dirty segments in
// registers, four chunks at a time, and the sums into the soma inputs once (I
// is int32: the order of the adds does not matter).
struct PsumGroup {
  static constexpr unsigned kMaxChunks = 16;
  uint32_t chunks = 0;  // 1 to kMaxChunks
  uint32_t dst[kMaxChunks] = {};
  uint32_t first_mark = 0, end_mark = 0;  // its segments: ExecutionPlan::group_marks
  bool permuted = false;  // some member's tiles are not in the group's chunk order
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
  std::vector<DirtyMark> marks;
  // The weights of every run, in run order (int8: half the cache footprint
  // of int16; the ACC loop widens them in registers).
  std::vector<int8_t> weights;

  // Fire phase of every core, core after core, each in program order.
  std::vector<FirePhaseOp> fire_phase;
  uint32_t autonomous_fires = 0;
  // True when the FIRE ranges, in execution order, are ascending and disjoint,
  // so spikes come out already in ascending id order.
  bool fire_order_ascending = true;

  uint32_t packed_accumulators = 0;
  std::vector<AccSegment> segments;  // in packed order, covering every block
  std::vector<PsumOp> psum_ops;      // segment by segment
  std::vector<PsumGroup> psum_groups;
  std::vector<DirtyMark> group_marks;
  // Per segment, kMaxChunks entries: the tile of the segment that is chunk j
  // of its group (see PsumGroup; unused for segments in no group).
  std::vector<uint8_t> chunk_of;
  // Per word of the dirty-segment set: the segments in no group.
  std::vector<uint64_t> ungrouped_segments;

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
