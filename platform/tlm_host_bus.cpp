#include "platform/tlm_host_bus.h"

namespace spikecore::platform {

TlmHostBus::TlmHostBus(sc_core::sc_module_name name, const sc_core::sc_signal_in_if<bool>& done_irq)
    : sc_core::sc_module(name), socket("socket"), done_irq_(done_irq) {}

sw::BusStatus TlmHostBus::to_bus_status(tlm::tlm_response_status status) {
  switch (status) {
    case tlm::TLM_OK_RESPONSE: return sw::BusStatus::kOk;
    case tlm::TLM_ADDRESS_ERROR_RESPONSE: return sw::BusStatus::kAddressError;
    case tlm::TLM_COMMAND_ERROR_RESPONSE: return sw::BusStatus::kCommandError;
    case tlm::TLM_BURST_ERROR_RESPONSE: return sw::BusStatus::kBurstError;
    case tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE: return sw::BusStatus::kByteEnableError;
    case tlm::TLM_INCOMPLETE_RESPONSE: return sw::BusStatus::kIncomplete;
    case tlm::TLM_GENERIC_ERROR_RESPONSE: return sw::BusStatus::kGenericError;
  }
  return sw::BusStatus::kGenericError;
}

sw::BusStatus TlmHostBus::transport(tlm::tlm_command command, uint64_t address, uint8_t* data,
                                    size_t size) {
  tlm::tlm_generic_payload gp;
  gp.set_command(command);
  gp.set_address(address);
  gp.set_data_ptr(data);
  gp.set_data_length(unsigned(size));
  gp.set_streaming_width(unsigned(size));
  gp.set_byte_enable_ptr(nullptr);
  gp.set_dmi_allowed(false);
  gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  socket->b_transport(gp, delay);
  wait(delay);
  return to_bus_status(gp.get_response_status());
}

sw::BusStatus TlmHostBus::read(uint64_t address, uint8_t* data, size_t size) {
  return transport(tlm::TLM_READ_COMMAND, address, data, size);
}

sw::BusStatus TlmHostBus::write(uint64_t address, const uint8_t* data, size_t size) {
  // The generic payload takes a non-const pointer; a write never modifies it.
  return transport(tlm::TLM_WRITE_COMMAND, address, const_cast<uint8_t*>(data), size);
}

void TlmHostBus::wait_for_step_done() {
  while (!done_irq_.read()) wait(done_irq_.posedge_event());
}

unsigned TlmHostBus::read_debug(uint64_t address, uint8_t* data, size_t size) {
  tlm::tlm_generic_payload gp;
  gp.set_command(tlm::TLM_READ_COMMAND);
  gp.set_address(address);
  gp.set_data_ptr(data);
  gp.set_data_length(unsigned(size));
  gp.set_streaming_width(unsigned(size));
  return socket->transport_dbg(gp);
}

unsigned TlmHostBus::write_debug(uint64_t address, const uint8_t* data, size_t size) {
  tlm::tlm_generic_payload gp;
  gp.set_command(tlm::TLM_WRITE_COMMAND);
  gp.set_address(address);
  gp.set_data_ptr(const_cast<uint8_t*>(data));
  gp.set_data_length(unsigned(size));
  gp.set_streaming_width(unsigned(size));
  return socket->transport_dbg(gp);
}

bool TlmHostBus::get_dmi(uint64_t address, tlm::tlm_dmi& dmi) {
  tlm::tlm_generic_payload gp;
  gp.set_command(tlm::TLM_READ_COMMAND);
  gp.set_address(address);
  return socket->get_direct_mem_ptr(gp, dmi);
}

}  // namespace spikecore::platform
