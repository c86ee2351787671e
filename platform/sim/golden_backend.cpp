#include "platform/sim/sample_backend.h"

namespace spikecore::sim {

void run_golden(const BackendRun& run) {
  golden::GoldenModel model(*run.chip);
  golden::RunResult result;
  RunActivity activity;
  const size_t num_neurons = size_t(run.chip->num_cores()) * isa::kNeuronSlots;
  for (uint32_t index : run.indices) {
    model.run(run.data->images.image(index), run.timesteps, result);
    SampleOutcome o;
    o.index = index;
    o.label = run.data->labels[index];
    o.predicted = result.predicted_class;
    o.output_spike_counts = result.output_spike_counts;
    o.output_scores = result.output_scores;
    const golden::Counters& c = result.counters;
    o.hw.synaptic_ops = c.synaptic_ops;
    o.hw.spikes = c.spikes;
    o.hw.flits = c.flits;
    o.hw.neuron_updates = c.fire_ops + c.leak_ops;
    o.hw.psum_packets = c.psum_packets;
    o.hw.acc_saturations = c.acc_saturations;
    o.hw.soma_saturations = c.soma_saturations;
    o.hw.soma_floor_clips = c.soma_floor_clips;
    o.saturated_cores = saturated_cores(result.saturations);
    if (run.on_activity) {
      ++activity.samples;
      activity.add_spikes(result.spikes, num_neurons);
    }
    if (run.on_sample) run.on_sample(o);
    if (run.trace.spike_record_sample == index && run.on_spike_record)
      run.on_spike_record(index, result.spikes);
  }
  if (run.on_activity) run.on_activity(activity);
}

}  // namespace spikecore::sim
