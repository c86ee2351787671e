// The neuron core's fire phase: FIRE and LEAK, one neuron per cycle in
// program order (docs/isa.md section 2, docs/microarchitecture.md section 3).
//
// A neuron update is seen outside the core only when the neuron spikes (the
// spike enters the outbox and the observers hear of it), and the phase's end
// only in the cycle of its last update. So the core works ahead: from the
// cycle it is stepped in, it updates neurons (neuron k in cycle t + k) until
// one spikes in a later cycle, and sleeps until that cycle; then the spike
// leaves and it goes on. A fire phase costs one step per spike instead of one
// per neuron, with the same cycles and the same outbox traffic. The host
// never reads a core while a step runs, so the neuron state being a few
// cycles ahead inside the phase is not observable.
#include "hw/neuron_core.h"

namespace spikecore::hw {

void NeuronCore::begin_fire(unsigned step) {
  step_ = step;
  instruction_ = element_ = 0;
  pending_spike_ = -1;
  if (soma_count_ == 0) {
    finish_fire_phase(scheduler_.current_cycle());
    return;
  }
  mode_ = Mode::kFire;
  fire_time_ = fire_due_ = scheduler_.current_cycle() + 1;  // like every phase: from the next cycle
  scheduler_.activate(scheduler_id_);
}

void NeuronCore::fire_work(uint64_t cycle) {
  if (cycle < fire_due_) return;  // updated ahead; nothing leaves before fire_due_
  if (pending_spike_ >= 0) {
    emit_spike(unsigned(pending_spike_), cycle);
    pending_spike_ = -1;
  }
  while (instruction_ < soma_count_) {
    const uint64_t when = fire_time_++;
    const SomaInstruction& ins = soma_program_[instruction_];
    const unsigned slot = ins.neuron_base + element_;
    int spiked = -1;
    if (!ins.leak) {
      if (update_neuron(slot)) spiked = int(slot);
    } else {
      membrane_[slot] = isa::leak(membrane_[slot], ins.shift);
      ++counters_.leak_ops;
    }
    if (++element_ == ins.count) {
      element_ = 0;
      ++instruction_;
    }
    if (spiked < 0) continue;
    if (when == cycle) {
      emit_spike(unsigned(spiked), cycle);
    } else {
      pending_spike_ = int8_t(spiked);  // leaves in its own cycle
      fire_due_ = when;
      return;
    }
  }
  const uint64_t last_update = fire_time_ - 1;
  if (last_update <= cycle)
    finish_fire_phase(cycle);
  else
    fire_due_ = last_update;  // the phase ends in the cycle of its last update
}

bool NeuronCore::update_neuron(unsigned slot) {
  const isa::NeuronParams& p = params_[slot];
  int32_t input = soma_input_[slot];
  soma_input_[slot] = 0;
  if (step_ >= p.bias_start) input += p.bias;
  const int64_t sum = int64_t(membrane_[slot]) + input;
  int32_t v = isa::saturate16(sum);
  counters_.soma_saturations += sum > isa::kInt16Max;
  counters_.soma_floor_clips += sum < isa::kInt16Min;
  ++counters_.fire_ops;
  const bool spikes = v >= p.threshold;
  if (spikes) {
    v -= p.threshold;
    if (spike_count_[slot] != UINT16_MAX) ++spike_count_[slot];
    ++counters_.spikes_out;
    counters_.flits_out += fan_out(slot);
  }
  membrane_[slot] = int16_t(v);
  return spikes;
}

void NeuronCore::emit_spike(unsigned slot, uint64_t cycle) {
  if (fan_out(slot) > 0) {
    OutboxEntry entry;
    entry.is_spike = true;
    entry.packet.index = uint8_t(slot);
    entry.ready_cycle = cycle + 1;
    outbox_.push_back(entry);
    if (outbox_.size() > counters_.outbox_max) counters_.outbox_max = unsigned(outbox_.size());
  }
  for (SpikeObserver* o : spike_observers_) o->on_spike(global_id(), slot, step_, cycle);
}

void NeuronCore::finish_fire_phase(uint64_t cycle) {
  soma_input_.fill(0);  // input for slots no FIRE covers is discarded
  mode_ = Mode::kHold;
  if (fire_listener_) fire_listener_->fire_phase_done(global_id(), cycle);
}

}  // namespace spikecore::hw
