// Which part of a run goes into the VCD: samples, steps and cores. Outside
// the window the traced values stay constant, so the file stays small.
#pragma once

#include <algorithm>
#include <climits>
#include <string>
#include <vector>

namespace spikecore::platform {

struct TraceWindow {
  std::vector<unsigned> samples;  // positions in run_systemc()'s samples; empty: every sample
  unsigned first_step = 0;        // inclusive
  unsigned last_step = UINT_MAX;  // inclusive
  std::vector<unsigned> cores;    // core ids (their routers too); empty: every core

  bool has_sample(unsigned s) const { return samples.empty() || contains(samples, s); }
  bool has_step(unsigned t) const { return t >= first_step && t <= last_step; }
  bool has_core(unsigned c) const { return cores.empty() || contains(cores, c); }

 private:
  static bool contains(const std::vector<unsigned>& v, unsigned x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  }
};

struct TraceOptions {
  std::string vcd_path;  // empty: no tracing; a .gtkw save file is written next to it
  TraceWindow window;
  uint64_t max_bytes = 0;  // the run fails when the VCD outgrows this (0: no bound)
  // Set both to write the VCD (the path must end in ".vcd") and the .gtkw
  // there, existing files, and leave their renaming onto vcd_path and its
  // .gtkw to the caller: spikecore-sim's parent renames them only once the
  // whole run has succeeded. Empty: the tracer renames them itself at the end.
  std::string vcd_staging_path, gtkw_staging_path;
};

}  // namespace spikecore::platform
