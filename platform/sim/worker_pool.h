// Runs work in child processes and streams their records back. SystemC allows
// one elaboration per process, so parallel simulation means processes.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace spikecore::sim {

// Sends one record from a worker to the parent.
using Emit = std::function<void(const std::string& record)>;
// The work of worker `worker` (0-based); returns the worker's exit status.
using WorkerBody = std::function<int(unsigned worker, const Emit& emit)>;
// Called in the parent for every complete chunk of bytes a worker sent;
// returns how many bytes it consumed (records may arrive split).
using ConsumeBytes = std::function<size_t(unsigned worker, const std::string& bytes)>;

// Forks `workers` processes running `body`, feeds their output to `consume`
// as it arrives, and waits for all. `on_idle` is called about every 200 ms
// (for progress). Throws std::runtime_error if a worker fails or dies.
// SIGINT/SIGTERM in the parent stop the workers and rethrow as an error.
void run_workers(unsigned workers, const WorkerBody& body, const ConsumeBytes& consume,
                 const std::function<void()>& on_idle);

// True once SIGINT or SIGTERM arrived (handlers installed by run_workers).
bool interrupted();

}  // namespace spikecore::sim
