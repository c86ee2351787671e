// spikecore-sim: thin entry point (CLI -> run). main() starts SystemC without
// its banner and SystemC calls sc_main; elaboration happens inside the worker
// processes.
#include <systemc>

#include <cstdio>
#include <cstdlib>

#include "common/sanitizer_stacks.h"
#include "common/version.h"
#include "platform/quiet_systemc_main.h"
#include "platform/sim/mpi_session.h"
#include "platform/sim/sim_app.h"
#include "platform/sim/sim_options.h"

int sc_main(int argc, char* argv[]) {
  if (spikecore::print_version_if_asked(argc, argv, "spikecore-sim")) return 0;
  spikecore::keep_main_stack_known_to_sanitizers();  // see common/sanitizer_stacks.h
  try {
    const auto options = spikecore::sim::parse_sim_options(argc, argv);
    if (!options) return 0;
    return spikecore::sim::run_simulation(*options);
  } catch (const spikecore::sim::UsageError& e) {
    // Under mpirun every rank parses the same command line: one says it.
    bool rank_zero = true;
    try {
      rank_zero = spikecore::sim::mpi_placement_from_environment().rank == 0;
    } catch (const std::exception&) {
    }
    // The others exit 0: a non-zero exit would make mpirun kill rank 0 before it printed.
    if (!rank_zero) return 0;
    std::fprintf(stderr, "spikecore-sim: %s\n", e.what());
    return 2;
  }
}

int main(int argc, char** argv) { return spikecore::platform::run_sc_main_quietly(argc, argv); }
