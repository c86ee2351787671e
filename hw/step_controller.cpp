#include "hw/step_controller.h"

#include <sstream>

#include "hw/mmio.h"

namespace spikecore::hw {

namespace mm = isa::mmap;

const char* phase_name(StepPhase phase) {
  switch (phase) {
    case StepPhase::kIdle: return "idle";
    case StepPhase::kEvent: return "event";
    case StepPhase::kPartialSum: return "partial-sum";
    case StepPhase::kFire: return "fire";
  }
  return "?";
}

StepController::StepController(sc_core::sc_module_name name, CycleScheduler& scheduler,
                               unsigned mesh_width, unsigned mesh_height,
                               const isa::Microarchitecture& micro, unsigned board_width,
                               unsigned board_height)
    : sc_core::sc_module(name),
      mmio("mmio"),
      scheduler_(scheduler),
      id_(scheduler.add(this)),
      width_(mesh_width),
      height_(mesh_height),
      barrier_cycles_(micro.barrier_cycles),
      host_access_cycles_(micro.host_access_cycles),
      board_width_(board_width),
      board_height_(board_height) {
  mmio.register_b_transport(this, &StepController::b_transport);
  mmio.register_transport_dbg(this, &StepController::transport_dbg);
  scheduler_.set_idle_handler([this](uint64_t cycle) { on_idle(cycle); });
  scheduler_.set_pause_handler([this](uint64_t cycle) {
    for (NeuronCore* core : cores_) core->settle_stalls_at_pause(cycle);
    for (Router* router : routers_) router->settle_stalls_at_pause(cycle);
  });
  set_watchdog_cycles(50'000'000);
  SC_METHOD(raise_irq);
  dont_initialize();
  sensitive << irq_event_;
}

void StepController::attach(std::vector<NeuronCore*> cores, std::vector<Router*> routers) {
  cores_ = std::move(cores);
  routers_ = std::move(routers);
  for (NeuronCore* core : cores_) core->set_fire_listener(this);
}

void StepController::attach_links(std::vector<ChipLink*> links, std::vector<std::string> names) {
  links_ = std::move(links);
  link_names_ = std::move(names);
}

void StepController::set_watchdog_cycles(uint64_t cycles) {
  watchdog_cycles_ = cycles;
  scheduler_.set_watchdog(cycles, [this](uint64_t cycle) { on_watchdog(cycle); });
}

void StepController::raise_irq() { done_irq.write(true); }

// ---- Sequencing -------------------------------------------------------------------

void StepController::schedule(Action action, uint64_t cycle) {
  pending_ = action;
  pending_at_ = cycle;
  scheduler_.wake_at(id_, cycle);
}

void StepController::enter_phase(StepPhase phase, uint64_t cycle) {
  phase_ = phase;
  for (StepObserver* o : observers_) o->on_phase(phase, step_index_, cycle);
}

bool StepController::step_cycle(uint64_t cycle) {
  if (pending_ == Action::kNone || cycle < pending_at_) return false;
  const Action action = pending_;
  pending_ = Action::kNone;
  switch (action) {
    case Action::kStartStep:
      for (NeuronCore* core : cores_) core->settle_stalls_at_resume(cycle);
      for (Router* router : routers_) router->settle_stalls_at_resume(cycle);
      step_first_cycle_ = cycle;
      enter_phase(StepPhase::kEvent, cycle);
      for (NeuronCore* core : cores_) core->begin_event_phase();
      break;
    case Action::kStartPartialSum:
      enter_phase(StepPhase::kPartialSum, cycle);
      for (NeuronCore* core : cores_) core->begin_partial_sum();
      break;
    case Action::kStartFire:
      enter_phase(StepPhase::kFire, cycle);
      fire_pending_ = unsigned(cores_.size());
      if (cores_.empty()) schedule(Action::kTick, cycle + barrier_cycles_);
      for (NeuronCore* core : cores_) core->begin_fire(step_index_);
      break;
    case Action::kTick: close_step(cycle); break;
    case Action::kNone: break;
  }
  return false;
}

// Barriers A and B: nothing is active anywhere.
void StepController::on_idle(uint64_t cycle) {
  if (!running_ || pending_ != Action::kNone) return;
  if (phase_ == StepPhase::kEvent)
    schedule(Action::kStartPartialSum, cycle + barrier_cycles_);
  else if (phase_ == StepPhase::kPartialSum)
    schedule(Action::kStartFire, cycle + barrier_cycles_);
}

void StepController::fire_phase_done(unsigned /*core*/, uint64_t cycle) {
  if (fire_pending_ == 0) return;
  if (--fire_pending_ == 0) schedule(Action::kTick, cycle + barrier_cycles_);
}

void StepController::close_step(uint64_t cycle) {
  const uint64_t cycles = cycle - step_first_cycle_ + 1;
  step_cycles_.push_back(uint32_t(cycles));
  cycles_in_steps_ += cycles;
  for (StepObserver* o : observers_) o->on_tick(step_index_, step_first_cycle_, cycle);
  ++step_index_;
  if (--steps_left_ == 0) {
    running_ = false;
    enter_phase(StepPhase::kIdle, cycle + 1);
    scheduler_.pause();  // after this cycle; then on_pause settles the stall counters
    irq_event_.notify(scheduler_.delay_until(cycle + 1));
    return;
  }
  step_first_cycle_ = cycle + 1;
  enter_phase(StepPhase::kEvent, cycle + 1);
  for (NeuronCore* core : cores_) core->begin_event_phase();
}

namespace {

// The watchdog's message names at most this many cores, routers and flits
// (the totals are always given): enough to locate a jam, short enough to read.
constexpr unsigned kListedCores = 16, kListedRouters = 16, kListedFlits = 8;

void describe_flit(std::ostringstream& msg, const Flit& flit, unsigned router, unsigned port) {
  const isa::Packet& p = flit.packet;
  const bool spike = p.kind == isa::PacketKind::kSpike;
  msg << (spike ? "spike" : "partial sum") << " core " << unsigned(p.src_core);
  if (p.src_chip != 0 || p.dst_chip != 0) msg << " of chip " << unsigned(p.src_chip);
  msg << " -> core " << unsigned(p.dst_core);
  if (p.src_chip != 0 || p.dst_chip != 0) msg << " of chip " << unsigned(p.dst_chip);
  msg << (spike ? " axon " : " slot ") << unsigned(p.index);
  if (port < kRouterPorts) msg << " in router " << router << " " << Router::port_name(port) << " input";
  msg << " (injected at cycle " << flit.injected_cycle << ")";
}

}  // namespace

// Names what a stuck step still holds: the busy cores, the routers with
// buffered flits and the first flits themselves (source, destination, where
// they wait), so that a jam can be located in the image.
void StepController::on_watchdog(uint64_t cycle) {
  std::ostringstream msg;
  msg << "step " << step_index_ << " did not close: the " << phase_name(phase_)
      << " phase has run " << cycle - step_first_cycle_ << " cycles (cycle " << cycle
      << ") and the chip has been busy for " << watchdog_cycles_
      << " cycles (the watchdog bound) without reaching a barrier";
  unsigned busy_cores = 0;
  std::ostringstream core_list;
  for (const NeuronCore* core : cores_)
    if (core->busy() && busy_cores++ < kListedCores) core_list << ' ' << core->global_id();
  msg << "; busy cores (" << busy_cores << "):" << core_list.str()
      << (busy_cores > kListedCores ? " ..." : "");
  unsigned busy_routers = 0, flits = 0;
  std::ostringstream router_list, flit_list;
  for (size_t r = 0; r < routers_.size(); ++r) {
    const unsigned held = routers_[r]->occupancy();
    if (held == 0) continue;
    if (busy_routers++ < kListedRouters) router_list << ' ' << r << " (" << held << " flits)";
    for (unsigned port = 0; port < kRouterPorts; ++port) {
      const FlitBuffer& buffer = routers_[r]->input_buffer(port);
      for (unsigned i = 0; i < buffer.size(); ++i)
        if (flits++ < kListedFlits) {
          flit_list << (flits == 1 ? " " : "; ");
          describe_flit(flit_list, buffer.at(i), unsigned(r), port);
        }
    }
  }
  msg << "; busy routers (" << busy_routers << "):" << router_list.str()
      << (busy_routers > kListedRouters ? " ..." : "") << "; flits stuck in the NoC (" << flits
      << (flits > kListedFlits ? ", first " + std::to_string(kListedFlits) + " listed" : "")
      << "):" << flit_list.str();
  unsigned busy_links = 0;
  std::ostringstream link_list;
  for (size_t l = 0; l < links_.size(); ++l) {
    const unsigned held = links_[l]->occupancy();
    if (held == 0) continue;
    if (busy_links++ < kListedRouters) {
      link_list << (busy_links == 1 ? " " : "; ") << link_names_[l] << " (" << held
                << " flits, head: ";
      describe_flit(link_list, links_[l]->buffer().front(), 0, kRouterPorts);
      link_list << ")";
    }
  }
  if (!links_.empty())
    msg << "; chip links holding flits (" << busy_links << "):" << link_list.str()
        << (busy_links > kListedRouters ? " ..." : "");
  SC_REPORT_ERROR(name(), msg.str().c_str());
}

void StepController::clear_chip() {
  for (NeuronCore* core : cores_) core->clear();
  for (Router* router : routers_) router->clear();
  for (ChipLink* link : links_) link->clear();
  scheduler_.drop_all_work();
  pending_ = Action::kNone;
  phase_ = StepPhase::kIdle;
  step_index_ = 0;
  fire_pending_ = 0;
  step_cycles_.clear();
  done_irq.write(false);
}

// ---- Chip control block --------------------------------------------------------------

void StepController::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  gp.set_response_status(access(gp, /*debug=*/false));
  delay += scheduler_.period() * double(host_access_cycles_);
}

