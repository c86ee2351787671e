// The host runtime's only view of a chip: byte reads and writes at 64-bit
// addresses of the memory map (isa/memory_map.h) and a wait for the step-done
// interrupt. Plain C++: the SystemC platform implements it with a TLM-2.0
// initiator, a test can implement it with a map, a driver with MMIO.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace spikecore::sw {

enum class BusStatus : uint8_t {
  kOk,
  kAddressError,     // nothing at the address, misaligned, or past the end of a region
  kCommandError,     // write to a read-only / read of a write-only location
  kBurstError,       // length not allowed for that location
  kByteEnableError,
  kGenericError,     // the target refused the value (bad instruction word, chip busy, ...)
  kIncomplete,       // no target answered
};
const char* status_name(BusStatus status);

class Bus {
 public:
  virtual ~Bus() = default;
  virtual BusStatus read(uint64_t address, uint8_t* data, size_t size) = 0;
  virtual BusStatus write(uint64_t address, const uint8_t* data, size_t size) = 0;
  // Blocks until the chip raises the step-done interrupt of the last STEP_RUN.
  virtual void wait_for_step_done() = 0;
};

// A failed access; the message names the operation, the address, the region
// and register it falls in, and the status.
class BusError : public std::runtime_error {
 public:
  BusError(bool is_write, uint64_t address, size_t size, BusStatus status, unsigned num_cores);
  uint64_t address() const { return address_; }
  BusStatus status() const { return status_; }

 private:
  uint64_t address_;
  BusStatus status_;
};

// "core 5 NEURON_PARAMS + 0x12", "chip control STEP_RUN", "unmapped (between the
// chip control block and the first core window)". num_cores = 0: unknown.
std::string describe_address(uint64_t address, unsigned num_cores = 0);

}  // namespace spikecore::sw
