#include "platform/chip_interconnect.h"

#include "isa/memory_map.h"

namespace spikecore::platform {

namespace mm = isa::mmap;

ChipInterconnect::ChipInterconnect(sc_core::sc_module_name name, unsigned num_cores,
                                   unsigned num_chips)
    : sc_core::sc_module(name),
      host_side("host_side"),
      targets("targets"),
      num_cores_(num_cores),
      num_chips_(num_chips) {
  host_side.register_b_transport(this, &ChipInterconnect::b_transport);
  host_side.register_transport_dbg(this, &ChipInterconnect::transport_dbg);
  host_side.register_get_direct_mem_ptr(this, &ChipInterconnect::get_direct_mem_ptr);
  targets.register_invalidate_direct_mem_ptr(this, &ChipInterconnect::invalidate_direct_mem_ptr);
}

ChipInterconnect::Route ChipInterconnect::decode(uint64_t address, unsigned length) const {
  Route r;
  const uint64_t last = address + (length == 0 ? 0 : length - 1);
  if (last < address) return r;  // wraps around the address space
  const uint64_t chip = address / mm::kChipStride;
  if (chip >= num_chips_ || last / mm::kChipStride != chip) return r;
  const uint64_t in_chip = address - mm::chip_base(unsigned(chip));
  const uint64_t in_chip_last = last - mm::chip_base(unsigned(chip));
  if (chip == 0 && in_chip >= mm::kChipControlBase &&
      in_chip_last < mm::kChipControlBase + mm::kChipControlSize) {
    r.target = 0;
    r.base = mm::kChipControlBase;
  } else if (in_chip >= mm::kCoreBase) {
    const uint64_t core = (in_chip - mm::kCoreBase) / mm::kCoreStride;
    if (core >= num_cores_ || (in_chip_last - mm::kCoreBase) / mm::kCoreStride != core) return r;
    r.target = int(1 + chip * num_cores_ + core);
    r.base = mm::core_base(unsigned(chip), unsigned(core));
  } else {
    return r;
  }
  r.offset = address - r.base;
  return r;
}

void ChipInterconnect::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  const uint64_t address = gp.get_address();
  const Route r = decode(address, gp.get_data_length());
  if (r.target < 0) {
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  gp.set_address(r.offset);
  targets[r.target]->b_transport(gp, delay);
  gp.set_address(address);
}

unsigned ChipInterconnect::transport_dbg(tlm::tlm_generic_payload& gp) {
  const uint64_t address = gp.get_address();
  const Route r = decode(address, gp.get_data_length());
  if (r.target < 0) {
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return 0;
  }
  gp.set_address(r.offset);
  const unsigned n = targets[r.target]->transport_dbg(gp);
  gp.set_address(address);
  return n;
}

bool ChipInterconnect::get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
  const uint64_t address = gp.get_address();
  const Route r = decode(address, 1);
  if (r.target < 0) {
    dmi.allow_none();
    dmi.set_start_address(address);
    dmi.set_end_address(address);
    return false;
  }
  gp.set_address(r.offset);
  const bool granted = targets[r.target]->get_direct_mem_ptr(gp, dmi);
  gp.set_address(address);
  dmi.set_start_address(dmi.get_start_address() + r.base);
  dmi.set_end_address(dmi.get_end_address() + r.base);
  return granted;
}

void ChipInterconnect::invalidate_direct_mem_ptr(int target, sc_dt::uint64 start,
                                                 sc_dt::uint64 end) {
  const uint64_t base = target_base(target);
  host_side->invalidate_direct_mem_ptr(start + base, end + base);
}

uint64_t ChipInterconnect::target_base(int target) const {
  if (target == 0) return mm::kChipControlBase;
  const unsigned core = unsigned(target - 1);
  return mm::core_base(core / num_cores_, core % num_cores_);
}

}  // namespace spikecore::platform
