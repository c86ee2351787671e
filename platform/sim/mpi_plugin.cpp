// libspikecore_mpi.so (platform/sim/mpi_plugin.h): the only file that includes mpi.h.
#include "platform/sim/mpi_plugin.h"

#include <mpi.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

bool failed(int code, const char* what, char* error, size_t error_size) {
  if (code == MPI_SUCCESS) return false;
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  std::snprintf(error, error_size, "%s failed: %.*s", what, length, text);
  return true;
}

// MPI_Init unless done; errors returned, not fatal; rank and size as expected.
bool start(int expected_rank, int expected_size, char* error, size_t error_size) {
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (!initialised && failed(MPI_Init(nullptr, nullptr), "MPI_Init", error, error_size)) return false;
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  int rank = -1, ranks = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  if (rank == expected_rank && ranks == expected_size) return true;
  std::snprintf(error, error_size, "MPI says rank %d of %d, the launcher's environment said rank %d of %d",
                rank, ranks, expected_rank, expected_size);
  MPI_Abort(MPI_COMM_WORLD, 1);
  return false;
}

}  // namespace

extern "C" int spikecore_mpi_start(int expected_rank, int expected_size, char* error,
                                   size_t error_size) {
  return start(expected_rank, expected_size, error, error_size) ? 0 : 1;
}

extern "C" int spikecore_mpi_send(int destination, int tag, const char* data, uint64_t size,
                                  char* error, size_t error_size) {
  if (size > uint64_t(1) << 30) {
    std::snprintf(error, error_size, "message of %llu bytes is over 1 GiB", (unsigned long long)size);
    return 1;
  }
  return failed(MPI_Send(data, int(size), MPI_CHAR, destination, tag, MPI_COMM_WORLD), "MPI_Send",
                error, error_size) ? 1 : 0;
}

extern "C" int spikecore_mpi_receive(int* source, int* tag, char** data, uint64_t* size,
                                     char* error, size_t error_size) {
  MPI_Status status;
  if (failed(MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status), "MPI_Probe", error,
             error_size))
    return 1;
  int count = 0;
  MPI_Get_count(&status, MPI_CHAR, &count);
  *data = static_cast<char*>(std::malloc(size_t(count) + 1));
  if (failed(MPI_Recv(*data, count, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
                      MPI_STATUS_IGNORE), "MPI_Recv", error, error_size))
    return 1;
  *source = status.MPI_SOURCE;
  *tag = status.MPI_TAG;
  *size = uint64_t(count);
  return 0;
}

extern "C" void spikecore_mpi_stop() { MPI_Finalize(); }

extern "C" int spikecore_mpi_gather(const char* data, uint64_t size, int expected_rank,
                                    int expected_size, char** gathered, uint64_t* rank_bytes,
                                    char* error, size_t error_size) {
  *gathered = nullptr;
  if (!start(expected_rank, expected_size, error, error_size)) return 1;
  const int rank = expected_rank, ranks = expected_size;
  // Sizes first (64-bit), then the bytes; MPI counts are int, so each rank
  // sends its bytes in pieces of at most 1 GiB.
  std::vector<uint64_t> sizes(static_cast<size_t>(ranks), 0);
  if (failed(MPI_Gather(&size, 1, MPI_UINT64_T, sizes.data(), 1, MPI_UINT64_T, 0, MPI_COMM_WORLD),
             "MPI_Gather", error, error_size))
    return 1;
  constexpr uint64_t kPiece = uint64_t(1) << 30;
  uint64_t most = 0;
  if (rank == 0)
    for (uint64_t s : sizes) most = s > most ? s : most;
  if (failed(MPI_Bcast(&most, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD), "MPI_Bcast", error, error_size))
    return 1;
  uint64_t total = 0;
  std::vector<uint64_t> offset(static_cast<size_t>(ranks), 0);
  for (int r = 0; r < ranks; ++r) offset[size_t(r)] = total, total += sizes[size_t(r)];
  char* out = rank == 0 ? static_cast<char*>(std::malloc(total ? total : 1)) : nullptr;
  if (rank == 0 && out == nullptr) {
    std::snprintf(error, error_size, "out of memory for %llu gathered bytes", (unsigned long long)total);
    MPI_Abort(MPI_COMM_WORLD, 1);
    return 1;
  }
  std::vector<int> counts(static_cast<size_t>(ranks)), displacements(static_cast<size_t>(ranks));
  uint64_t piece_bytes = 0;  // one piece from every rank, at rank 0
  for (int r = 0; r < ranks && rank == 0; ++r)
    piece_bytes += sizes[size_t(r)] < kPiece ? sizes[size_t(r)] : kPiece;
  std::vector<char> piece(size_t(piece_bytes) + 1);
  for (uint64_t start = 0; start < most; start += kPiece) {
    const int mine = int(size > start ? (size - start < kPiece ? size - start : kPiece) : 0);
    int at = 0;
    for (int r = 0; r < ranks && rank == 0; ++r) {
      const uint64_t s = sizes[size_t(r)];
      counts[size_t(r)] = int(s > start ? (s - start < kPiece ? s - start : kPiece) : 0);
      displacements[size_t(r)] = at;
      at += counts[size_t(r)];
    }
    if (failed(MPI_Gatherv(data + (mine ? start : 0), mine, MPI_CHAR, piece.data(), counts.data(),
                           displacements.data(), MPI_CHAR, 0, MPI_COMM_WORLD),
               "MPI_Gatherv", error, error_size))
      return 1;
    for (int r = 0; r < ranks && rank == 0; ++r)
      std::memcpy(out + offset[size_t(r)] + start, piece.data() + displacements[size_t(r)],
                  size_t(counts[size_t(r)]));
  }
  if (rank == 0) {
    for (int r = 0; r < ranks; ++r) rank_bytes[r] = sizes[size_t(r)];
    *gathered = out;
  }
  MPI_Finalize();
  return 0;
}

extern "C" void spikecore_mpi_free(char* gathered) { std::free(gathered); }
