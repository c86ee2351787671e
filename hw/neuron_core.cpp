// Datapath of the neuron core: what happens in each cycle.
#include "hw/neuron_core.h"

namespace spikecore::hw {

using isa::Opcode;
using isa::PacketKind;

NeuronCore::NeuronCore(sc_core::sc_module_name name, CycleScheduler& scheduler, unsigned core_id,
                       unsigned num_cores, const isa::Microarchitecture& micro, unsigned chip,
                       unsigned num_chips)
    : sc_core::sc_module(name),
      scheduler_(scheduler),
      scheduler_id_(scheduler.add(this)),
      id_(core_id),
      num_cores_(num_cores),
      chip_(chip),
      num_chips_(num_chips),
      micro_(micro),
      event_fifo_(micro.event_fifo_flits),
      outbox_(micro.outbox_entries),
      mmio("mmio") {
  mmio.register_b_transport(this, &NeuronCore::b_transport);
  mmio.register_transport_dbg(this, &NeuronCore::transport_dbg);
  mmio.register_get_direct_mem_ptr(this, &NeuronCore::get_direct_mem_ptr);
  from_router.set_receiver(this, 0);
  // Reset value of NEURON_PARAMS: the default parameters (threshold 1).
  for (unsigned s = 0; s < isa::kNeuronSlots; ++s)
    isa::encode(params_[s], &param_bytes_[s * isa::kNeuronParamBytes]);
}

void NeuronCore::rebuild_schedules() {
  acc_count_ = psum_count_ = soma_count_ = 0;
  for (unsigned i = 0; i < prog_len_; ++i) {
    const isa::Instruction& ins = program_[i];
    switch (ins.op) {
      case Opcode::kAcc:
      case Opcode::kConv: acc_program_[acc_count_++] = ins; break;
      case Opcode::kPsum: psum_program_[psum_count_++] = ins.psum; break;
      case Opcode::kFire:
        soma_program_[soma_count_++] = {false, ins.fire.neuron_base, ins.fire.count, 0};
        break;
      case Opcode::kLeak:
        soma_program_[soma_count_++] = {true, ins.leak.neuron_base, ins.leak.count, ins.leak.shift};
        break;
      case Opcode::kNop: break;  // never executed
    }
  }
  fan_out_.clear();
  for (unsigned s = 0; s < isa::kNeuronSlots; ++s) {
    fan_out_begin_[s] = uint16_t(fan_out_.size());
    for (unsigned r = 0; r < route_len_; ++r) {
      const isa::RouteEntry& e = routes_[r];
      if (s < e.neuron_base || s >= unsigned(e.neuron_base) + e.count) continue;
      fan_out_.push_back(
          {route_chips_[r], e.dst_core, uint8_t(e.dst_axon_base + (s - e.neuron_base))});
    }
  }
  fan_out_begin_[isa::kNeuronSlots] = uint16_t(fan_out_.size());
}

// ---- Phase control -------------------------------------------------------------

void NeuronCore::begin_event_phase() {
  mode_ = Mode::kEvent;
  // Like every phase, the event phase's work starts in the cycle after the
  // controller's broadcast, also for a core that happens to be stepped in the
  // broadcast cycle itself (the tick, when flits are still moving).
  busy_until_ = std::max(busy_until_, scheduler_.current_cycle() + 1);
  if (!event_fifo_.empty()) scheduler_.activate(scheduler_id_);
}

void NeuronCore::begin_partial_sum() {
  mode_ = Mode::kHold;
  // A core whose accumulators got no ACC since the last partial-sum phase holds
  // only zeros: it skips the scan (one dirty bit).
  if (psum_count_ == 0 || !acc_dirty_) {
    acc_.fill(0);
    acc_dirty_ = false;
    return;
  }
  mode_ = Mode::kPartialSum;
  instruction_ = element_ = 0;
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
  pending_spike_ = -1;
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
    case Mode::kFire: fire_work(cycle); break;
    case Mode::kHold: break;
  }

  const bool waiting_for_credit = inject_blocked_since_ == cycle;
  if ((!outbox_.empty() && !waiting_for_credit) || mode_ == Mode::kPartialSum) return true;
  if (mode_ == Mode::kFire) {
    if (fire_due_ <= cycle + 1) return true;
    scheduler_.wake_at(scheduler_id_, fire_due_);  // the next spike or the phase's end
  }
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
  Flit& flit = event_fifo_.push(*transfer.flit);
  flit.ready_cycle = transfer.cycle + 1;
  ++counters_.flits_delivered;
  const uint64_t latency = transfer.cycle - flit.injected_cycle;
  counters_.latency_sum += latency;
  if (latency > counters_.latency_max) counters_.latency_max = latency;
  // Step the core when this flit can first be consumed: a partial sum when it
  // is ready; a spike only in the event phase, once the datapath is free too
  // (begin_event_phase() wakes the core for spikes that arrive before).
  if (flit.packet.kind == PacketKind::kPartialSum)
    scheduler_.activate(scheduler_id_);
  else if (mode_ == Mode::kEvent)
    scheduler_.wake_at(scheduler_id_, std::max(flit.ready_cycle, busy_until_));
}

