// Address decoder between the host and the memory-mapped targets of a chip or
// a board of chips (isa/memory_map.h): the control block (chip 0's) and one
// window per core of every chip, chip c at c * kChipStride. It
// strips the window base before forwarding, translates DMI ranges back to chip
// addresses, and answers TLM_ADDRESS_ERROR_RESPONSE for an address that maps to
// nothing or an access that runs out of its window.
#pragma once

#include <cstdint>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

namespace spikecore::platform {

class ChipInterconnect : public sc_core::sc_module {
 public:
  // num_cores: cores per chip; num_chips: chips of the board.
  ChipInterconnect(sc_core::sc_module_name name, unsigned num_cores, unsigned num_chips = 1);

  tlm_utils::simple_target_socket<ChipInterconnect> host_side;
  // Bind the control block first, then every core, chip by chip, in order.
  tlm_utils::multi_passthrough_initiator_socket<ChipInterconnect> targets;

  struct Route {
    int target = -1;      // index into targets, -1 when nothing is mapped there
    uint64_t offset = 0;  // address inside the target
    uint64_t base = 0;    // host address of the target's offset 0
  };
  // Where an access of `length` bytes at `address` goes.
  Route decode(uint64_t address, unsigned length) const;

 private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
  void invalidate_direct_mem_ptr(int target, sc_dt::uint64 start, sc_dt::uint64 end);

  uint64_t target_base(int target) const;

  unsigned num_cores_, num_chips_;
};

}  // namespace spikecore::platform
