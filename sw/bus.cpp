#include "sw/bus.h"

#include <cstdio>

#include "isa/memory_map.h"

namespace spikecore::sw {

namespace mm = isa::mmap;

namespace {
std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}
}  // namespace

const char* status_name(BusStatus status) {
  switch (status) {
    case BusStatus::kOk: return "ok";
    case BusStatus::kAddressError: return "address error";
    case BusStatus::kCommandError: return "command error (access direction not allowed)";
    case BusStatus::kBurstError: return "burst error (length not allowed)";
    case BusStatus::kByteEnableError: return "byte-enable error";
    case BusStatus::kGenericError: return "refused by the target";
    case BusStatus::kIncomplete: return "no response";
  }
  return "unknown status";
}

std::string describe_address(uint64_t address, unsigned num_cores) {
  if (address >= mm::kChipStride) {  // a chip of a board other than chip 0
    const std::string chip = "chip " + std::to_string(address / mm::kChipStride) + " ";
    const uint64_t in_chip = address % mm::kChipStride;
    if (in_chip < mm::kCoreBase)
      return chip + "offset " + hex(in_chip) +
             " (unmapped: a board has one control block, chip 0's)";
    return chip + describe_address(in_chip, num_cores);
  }
  if (address < mm::kChipControlBase + mm::kChipControlSize) {
    const uint64_t offset = address - mm::kChipControlBase;
    for (const mm::Register& r : mm::kChipRegisters)
      if (offset >= r.offset && offset < r.offset + 4)
        return "chip control " + std::string(r.name) +
               (offset == r.offset ? "" : " + " + std::to_string(offset - r.offset));
    return "chip control block, offset " + hex(offset) + " (no register there)";
  }
  if (address < mm::kCoreBase) return "unmapped (between the chip control block and core 0)";
  const uint64_t core = (address - mm::kCoreBase) / mm::kCoreStride;
  const uint64_t offset = (address - mm::kCoreBase) % mm::kCoreStride;
  std::string where = "core " + std::to_string(core);
  if (num_cores != 0 && core >= num_cores)
    where += " (the chip has only " + std::to_string(num_cores) + " cores)";
  if (const mm::Region* region = mm::region_at(uint32_t(offset))) {
    if (region->offset == mm::kCoreRegs.offset) {
      for (const mm::Register& r : mm::kCoreRegisters)
        if (offset >= r.offset && offset < r.offset + 4)
          return where + " " + std::string(r.name) +
                 (offset == r.offset ? "" : " + " + std::to_string(offset - r.offset));
      return where + " REGS + " + hex(offset - region->offset) + " (no register there)";
    }
    return where + " " + std::string(region->name) + " + " + hex(offset - region->offset);
  }
  return where + " window offset " + hex(offset) + " (unmapped: regions end at " +
         hex(mm::kCoreWindowUsed) + ")";
}

BusError::BusError(bool is_write, uint64_t address, size_t size, BusStatus status,
                   unsigned num_cores)
    : std::runtime_error(std::string("bus ") + (is_write ? "write" : "read") + " of " +
                         std::to_string(size) + " byte" + (size == 1 ? "" : "s") + " at " +
                         hex(address) + " [" + describe_address(address, num_cores) +
                         "] failed: " + status_name(status)),
      address_(address),
      status_(status) {}

}  // namespace spikecore::sw
