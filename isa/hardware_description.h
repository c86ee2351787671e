// The hardware a run models, as one JSON file (`--hw FILE`, the same for
// spikecore-compile and spikecore-sim): the chip's core mesh and the
// microarchitecture's sizes and latencies. What the ISA fixes (the 256-byte
// int8 SRAM, 64 slots, int16 state) is the chip and is not here. Defaults are
// the chip of docs/microarchitecture.md, so an empty file `{}` changes nothing.
// docs/microarchitecture.md ("Hardware description") lists every key.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace spikecore::isa {

struct Microarchitecture {
  unsigned router_buffer_flits = 4;  // input buffer depth of every router port
  unsigned router_hop_cycles = 2;    // a flit may leave a router this many cycles after it came
  unsigned event_fifo_flits = 4;     // flits ejected by the router, waiting for the core
  // Fan-out unit outbox: at least one entry per neuron slot, so that a fire
  // phase never waits for the NoC (a neuron fires at most once per step).
  unsigned outbox_entries = 64;
  unsigned acc_dispatch_cycles = 1;    // per matching ACC (or per event with none)
  unsigned acc_cycles_per_column = 1;  // per synapse (weight read)
  unsigned barrier_cycles = 4;         // between the last cycle of a phase and the next phase
  unsigned host_access_cycles = 4;     // latency of every memory-mapped access
  double clock_mhz = 500.0;            // modeled clock: latency = cycles / clock
  bool operator==(const Microarchitecture& o) const;
};

// The links between neighbouring chips of a board (docs/microarchitecture.md,
// "Boards"): every mesh row or column that crosses a chip edge continues over
// a serial link with this latency, serialisation and receive buffer.
struct ChipLinks {
  unsigned latency_cycles = 16;  // wire + SerDes latency of one flit
  unsigned cycles_per_flit = 2;  // serialisation: a link starts one flit every this many cycles
  unsigned buffer_flits = 16;    // receive buffer (credits) at the far end
  bool operator==(const ChipLinks& o) const;
};

struct HardwareDescription {
  unsigned mesh_width = 16, mesh_height = 8;  // cores of the chip (kDefaultMeshWidth x Height)
  unsigned board_width = 1, board_height = 1;  // chips of the board
  Microarchitecture micro;
  ChipLinks chip_links;
  // The file named a board: spikecore-compile uses it instead of --board auto.
  // Not part of the description's value (== and to_json ignore it).
  bool board_given = false;
  bool operator==(const HardwareDescription& o) const;
};

// How many on-chip hops one chip-link crossing costs the placer: the link's
// latency and serialisation in units of the router's hop latency (at least 1).
double chip_link_hop_cost(const HardwareDescription& d);

// The deepest buffer a description may ask for (the models keep buffers inline).
constexpr unsigned kMaxBufferFlits = 16;
// A description is a few hundred bytes; a file or image section near this is a mistake.
constexpr size_t kMaxDescriptionBytes = size_t(1) << 20;

class HardwareDescriptionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses a description; `source` names it in errors ("hw.json"). Unknown keys,
// wrong types and out-of-range values are errors naming the key (and the
// line and column of a JSON syntax error).
HardwareDescription parse_hardware_description(const std::string& json_text,
                                               const std::string& source);
// Reads and parses a file (errors name the path).
HardwareDescription load_hardware_description(const std::string& path);
// The canonical JSON of a description (every key, fixed order), as echoed in
// results; parse_hardware_description(to_json(d)) == d.
std::string to_json(const HardwareDescription& d);

}  // namespace spikecore::isa