unsigned StepController::transport_dbg(tlm::tlm_generic_payload& gp) {
  const tlm::tlm_response_status status = access(gp, /*debug=*/true);
  gp.set_response_status(status);
  return status == tlm::TLM_OK_RESPONSE ? gp.get_data_length() : 0;
}

tlm::tlm_response_status StepController::access(tlm::tlm_generic_payload& gp, bool debug) {
  if (gp.get_command() == tlm::TLM_IGNORE_COMMAND) return tlm::TLM_OK_RESPONSE;
  if (auto s = check_payload(gp); s != tlm::TLM_OK_RESPONSE) return s;
  const bool is_write = gp.get_command() == tlm::TLM_WRITE_COMMAND;
  const uint64_t offset = gp.get_address();
  const mm::Register* reg = find_register(mm::kChipRegisters, offset);
  if (auto s = check_register_access(reg, offset, gp.get_data_length(), is_write);
      s != tlm::TLM_OK_RESPONSE)
    return s;
  if (!is_write) {
    store_le32(gp.get_data_ptr(), read_register(reg->offset));
    return tlm::TLM_OK_RESPONSE;
  }
  if (debug) return tlm::TLM_COMMAND_ERROR_RESPONSE;  // every writable register has side effects
  return write_register(reg->offset, load_le32(gp.get_data_ptr()));
}

