#include "platform/systemc_runner.h"

#include <algorithm>

#include <chrono>
#include <memory>
#include <stdexcept>

#include "isa/memory_map.h"
#include "platform/chip_top.h"
#include "platform/chip_tracer.h"
#include "platform/host_thread.h"
#include "platform/spike_recorder.h"
#include "platform/tlm_host_bus.h"
#include "sw/host_runtime.h"

namespace spikecore::platform {

void NocCounters::add(const NocCounters& o) {
  flits_injected += o.flits_injected;
  flits_delivered += o.flits_delivered;
  link_hops += o.link_hops;
  router_stall_cycles += o.router_stall_cycles;
  inject_stall_cycles += o.inject_stall_cycles;
  dropped += o.dropped;
  chip_link_flits += o.chip_link_flits;
  chip_link_stall_cycles += o.chip_link_stall_cycles;
  max_buffer_occupancy = std::max(max_buffer_occupancy, o.max_buffer_occupancy);
  max_outbox_occupancy = std::max(max_outbox_occupancy, o.max_outbox_occupancy);
  latency_sum += o.latency_sum;
  latency_max = std::max(latency_max, o.latency_max);
}

namespace {

void add_ops(golden::Counters& a, const golden::Counters& b) {
  a.synaptic_ops += b.synaptic_ops;
  a.events_in += b.events_in;
  a.psum_packets += b.psum_packets;
  a.fire_ops += b.fire_ops;
  a.leak_ops += b.leak_ops;
  a.spikes += b.spikes;
  a.flits += b.flits;
  a.acc_saturations += b.acc_saturations;
  a.soma_saturations += b.soma_saturations;
  a.soma_floor_clips += b.soma_floor_clips;
}

// Counters since the last CLEAR (CLEAR zeroes every core's and router's).
void collect_counters(const ChipTop& chip, SampleResult& s) {
  golden::Counters& ops = s.run.counters;
  ops = golden::Counters{};
  NocCounters& noc = s.noc;
  noc = NocCounters{};
  s.run.saturations.acc.assign(chip.num_cores(), 0);
  s.run.saturations.soma.assign(chip.num_cores(), 0);
  s.run.saturations.soma_floor.assign(chip.num_cores(), 0);
  s.cores.assign(chip.num_cores(), CoreActivity{});
  for (unsigned c = 0; c < chip.num_cores(); ++c) {
    const hw::CoreCounters& k = chip.core(c).counters();
    s.run.saturations.acc[c] = k.acc_saturations;
    s.run.saturations.soma[c] = k.soma_saturations;
    s.run.saturations.soma_floor[c] = k.soma_floor_clips;
    ops.synaptic_ops += k.synaptic_ops;
    ops.events_in += k.events_in;
    ops.psum_packets += k.psum_in;
    ops.fire_ops += k.fire_ops;
    ops.leak_ops += k.leak_ops;
    ops.spikes += k.spikes_out;
    ops.flits += k.flits_out;
    ops.acc_saturations += k.acc_saturations;
    ops.soma_saturations += k.soma_saturations;
    ops.soma_floor_clips += k.soma_floor_clips;
    noc.inject_stall_cycles += k.inject_stall_cycles;
    noc.flits_delivered += k.flits_delivered;
    noc.latency_sum += k.latency_sum;
    noc.latency_max = std::max(noc.latency_max, k.latency_max);
    noc.max_outbox_occupancy = std::max(noc.max_outbox_occupancy, k.outbox_max);
    const hw::RouterCounters& r = chip.router(c).counters();
    noc.flits_injected += r.injected;
    noc.link_hops += r.link_hops;
    noc.router_stall_cycles += r.stall_cycles;
    noc.dropped += r.dropped;
    noc.max_buffer_occupancy = std::max(noc.max_buffer_occupancy, r.max_buffer_occupancy);
    s.cores[c] = {k.synaptic_ops, k.flits_out, r.link_hops + r.ejected, r.stall_cycles};
  }
  s.chip_links.clear();
  for (unsigned l = 0; l < chip.num_links(); ++l) {
    const ChipLinkPlace& place = chip.link_place(l);
    const hw::ChipLinkCounters& k = chip.link(l).counters();
    noc.chip_link_flits += k.flits;
    noc.chip_link_stall_cycles += k.stall_cycles;
    auto bundle = std::find_if(s.chip_links.begin(), s.chip_links.end(), [&](const auto& b) {
      return b.from_chip == place.from_chip && b.to_chip == place.to_chip;
    });
    if (bundle == s.chip_links.end()) {
      s.chip_links.push_back({place.from_chip, place.to_chip,
                              hw::Router::port_name(place.direction), 0, 0, 0, 0});
      bundle = s.chip_links.end() - 1;
    }
    ++bundle->lanes;
    bundle->flits += k.flits;
    bundle->stall_cycles += k.stall_cycles;
    bundle->busy_cycles += k.busy_cycles;
  }
}

void add_chip_links(std::vector<ChipLinkTraffic>& total, const std::vector<ChipLinkTraffic>& add) {
  if (total.empty()) {
    total = add;
    return;
  }
  for (size_t i = 0; i < add.size(); ++i) {  // the same links in the same order every sample
    total[i].flits += add[i].flits;
    total[i].stall_cycles += add[i].stall_cycles;
    total[i].busy_cycles += add[i].busy_cycles;
  }
}

// Every neuron's V and spike count, through the memory map (debug reads).
void read_full_state(TlmHostBus& bus, unsigned num_cores, unsigned cores_per_chip,
                     golden::RunResult& run) {
  namespace mm = isa::mmap;
  run.membrane.assign(size_t(num_cores) * isa::kNeuronSlots, 0);
  run.spike_counts.assign(size_t(num_cores) * isa::kNeuronSlots, 0);
  uint8_t buf[isa::kNeuronSlots * 2];
  for (unsigned c = 0; c < num_cores; ++c) {
    const uint64_t base = mm::core_base(c / cores_per_chip, c % cores_per_chip);
    if (bus.read_debug(base + mm::kMembrane.offset, buf, sizeof buf) != sizeof buf)
      throw std::runtime_error("debug read of core " + std::to_string(c) + " MEMBRANE failed");
    for (unsigned s = 0; s < isa::kNeuronSlots; ++s)
      run.membrane[c * isa::kNeuronSlots + s] = int16_t(buf[2 * s] | buf[2 * s + 1] << 8);
    if (bus.read_debug(base + mm::kSpikeCount.offset, buf, sizeof buf) != sizeof buf)
      throw std::runtime_error("debug read of core " + std::to_string(c) + " SPIKE_COUNT failed");
    for (unsigned s = 0; s < isa::kNeuronSlots; ++s)
      run.spike_counts[c * isa::kNeuronSlots + s] = uint16_t(buf[2 * s] | buf[2 * s + 1] << 8);
  }
}

bool g_elaborated = false;

// Forwards each step's end to SimOptions::on_step.
class StepCallback : public hw::StepObserver {
 public:
  explicit StepCallback(std::function<void(unsigned)> f) : f_(std::move(f)) {}
  void on_tick(unsigned step, uint64_t, uint64_t) override { f_(step + 1); }