// Fan-out unit: at most one flit per cycle into the router's local input.
void NeuronCore::inject(uint64_t cycle) {
  if (outbox_.empty() || outbox_.front().ready_cycle > cycle) return;
  OutboxEntry& entry = outbox_.front();
  Flit flit;
  flit.injected_cycle = cycle;
  if (entry.is_spike) {
    const FanOutFlit& to = fan_out_[fan_out_begin_[entry.packet.index] + entry.next_route];
    isa::Packet& p = flit.packet;
    p.kind = PacketKind::kSpike;
    p.dst_core = to.dst_core;
    p.dst_chip = to.dst_chip;
    p.index = to.axon;
    p.src_core = uint8_t(id_);
    p.src_chip = uint8_t(chip_);
  } else {
    flit.packet = entry.packet;
  }
  inject_credit_ = false;
  FlitTransfer transfer{&flit, cycle, this, 0, false};
  if (!to_router.send(transfer)) {
    ++counters_.inject_stall_cycles;
    inject_blocked_since_ = cycle;
    return;
  }
  if (entry.is_spike && ++entry.next_route < fan_out(entry.packet.index)) return;
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
  for (unsigned i = 0; i < acc_count_; ++i) {
    if (acc_program_[i].op == Opcode::kConv) {
      cost += conv_event(acc_program_[i].conv, axon);
      continue;
    }
    const isa::AccFields& f = acc_program_[i].acc;
    if (axon < f.axon_base || axon >= unsigned(f.axon_base) + f.axon_count) continue;
    const int8_t* row = &weights_[f.weight_offset + (axon - f.axon_base) * f.cols];
    int16_t* acc = &acc_[f.acc_base];
    for (unsigned j = 0; j < f.cols; ++j) {
      bool clipped = false;
      acc[j] = isa::saturate16(int32_t(acc[j]) + row[j], &clipped);
      counters_.acc_saturations += clipped;
    }
    counters_.synaptic_ops += f.cols;
    cost += micro_.acc_dispatch_cycles + uint64_t(micro_.acc_cycles_per_column) * f.cols;
    acc_dirty_ = true;
  }
  ++counters_.events_in;
  busy_until_ = cycle + (cost == 0 ? micro_.acc_dispatch_cycles : cost);
}

// CONV on one spike: one weight read and add per tap, as ACC pays per column.
uint64_t NeuronCore::conv_event(const isa::ConvFields& f, unsigned axon) {
  if (!f.holds_axon(axon)) return 0;
  const unsigned taps = isa::for_each_conv_tap(f, axon, [&](unsigned acc, unsigned weight) {
    bool clipped = false;
    acc_[acc] = isa::saturate16(int32_t(acc_[acc]) + weights_[weight], &clipped);
    counters_.acc_saturations += clipped;
  });
  counters_.synaptic_ops += taps;
  acc_dirty_ = acc_dirty_ || taps != 0;
  return micro_.acc_dispatch_cycles + uint64_t(micro_.acc_cycles_per_column) * taps;
}

void NeuronCore::partial_sum_cycle(uint64_t cycle) {
  const isa::PsumFields& f = psum_program_[instruction_];
  const int16_t value = acc_[f.acc_base + element_];
  if (value != 0) {
    if (outbox_.size() >= micro_.outbox_entries) {
      ++counters_.outbox_stall_cycles;
      return;
    }
    OutboxEntry entry;
    entry.packet.kind = PacketKind::kPartialSum;
    entry.packet.dst_core = f.dst_core;
    entry.packet.index = uint8_t(f.dst_neuron + element_);
    entry.packet.value = value;
    entry.packet.src_core = uint8_t(id_);
    entry.packet.dst_chip = f.dst_chip;
    entry.packet.src_chip = uint8_t(chip_);
    entry.ready_cycle = cycle + 1;
    outbox_.push_back(entry);
    if (outbox_.size() > counters_.outbox_max) counters_.outbox_max = unsigned(outbox_.size());
    ++counters_.psum_out;
    ++counters_.flits_out;
  }
  if (++element_ < f.count) return;
  element_ = 0;
  if (++instruction_ < psum_count_) return;
  acc_.fill(0);  // every accumulator, also those no PSUM names
  acc_dirty_ = false;
  mode_ = Mode::kHold;
}

}  // namespace spikecore::hw
