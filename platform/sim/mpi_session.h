// spikecore-sim under mpirun or srun: which rank this process is, and the one
// exchange of a run, every rank's results gathered at rank 0 (docs/scaling.md).
// Rank and size come from the launcher's environment, so the samples can be
// split before MPI starts; MPI itself (libspikecore_mpi.so) is initialised
// only for the exchange, after the worker processes have been forked.
#pragma once

#include <string>
#include <vector>

namespace spikecore::sim {

struct MpiPlacement {
  unsigned rank = 0, size = 1;
  std::string launcher;  // "" (not under MPI), "Open MPI", "PMIx", "PMI", "Slurm"
  bool distributed() const { return size > 1; }
};

// From OMPI_COMM_WORLD_RANK/SIZE, else PMIX_RANK with PMIX_SIZE or
// OMPI_UNIVERSE_SIZE, else PMI_RANK/PMI_SIZE, else SLURM_PROCID/SLURM_NTASKS
// (inside an srun step). Throws std::runtime_error for values that do not parse.
MpiPlacement mpi_placement_from_environment();

struct RankReport {
  bool ok = false;
  std::string payload;  // results, or the error message when !ok
};

// Every rank calls this exactly once. At rank 0 it returns every rank's
// report in rank order; elsewhere an empty vector. Throws std::runtime_error
// when libspikecore_mpi.so cannot be loaded or MPI fails.
std::vector<RankReport> exchange_with_rank_zero(const MpiPlacement& placement, bool ok,
                                                const std::string& payload);

// Point-to-point messages over MPI for spikecore-sweep's coordinator and
// workers: start() before the first message, stop() after the last.
class MpiChannel {
 public:
  explicit MpiChannel(const MpiPlacement& placement) : placement_(placement) {}
  void start();
  void send(unsigned destination, int tag, const std::string& bytes);
  struct Message {
    unsigned source = 0;
    int tag = 0;
    std::string bytes;
  };
  Message receive();  // from any rank, any tag
  void stop();

 private:
  MpiPlacement placement_;
};

}  // namespace spikecore::sim
