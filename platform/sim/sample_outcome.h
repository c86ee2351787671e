// What one simulated sample produces, whichever backend ran it. Workers send
// these to the parent process over a pipe, so they have a fixed binary form.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace spikecore::sim {

// Modeled hardware events of one inference (cycle fields are 0 on the golden
// backend, which has no notion of time).
struct HardwareCounts {
  uint64_t cycles = 0;
  uint64_t synaptic_ops = 0;  // weight reads by ACC (= SRAM reads)
  uint64_t spikes = 0;
  uint64_t flits = 0;
  uint64_t hops = 0;
  uint64_t stall_cycles = 0;
  uint64_t neuron_updates = 0;  // FIRE + LEAK
  uint64_t psum_packets = 0;
  uint64_t acc_saturations = 0;
  uint64_t soma_saturations = 0;  // at +32767: can change a spike
  uint64_t soma_floor_clips = 0;  // at -32768: inhibited neurons, reported without a warning
  uint32_t max_buffer_occupancy = 0;
};

// One core's saturation counters after a sample (only cores with a non-zero
// count are sent: saturation is rare, and then usually in a few cores).
struct CoreSaturations {
  uint32_t core = 0;
  uint64_t acc = 0;   // CNT_SAT_ACC
  uint64_t soma = 0;  // CNT_SAT_SOMA
  uint64_t soma_floor = 0;  // CNT_FLOOR_SOMA
  bool operator==(const CoreSaturations& o) const {
    return core == o.core && acc == o.acc && soma == o.soma && soma_floor == o.soma_floor;
  }
};

// The links from one chip to a neighbour, summed over their lanes (a board only).
struct ChipLinkCounts {
  uint32_t from_chip = 0, to_chip = 0;
  uint32_t direction = 0;  // hw::Router port: 0 north, 1 east, 2 south, 3 west
  uint32_t lanes = 0;      // mesh rows or columns that cross that chip edge
  uint64_t flits = 0, stall_cycles = 0, busy_cycles = 0;
};

struct SampleOutcome {
  uint32_t index = 0;  // position in the IDX file
  int32_t label = -1;
  int32_t predicted = -1;
  std::vector<uint32_t> output_spike_counts;
  std::vector<int64_t> output_scores;
  HardwareCounts hw;
  std::vector<CoreSaturations> saturated_cores;  // ascending core id
  std::vector<ChipLinkCounts> chip_links;        // a board on the systemc backend only
};

std::string encode(const SampleOutcome& s);
// Decodes one record from the front of `buffer`; returns bytes consumed, or 0
// when the buffer does not yet hold a whole record.
size_t decode(std::string_view buffer, SampleOutcome& out);

}  // namespace spikecore::sim

#include "golden/golden_model.h"

namespace spikecore::sim {

// The cores of `by_core` with a non-zero count, ascending.
std::vector<CoreSaturations> saturated_cores(const golden::SaturationsByCore& by_core);

// Spike record of one sample (for the raster), in the same length-prefixed form.
std::string encode(uint32_t index, const golden::SpikeRecord& spikes);
size_t decode(std::string_view buffer, uint32_t& index, golden::SpikeRecord& spikes);

// Steps done in a worker's current sample (progress within a long sample).
std::string encode_steps(uint32_t steps_done);
size_t decode_steps(std::string_view buffer, uint32_t& steps_done);

}  // namespace spikecore::sim
