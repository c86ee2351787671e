#include "golden/execution_plan.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "golden/plan_validation.h"

namespace spikecore::golden {
namespace {

using isa::kAccumulators;
using isa::kAxonsPerCore;
using isa::kNeuronSlots;
using isa::Opcode;

uint32_t global_id(unsigned core, unsigned slot) { return core * kNeuronSlots + slot; }

void lower_neuron_params(const isa::ChipConfig& chip, ExecutionPlan& plan) {
  plan.threshold.resize(plan.num_neurons);
  plan.bias.resize(plan.num_neurons);
  plan.bias_start.resize(plan.num_neurons);
  plan.initial_potential.resize(plan.num_neurons);
  for (unsigned c = 0; c < plan.num_cores; ++c) {
    const isa::CoreConfig& core = chip.cores[c];
    for (unsigned s = 0; s < kNeuronSlots; ++s) {
      plan.threshold[global_id(c, s)] = core.neurons[s].threshold;
      plan.bias[global_id(c, s)] = core.neurons[s].bias;
      plan.bias_start[global_id(c, s)] = core.neurons[s].bias_start;
      plan.initial_potential[global_id(c, s)] = core.neurons[s].initial_potential;
    }
  }
}

// Fire-phase ops in execution order; returns, per neuron, how many FIRE
// instructions cover it (= the most spikes it can emit in one step).
std::vector<uint32_t> lower_fire_phase(const isa::ChipConfig& chip, ExecutionPlan& plan) {
  std::vector<uint32_t> fire_cover(plan.num_neurons, 0);
  std::vector<bool> live(plan.num_neurons, false);
  uint32_t last_fire_end = 0;
  for (unsigned c = 0; c < plan.num_cores; ++c) {
    for (const isa::Instruction& ins : chip.cores[c].program) {
      FirePhaseOp op;
      if (ins.op == Opcode::kFire) {
        op.begin = global_id(c, ins.fire.neuron_base);
        op.end = op.begin + ins.fire.count;
        if (op.begin < last_fire_end) plan.fire_order_ascending = false;
        last_fire_end = op.end;
        for (uint32_t g = op.begin; g < op.end; ++g) ++fire_cover[g];
      } else if (ins.op == Opcode::kLeak) {
        op.is_leak = true;
        op.shift = ins.leak.shift;
        op.begin = global_id(c, ins.leak.neuron_base);
        op.end = op.begin + ins.leak.count;
      } else {
        continue;
      }
      for (uint32_t g = op.begin; g < op.end; ++g) live[g] = true;
      plan.fire_phase.push_back(op);
    }
  }
  for (uint32_t g = 0; g < plan.num_neurons;) {
    if (!live[g]) {
      ++g;
      continue;
    }
    IndexRange r{g, g};
    while (r.end < plan.num_neurons && live[r.end]) ++r.end;
    plan.live_ranges.push_back(r);
    g = r.end;
  }
  return fire_cover;
}

// PSUM instructions of every core, with global accumulator indices
// (core * kAccumulators + acc) until segment_psums moves them to the packed array.
std::vector<PsumOp> lower_psums(const isa::ChipConfig& chip, const std::vector<uint32_t>& fire_cover,
                                ExecutionPlan& plan) {
  std::vector<PsumOp> ops;
  std::vector<bool> discarded(plan.num_neurons, false);
  for (unsigned c = 0; c < plan.num_cores; ++c) {
    for (const isa::Instruction& ins : chip.cores[c].program) {
      if (ins.op != Opcode::kPsum) continue;
      PsumOp op;
      op.acc_index = c * kAccumulators + ins.psum.acc_base;
      op.dst_neuron = global_id(chip.target(ins.psum), ins.psum.dst_neuron);
      op.count = ins.psum.count;
      for (uint32_t j = 0; j < op.count; ++j)
        if (fire_cover[op.dst_neuron + j] == 0) discarded[op.dst_neuron + j] = true;
      ops.push_back(op);
    }
  }
  for (uint32_t g = 0; g < plan.num_neurons; ++g)
    if (discarded[g]) plan.discarded_inputs.push_back(g);
  return ops;
}

// Marks the FIREs whose neurons only they update and no PSUM feeds.
void mark_autonomous_fires(const std::vector<uint32_t>& fire_cover,
                           const std::vector<PsumOp>& psums, ExecutionPlan& plan) {
  std::vector<bool> touched(plan.num_neurons, false);
  for (const PsumOp& op : psums)
    for (uint32_t j = 0; j < op.count; ++j) touched[op.dst_neuron + j] = true;
  for (const FirePhaseOp& op : plan.fire_phase)
    if (op.is_leak)
      for (uint32_t g = op.begin; g < op.end; ++g) touched[g] = true;
  for (FirePhaseOp& op : plan.fire_phase) {
    if (op.is_leak) continue;
    op.autonomous = true;
    for (uint32_t g = op.begin; g < op.end; ++g)
      if (touched[g] || fire_cover[g] != 1) op.autonomous = false;
    if (op.autonomous) op.autonomous_index = plan.autonomous_fires++;
  }
  for (size_t first = 0; first < plan.fire_phase.size();) {
    size_t end = first;
    FirePhaseOp& head = plan.fire_phase[first];
    while (end < plan.fire_phase.size() && plan.fire_phase[end].autonomous) {
      head.batch_slots += plan.fire_phase[end].end - plan.fire_phase[end].begin;
      ++end;
    }
    head.batch_end = uint32_t(end);
    first = end == first ? first + 1 : end;
  }
}

// Worst case of every accumulator in one step: sum of |w| over the ACC rows
// feeding it, times the spikes that can reach that axon in one step. Cores
// whose bound stays within int16 never clip, whatever the arrival order, and
// take the plain-add path; the others clip and count on every add.
std::vector<bool> cores_that_can_saturate(const isa::ChipConfig& chip,
                                          const std::vector<uint32_t>& fire_cover,
                                          const ExecutionPlan& plan) {
  std::vector<uint64_t> deliveries(size_t(plan.num_cores) * kAxonsPerCore, 0);
  for (unsigned c = 0; c < plan.num_cores; ++c)
    for (const isa::RouteEntry& r : chip.cores[c].routes)
      for (unsigned k = 0; k < r.count; ++k)
        deliveries[size_t(chip.target(r)) * kAxonsPerCore + r.dst_axon_base + k] +=
            fire_cover[global_id(c, r.neuron_base + k)];

  std::vector<bool> can_saturate(plan.num_cores, false);
  for (unsigned c = 0; c < plan.num_cores; ++c) {
    const isa::CoreConfig& core = chip.cores[c];
    uint64_t bound[kAccumulators] = {};
    for (const isa::Instruction& ins : core.program) {
      if (ins.op == Opcode::kConv) {
        for (unsigned a = ins.conv.axon_base; a < ins.conv.axon_base + ins.conv.axon_count(); ++a) {
          const uint64_t spikes = deliveries[size_t(c) * kAxonsPerCore + a];
          isa::for_each_conv_tap(ins.conv, a, [&](unsigned acc, unsigned weight) {
            bound[acc] += spikes * uint64_t(std::abs(int(core.weights[weight])));
          });
        }
      }
      if (ins.op != Opcode::kAcc) continue;
      const isa::AccFields& f = ins.acc;
      for (unsigned row = 0; row < f.axon_count; ++row) {
        const uint64_t spikes = deliveries[size_t(c) * kAxonsPerCore + f.axon_base + row];
        for (unsigned j = 0; j < f.cols; ++j)
          bound[f.acc_base + j] +=
              spikes * uint64_t(std::abs(int(core.weights[f.weight_offset + row * f.cols + j])));
      }
    }
    for (uint64_t b : bound)
      if (b > uint64_t(isa::kInt16Max)) can_saturate[c] = true;
  }
  return can_saturate;
}

// A CONV tap list as synapse runs: per output channel and row, the taps of
// consecutive output columns are consecutive accumulators; their weights (a
// kernel row read backwards, by stride) are copied into plan.weights, so the
// per-spike loop stays a plain vector add.
uint32_t lower_conv_taps(const isa::ChipConfig& chip, unsigned dst, const isa::ConvFields& f,
                         unsigned axon, bool saturating, ExecutionPlan& plan) {
  const isa::CoreConfig& core = chip.cores[dst];
  SynapseRun run;
  unsigned last_acc = 0;
  const unsigned taps = isa::for_each_conv_tap(f, axon, [&](unsigned acc, unsigned weight) {
    if (run.cols == 0 || acc != last_acc + 1) {
      if (run.cols != 0) plan.runs.push_back(run);
      run = SynapseRun{};
      run.acc_index = dst * kAccumulators + acc;
      run.weight_index = uint32_t(plan.weights.size());
      run.core = uint16_t(dst);
      run.saturating = saturating;
    }
    plan.weights.push_back(core.weights[weight]);
    ++run.cols;
    last_acc = acc;
  });
  if (run.cols != 0) plan.runs.push_back(run);
  return taps;
}

void lower_fan_out(const isa::ChipConfig& chip, const std::vector<uint32_t>& fire_cover,
                   const std::vector<bool>& can_saturate, ExecutionPlan& plan) {
  plan.fan_out.resize(plan.num_neurons);
  for (unsigned c = 0; c < plan.num_cores; ++c) {
    for (unsigned s = 0; s < kNeuronSlots; ++s) {
      FanOut& out = plan.fan_out[global_id(c, s)];
      out.first_run = uint32_t(plan.runs.size());
      if (fire_cover[global_id(c, s)] != 0) {
        for (const isa::RouteEntry& r : chip.cores[c].routes) {
          if (s < r.neuron_base || s >= unsigned(r.neuron_base) + r.count) continue;
          ++out.packets;
          const unsigned dst = chip.target(r);
          const unsigned axon = r.dst_axon_base + (s - r.neuron_base);
          for (const isa::Instruction& ins : chip.cores[dst].program) {
            if (ins.op == Opcode::kConv) {
              out.synaptic_ops += lower_conv_taps(chip, dst, ins.conv, axon, can_saturate[dst], plan);
              continue;
            }
            if (ins.op != Opcode::kAcc) continue;
            const isa::AccFields& f = ins.acc;
            if (axon < f.axon_base || axon >= unsigned(f.axon_base) + f.axon_count) continue;
            SynapseRun run;
            run.acc_index = dst * kAccumulators + f.acc_base;
            run.weight_index = uint32_t(plan.weights.size());
            run.core = uint16_t(dst);
            run.cols = f.cols;
            run.saturating = can_saturate[dst];
            const int8_t* row = chip.cores[dst].weights.data() + f.weight_offset +
                                (axon - f.axon_base) * f.cols;
            plan.weights.insert(plan.weights.end(), row, row + f.cols);
            plan.runs.push_back(run);
            out.synaptic_ops += f.cols;
          }
        }
      }
      out.end_run = uint32_t(plan.runs.size());
    }
  }
}

// Where each core's used accumulator span lies in the packed array.
struct PackedLayout {
  std::vector<unsigned> block_order;         // cores with a block, in packed order
  std::vector<uint32_t> lo, hi, offset;      // per core: used span [lo, hi), its packed start
  uint32_t size = 0;                         // packed accumulators in all
  uint32_t packed(uint32_t global_acc) const {
    const uint32_t core = global_acc / kAccumulators;
    return offset[core] + global_acc % kAccumulators - lo[core];
  }
};

PackedLayout layout_blocks(const ExecutionPlan& plan, const std::vector<PsumOp>& psums) {
  PackedLayout layout;
  layout.lo.assign(plan.num_cores, kAccumulators);
  layout.hi.assign(plan.num_cores, 0);
  layout.offset.assign(plan.num_cores, 0);
  auto use = [&](uint32_t global_acc, uint32_t count) {
    const uint32_t core = global_acc / kAccumulators, acc = global_acc % kAccumulators;
    layout.lo[core] = std::min(layout.lo[core], acc);
    layout.hi[core] = std::max(layout.hi[core], acc + count);
  };
  for (const SynapseRun& run : plan.runs) use(run.acc_index, run.cols);
  for (const PsumOp& op : psums) use(op.acc_index, op.count);
  std::vector<bool> placed(plan.num_cores, false);
  auto place = [&](unsigned core) {
    if (placed[core] || layout.hi[core] <= layout.lo[core]) return;
    placed[core] = true;
    layout.block_order.push_back(core);
  };
  for (const SynapseRun& run : plan.runs) place(run.core);  // first use by a spike
  for (unsigned c = 0; c < plan.num_cores; ++c) place(c);
  uint32_t next = 0;
  for (unsigned core : layout.block_order) {
    layout.offset[core] = next;
    next += layout.hi[core] - layout.lo[core];
  }
  layout.size = next;
  return layout;
}

// Moves the runs to packed accumulators and joins, within each fan-out, runs
// that continue one another (the column tiles of one input row).
void pack_runs(const PackedLayout& layout, ExecutionPlan& plan) {
  std::vector<SynapseRun> packed;
  packed.reserve(plan.runs.size());
  for (FanOut& out : plan.fan_out) {
    const uint32_t first = uint32_t(packed.size());
    for (uint32_t r = out.first_run; r < out.end_run; ++r) {
      SynapseRun run = plan.runs[r];
      run.acc_index = layout.packed(run.acc_index);
      if (packed.size() > first) {
        SynapseRun& last = packed.back();
        if (!last.saturating && !run.saturating && last.acc_index + last.cols == run.acc_index &&
            last.weight_index + last.cols == run.weight_index) {
          last.cols += run.cols;
          continue;
        }
      }
      packed.push_back(run);
    }
    out.first_run = first;
    out.end_run = uint32_t(packed.size());
  }
  plan.runs = std::move(packed);
}

bool continues(const PsumOp& a, const PsumOp& b) {
  return a.acc_index + a.count == b.acc_index && a.dst_neuron + a.count == b.dst_neuron;
}

// Segments: runs of consecutive blocks that one spike writes together (a
// run that spans them: the column tiles of one input row), so that a step
// visits and resets them as one. PSUMs that continue each other merge. The
// order of the PSUMs does not matter (I is int32 and cannot overflow).
void segment_psums(const PackedLayout& layout, std::vector<PsumOp> psums, ExecutionPlan& plan) {
  std::vector<std::vector<PsumOp>> by_core(plan.num_cores);
  for (PsumOp& op : psums) {
    const uint32_t core = op.acc_index / kAccumulators;
    op.acc_index = layout.packed(op.acc_index);
    by_core[core].push_back(op);
  }
  // joined[a]: packed accumulators a - 1 and a are written by one run.
  std::vector<bool> joined(layout.size + 1, false);
  for (const SynapseRun& run : plan.runs)
    for (uint32_t a = run.acc_index + 1; a < run.acc_index + run.cols; ++a) joined[a] = true;
  for (unsigned core : layout.block_order) {
    std::vector<PsumOp>& ops = by_core[core];
    std::stable_sort(ops.begin(), ops.end(),
                     [](const PsumOp& a, const PsumOp& b) { return a.acc_index < b.acc_index; });
    const uint32_t begin = layout.offset[core], end = begin + layout.hi[core] - layout.lo[core];
    if (!plan.segments.empty() && joined[begin]) {
      plan.segments.back().acc_end = end;
    } else {
      const uint32_t op_index = uint32_t(plan.psum_ops.size());
      plan.segments.push_back(AccSegment{begin, end, op_index, op_index});
    }
    AccSegment& segment = plan.segments.back();
    for (const PsumOp& op : ops) {
      if (plan.psum_ops.size() > segment.first_op && continues(plan.psum_ops.back(), op))
        plan.psum_ops.back().count += op.count;
      else
        plan.psum_ops.push_back(op);
    }
    segment.end_op = uint32_t(plan.psum_ops.size());
  }
}

// The chunks' destinations of a segment that can join a PsumGroup, or none.
std::vector<uint32_t> group_shape(const ExecutionPlan& plan, const AccSegment& segment) {
  const uint32_t width = segment.acc_end - segment.acc_begin;
  if (width == 0 || width > 8 * PsumGroup::kMaxChunks || width % 8 != 0) return {};
  std::vector<uint32_t> dst(width / 8, UINT32_MAX);
  for (uint32_t p = segment.first_op; p < segment.end_op; ++p) {
    const PsumOp& op = plan.psum_ops[p];
    const uint32_t offset = op.acc_index - segment.acc_begin;
    if (offset % 8 != 0 || op.count % 8 != 0) return {};
    for (uint32_t c = 0; c < op.count / 8; ++c) {
      uint32_t& chunk = dst[offset / 8 + c];
      if (chunk != UINT32_MAX) return {};  // read twice
      chunk = op.dst_neuron + 8 * c;
    }
  }
  if (std::find(dst.begin(), dst.end(), UINT32_MAX) != dst.end()) return {};  // never read
  return dst;
}

// Groups of two or more segments whose tiles go to the same soma inputs, in
// any order (see PsumGroup); the group's chunk order is its first segment's.
void group_segments(ExecutionPlan& plan) {
  constexpr unsigned kMaxChunks = PsumGroup::kMaxChunks;
  const size_t words = (plan.segments.size() + 63) / 64;
  plan.ungrouped_segments.assign(words, 0);
  plan.chunk_of.assign(plan.segments.size() * kMaxChunks, 0);
  std::vector<std::vector<uint32_t>> shapes(plan.segments.size());
  std::map<std::vector<uint32_t>, std::vector<uint32_t>> by_destinations;
  for (uint32_t s = 0; s < plan.segments.size(); ++s) {
    shapes[s] = group_shape(plan, plan.segments[s]);
    if (shapes[s].empty()) {
      plan.ungrouped_segments[s / 64] |= uint64_t(1) << (s % 64);
      continue;
    }
    std::vector<uint32_t> destinations = shapes[s];
    std::sort(destinations.begin(), destinations.end());
    by_destinations[std::move(destinations)].push_back(s);
  }
  for (const auto& [destinations, members] : by_destinations) {  // (sorted: the key only)
    if (members.size() < 2) {
      plan.ungrouped_segments[members[0] / 64] |= uint64_t(1) << (members[0] % 64);
      continue;
    }
    const std::vector<uint32_t>& order = shapes[members[0]];
    PsumGroup group;
    group.chunks = uint32_t(order.size());
    std::copy(order.begin(), order.end(), group.dst);
    group.first_mark = uint32_t(plan.group_marks.size());
    for (uint32_t s : members) {  // ascending
      if (plan.group_marks.size() == group.first_mark || plan.group_marks.back().word != s / 64)
        plan.group_marks.push_back(DirtyMark{s / 64, 0});
      plan.group_marks.back().bits |= uint64_t(1) << (s % 64);
      // Chunk j of the group: the first tile of s not taken yet that goes to dst[j].
      std::vector<bool> taken(group.chunks, false);
      for (uint32_t j = 0; j < group.chunks; ++j) {
        uint32_t c = 0;
        while (taken[c] || shapes[s][c] != order[j]) ++c;  // the multisets are equal
        taken[c] = true;
        plan.chunk_of[size_t(s) * kMaxChunks + j] = uint8_t(c);
        group.permuted = group.permuted || c != j;
      }
    }
    group.end_mark = uint32_t(plan.group_marks.size());
    plan.psum_groups.push_back(group);
  }
}

// Per fan-out, the segments its runs write, as words of the dirty set.
void mark_segments(ExecutionPlan& plan) {
  std::vector<uint32_t> segment_of(plan.packed_accumulators, 0);
  for (uint32_t s = 0; s < plan.segments.size(); ++s)
    for (uint32_t a = plan.segments[s].acc_begin; a < plan.segments[s].acc_end; ++a)
      segment_of[a] = s;
  for (FanOut& out : plan.fan_out) {
    out.first_mark = uint32_t(plan.marks.size());
    for (uint32_t r = out.first_run; r < out.end_run; ++r) {
      const SynapseRun& run = plan.runs[r];
      for (uint32_t a = run.acc_index; a < run.acc_index + run.cols; ++a) {
        const uint32_t s = segment_of[a];
        const uint32_t word = s / 64;
        const uint64_t bit = uint64_t(1) << (s % 64);
        auto mark = std::find_if(plan.marks.begin() + out.first_mark, plan.marks.end(),
                                 [&](const DirtyMark& m) { return m.word == word; });
        if (mark == plan.marks.end())
          plan.marks.push_back(DirtyMark{word, bit});
        else
          mark->bits |= bit;
      }
    }
    out.end_mark = uint32_t(plan.marks.size());
    out.never_clips = std::none_of(plan.runs.begin() + out.first_run, plan.runs.begin() + out.end_run,
                                   [](const SynapseRun& run) { return run.saturating; });
    out.single = out.end_run == out.first_run + 1 && !plan.runs[out.first_run].saturating &&
                 out.end_mark == out.first_mark + 1;
    if (out.single) {
      const SynapseRun& run = plan.runs[out.first_run];
      out.single_acc_index = run.acc_index;
      out.single_weight_index = run.weight_index;
      out.single_cols = run.cols;
      out.single_mark = plan.marks[out.first_mark];
    }
  }
}

std::vector<uint32_t> global_ids(const std::vector<isa::NeuronRef>& refs) {
  std::vector<uint32_t> ids;
  ids.reserve(refs.size());
  for (const isa::NeuronRef& r : refs) ids.push_back(global_id(r.core, r.slot));
  return ids;
}

}  // namespace

ExecutionPlan build_plan(const isa::ChipConfig& chip) {
  const std::vector<std::string> errors = find_execution_errors(chip);
  if (!errors.empty()) {
    std::string message = "golden model: chip configuration cannot be executed:";
    for (const std::string& e : errors) message += "\n  " + e;
    throw PlanError(message);
  }
  ExecutionPlan plan;
  plan.num_cores = chip.num_cores();
  plan.num_neurons = plan.num_cores * kNeuronSlots;
  lower_neuron_params(chip, plan);
  const std::vector<uint32_t> fire_cover = lower_fire_phase(chip, plan);
  std::vector<PsumOp> psums = lower_psums(chip, fire_cover, plan);
  mark_autonomous_fires(fire_cover, psums, plan);
  lower_fan_out(chip, fire_cover, cores_that_can_saturate(chip, fire_cover, plan), plan);
  const PackedLayout layout = layout_blocks(plan, psums);
  plan.packed_accumulators = layout.size;
  pack_runs(layout, plan);
  segment_psums(layout, std::move(psums), plan);
  group_segments(plan);
  mark_segments(plan);
  plan.input_neurons = global_ids(chip.host.inputs);
  plan.output_neurons = global_ids(chip.host.outputs);
  return plan;
}

}  // namespace spikecore::golden
