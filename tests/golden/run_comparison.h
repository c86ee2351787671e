// Field-by-field comparison of two RunResults that names the first difference
// (step and neuron for spikes), so a failing random case is easy to replay.
#pragma once

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "golden/golden_model.h"

namespace spikecore::golden::testing {

inline std::string step_ids(const SpikeRecord& r, size_t t) {
  std::ostringstream s;
  s << "{";
  if (t + 1 < r.step_begin.size())
    for (uint32_t k = r.step_begin[t]; k < r.step_begin[t + 1]; ++k)
      s << (k == r.step_begin[t] ? "" : ",") << r.ids[k];
  s << "}";
  return s.str();
}

inline ::testing::AssertionResult same_counters(const Counters& e, const Counters& a) {
  struct Field {
    const char* name;
    uint64_t expected, actual;
  };
  const Field fields[] = {{"synaptic_ops", e.synaptic_ops, a.synaptic_ops},
                          {"events_in", e.events_in, a.events_in},
                          {"psum_packets", e.psum_packets, a.psum_packets},
                          {"fire_ops", e.fire_ops, a.fire_ops},
                          {"leak_ops", e.leak_ops, a.leak_ops},
                          {"spikes", e.spikes, a.spikes},
                          {"flits", e.flits, a.flits},
                          {"acc_saturations", e.acc_saturations, a.acc_saturations},
                          {"soma_saturations", e.soma_saturations, a.soma_saturations},
                          {"soma_floor_clips", e.soma_floor_clips, a.soma_floor_clips}};
  for (const Field& f : fields)
    if (f.expected != f.actual)
      return ::testing::AssertionFailure()
             << "counter " << f.name << ": expected " << f.expected << ", got " << f.actual;
  return ::testing::AssertionSuccess();
}

inline ::testing::AssertionResult same_run(const RunResult& expected, const RunResult& actual) {
  const SpikeRecord& e = expected.spikes;
  const SpikeRecord& a = actual.spikes;
  if (e.step_begin.size() != a.step_begin.size())
    return ::testing::AssertionFailure() << "spike record covers " << a.step_begin.size() - 1
                                         << " steps, expected " << e.step_begin.size() - 1;
  for (size_t t = 0; t + 1 < e.step_begin.size(); ++t)
    if (step_ids(e, t) != step_ids(a, t))
      return ::testing::AssertionFailure() << "step " << t << ": spikes " << step_ids(a, t)
                                           << ", expected " << step_ids(e, t);
  if (!(e == a)) return ::testing::AssertionFailure() << "spike records differ";
  for (size_t g = 0; g < expected.membrane.size() && g < actual.membrane.size(); ++g)
    if (expected.membrane[g] != actual.membrane[g])
      return ::testing::AssertionFailure() << "membrane of neuron " << g << ": "
                                           << actual.membrane[g] << ", expected "
                                           << expected.membrane[g];
  if (expected.membrane.size() != actual.membrane.size())
    return ::testing::AssertionFailure() << "membrane vector sizes differ";
  if (expected.spike_counts != actual.spike_counts)
    return ::testing::AssertionFailure() << "spike counts differ";
  if (expected.output_spike_counts != actual.output_spike_counts)
    return ::testing::AssertionFailure() << "output spike counts differ";
  if (expected.output_scores != actual.output_scores)
    return ::testing::AssertionFailure() << "output scores differ";
  if (expected.predicted_class != actual.predicted_class)
    return ::testing::AssertionFailure() << "predicted class " << actual.predicted_class
                                         << ", expected " << expected.predicted_class;
  return same_counters(expected.counters, actual.counters);
}

}  // namespace spikecore::golden::testing
