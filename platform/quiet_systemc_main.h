// The SystemC library's own main() prints its copyright banner before
// sc_main runs, even for --help. A tool defines main() as
//   int main(int argc, char** argv) { return spikecore::platform::run_sc_main_quietly(argc, argv); }
// to start SystemC without it (SYSTEMC_DISABLE_COPYRIGHT_MESSAGE, unless the
// caller set that variable itself).
#pragma once

#include <systemc>

#include <cstdlib>

namespace spikecore::platform {

inline int run_sc_main_quietly(int argc, char** argv) {
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", /*overwrite=*/0);
  return sc_core::sc_elab_and_sim(argc, argv);
}

}  // namespace spikecore::platform
