#include "hw/mmio.h"

namespace spikecore::hw {

using isa::mmap::Access;

tlm::tlm_response_status check_payload(const tlm::tlm_generic_payload& gp) {
  if (gp.get_byte_enable_ptr() != nullptr && gp.get_byte_enable_length() != 0)
    return tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE;
  const unsigned length = gp.get_data_length();
  if (length == 0 || gp.get_streaming_width() < length) return tlm::TLM_BURST_ERROR_RESPONSE;
  if (gp.get_data_ptr() == nullptr) return tlm::TLM_GENERIC_ERROR_RESPONSE;
  return tlm::TLM_OK_RESPONSE;
}

tlm::tlm_response_status check_region_access(const isa::mmap::Region& region, uint64_t offset,
                                             unsigned length, bool is_write) {
  if (offset % region.element_bytes != 0) return tlm::TLM_ADDRESS_ERROR_RESPONSE;
  if (offset + length > uint64_t(region.offset) + region.size)
    return tlm::TLM_ADDRESS_ERROR_RESPONSE;
  if (length % region.element_bytes != 0) return tlm::TLM_BURST_ERROR_RESPONSE;
  if (is_write && region.access == Access::kReadOnly) return tlm::TLM_COMMAND_ERROR_RESPONSE;
  if (!is_write && region.access == Access::kWriteOnly) return tlm::TLM_COMMAND_ERROR_RESPONSE;
  return tlm::TLM_OK_RESPONSE;
}

tlm::tlm_response_status check_register_access(const isa::mmap::Register* reg, uint64_t offset,
                                               unsigned length, bool is_write) {
  if (offset % 4 != 0 || reg == nullptr) return tlm::TLM_ADDRESS_ERROR_RESPONSE;
  if (length != 4) return tlm::TLM_BURST_ERROR_RESPONSE;
  if (is_write && reg->access == Access::kReadOnly) return tlm::TLM_COMMAND_ERROR_RESPONSE;
  if (!is_write && reg->access == Access::kWriteOnly) return tlm::TLM_COMMAND_ERROR_RESPONSE;
  return tlm::TLM_OK_RESPONSE;
}

std::string response_name(tlm::tlm_response_status status) {
  tlm::tlm_generic_payload gp;
  gp.set_response_status(status);
  return gp.get_response_string();
}

}  // namespace spikecore::hw
