#include "platform/sim/mpi_session.h"

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "common/cli_numbers.h"
#include "common/install_layout.h"
#include "platform/sim/mpi_plugin.h"

namespace spikecore::sim {
namespace {

const char* variable(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : nullptr;
}

unsigned whole(const char* name, const char* text, uint64_t min) {
  uint64_t v = 0;
  if (!parse_whole_number(text, min, 1u << 20, v))
    throw std::runtime_error(std::string(name) + "='" + text + "': expected a whole number");
  return unsigned(v);
}

struct MpiEntry {
  SpikecoreMpiGather gather;
  SpikecoreMpiFree release;
  SpikecoreMpiStart start;
  SpikecoreMpiSend send;
  SpikecoreMpiReceive receive;
  SpikecoreMpiStop stop;
};

MpiEntry load_mpi() {
  const std::string path = plugin_library_path(kMpiLibrary);
  void* library = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
  if (library == nullptr)
    throw std::runtime_error("running under MPI needs " + path + ", which cannot be loaded (" +
                             dlerror() + "); build with Debian's libopenmpi-dev installed, or set "
                             "SPIKECORE_LIB_DIR to the directory that holds it");
  MpiEntry e{reinterpret_cast<SpikecoreMpiGather>(dlsym(library, "spikecore_mpi_gather")),
             reinterpret_cast<SpikecoreMpiFree>(dlsym(library, "spikecore_mpi_free")),
             reinterpret_cast<SpikecoreMpiStart>(dlsym(library, "spikecore_mpi_start")),
             reinterpret_cast<SpikecoreMpiSend>(dlsym(library, "spikecore_mpi_send")),
             reinterpret_cast<SpikecoreMpiReceive>(dlsym(library, "spikecore_mpi_receive")),
             reinterpret_cast<SpikecoreMpiStop>(dlsym(library, "spikecore_mpi_stop"))};
  if (!e.gather || !e.release || !e.start || !e.send || !e.receive || !e.stop)
    throw std::runtime_error(path + " lacks an entry point: a stale build; rebuild it");
  return e;
}

const MpiEntry& mpi() {
  static const MpiEntry entry = load_mpi();
  return entry;
}

}  // namespace

MpiPlacement mpi_placement_from_environment() {
  MpiPlacement p;
  const char *rank = nullptr, *size = nullptr, *rank_name = "", *size_name = "";
  auto pick = [&](const char* r, const char* s, const char* launcher) {
    if (rank != nullptr || variable(r) == nullptr || variable(s) == nullptr) return;
    rank = variable(r), size = variable(s), rank_name = r, size_name = s, p.launcher = launcher;
  };
  pick("OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", "Open MPI");
  pick("PMIX_RANK", "PMIX_SIZE", "PMIx");
  pick("PMI_RANK", "PMI_SIZE", "PMI");
  if (variable("SLURM_STEP_ID") != nullptr) pick("SLURM_PROCID", "SLURM_NTASKS", "Slurm");
  if (rank == nullptr) return p;
  p.rank = whole(rank_name, rank, 0);
  p.size = whole(size_name, size, 1);
  if (p.rank >= p.size)
    throw std::runtime_error(std::string(rank_name) + "=" + rank + " is not below " + size_name +
                             "=" + size);
  return p;
}

std::vector<RankReport> exchange_with_rank_zero(const MpiPlacement& placement, bool ok,
                                                const std::string& payload) {
  const MpiEntry& mpi = sim::mpi();
  const std::string message = std::string(1, ok ? '1' : '0') + payload;
  std::vector<uint64_t> sizes(placement.size, 0);
  char* gathered = nullptr;
  char error[512] = "";
  if (mpi.gather(message.data(), message.size(), int(placement.rank), int(placement.size),
                 &gathered, sizes.data(), error, sizeof error) != 0)
    throw std::runtime_error(std::string("MPI exchange of results: ") + error);
  std::vector<RankReport> out;
  if (placement.rank != 0) return out;
  uint64_t at = 0;
  for (uint64_t bytes : sizes) {
    RankReport r;
    r.ok = bytes > 0 && gathered[at] == '1';
    if (bytes > 1) r.payload.assign(gathered + at + 1, size_t(bytes - 1));
    out.push_back(std::move(r));
    at += bytes;
  }
  mpi.release(gathered);
  return out;
}

void MpiChannel::start() {
  char error[512] = "";
  if (mpi().start(int(placement_.rank), int(placement_.size), error, sizeof error) != 0)
    throw std::runtime_error(std::string("MPI start: ") + error);
}

void MpiChannel::send(unsigned destination, int tag, const std::string& bytes) {
  char error[512] = "";
  if (mpi().send(int(destination), tag, bytes.data(), bytes.size(), error, sizeof error) != 0)
    throw std::runtime_error("MPI send to rank " + std::to_string(destination) + ": " + error);
}

MpiChannel::Message MpiChannel::receive() {
  char error[512] = "";
  int source = 0, tag = 0;
  char* data = nullptr;
  uint64_t size = 0;
  if (mpi().receive(&source, &tag, &data, &size, error, sizeof error) != 0)
    throw std::runtime_error(std::string("MPI receive: ") + error);
  Message m{unsigned(source), tag, std::string(data, size_t(size))};
  mpi().release(data);
  return m;
}

void MpiChannel::stop() { mpi().stop(); }

}  // namespace spikecore::sim