 private:
  std::function<void(unsigned)> f_;
};

}  // namespace

SystemCRun run_systemc(const isa::ChipConfig& chip, const std::vector<const uint8_t*>& samples,
                       const SimOptions& options, const ProgressCallback& progress) {
  if (g_elaborated)
    throw std::logic_error("run_systemc: SystemC allows one simulation per process; "
                           "run_systemc was already called");
  if (std::vector<std::string> problems = isa::check(chip); !problems.empty()) {
    std::string msg = "run_systemc: the image fails the architectural check:";
    for (const std::string& p : problems) msg += "\n  " + p;
    throw std::invalid_argument(msg);
  }
  if (options.timesteps == 0) throw std::invalid_argument("run_systemc: timesteps must be >= 1");
  const double clock_mhz = options.micro.clock_mhz;
  if (!(clock_mhz > 0) || clock_mhz > 1e6)
    throw std::invalid_argument("run_systemc: clock " + std::to_string(clock_mhz) +
                                " MHz out of range (0, 1e6]");
  g_elaborated = true;

  const sc_core::sc_time period(1e6 / clock_mhz, sc_core::SC_PS);
  ChipTop top("chip", chip.mesh_width, chip.mesh_height, period, options.micro,
              chip.board_width, chip.board_height, options.chip_links);
  if (options.watchdog_cycles != 0) top.controller().set_watchdog_cycles(options.watchdog_cycles);
  SpikeRecorder recorder;
  top.controller().add_observer(&recorder);
  StepCallback step_callback(options.on_step);
  if (options.on_step) top.controller().add_observer(&step_callback);
  for (unsigned c = 0; c < top.num_cores(); ++c) top.core(c).add_spike_observer(&recorder);
  std::unique_ptr<ChipTracer> tracer;
  if (!options.trace.vcd_path.empty())
    tracer = std::make_unique<ChipTracer>("tracer", top, chip.host, options.trace);
  TlmHostBus bus("host_bus", top.controller().done_irq);
  bus.socket.bind(top.host_port());

  SystemCRun out;
  out.clock_mhz = clock_mhz;
  out.samples.resize(samples.size());
  auto job = [&] {
    sw::HostRuntime runtime(bus, chip);
    runtime.probe();
    runtime.load_image();
    for (size_t i = 0; i < samples.size(); ++i) {
      const bool traced = tracer && options.trace.window.has_sample(unsigned(i));
      if (tracer) tracer->begin_sample(unsigned(i));
      top.scheduler().set_quantum(traced ? 1 : options.quantum_cycles);
      recorder.begin();
      const sw::InferenceResult r = runtime.infer(samples[i], options.timesteps);
      SampleResult& s = out.samples[i];
      s.run.spikes = recorder.record();
      s.run.output_spike_counts = r.output_spike_counts;
      s.run.output_scores = r.output_scores;
      s.run.predicted_class = r.predicted_class;
      if (options.read_full_state)
        read_full_state(bus, top.num_cores(), top.cores_per_chip(), s.run);
      s.cycles = r.cycles;
      s.cycles_per_step = top.controller().step_cycles();
      collect_counters(top, s);
      if (progress) progress(i + 1, samples.size(), s);
    }
  };
  HostThread host("host", job);

  // The host ends the run with sc_stop(); that is not news worth a line.
  sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
  const auto start = std::chrono::steady_clock::now();
  sc_core::sc_start();
  out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  host.rethrow_if_failed();
  if (!host.finished())
    throw std::runtime_error("run_systemc: the simulation stopped before the host finished");

  for (const SampleResult& s : out.samples) {
    out.total_cycles += s.cycles;
    out.total_steps += s.cycles_per_step.size();
    add_ops(out.total_ops, s.run.counters);
    out.total_noc.add(s.noc);
    add_chip_links(out.total_chip_links, s.chip_links);
  }
  out.num_chips = top.num_chips();
  if (tracer) {
    out.vcd_path = tracer->finish();
    out.gtkw_path = tracer->gtkw_path();
  }
  return out;
}

}  // namespace spikecore::platform
