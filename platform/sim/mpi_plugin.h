// The C entry point of libspikecore_mpi.so, the Open MPI part of spikecore-sim
// (docs/scaling.md). spikecore-sim loads it (dlopen) only when it runs under
// mpirun or srun, so plain runs neither link nor load MPI, and a build without
// libopenmpi-dev still has a simulator. Plain C types across the boundary.
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" {

// Initialises MPI, checks that MPI_COMM_WORLD has `expected_size` ranks and
// that this one is `expected_rank` (what the launcher's environment said),
// gathers every rank's `size` bytes at `data` at rank 0, and finalizes MPI.
// At rank 0, *gathered receives a malloc'ed concatenation of every rank's
// bytes in rank order (release it with spikecore_mpi_free) and
// rank_bytes[0 .. expected_size) how many came from each. Returns 0 on
// success; otherwise writes the error to `error` (NUL-terminated) and returns 1.
int spikecore_mpi_gather(const char* data, uint64_t size, int expected_rank, int expected_size,
                         char** gathered, uint64_t* rank_bytes, char* error, size_t error_size);
void spikecore_mpi_free(char* gathered);
using SpikecoreMpiGather = decltype(&spikecore_mpi_gather);
using SpikecoreMpiFree = decltype(&spikecore_mpi_free);

// Point-to-point messages (spikecore-sweep's coordinator and workers): start
// MPI (checking rank and size as above), send `size` bytes to `destination`
// with `tag`, receive the next message from any rank with any tag (*data is
// malloc'ed: release it with spikecore_mpi_free), stop MPI. Each returns 0,
// or 1 with the error in `error`.
int spikecore_mpi_start(int expected_rank, int expected_size, char* error, size_t error_size);
int spikecore_mpi_send(int destination, int tag, const char* data, uint64_t size, char* error,
                       size_t error_size);
int spikecore_mpi_receive(int* source, int* tag, char** data, uint64_t* size, char* error,
                          size_t error_size);
void spikecore_mpi_stop();
using SpikecoreMpiStart = decltype(&spikecore_mpi_start);
using SpikecoreMpiSend = decltype(&spikecore_mpi_send);
using SpikecoreMpiReceive = decltype(&spikecore_mpi_receive);
using SpikecoreMpiStop = decltype(&spikecore_mpi_stop);

}  // extern "C"

inline constexpr const char* kMpiLibrary = "libspikecore_mpi.so";
