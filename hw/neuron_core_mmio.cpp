// The core's memory-mapped window (isa/memory_map.h): b_transport,
// transport_dbg and DMI for the weight SRAM. Configuration writes are decoded
// and checked when they arrive; a bad word is refused (TLM_GENERIC_ERROR_RESPONSE)
// and nothing of that access is stored.
#include <cstring>

#include "hw/mmio.h"
#include "hw/neuron_core.h"

namespace spikecore::hw {

namespace mm = isa::mmap;

void NeuronCore::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  gp.set_response_status(access(gp, /*debug=*/false));
  delay += scheduler_.period() * double(micro_.host_access_cycles);
}

unsigned NeuronCore::transport_dbg(tlm::tlm_generic_payload& gp) {
  const tlm::tlm_response_status status = access(gp, /*debug=*/true);
  gp.set_response_status(status);
  return status == tlm::TLM_OK_RESPONSE ? gp.get_data_length() : 0;
}

bool NeuronCore::get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
  const uint64_t address = gp.get_address();
  const mm::Region* region = address <= UINT32_MAX ? mm::region_at(uint32_t(address)) : nullptr;
  if (region == nullptr || region->offset != mm::kWeights.offset) {  // only the SRAM is plain memory
    dmi.allow_none();
    if (region) {
      dmi.set_start_address(region->offset);
      dmi.set_end_address(region->offset + region->size - 1);
    } else {
      dmi.set_start_address(address);
      dmi.set_end_address(address);
    }
    return false;
  }
  dmi.set_dmi_ptr(reinterpret_cast<unsigned char*>(weights_.data()));
  dmi.set_start_address(mm::kWeights.offset);
  dmi.set_end_address(mm::kWeights.offset + mm::kWeights.size - 1);
  dmi.allow_read_write();
  const sc_core::sc_time latency = scheduler_.period() * double(micro_.host_access_cycles);
  dmi.set_read_latency(latency);
  dmi.set_write_latency(latency);
  return true;
}

tlm::tlm_response_status NeuronCore::reject(const std::string& why) {
  last_error_ = std::string(name()) + ": " + why;
  return tlm::TLM_GENERIC_ERROR_RESPONSE;
}

