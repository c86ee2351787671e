// SpikeCore memory map: the one declaration of every address the host can
// reach. The SystemC loader target, the host runtime (sw/), the assembler's
// image loader and docs/isa.md all use these tables.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "isa/isa.h"

namespace spikecore::isa::mmap {

enum class Access : uint8_t { kReadWrite, kReadOnly, kWriteOnly };

// ---- Chip address space ----------------------------------------------------
// 0x0000_0000 .. 0x0000_00FF   chip control block (registers below)
// 0x1000_0000 + c * 0x1000     core c window (c < number of cores of the chip)
constexpr uint64_t kChipControlBase = 0x0000'0000;
constexpr uint64_t kChipControlSize = 0x100;
constexpr uint64_t kCoreBase = 0x1000'0000;
constexpr uint64_t kCoreStride = 0x1000;
constexpr uint64_t core_base(unsigned core) { return kCoreBase + uint64_t(core) * kCoreStride; }

// ---- Board address space -------------------------------------------------------
// Chip c of a board answers at c * kChipStride + (its chip address): the host
// reaches every core of every chip through one bus. The board's chips step in
// lockstep under one step controller, whose control block is chip 0's; the
// control block of chips 1.. is unmapped.
constexpr uint64_t kChipStride = 0x1'0000'0000;
constexpr uint64_t chip_base(unsigned chip) { return uint64_t(chip) * kChipStride; }
constexpr uint64_t core_base(unsigned chip, unsigned core) {
  return chip_base(chip) + core_base(core);
}

// ---- Regions inside one core window ------------------------------------------
struct Region {
  std::string_view name;
  uint32_t offset;
  uint32_t size;
  Access access;
  unsigned element_bytes;  // natural access width; accesses must be aligned to it
  std::string_view description;
};

constexpr Region kWeights{"WEIGHTS", 0x000, kWeightSramBytes, Access::kReadWrite, 1,
                          "int8 weight SRAM (DMI-capable)"};
constexpr Region kProgram{"PROGRAM", 0x100, kProgramWords * 8, Access::kReadWrite, 8,
                          "64-bit instruction words"};
constexpr Region kRoutes{"ROUTES", 0x180, kRouteEntries * 4, Access::kReadWrite, 4,
                         "32-bit fan-out entries"};
constexpr Region kNeuronParams{"NEURON_PARAMS", 0x200, kNeuronSlots * kNeuronParamBytes,
                               Access::kReadWrite, 2, "8 bytes per neuron slot"};
constexpr Region kMembrane{"MEMBRANE", 0x400, kNeuronSlots * 2, Access::kReadWrite, 2,
                           "int16 membrane potential per slot"};
constexpr Region kSpikeCount{"SPIKE_COUNT", 0x480, kNeuronSlots * 2, Access::kReadOnly, 2,
                             "uint16 spikes emitted per slot since CLEAR (saturates at 65535)"};
constexpr Region kCoreRegs{"REGS", 0x500, 0x40, Access::kReadWrite, 4,
                           "control, status and counter registers"};

constexpr Region kRouteChips{"ROUTE_CHIPS", 0x540, kRouteEntries, Access::kReadWrite, 1,
                             "destination chip of route entry k (byte k; 0 on one chip)"};

constexpr std::array<Region, 8> kCoreRegions{kWeights,  kProgram,    kRoutes,   kNeuronParams,
                                             kMembrane, kSpikeCount, kCoreRegs, kRouteChips};
constexpr uint32_t kCoreWindowUsed = 0x560;  // offsets >= this are unmapped

// ---- Registers (32-bit) -------------------------------------------------------
struct Register {
  std::string_view name;
  uint32_t offset;  // absolute offset within its block (core window or chip control)
  Access access;
  uint32_t reset_value;
  std::string_view description;
};

// Core registers (in the REGS region of every core window).
constexpr Register kCoreCtrl{"CTRL", 0x500, Access::kWriteOnly, 0,
                             "write 1: V := initial_potential; clear soma input, accumulators, spike counts, counters"};
constexpr Register kProgLen{"PROG_LEN", 0x504, Access::kReadWrite, 0,
                            "number of valid program words (0..16)"};
constexpr Register kRouteLen{"ROUTE_LEN", 0x508, Access::kReadWrite, 0,
                             "number of valid route entries (0..32)"};
constexpr Register kCoreStatus{"STATUS", 0x50C, Access::kReadOnly, 0,
                               "bit0: busy (work pending in this core)"};
constexpr Register kCntSynOps{"CNT_SYNOPS", 0x510, Access::kReadOnly, 0,
                              "synaptic accumulate operations (one per weight read)"};
constexpr Register kCntEventsIn{"CNT_EVENTS_IN", 0x514, Access::kReadOnly, 0,
                                "spike events received"};
constexpr Register kCntPsumOut{"CNT_PSUM_OUT", 0x518, Access::kReadOnly, 0,
                               "partial-sum packets sent"};
constexpr Register kCntPsumIn{"CNT_PSUM_IN", 0x51C, Access::kReadOnly, 0,
                              "partial-sum packets received"};
constexpr Register kCntFireOps{"CNT_FIRE_OPS", 0x520, Access::kReadOnly, 0,
                               "neuron updates by FIRE"};
constexpr Register kCntLeakOps{"CNT_LEAK_OPS", 0x524, Access::kReadOnly, 0,
                               "neuron updates by LEAK"};
constexpr Register kCntSpikesOut{"CNT_SPIKES_OUT", 0x528, Access::kReadOnly, 0,
                                 "spikes fired by this core's neurons"};
constexpr Register kCntSatAcc{"CNT_SAT_ACC", 0x52C, Access::kReadOnly, 0,
                              "ACC results clipped to int16"};
constexpr Register kCntSatSoma{"CNT_SAT_SOMA", 0x530, Access::kReadOnly, 0,
                               "membrane updates clipped at +32767 (can change a spike)"};
constexpr Register kCntFlitsOut{"CNT_FLITS_OUT", 0x534, Access::kReadOnly, 0,
                                "flits injected into the NoC (spikes x fan-out + psums)"};
constexpr Register kCntFloorSoma{"CNT_FLOOR_SOMA", 0x538, Access::kReadOnly, 0,
                                 "membrane updates held at -32768 (an inhibited neuron)"};

constexpr std::array<Register, 15> kCoreRegisters{
    kCoreCtrl,   kProgLen,    kRouteLen,   kCoreStatus,   kCntSynOps,
    kCntEventsIn, kCntPsumOut, kCntPsumIn,  kCntFireOps,   kCntLeakOps,
    kCntSpikesOut, kCntSatAcc, kCntSatSoma, kCntFlitsOut, kCntFloorSoma};

// Chip control block registers (at kChipControlBase).
constexpr uint32_t kChipIdValue = 0x53504B43;  // "SPKC"
constexpr Register kChipId{"CHIP_ID", 0x00, Access::kReadOnly, kChipIdValue, "constant 'SPKC'"};
constexpr Register kNumCores{"NUM_CORES", 0x04, Access::kReadOnly, kDefaultCores,
                             "number of cores"};
constexpr Register kMeshDims{"MESH_DIMS", 0x08, Access::kReadOnly,
                             (kDefaultMeshHeight << 16) | kDefaultMeshWidth,
                             "bits 0..15 width, 16..31 height"};
constexpr Register kChipClear{"CLEAR", 0x0C, Access::kWriteOnly, 0,
                              "write 1: CTRL clear on every core and STEP_INDEX := 0"};
constexpr Register kStepRun{"STEP_RUN", 0x10, Access::kWriteOnly, 0,
                            "write N>0: run N time steps; raises the done interrupt after"};
constexpr Register kStepStatus{"STEP_STATUS", 0x14, Access::kReadOnly, 0,
                               "bit0: busy (steps still running)"};
constexpr Register kStepIndex{"STEP_INDEX", 0x18, Access::kReadOnly, 0,
                              "index of the next step to run (t)"};
constexpr Register kCycleLo{"CYCLE_LO", 0x20, Access::kReadOnly, 0,
                            "cycles spent in time steps since reset, low word"};
constexpr Register kCycleHi{"CYCLE_HI", 0x24, Access::kReadOnly, 0, "high word"};
constexpr Register kBoardDims{"BOARD_DIMS", 0x28, Access::kReadOnly, (1u << 16) | 1u,
                              "chips of the board: bits 0..15 width, 16..31 height"};

constexpr std::array<Register, 10> kChipRegisters{kChipId,    kNumCores,   kMeshDims,
                                                  kChipClear, kStepRun,    kStepStatus,
                                                  kStepIndex, kCycleLo,    kCycleHi,
                                                  kBoardDims};

// Region of a core-window offset, or nullptr when the offset is unmapped.
inline const Region* region_at(uint32_t offset) {
  for (const Region& r : kCoreRegions)
    if (offset >= r.offset && offset < r.offset + r.size) return &r;
  return nullptr;
}

}  // namespace spikecore::isa::mmap
