// sw::Bus over a TLM-2.0 initiator socket: how the host runtime (sw/) talks
// to the SystemC chip. Every access is a blocking b_transport whose annotated
// delay the calling thread waits out, so it must be called from an SC_THREAD.
// The step-done interrupt is the chip controller's done_irq line.
#pragma once

#include <cstdint>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "sw/bus.h"

namespace spikecore::platform {

class TlmHostBus : public sc_core::sc_module, public sw::Bus {
 public:
  TlmHostBus(sc_core::sc_module_name name, const sc_core::sc_signal_in_if<bool>& done_irq);

  tlm_utils::simple_initiator_socket<TlmHostBus> socket;

  sw::BusStatus read(uint64_t address, uint8_t* data, size_t size) override;
  sw::BusStatus write(uint64_t address, const uint8_t* data, size_t size) override;
  void wait_for_step_done() override;

  // Debug accesses (transport_dbg): no time passes, no side effects. Returns
  // the number of bytes transferred (0 on any error).
  unsigned read_debug(uint64_t address, uint8_t* data, size_t size);
  unsigned write_debug(uint64_t address, const uint8_t* data, size_t size);
  // Asks for a DMI pointer covering `address`; true when granted.
  bool get_dmi(uint64_t address, tlm::tlm_dmi& dmi);

  static sw::BusStatus to_bus_status(tlm::tlm_response_status status);

 private:
  sw::BusStatus transport(tlm::tlm_command command, uint64_t address, uint8_t* data, size_t size);

  const sc_core::sc_signal_in_if<bool>& done_irq_;
};

}  // namespace spikecore::platform
