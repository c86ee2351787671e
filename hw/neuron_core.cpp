// Datapath of the neuron core: what happens in each cycle.
#include "hw/neuron_core.h"

namespace spikecore::hw {

using isa::Opcode;
using isa::PacketKind;

NeuronCore::NeuronCore(sc_core::sc_module_name name, CycleScheduler& scheduler, unsigned core_id,
                       unsigned num_cores)
    : sc_core::sc_module(name),
      mmio("mmio"),
      scheduler_(scheduler),
      scheduler_id_(scheduler.add(this)),
      id_(core_id),
      num_cores_(num_cores) {
  mmio.register_b_transport(this, &NeuronCore::b_transport);
  mmio.register_transport_dbg(this, &NeuronCore::transport_dbg);
  mmio.register_get_direct_mem_ptr(this, &NeuronCore::get_direct_mem_ptr);
  from_router.set_receiver(this, 0);
  // Reset value of NEURON_PARAMS: the default parameters (threshold 1).
  for (unsigned s = 0; s < isa::kNeuronSlots; ++s)
    isa::encode(params_[s], &param_bytes_[s * isa::kNeuronParamBytes]);
}

void NeuronCore::rebuild_schedules() {
  acc_instructions_.clear();
  psum_instructions_.clear();
  fire_instructions_.clear();
  for (unsigned i = 0; i < prog_len_; ++i) {
    switch (program_[i].op) {
      case Opcode::kAcc: acc_instructions_.push_back(i); break;
      case Opcode::kPsum: psum_instructions_.push_back(i); break;
      case Opcode::kFire:
      case Opcode::kLeak: fire_instructions_.push_back(i); break;
      case Opcode::kNop: break;  // never executed
    }
  }
  for (auto& list : routes_of_slot_) list.clear();
  for (unsigned r = 0; r < route_len_; ++r) {
    const isa::RouteEntry& e = routes_[r];
    for (unsigned s = e.neuron_base; s < unsigned(e.neuron_base) + e.count && s < isa::kNeuronSlots; ++s)
      routes_of_slot_[s].push_back(uint8_t(r));
  }
}

// ---- Phase control -------------------------------------------------------------

void NeuronCore::begin_event_phase() {
  mode_ = Mode::kEvent;
  if (!event_fifo_.empty()) scheduler_.activate(scheduler_id_);
}

void NeuronCore::begin_partial_sum() {
  mode_ = Mode::kHold;
  // A core whose accumulators got no ACC since the last partial-sum phase holds
  // only zeros: it skips the scan (one dirty bit).
  if (psum_instructions_.empty() || !acc_dirty_) {
    acc_.fill(0);
    acc_dirty_ = false;
    return;
  }
  mode_ = Mode::kPartialSum;
  instruction_ = element_ = 0;
  scheduler_.activate(scheduler_id_);
}

void NeuronCore::begin_fire(unsigned step) {
  step_ = step;
  instruction_ = element_ = 0;
  if (fire_instructions_.empty()) {
    finish_fire_phase(scheduler_.current_cycle());
    return;
  }
  mode_ = Mode::kFire;
  scheduler_.activate(scheduler_id_);
}

void NeuronCore::clear() {
  for (unsigned s = 0; s < isa::kNeuronSlots; ++s) membrane_[s] = params_[s].initial_potential;
  soma_input_.fill(0);
  spike_count_.fill(0);
  acc_.fill(0);
  acc_dirty_ = false;
  event_fifo_.clear();
  outbox_.clear();
  mode_ = Mode::kHold;
  instruction_ = element_ = 0;
  busy_until_ = 0;
  inject_blocked_since_ = UINT64_MAX;
  inject_credit_ = false;
  counters_ = CoreCounters{};
}

void NeuronCore::settle_stalls_at_pause(uint64_t cycle) {
  if (inject_blocked_since_ == UINT64_MAX || inject_blocked_since_ >= cycle) return;
  counters_.inject_stall_cycles += cycle - inject_blocked_since_;
  inject_blocked_since_ = cycle;
}

void NeuronCore::settle_stalls_at_resume(uint64_t cycle) {
  if (inject_blocked_since_ != UINT64_MAX && cycle > 0) inject_blocked_since_ = cycle - 1;
}

bool NeuronCore::busy() const {
  return mode_ == Mode::kPartialSum || mode_ == Mode::kFire || !event_fifo_.empty() ||
         !outbox_.empty() || busy_until_ > scheduler_.current_cycle();
}

// ---- One cycle ------------------------------------------------------------------

bool NeuronCore::step_cycle(uint64_t cycle) {
  if (inject_blocked_since_ != UINT64_MAX) {  // slept while the router was full
    if (cycle > inject_blocked_since_ + 1)
      counters_.inject_stall_cycles += cycle - inject_blocked_since_ - 1;
    if (inject_credit_) {
      inject_blocked_since_ = UINT64_MAX;
    } else {
      ++counters_.inject_stall_cycles;  // still full: this cycle stalls too
      inject_blocked_since_ = cycle;
    }
  }
  if (inject_blocked_since_ != cycle) inject(cycle);
  consume_partial_sum(cycle);
  switch (mode_) {
    case Mode::kEvent:
      if (busy_until_ <= cycle && !event_fifo_.empty()) {
        const Flit& head = event_fifo_.front();
        if (head.ready_cycle <= cycle && head.packet.kind == PacketKind::kSpike) {
          const isa::Packet spike = head.packet;
          event_fifo_.pop(cycle);
          dispatch_event(spike, cycle);
        }
      }
      break;
    case Mode::kPartialSum: partial_sum_cycle(cycle); break;
    case Mode::kFire: fire_cycle(cycle); break;
    case Mode::kHold: break;
  }

  const bool waiting_for_credit = inject_blocked_since_ == cycle;
  if ((!outbox_.empty() && !waiting_for_credit) || mode_ == Mode::kPartialSum ||
      mode_ == Mode::kFire)
    return true;
  const bool datapath_busy = busy_until_ > cycle + 1;
  if (!event_fifo_.empty()) {
    const PacketKind head = event_fifo_.front().packet.kind;
    if (head == PacketKind::kPartialSum) return true;
    if (mode_ == Mode::kEvent && !datapath_busy) return true;
  }
  // Nothing to do until the running ACC finishes: sleep (a new flit wakes us).
  if (datapath_busy) scheduler_.wake_at(scheduler_id_, busy_until_);
  return false;
}

void NeuronCore::receive_flit(unsigned /*port*/, FlitTransfer& transfer) {
  if (!event_fifo_.can_accept(transfer.cycle)) {  // refused: the router keeps the flit
    event_fifo_.refuse(transfer);
    return;
  }
  transfer.accepted = true;
  Flit flit = transfer.flit;
  flit.ready_cycle = transfer.cycle + 1;
  event_fifo_.push(flit);
  ++counters_.flits_delivered;
  const uint64_t latency = transfer.cycle - flit.injected_cycle;
  counters_.latency_sum += latency;
  if (latency > counters_.latency_max) counters_.latency_max = latency;
  scheduler_.activate(scheduler_id_);
}

// Fan-out unit: at most one flit per cycle into the router's local input.
void NeuronCore::inject(uint64_t cycle) {
  if (outbox_.empty() || outbox_.front().ready_cycle > cycle) return;
  OutboxEntry& entry = outbox_.front();
  FlitTransfer transfer;
  transfer.cycle = cycle;
  transfer.sender = this;
  inject_credit_ = false;
  transfer.flit.injected_cycle = cycle;
  if (entry.is_spike) {
    const unsigned slot = entry.packet.index;
    const isa::RouteEntry& r = routes_[routes_of_slot_[slot][entry.next_route]];
    isa::Packet& p = transfer.flit.packet;
    p.kind = PacketKind::kSpike;
    p.dst_core = r.dst_core;
    p.index = uint8_t(r.dst_axon_base + (slot - r.neuron_base));
    p.src_core = uint8_t(id_);
  } else {
    transfer.flit.packet = entry.packet;
  }
  if (!to_router.send(transfer)) {
    ++counters_.inject_stall_cycles;
    inject_blocked_since_ = cycle;
    return;
  }
  if (entry.is_spike && ++entry.next_route < routes_of_slot_[entry.packet.index].size()) return;
  outbox_.pop_front();
}

// Soma adder: a partial sum at the head of the event FIFO goes into I.
void NeuronCore::consume_partial_sum(uint64_t cycle) {
  if (event_fifo_.empty()) return;
  const Flit& head = event_fifo_.front();
  if (head.ready_cycle > cycle || head.packet.kind != PacketKind::kPartialSum) return;
  if (head.packet.index < isa::kNeuronSlots) soma_input_[head.packet.index] += head.packet.value;
  ++counters_.psum_in;
  event_fifo_.pop(cycle);
}

void NeuronCore::credit_returned(unsigned /*port*/) {
  inject_credit_ = true;
  scheduler_.activate(scheduler_id_);
}

void NeuronCore::dispatch_event(const isa::Packet& spike, uint64_t cycle) {
  const unsigned axon = spike.index;
  uint64_t cost = 0;
  for (unsigned i : acc_instructions_) {
    const isa::AccFields& f = program_[i].acc;
    if (axon < f.axon_base || axon >= unsigned(f.axon_base) + f.axon_count) continue;
    const int8_t* row = &weights_[f.weight_offset + (axon - f.axon_base) * f.cols];
    int16_t* acc = &acc_[f.acc_base];
    for (unsigned j = 0; j < f.cols; ++j) {
      bool clipped = false;
      acc[j] = isa::saturate16(int32_t(acc[j]) + row[j], &clipped);
      counters_.acc_saturations += clipped;
    }
    counters_.synaptic_ops += f.cols;
    cost += kAccDispatchCycles + uint64_t(kAccCyclesPerColumn) * f.cols;
    acc_dirty_ = true;
  }
  ++counters_.events_in;
  busy_until_ = cycle + (cost == 0 ? kAccDispatchCycles : cost);
}

void NeuronCore::partial_sum_cycle(uint64_t cycle) {
  const isa::PsumFields& f = program_[psum_instructions_[instruction_]].psum;
  const int16_t value = acc_[f.acc_base + element_];
  if (value != 0) {
    if (outbox_.size() >= kOutboxEntries) {
      ++counters_.outbox_stall_cycles;
      return;
    }
    OutboxEntry entry;
    entry.packet.kind = PacketKind::kPartialSum;
    entry.packet.dst_core = f.dst_core;
    entry.packet.index = uint8_t(f.dst_neuron + element_);
    entry.packet.value = value;
    entry.packet.src_core = uint8_t(id_);
    entry.ready_cycle = cycle + 1;
    outbox_.push_back(entry);
    if (outbox_.size() > counters_.outbox_max) counters_.outbox_max = unsigned(outbox_.size());
    ++counters_.psum_out;
    ++counters_.flits_out;
  }
  if (++element_ < f.count) return;
  element_ = 0;
  if (++instruction_ < psum_instructions_.size()) return;
  acc_.fill(0);  // every accumulator, also those no PSUM names
  acc_dirty_ = false;
  mode_ = Mode::kHold;
}

void NeuronCore::fire_cycle(uint64_t cycle) {
  const isa::Instruction& ins = program_[fire_instructions_[instruction_]];
  unsigned count;
  if (ins.op == Opcode::kFire) {
    fire_neuron(ins.fire.neuron_base + element_, cycle);
    count = ins.fire.count;
  } else {
    const unsigned slot = ins.leak.neuron_base + element_;
    membrane_[slot] = isa::leak(membrane_[slot], ins.leak.shift);
    ++counters_.leak_ops;
    count = ins.leak.count;
  }
  if (++element_ < count) return;
  element_ = 0;
  if (++instruction_ < fire_instructions_.size()) return;
  finish_fire_phase(cycle);
}

void NeuronCore::fire_neuron(unsigned slot, uint64_t cycle) {
  const isa::NeuronParams& p = params_[slot];
  int32_t input = soma_input_[slot];
  soma_input_[slot] = 0;
  if (step_ >= p.bias_start) input += p.bias;
  bool clipped = false;
  int32_t v = isa::saturate16(int64_t(membrane_[slot]) + input, &clipped);
  counters_.soma_saturations += clipped;
  ++counters_.fire_ops;
  if (v >= p.threshold) {
    v -= p.threshold;
    if (spike_count_[slot] != UINT16_MAX) ++spike_count_[slot];
    ++counters_.spikes_out;
    const size_t fan_out = routes_of_slot_[slot].size();
    counters_.flits_out += fan_out;
    if (fan_out > 0) {
      OutboxEntry entry;
      entry.is_spike = true;
      entry.packet.index = uint8_t(slot);
      entry.ready_cycle = cycle + 1;
      outbox_.push_back(entry);
      if (outbox_.size() > counters_.outbox_max) counters_.outbox_max = unsigned(outbox_.size());
    }
    for (SpikeObserver* o : spike_observers_) o->on_spike(id_, slot, step_, cycle);
  }
  membrane_[slot] = int16_t(v);
}

void NeuronCore::finish_fire_phase(uint64_t cycle) {
  soma_input_.fill(0);  // input for slots no FIRE covers is discarded
  mode_ = Mode::kHold;
  if (fire_listener_) fire_listener_->fire_phase_done(id_, cycle);
}

}  // namespace spikecore::hw
