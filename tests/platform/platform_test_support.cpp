#include "platform_test_support.h"

#include <sstream>

namespace spikecore::platform::testing {

std::vector<const uint8_t*> image_pointers(const std::vector<uint8_t>& pixels, size_t size) {
  std::vector<const uint8_t*> out;
  for (size_t i = 0; i + size <= pixels.size(); i += size) out.push_back(pixels.data() + i);
  return out;
}

std::string describe_spike_difference(const golden::SpikeRecord& expected,
                                      const golden::SpikeRecord& actual) {
  std::ostringstream out;
  if (expected.step_begin.size() != actual.step_begin.size()) {
    out << "golden has " << expected.step_begin.size() - 1 << " steps, SystemC "
        << actual.step_begin.size() - 1;
    return out.str();
  }
  for (size_t t = 0; t + 1 < expected.step_begin.size(); ++t) {
    const std::vector<uint32_t> e(expected.ids.begin() + expected.step_begin[t],
                                  expected.ids.begin() + expected.step_begin[t + 1]);
    const std::vector<uint32_t> a(actual.ids.begin() + actual.step_begin[t],
                                  actual.ids.begin() + actual.step_begin[t + 1]);
    if (e == a) continue;
    out << "step " << t << ": golden fired " << e.size() << " neurons, SystemC " << a.size()
        << "; golden ids:";
    for (size_t i = 0; i < e.size() && i < 12; ++i) out << ' ' << e[i];
    out << " ... SystemC ids:";
    for (size_t i = 0; i < a.size() && i < 12; ++i) out << ' ' << a[i];
    return out.str();
  }
  return "records equal";
}

namespace {
bool counters_equal(const golden::Counters& a, const golden::Counters& b) {
  return a.synaptic_ops == b.synaptic_ops && a.events_in == b.events_in &&
         a.psum_packets == b.psum_packets && a.fire_ops == b.fire_ops &&
         a.leak_ops == b.leak_ops && a.spikes == b.spikes && a.flits == b.flits &&
         a.acc_saturations == b.acc_saturations && a.soma_saturations == b.soma_saturations &&
         a.soma_floor_clips == b.soma_floor_clips;
}
std::string counters_text(const golden::Counters& c) {
  std::ostringstream out;
  out << "synops " << c.synaptic_ops << ", events " << c.events_in << ", psums "
      << c.psum_packets << ", fire " << c.fire_ops << ", leak " << c.leak_ops << ", spikes "
      << c.spikes << ", flits " << c.flits << ", sat acc " << c.acc_saturations
      << ", sat soma " << c.soma_saturations << ", floor soma " << c.soma_floor_clips;
  return out.str();
}
}  // namespace

size_t expect_matches_golden(const isa::ChipConfig& chip,
                             const std::vector<const uint8_t*>& samples, unsigned timesteps,
                             const SystemCRun& run) {
  EXPECT_EQ(run.samples.size(), samples.size());
  golden::GoldenModel golden(chip);
  size_t mismatches = 0;
  for (size_t i = 0; i < samples.size() && i < run.samples.size(); ++i) {
    const golden::RunResult expected = golden.run(samples[i], timesteps);
    const golden::RunResult& actual = run.samples[i].run;
    const bool same = expected.spikes == actual.spikes && expected.membrane == actual.membrane &&
                      expected.spike_counts == actual.spike_counts &&
                      expected.output_spike_counts == actual.output_spike_counts &&
                      expected.output_scores == actual.output_scores &&
                      expected.predicted_class == actual.predicted_class &&
                      counters_equal(expected.counters, actual.counters);
    if (same) continue;
    if (++mismatches > 3) continue;
    ADD_FAILURE() << "sample " << i << " differs from the golden model:\n  spikes: "
                  << describe_spike_difference(expected.spikes, actual.spikes)
                  << "\n  membranes equal: " << (expected.membrane == actual.membrane)
                  << ", spike counts equal: " << (expected.spike_counts == actual.spike_counts)
                  << "\n  predicted: golden " << expected.predicted_class << ", SystemC "
                  << actual.predicted_class << "\n  golden counters:  "
                  << counters_text(expected.counters) << "\n  SystemC counters: "
                  << counters_text(actual.counters);
  }
  return mismatches;
}

}  // namespace spikecore::platform::testing
