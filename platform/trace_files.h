// The files a VCD trace asked for as --vcd PATH is written to, in one place
// for the tracer and for the tools that check and print those paths.
#pragma once

#include <string>

namespace spikecore::platform {

struct TraceFiles {
  std::string vcd;   // PATH, with ".vcd" appended when it does not end so
  std::string gtkw;  // the gtkwave save file beside it: PATH less ".vcd", plus ".gtkw"
};

inline TraceFiles trace_files_for(const std::string& requested) {
  const bool has_vcd =
      requested.size() >= 4 && requested.compare(requested.size() - 4, 4, ".vcd") == 0;
  const std::string stem = has_vcd ? requested.substr(0, requested.size() - 4) : requested;
  return {stem + ".vcd", stem + ".gtkw"};
}

}  // namespace spikecore::platform
