#include "golden/execution_plan.h"

#include <cstdlib>

#include "golden/plan_validation.h"

namespace spikecore::golden {
namespace {

using isa::kAccumulators;
using isa::kAxonsPerCore;
using isa::kNeuronSlots;
using isa::kWeightSramBytes;
using isa::Opcode;

uint32_t global_id(unsigned core, unsigned slot) { return core * kNeuronSlots + slot; }

void lower_neuron_params(const isa::ChipConfig& chip, ExecutionPlan& plan) {
  plan.threshold.resize(plan.num_neurons);
  plan.bias.resize(plan.num_neurons);
  plan.bias_start.resize(plan.num_neurons);
  plan.initial_potential.resize(plan.num_neurons);
  plan.weights.resize(size_t(plan.num_cores) * kWeightSramBytes);
  for (unsigned c = 0; c < plan.num_cores; ++c) {
    const isa::CoreConfig& core = chip.cores[c];
    for (unsigned s = 0; s < kNeuronSlots; ++s) {
      plan.threshold[global_id(c, s)] = core.neurons[s].threshold;
      plan.bias[global_id(c, s)] = core.neurons[s].bias;
      plan.bias_start[global_id(c, s)] = core.neurons[s].bias_start;
      plan.initial_potential[global_id(c, s)] = core.neurons[s].initial_potential;
    }
    for (unsigned b = 0; b < kWeightSramBytes; ++b)
      plan.weights[size_t(c) * kWeightSramBytes + b] = core.weights[b];
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

void lower_psums(const isa::ChipConfig& chip, const std::vector<uint32_t>& fire_cover,
                 ExecutionPlan& plan) {
  std::vector<bool> discarded(plan.num_neurons, false);
  plan.psum_begin.assign(plan.num_cores + 1, 0);
  for (unsigned c = 0; c < plan.num_cores; ++c) {
    plan.psum_begin[c] = uint32_t(plan.psum_ops.size());
    for (const isa::Instruction& ins : chip.cores[c].program) {
      if (ins.op != Opcode::kPsum) continue;
      PsumOp op;
      op.acc_index = c * kAccumulators + ins.psum.acc_base;
      op.dst_neuron = global_id(chip.target(ins.psum), ins.psum.dst_neuron);
      op.count = ins.psum.count;
      for (uint32_t j = 0; j < op.count; ++j)
        if (fire_cover[op.dst_neuron + j] == 0) discarded[op.dst_neuron + j] = true;
      plan.psum_ops.push_back(op);
    }
  }
  plan.psum_begin[plan.num_cores] = uint32_t(plan.psum_ops.size());
  for (uint32_t g = 0; g < plan.num_neurons; ++g)
    if (discarded[g]) plan.discarded_inputs.push_back(g);
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
// kernel row read backwards, by stride) are copied once into plan.weights
// after the cores' SRAMs, so the per-spike loop stays a plain vector add.
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
            run.weight_index = dst * kWeightSramBytes + f.weight_offset + (axon - f.axon_base) * f.cols;
            run.core = uint16_t(dst);
            run.cols = f.cols;
            run.saturating = can_saturate[dst];
            plan.runs.push_back(run);
            out.synaptic_ops += f.cols;
          }
        }
      }
      out.end_run = uint32_t(plan.runs.size());
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
  lower_psums(chip, fire_cover, plan);
  lower_fan_out(chip, fire_cover, cores_that_can_saturate(chip, fire_cover, plan), plan);
  plan.input_neurons = global_ids(chip.host.inputs);
  plan.output_neurons = global_ids(chip.host.outputs);
  return plan;
}

}  // namespace spikecore::golden
