#include "noc_test_bench.h"

#include <algorithm>
#include <cstdio>

namespace spikecore::hw::testing {

Endpoint::Endpoint(sc_core::sc_module_name name, CycleScheduler& scheduler, unsigned id)
    : sc_core::sc_module(name),
      scheduler_(scheduler),
      id_(scheduler.add(this)),
      core_(id),
      sink_(std::make_unique<FlitBuffer>(4)) {
  in.set_receiver(this, 0);
}

void Endpoint::send_at(uint64_t cycle, isa::Packet packet) {
  packet.src_core = uint8_t(core_);
  pending_.emplace_back(cycle, packet);
  scheduler_.activate(id_);
}

void Endpoint::set_drain(unsigned depth, unsigned interval, uint64_t first_cycle) {
  sink_ = std::make_unique<FlitBuffer>(depth);
  interval_ = interval;
  first_drain_ = first_cycle;
}

void Endpoint::receive_flit(unsigned /*port*/, FlitTransfer& transfer) {
  if (!sink_->can_accept(transfer.cycle)) {
    sink_->refuse(transfer);
    return;
  }
  transfer.accepted = true;
  const Flit& flit = sink_->push(*transfer.flit);
  received_.push_back({flit.packet, flit.injected_cycle, transfer.cycle, flit.hops});
  scheduler_.activate(id_);
}

bool Endpoint::step_cycle(uint64_t cycle) {
  if (!pending_.empty() && pending_.front().first <= cycle) {
    Flit flit;
    flit.packet = pending_.front().second;
    flit.injected_cycle = cycle;
    FlitTransfer t;
    t.flit = &flit;
    t.cycle = cycle;
    t.sender = this;
    if (out.send(t)) {
      pending_.pop_front();
      ++sent_;
    } else {
      ++inject_refusals_;
    }
  }
  if (!sink_->empty() && cycle >= first_drain_ && cycle - last_drain_ >= interval_) {
    sink_->pop(cycle);
    last_drain_ = cycle;
  }
  if (!pending_.empty() && pending_.front().first > cycle + 1) {
    scheduler_.wake_at(id_, pending_.front().first);
    return !sink_->empty();
  }
  return !pending_.empty() || !sink_->empty();
}

NocBench::NocBench(sc_core::sc_module_name name, unsigned w, unsigned h)
    : sc_core::sc_module(name), scheduler("scheduler", sc_core::sc_time(2, sc_core::SC_NS)),
      width(w), height(h) {
  char buf[32];
  for (unsigned id = 0; id < w * h; ++id) {
    std::snprintf(buf, sizeof buf, "router_%u", id);
    routers.push_back(std::make_unique<Router>(buf, scheduler, id % w, id / w, w, h));
  }
  for (unsigned id = 0; id < w * h; ++id) {
    std::snprintf(buf, sizeof buf, "endpoint_%u", id);
    endpoints.push_back(std::make_unique<Endpoint>(buf, scheduler, id));
    connect(endpoints[id]->out, routers[id]->input(Router::kLocal));
    connect(routers[id]->output(Router::kLocal), endpoints[id]->in);
  }
  for (unsigned id = 0; id < w * h; ++id) {
    const unsigned x = id % w, y = id / w;
    if (x + 1 < w) {
      connect(routers[id]->output(Router::kEast), routers[id + 1]->input(Router::kWest));
      connect(routers[id + 1]->output(Router::kWest), routers[id]->input(Router::kEast));
    }
    if (y + 1 < h) {
      connect(routers[id]->output(Router::kSouth), routers[id + w]->input(Router::kNorth));
      connect(routers[id + w]->output(Router::kNorth), routers[id]->input(Router::kSouth));
    }
  }
  SC_THREAD(start);
}

void NocBench::start() { scheduler.resume(); }

void NocBench::run_for(uint64_t cycles) {
  sc_core::sc_start(scheduler.period() * double(cycles));
}

RouterCounters NocBench::total_counters() const {
  RouterCounters t;
  const uint64_t last_cycle =
      sc_core::sc_time_stamp().value() / scheduler.period().value() - 1;
  for (const auto& r : routers) {
    const RouterCounters c = r->counters_through(last_cycle);
    t.injected += c.injected;
    t.ejected += c.ejected;
    t.link_hops += c.link_hops;
    t.stall_cycles += c.stall_cycles;
    t.dropped += c.dropped;
    t.max_buffer_occupancy = std::max(t.max_buffer_occupancy, c.max_buffer_occupancy);
  }
  return t;
}

unsigned manhattan(unsigned a, unsigned b, unsigned width) {
  const int dx = int(a % width) - int(b % width), dy = int(a / width) - int(b / width);
  return unsigned(std::abs(dx) + std::abs(dy));
}

}  // namespace spikecore::hw::testing
