// The result of a sweep: every point's record as a table (CSV, JSON) and a
// picture of energy against latency with agreement as colour, Pareto points
// marked (lowest energy, lowest latency, highest agreement).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "platform/sweep/sweep_spec.h"

namespace spikecore::sweep {

// Indices of the records no other record beats on all of energy, latency and
// agreement (and is better on one).
std::vector<size_t> pareto_points(const std::vector<nlohmann::json>& records);

// Writes OUT/sweep.csv, OUT/sweep.json and OUT/sweep.svg atomically, from
// the records in the spec's point order. Timings are not in the table, so an
// interrupted and resumed sweep gives the same files as an uninterrupted one.
void write_table(const SweepSpec& spec, const std::vector<nlohmann::json>& records,
                 const std::string& out_dir);

}  // namespace spikecore::sweep
