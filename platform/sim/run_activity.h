// Where the work of a run happened: per core, per router, per neuron and per
// time step, summed over the run's samples. Each worker sums its own samples
// and sends the sums once; the HTML report draws them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "golden/golden_model.h"

namespace spikecore::sim {

struct RunActivity {
  uint64_t samples = 0;
  // Measured by the SystemC model only (empty on the golden backend, which
  // has no NoC): per global core id.
  std::vector<uint64_t> core_synaptic_ops, core_flits_out;
  std::vector<uint64_t> router_flits, router_stall_cycles;
  std::vector<uint64_t> step_cycles;  // cycles of step t, summed over samples
  // Both backends: spikes per global neuron id (core * 64 + slot).
  std::vector<uint64_t> neuron_spikes;

  bool has_noc() const { return !router_flits.empty(); }
  void add(const RunActivity& other);
  void add_spikes(const golden::SpikeRecord& spikes, size_t num_neurons);
};

// Length-prefixed binary record (same machine, same binary at both ends).
std::string encode(const RunActivity& a);
// Returns bytes consumed, or 0 when `buffer` does not yet hold a whole record.
size_t decode(std::string_view buffer, RunActivity& out);

}  // namespace spikecore::sim
