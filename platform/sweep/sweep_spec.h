// SWEEP.json (docs/scaling.md, "Sweeps"): the points of a design-space sweep.
// A grid of axes (their cartesian product) and/or a list of points, each a set
// of axis values: the model, compiler options, hardware-description keys and
// the data set; plus what every point shares (samples, backend, fixed options).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace spikecore::sweep {

// One point: axis -> value as JSON text ("16", "\"models/a.pt\"").
struct Point {
  std::map<std::string, std::string> values;
  std::string key;  // stable name: FNV-1a of the canonical values, 16 hex digits
};

struct SweepSpec {
  std::string path;                  // SWEEP.json
  std::vector<std::string> axes;     // every axis any point sets, sorted
  std::vector<Point> points;         // grid points (axes sorted, last fastest), then the list's
  std::string dataset = "mnist", split = "test", backend = "systemc";
  unsigned first = 0, count = 200;
  bool reference = true;             // compare with each model's float top-1
  std::map<std::string, std::string> fixed;  // options every point gets (axis -> JSON value)
};

// The axes a point may set: "model", "dataset", compiler options ("timesteps",
// "percentile", "output_percentile", "weight_percentile", "board",
// "place_effort", "seed", "calib_count") and "hw.SECTION.KEY" of a hardware
// description (docs/microarchitecture.md).
bool is_axis(const std::string& name);

// Parses and expands SWEEP.json; throws std::runtime_error naming the file
// and the key (unknown axis, empty list, wrong type, duplicate point).
SweepSpec load_sweep(const std::string& path);

}  // namespace spikecore::sweep
