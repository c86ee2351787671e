// One sweep point: compile its model with its options, simulate its samples,
// and the record of what came out (docs/scaling.md, "Sweeps").
#pragma once

#include <string>

#include "platform/sweep/sweep_spec.h"

namespace spikecore::sweep {

// Where finished points are kept: DIR/points/KEY.json, written atomically.
std::string point_file(const std::string& out_dir, const Point& p);
// True when that file holds a finished point (a resumed sweep skips it).
bool point_done(const std::string& out_dir, const Point& p);

// "timesteps=16 percentile=98 model=models/a.pt": the point in words.
std::string describe(const Point& p);

// Runs spikecore-compile and spikecore-sim (beside this program) in child
// processes whose environment holds no MPI variables, in DIR/work/KEY, and
// writes the point's record. Throws std::runtime_error with the tool's error.
void run_point(const SweepSpec& spec, const Point& p, const std::string& out_dir);

}  // namespace spikecore::sweep