uint32_t StepController::read_register(uint32_t offset) const {
  switch (offset) {
    case mm::kChipId.offset: return mm::kChipIdValue;
    case mm::kNumCores.offset: return width_ * height_;
    case mm::kBoardDims.offset: return (board_height_ << 16) | board_width_;
    case mm::kMeshDims.offset: return (height_ << 16) | width_;
    case mm::kStepStatus.offset: return running_ ? 1 : 0;
    case mm::kStepIndex.offset: return step_index_;
    case mm::kCycleLo.offset: return uint32_t(cycles_in_steps_);
    case mm::kCycleHi.offset: return uint32_t(cycles_in_steps_ >> 32);
    default: return 0;
  }
}

tlm::tlm_response_status StepController::write_register(uint32_t offset, uint32_t value) {
  switch (offset) {
    case mm::kChipClear.offset:
      if (running_) return tlm::TLM_GENERIC_ERROR_RESPONSE;  // wait for STEP_STATUS = 0 first
      if (value == 1) clear_chip();
      return tlm::TLM_OK_RESPONSE;
    case mm::kStepRun.offset:
      if (running_ || value == 0) return tlm::TLM_GENERIC_ERROR_RESPONSE;
      running_ = true;
      steps_left_ = value;
      done_irq.write(false);
      schedule(Action::kStartStep, 0);
      scheduler_.resume();
      return tlm::TLM_OK_RESPONSE;
    default:
      return tlm::TLM_ADDRESS_ERROR_RESPONSE;
  }
}

}  // namespace spikecore::hw