tlm::tlm_response_status NeuronCore::access(tlm::tlm_generic_payload& gp, bool debug) {
  const tlm::tlm_command command = gp.get_command();
  if (command == tlm::TLM_IGNORE_COMMAND) return tlm::TLM_OK_RESPONSE;
  if (tlm::tlm_response_status s = check_payload(gp); s != tlm::TLM_OK_RESPONSE) return s;
  const bool is_write = command == tlm::TLM_WRITE_COMMAND;
  const uint64_t offset = gp.get_address();
  const unsigned length = gp.get_data_length();
  unsigned char* data = gp.get_data_ptr();
  const mm::Region* region = offset <= UINT32_MAX ? mm::region_at(uint32_t(offset)) : nullptr;
  if (region == nullptr) return tlm::TLM_ADDRESS_ERROR_RESPONSE;

  if (region->offset == mm::kCoreRegs.offset) {
    const mm::Register* reg = find_register(mm::kCoreRegisters, offset);
    if (auto s = check_register_access(reg, offset, length, is_write); s != tlm::TLM_OK_RESPONSE)
      return s;
    return is_write ? register_write(*reg, load_le32(data), debug) : register_read(*reg, data);
  }
  if (auto s = check_region_access(*region, offset, length, is_write); s != tlm::TLM_OK_RESPONSE)
    return s;
  const uint64_t within = offset - region->offset;
  // State may only change while the core is quiet; reading is always fine.
  if (is_write && region->offset != mm::kWeights.offset && busy())
    return reject(std::string("write to ") + std::string(region->name) +
                  " while the core is running a time step");

  switch (region->offset) {
    case mm::kWeights.offset:
      if (is_write)
        std::memcpy(reinterpret_cast<unsigned char*>(weights_.data()) + within, data, length);
      else
        std::memcpy(data, reinterpret_cast<const unsigned char*>(weights_.data()) + within, length);
      return tlm::TLM_OK_RESPONSE;
    case mm::kProgram.offset:
      if (is_write) return write_program(within, data, length);
      for (unsigned i = 0; i < length; i += 8) store_le64(data + i, program_words_[(within + i) / 8]);
      return tlm::TLM_OK_RESPONSE;
    case mm::kRoutes.offset:
      if (is_write) return write_routes(within, data, length);
      for (unsigned i = 0; i < length; i += 4) store_le32(data + i, route_words_[(within + i) / 4]);
      return tlm::TLM_OK_RESPONSE;
    case mm::kNeuronParams.offset:
      if (is_write) return write_params(within, data, length);
      std::memcpy(data, param_bytes_.data() + within, length);
      return tlm::TLM_OK_RESPONSE;
    case mm::kMembrane.offset:
      for (unsigned i = 0; i < length; i += 2) {
        const unsigned slot = unsigned(within + i) / 2;
        if (is_write)
          membrane_[slot] = int16_t(load_le16(data + i));
        else
          store_le16(data + i, uint16_t(membrane_[slot]));
      }
      return tlm::TLM_OK_RESPONSE;
    case mm::kRouteChips.offset:
      if (is_write) {
        for (unsigned i = 0; i < length; ++i)
          if (data[i] >= num_chips_)
            return reject("ROUTE_CHIPS entry " + std::to_string(within + i) + ": chip " +
                          std::to_string(data[i]) + " does not exist (" +
                          std::to_string(num_chips_) + " chips)");
        std::memcpy(route_chips_.data() + within, data, length);
        rebuild_schedules();
      } else {
        std::memcpy(data, route_chips_.data() + within, length);
      }
      return tlm::TLM_OK_RESPONSE;
    case mm::kSpikeCount.offset:
      for (unsigned i = 0; i < length; i += 2)
        store_le16(data + i, spike_count_[unsigned(within + i) / 2]);
      return tlm::TLM_OK_RESPONSE;
    default:
      return tlm::TLM_ADDRESS_ERROR_RESPONSE;
  }
}

tlm::tlm_response_status NeuronCore::write_program(uint64_t within, const unsigned char* data,
                                                   unsigned length) {
  std::array<isa::Instruction, isa::kProgramWords> decoded = program_;
  for (unsigned i = 0; i < length; i += 8) {
    const unsigned index = unsigned(within + i) / 8;
    const uint64_t word = load_le64(data + i);
    const std::string where = "PROGRAM word " + std::to_string(index) + ": ";
    if (word == 0) {  // NOP: clears the slot, never executed
      decoded[index] = isa::Instruction{};
      continue;
    }
    std::string error;
    std::optional<isa::Instruction> ins = isa::decode(word, &error);
    if (!ins) return reject(where + error);
    if (std::string e = isa::validate(*ins); !e.empty()) return reject(where + e);
    if (ins->op == isa::Opcode::kPsum && ins->psum.dst_core >= num_cores_)
      return reject(where + "PSUM dst_core " + std::to_string(ins->psum.dst_core) +
                    " does not exist (" + std::to_string(num_cores_) + " cores)");
    if (ins->op == isa::Opcode::kPsum && ins->psum.dst_chip >= num_chips_)
      return reject(where + "PSUM dst_chip " + std::to_string(ins->psum.dst_chip) +
                    " does not exist (" + std::to_string(num_chips_) + " chips)");
    decoded[index] = *ins;
  }
  for (unsigned i = 0; i < length; i += 8)
    program_words_[unsigned(within + i) / 8] = load_le64(data + i);
  program_ = decoded;
  rebuild_schedules();
  return tlm::TLM_OK_RESPONSE;
}

tlm::tlm_response_status NeuronCore::write_routes(uint64_t within, const unsigned char* data,
                                                  unsigned length) {
  std::array<isa::RouteEntry, isa::kRouteEntries> decoded = routes_;
  for (unsigned i = 0; i < length; i += 4) {
    const unsigned index = unsigned(within + i) / 4;
    const std::string where = "ROUTES entry " + std::to_string(index) + ": ";
    std::string error;
    std::optional<isa::RouteEntry> r = isa::decode_route(load_le32(data + i), &error);
    if (!r) return reject(where + error);
    if (std::string e = isa::validate(*r); !e.empty()) return reject(where + e);
    if (r->dst_core >= num_cores_)
      return reject(where + "dst_core " + std::to_string(r->dst_core) + " does not exist (" +
                    std::to_string(num_cores_) + " cores)");
    decoded[index] = *r;
  }
  for (unsigned i = 0; i < length; i += 4)
    route_words_[unsigned(within + i) / 4] = load_le32(data + i);
  routes_ = decoded;
  rebuild_schedules();
  return tlm::TLM_OK_RESPONSE;
}

