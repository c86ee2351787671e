// Step loop of the golden model. The three phases of docs/isa.md section 2 are
// executed with one reordering that cannot be observed: the event phase of
// step t+1 (ACC of every spike fired in step t) is performed while those
// spikes are fired, in the fire phase of step t. Nothing reads or writes the
// accumulators between the two (they were reset after the partial-sum phase of
// step t), so the accumulator contents at barrier A of step t+1 are the same.
// Spikes fired in the last step are never delivered (their event phase would
// belong to step T, which is not run): they count as spikes and flits only.
#include "golden/golden_model.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>
#include <string>

#include "golden/execution_plan.h"

namespace spikecore::golden {

struct GoldenModel::Impl {
  explicit Impl(const isa::ChipConfig& chip);
  void run(const uint8_t* pixels, unsigned timesteps, RunResult& out);

 private:
  void clear(const uint8_t* pixels);
  void partial_sum_phase(Counters& counters);
  void fire_phase(unsigned t, bool deliver_spikes, Counters& counters, std::vector<uint32_t>& ids);
  void read_out(RunResult& out) const;

  ExecutionPlan plan_;
  // Architectural state, indexed by global neuron id / global accumulator index.
  std::vector<int16_t> membrane_;
  std::vector<int32_t> soma_input_;  // zero between steps
  std::vector<uint16_t> spike_count_;
  std::vector<int16_t> bias_;        // configured bias, pixels written into input neurons
  std::vector<int16_t> acc_;         // zero except in dirty cores
  SaturationsByCore* saturations_ = nullptr;  // the RunResult's, while run() runs
  // Bit c: core c's accumulators received an ACC since the last partial-sum
  // phase (a bitmap: setting a bit is branch-free and needs no char store,
  // which would make the compiler assume every other array may have changed).
  std::vector<uint64_t> dirty_cores_;  // (num_cores + 63) / 64 words
};

GoldenModel::Impl::Impl(const isa::ChipConfig& chip)
    : plan_(build_plan(chip)),
      membrane_(plan_.initial_potential),
      soma_input_(plan_.num_neurons, 0),
      spike_count_(plan_.num_neurons, 0),
      bias_(plan_.bias),
      acc_(size_t(plan_.num_cores) * isa::kAccumulators, 0),
      dirty_cores_((plan_.num_cores + 63) / 64, 0) {}

// CLEAR, then the host writes each pixel byte into its input neuron's bias.
// Only slots a FIRE or LEAK covers can have changed; the others keep their
// initial potential from construction. Soma inputs and accumulators are
// already zero: every run leaves them so.
void GoldenModel::Impl::clear(const uint8_t* pixels) {
  for (const IndexRange& r : plan_.live_ranges) {
    std::copy(plan_.initial_potential.begin() + r.begin, plan_.initial_potential.begin() + r.end,
              membrane_.begin() + r.begin);
    std::fill(spike_count_.begin() + r.begin, spike_count_.begin() + r.end, uint16_t(0));
  }
  for (size_t i = 0; i < plan_.input_neurons.size(); ++i)
    bias_[plan_.input_neurons[i]] = int16_t(pixels[i]);
}

namespace {

// ACC of one spike in every destination core (the event phase of the next
// step, see the file comment); marks those cores dirty, adds the clipped adds
// to their per-core count and returns how many adds clipped.
uint32_t accumulate(const FanOut& fan_out, const SynapseRun* runs, const int16_t* weights,
                    int16_t* acc, uint64_t* dirty_cores, uint64_t* acc_clips_by_core) {
  uint32_t clipped = 0;
  for (uint32_t r = fan_out.first_run; r < fan_out.end_run; ++r) {
    const SynapseRun& run = runs[r];
    int16_t* __restrict a = acc + run.acc_index;
    const int16_t* __restrict w = weights + run.weight_index;
    const unsigned cols = run.cols;
    if (!run.saturating) {
      for (unsigned j = 0; j < cols; ++j) a[j] = int16_t(a[j] + w[j]);
    } else {
      uint32_t clipped_here = 0;
      for (unsigned j = 0; j < cols; ++j) {
        bool clip = false;
        a[j] = isa::saturate16(int64_t(a[j]) + w[j], &clip);
        clipped_here += clip;
      }
      acc_clips_by_core[run.core] += clipped_here;
      clipped += clipped_here;
    }
    dirty_cores[run.core >> 6] |= uint64_t(1) << (run.core & 63);
  }
  return clipped;
}

}  // namespace

// PSUM instructions of every core that holds a non-zero accumulator, then the
// reset of those accumulators (all others are zero already). I is int32 and
// cannot overflow, so the order in which cores send does not matter.
void GoldenModel::Impl::partial_sum_phase(Counters& counters) {
  int16_t* acc = acc_.data();
  int32_t* soma_input = soma_input_.data();
  for (size_t word = 0; word < dirty_cores_.size(); ++word) {
    for (uint64_t bits = dirty_cores_[word]; bits != 0; bits &= bits - 1) {
      const unsigned core = unsigned(word * 64 + unsigned(__builtin_ctzll(bits)));
      for (uint32_t p = plan_.psum_begin[core]; p < plan_.psum_begin[core + 1]; ++p) {
        const PsumOp& op = plan_.psum_ops[p];
        // Branch-free: adding a zero accumulator changes nothing, and only the
        // non-zero ones are packets.
        const int16_t* __restrict value = acc + op.acc_index;
        int32_t* __restrict dst = soma_input + op.dst_neuron;
        const uint32_t count = op.count;  // a local: dst could alias op for the compiler
        uint32_t packets = 0;
        for (uint32_t j = 0; j < count; ++j) {
          dst[j] += value[j];
          packets += value[j] != 0;
        }
        counters.psum_packets += packets;
      }
      std::fill(acc + size_t(core) * isa::kAccumulators,
                acc + size_t(core + 1) * isa::kAccumulators, int16_t(0));
    }
    dirty_cores_[word] = 0;
  }
}

// FIRE runs in two passes per instruction: a branch-free pass (vectorizable)
// that integrates, clips and resets every slot and notes which ones spiked,
// then a pass over the spiking slots only, in slot order, for the spike count,
// the record and the fan-out. The result is the same as handling each slot
// completely before the next: slots of one FIRE do not read each other.
void GoldenModel::Impl::fire_phase(unsigned t, bool deliver_spikes, Counters& counters,
                                   std::vector<uint32_t>& ids) {
  int16_t* __restrict membrane = membrane_.data();
  int32_t* __restrict soma_input = soma_input_.data();
  uint16_t* spike_count = spike_count_.data();
  const int16_t* __restrict bias = bias_.data();
  const uint8_t* __restrict bias_start = plan_.bias_start.data();
  const int16_t* __restrict threshold = plan_.threshold.data();
  const FanOut* fan_out = plan_.fan_out.data();
  const SynapseRun* runs = plan_.runs.data();
  const int16_t* weights = plan_.weights.data();
  int16_t* acc = acc_.data();
  uint64_t* dirty_cores = dirty_cores_.data();
  uint64_t flits = 0, events = 0, synaptic_ops = 0, acc_clips = 0;
  uint8_t spiked[isa::kNeuronSlots] = {};
  for (const FirePhaseOp& op : plan_.fire_phase) {
    const uint32_t n = op.end - op.begin;
    int16_t* __restrict v_slot = membrane + op.begin;
    if (op.is_leak) {
      for (uint32_t k = 0; k < n; ++k) v_slot[k] = isa::leak(v_slot[k], op.shift);
      counters.leak_ops += n;
      continue;
    }
    counters.fire_ops += n;
    int32_t* __restrict i_slot = soma_input + op.begin;
    const int16_t* __restrict b_slot = bias + op.begin;
    const uint8_t* __restrict start_slot = bias_start + op.begin;
    const int16_t* __restrict th_slot = threshold + op.begin;
    uint32_t clipped_high = 0, clipped_low = 0;
    for (uint32_t k = 0; k < n; ++k) {
      // Written with masks and min/max so that the compiler can vectorize it.
      const int32_t bias_mask = -int32_t(t >= start_slot[k]);
      const int32_t th = th_slot[k];
      const int32_t sum = int32_t(v_slot[k]) + i_slot[k] + (int32_t(b_slot[k]) & bias_mask);
      i_slot[k] = 0;
      const int32_t v = std::min(std::max(sum, isa::kInt16Min), isa::kInt16Max);
      clipped_high += uint32_t(sum > isa::kInt16Max);
      clipped_low += uint32_t(sum < isa::kInt16Min);
      const int32_t spike_mask = -int32_t(v >= th);
      spiked[k] = uint8_t(spike_mask & 1);
      v_slot[k] = int16_t(v - (th & spike_mask));
    }
    counters.soma_saturations += clipped_high;
    counters.soma_floor_clips += clipped_low;
    saturations_->soma[op.begin / isa::kNeuronSlots] += clipped_high;  // a FIRE stays in one core
    saturations_->soma_floor[op.begin / isa::kNeuronSlots] += clipped_low;
    // Visit the spiking slots in order, eight flags at a time (most are 0).
    const size_t first_id = ids.size();
    for (uint32_t k0 = 0; k0 < n; k0 += 8) {
      uint64_t flags;
      std::memcpy(&flags, spiked + k0, sizeof flags);
      if (n - k0 < 8) flags &= (uint64_t(1) << (8 * (n - k0))) - 1;
      for (; flags != 0; flags &= flags - 1) {
        const uint32_t g = op.begin + k0 + unsigned(__builtin_ctzll(flags)) / 8;
        if (spike_count[g] != UINT16_MAX) ++spike_count[g];
        ids.push_back(g);
        const FanOut& out = fan_out[g];
        flits += out.packets;
        if (deliver_spikes) {
          events += out.packets;
          synaptic_ops += out.synaptic_ops;
          acc_clips += accumulate(out, runs, weights, acc, dirty_cores, saturations_->acc.data());
        }
      }
    }
    counters.spikes += ids.size() - first_id;
  }
  counters.flits += flits;
  counters.events_in += events;
  counters.synaptic_ops += synaptic_ops;
  counters.acc_saturations += acc_clips;
  for (uint32_t g : plan_.discarded_inputs) soma_input[g] = 0;
}

void GoldenModel::Impl::read_out(RunResult& out) const {
  out.membrane.assign(membrane_.begin(), membrane_.end());
  out.spike_counts.assign(spike_count_.begin(), spike_count_.end());
  const size_t classes = plan_.output_neurons.size();
  out.output_spike_counts.resize(classes);
  out.output_scores.resize(classes);
  for (size_t k = 0; k < classes; ++k) {
    const uint32_t g = plan_.output_neurons[k];
    out.output_spike_counts[k] = spike_count_[g];
    out.output_scores[k] = isa::readout_score(spike_count_[g], plan_.threshold[g], membrane_[g]);
  }
  out.predicted_class = classes == 0 ? -1 : isa::argmax_lowest(out.output_scores);
}

void GoldenModel::Impl::run(const uint8_t* pixels, unsigned timesteps, RunResult& out) {
  if (pixels == nullptr && !plan_.input_neurons.empty())
    throw std::invalid_argument("golden model: run() got no pixels for " +
                                std::to_string(plan_.input_neurons.size()) + " input neurons");
  clear(pixels);
  out.saturations.acc.assign(plan_.num_cores, 0);
  out.saturations.soma.assign(plan_.num_cores, 0);
  out.saturations.soma_floor.assign(plan_.num_cores, 0);
  saturations_ = &out.saturations;
  Counters counters;
  out.spikes.step_begin.resize(size_t(timesteps) + 1);
  std::vector<uint32_t>& ids = out.spikes.ids;
  ids.clear();
  for (unsigned t = 0; t < timesteps; ++t) {
    const size_t step_begin = ids.size();
    out.spikes.step_begin[t] = uint32_t(step_begin);
    // Event phase: done while the previous step fired (see the file comment).
    partial_sum_phase(counters);
    fire_phase(t, t + 1 < timesteps, counters, ids);
    if (!plan_.fire_order_ascending) std::sort(ids.begin() + step_begin, ids.end());
  }
  out.spikes.step_begin[timesteps] = uint32_t(ids.size());
  counters.flits += counters.psum_packets;
  out.counters = counters;
  saturations_ = nullptr;
  read_out(out);
}

GoldenModel::GoldenModel(const isa::ChipConfig& chip) : impl_(std::make_shared<Impl>(chip)) {}

RunResult GoldenModel::run(const uint8_t* pixels, unsigned timesteps) {
  RunResult out;
  impl_->run(pixels, timesteps, out);
  return out;
}

void GoldenModel::run(const uint8_t* pixels, unsigned timesteps, RunResult& out) {
  impl_->run(pixels, timesteps, out);
}

}  // namespace spikecore::golden
