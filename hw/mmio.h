// Decoding of memory-mapped accesses against the register and region tables
// of isa/memory_map.h. Every target (core window, chip control block) answers
// through these helpers, so the rules are the same everywhere:
//   - byte enables are not supported                 -> TLM_BYTE_ENABLE_ERROR_RESPONSE
//   - zero length, streaming width < length          -> TLM_BURST_ERROR_RESPONSE
//   - no region/register at the address, address not
//     aligned to the element size, access that runs
//     past the end of its region                     -> TLM_ADDRESS_ERROR_RESPONSE
//   - length not a multiple of the element size,
//     or not exactly one register                    -> TLM_BURST_ERROR_RESPONSE
//   - write to read-only / read of write-only        -> TLM_COMMAND_ERROR_RESPONSE
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

#include <tlm>

#include "isa/memory_map.h"

namespace spikecore::hw {

// Shape checks that do not depend on the address map.
tlm::tlm_response_status check_payload(const tlm::tlm_generic_payload& gp);

// Checks an access of `length` bytes at `offset` inside `region`.
tlm::tlm_response_status check_region_access(const isa::mmap::Region& region, uint64_t offset,
                                             unsigned length, bool is_write);

// Finds the register at `offset` in a register table, or nullptr.
template <size_t N>
const isa::mmap::Register* find_register(const std::array<isa::mmap::Register, N>& table,
                                         uint64_t offset) {
  for (const isa::mmap::Register& r : table)
    if (r.offset == offset) return &r;
  return nullptr;
}

// Checks a single-register access (4 bytes, aligned, allowed direction).
tlm::tlm_response_status check_register_access(const isa::mmap::Register* reg, uint64_t offset,
                                               unsigned length, bool is_write);

// TLM's name of a response status ("TLM_ADDRESS_ERROR_RESPONSE").
std::string response_name(tlm::tlm_response_status status);

// Little-endian helpers: the memory map is little endian whatever the host is.
inline uint32_t load_le32(const unsigned char* p) {
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}
inline void store_le32(unsigned char* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}
inline uint16_t load_le16(const unsigned char* p) { return uint16_t(p[0] | p[1] << 8); }
inline void store_le16(unsigned char* p, uint16_t v) {
  p[0] = static_cast<unsigned char>(v);
  p[1] = static_cast<unsigned char>(v >> 8);
}
inline uint64_t load_le64(const unsigned char* p) {
  return uint64_t(load_le32(p)) | uint64_t(load_le32(p + 4)) << 32;
}
inline void store_le64(unsigned char* p, uint64_t v) {
  store_le32(p, uint32_t(v));
  store_le32(p + 4, uint32_t(v >> 32));
}

}  // namespace spikecore::hw