tlm::tlm_response_status NeuronCore::write_params(uint64_t within, const unsigned char* data,
                                                  unsigned length) {
  std::array<uint8_t, sizeof(param_bytes_)> bytes = param_bytes_;
  std::memcpy(bytes.data() + within, data, length);
  std::array<isa::NeuronParams, isa::kNeuronSlots> decoded = params_;
  const unsigned first = unsigned(within) / isa::kNeuronParamBytes;
  const unsigned last = unsigned(within + length - 1) / isa::kNeuronParamBytes;
  for (unsigned s = first; s <= last; ++s) {
    std::string error;
    std::optional<isa::NeuronParams> p =
        isa::decode_neuron(&bytes[s * isa::kNeuronParamBytes], &error);
    if (!p) return reject("NEURON_PARAMS slot " + std::to_string(s) + ": " + error);
    decoded[s] = *p;
  }
  param_bytes_ = bytes;
  params_ = decoded;
  return tlm::TLM_OK_RESPONSE;
}

tlm::tlm_response_status NeuronCore::register_read(const mm::Register& reg, unsigned char* data) {
  const CoreCounters& c = counters_;
  uint64_t value = 0;
  switch (reg.offset) {
    case mm::kProgLen.offset: value = prog_len_; break;
    case mm::kRouteLen.offset: value = route_len_; break;
    case mm::kCoreStatus.offset: value = busy() ? 1 : 0; break;
    case mm::kCntSynOps.offset: value = c.synaptic_ops; break;
    case mm::kCntEventsIn.offset: value = c.events_in; break;
    case mm::kCntPsumOut.offset: value = c.psum_out; break;
    case mm::kCntPsumIn.offset: value = c.psum_in; break;
    case mm::kCntFireOps.offset: value = c.fire_ops; break;
    case mm::kCntLeakOps.offset: value = c.leak_ops; break;
    case mm::kCntSpikesOut.offset: value = c.spikes_out; break;
    case mm::kCntSatAcc.offset: value = c.acc_saturations; break;
    case mm::kCntSatSoma.offset: value = c.soma_saturations; break;
    case mm::kCntFloorSoma.offset: value = c.soma_floor_clips; break;
    case mm::kCntFlitsOut.offset: value = c.flits_out; break;
    default: return tlm::TLM_ADDRESS_ERROR_RESPONSE;
  }
  store_le32(data, uint32_t(value));
  return tlm::TLM_OK_RESPONSE;
}

tlm::tlm_response_status NeuronCore::register_write(const mm::Register& reg, uint32_t value,
                                                    bool debug) {
  switch (reg.offset) {
    case mm::kCoreCtrl.offset:
      if (debug) return tlm::TLM_COMMAND_ERROR_RESPONSE;  // debug accesses have no side effects
      if (value == 1) clear();
      return tlm::TLM_OK_RESPONSE;
    case mm::kProgLen.offset:
    case mm::kRouteLen.offset: {
      const bool program = reg.offset == mm::kProgLen.offset;
      const unsigned limit = program ? isa::kProgramWords : isa::kRouteEntries;
      if (value > limit)
        return reject(std::string(reg.name) + " " + std::to_string(value) + " out of range 0.." +
                      std::to_string(limit));
      if (busy()) return reject(std::string("write to ") + std::string(reg.name) +
                                " while the core is running a time step");
      (program ? prog_len_ : route_len_) = value;
      rebuild_schedules();
      return tlm::TLM_OK_RESPONSE;
    }
    default:
      return tlm::TLM_ADDRESS_ERROR_RESPONSE;
  }
}

}  // namespace spikecore::hw
