// Adapts platform::run_systemc (one elaboration, every sample of this process)
// to the simulator's per-sample outcome stream.
#include <algorithm>
#include <chrono>
#include <climits>
#include <unordered_map>

#include "hw/microarchitecture.h"
#include "platform/sim/sample_backend.h"
#include "platform/systemc_runner.h"

namespace spikecore::sim {

void run_systemc(const BackendRun& run) {
  std::vector<const uint8_t*> samples;
  samples.reserve(run.indices.size());
  std::unordered_map<uint32_t, unsigned> position_of;  // IDX index -> position in samples
  for (uint32_t index : run.indices) {
    position_of[index] = unsigned(samples.size());
    samples.push_back(run.data->images.image(index));
  }

  platform::SimOptions options;
  options.timesteps = run.timesteps;
  options.read_full_state = false;  // the simulator reports outputs, not every membrane
  options.watchdog_cycles = run.watchdog_cycles;
  options.micro = run.micro;
  options.chip_links = run.chip_links;
  auto last_report = std::chrono::steady_clock::now();
  if (run.on_steps)
    options.on_step = [&](unsigned steps_done) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last_report < std::chrono::milliseconds(200)) return;
      last_report = now;
      run.on_steps(steps_done);
    };
  if (!run.trace.vcd_path.empty()) {
    options.trace.vcd_path = run.trace.vcd_path;
    options.trace.vcd_staging_path = run.trace.vcd_staging_path;
    options.trace.gtkw_staging_path = run.trace.gtkw_staging_path;
    platform::TraceWindow& window = options.trace.window;
    for (uint32_t index : run.trace.samples) {
      auto it = position_of.find(index);
      if (it != position_of.end()) window.samples.push_back(it->second);
    }
    window.first_step = run.trace.step_begin;
    window.last_step = run.trace.step_end == UINT32_MAX ? UINT_MAX : run.trace.step_end;
    window.cores.assign(run.trace.cores.begin(), run.trace.cores.end());
    options.trace.max_bytes = run.trace.max_bytes;
  }

  RunActivity activity;
  const size_t num_cores = run.chip->num_cores();
  if (run.on_activity) {
    for (auto* v : {&activity.core_synaptic_ops, &activity.core_flits_out, &activity.router_flits,
                    &activity.router_stall_cycles})
      v->assign(num_cores, 0);
    activity.step_cycles.assign(run.timesteps, 0);
  }
  auto add_activity = [&](const platform::SampleResult& r) {
    ++activity.samples;
    for (size_t c = 0; c < num_cores && c < r.cores.size(); ++c) {
      activity.core_synaptic_ops[c] += r.cores[c].synaptic_ops;
      activity.core_flits_out[c] += r.cores[c].flits_out;
      activity.router_flits[c] += r.cores[c].router_flits;
      activity.router_stall_cycles[c] += r.cores[c].router_stall_cycles;
    }
    for (size_t t = 0; t < activity.step_cycles.size() && t < r.cycles_per_step.size(); ++t)
      activity.step_cycles[t] += r.cycles_per_step[t];
    activity.add_spikes(r.run.spikes, num_cores * isa::kNeuronSlots);
  };
  auto on_result = [&](size_t done, size_t /*total*/, const platform::SampleResult& r) {
    const uint32_t index = run.indices[done - 1];
    SampleOutcome o;
    o.index = index;
    o.label = run.data->labels[index];
    o.predicted = r.run.predicted_class;
    o.output_spike_counts = r.run.output_spike_counts;
    o.output_scores = r.run.output_scores;
    const golden::Counters& c = r.run.counters;
    o.hw.cycles = r.cycles;
    o.hw.synaptic_ops = c.synaptic_ops;
    o.hw.spikes = c.spikes;
    o.hw.flits = c.flits;
    o.hw.hops = r.noc.link_hops;
    o.hw.stall_cycles = r.noc.stall_cycles();
    o.hw.neuron_updates = c.fire_ops + c.leak_ops;
    o.hw.psum_packets = c.psum_packets;
    o.hw.acc_saturations = c.acc_saturations;
    o.hw.soma_saturations = c.soma_saturations;
    o.hw.soma_floor_clips = c.soma_floor_clips;
    o.saturated_cores = saturated_cores(r.run.saturations);
    o.hw.max_buffer_occupancy = r.noc.max_buffer_occupancy;
    for (const platform::ChipLinkTraffic& l : r.chip_links) {
      ChipLinkCounts c;
      c.from_chip = l.from_chip;
      c.to_chip = l.to_chip;
      c.direction = l.direction == "north" ? 0 : l.direction == "east" ? 1 : l.direction == "south" ? 2 : 3;
      c.lanes = l.lanes;
      c.flits = l.flits;
      c.stall_cycles = l.stall_cycles;
      c.busy_cycles = l.busy_cycles;
      o.chip_links.push_back(c);
    }
    if (run.on_activity) add_activity(r);
    if (run.on_sample) run.on_sample(o);
    if (run.trace.spike_record_sample == index && run.on_spike_record)
      run.on_spike_record(index, r.run.spikes);
  };
  platform::run_systemc(*run.chip, samples, options, on_result);
  if (run.on_activity) run.on_activity(activity);
}

}  // namespace spikecore::sim
