// The host runtime (sw/) against a fake bus: plain C++, no SystemC. Checks
// which bytes go to which address, the inference sequence and read-out, and
// the error messages.
#include <functional>
#include <map>
#include <vector>

#include <gtest/gtest.h>

#include "isa/memory_map.h"
#include "sw/bus.h"
#include "sw/host_runtime.h"

namespace spikecore::sw {
namespace {

namespace mm = isa::mmap;

struct Access {
  bool write;
  uint64_t address;
  std::vector<uint8_t> data;
};

// Byte memory plus a log; `fail` picks accesses to refuse, `on_read` fills reads.
class FakeBus : public Bus {
 public:
  std::map<uint64_t, uint8_t> memory;
  std::vector<Access> log;
  unsigned waits = 0;
  std::function<BusStatus(bool write, uint64_t address)> fail;
  std::function<bool(uint64_t address, uint8_t* data, size_t size)> on_read;

  BusStatus read(uint64_t address, uint8_t* data, size_t size) override {
    if (fail) {
      if (BusStatus s = fail(false, address); s != BusStatus::kOk) return s;
    }
    if (!on_read || !on_read(address, data, size))
      for (size_t i = 0; i < size; ++i) data[i] = memory.count(address + i) ? memory[address + i] : 0;
    log.push_back({false, address, std::vector<uint8_t>(data, data + size)});
    return BusStatus::kOk;
  }
  BusStatus write(uint64_t address, const uint8_t* data, size_t size) override {
    if (fail) {
      if (BusStatus s = fail(true, address); s != BusStatus::kOk) return s;
    }
    for (size_t i = 0; i < size; ++i) memory[address + i] = data[i];
    log.push_back({true, address, std::vector<uint8_t>(data, data + size)});
    return BusStatus::kOk;
  }
  void wait_for_step_done() override {
    ++waits;
    log.push_back({false, ~0ull, {}});  // marks the wait in the log
  }
  std::vector<uint8_t> bytes(uint64_t address, size_t size) {
    std::vector<uint8_t> out(size);
    for (size_t i = 0; i < size; ++i) out[i] = memory[address + i];
    return out;
  }
  uint32_t u32(uint64_t address) {
    const auto b = bytes(address, 4);
    return uint32_t(b[0]) | uint32_t(b[1]) << 8 | uint32_t(b[2]) << 16 | uint32_t(b[3]) << 24;
  }
};

isa::ChipConfig small_chip() {
  isa::ChipConfig chip = isa::make_empty_chip(2, 1);
  isa::CoreConfig& in = chip.cores[0];
  isa::Instruction fire;
  fire.op = isa::Opcode::kFire;
  fire.fire.neuron_base = 0;
  fire.fire.count = 4;
  in.program.push_back(fire);
  isa::RouteEntry r;
  r.neuron_base = 0;
  r.count = 4;
  r.dst_core = 1;
  r.dst_axon_base = 10;
  in.routes.push_back(r);
  for (unsigned s = 0; s < 4; ++s) {
    in.neurons[s].threshold = 255;
    chip.host.inputs.push_back({0, uint8_t(s)});
  }
  isa::CoreConfig& out = chip.cores[1];
  for (unsigned i = 0; i < 256; ++i) out.weights[i] = int8_t(int(i % 200) - 100);
  fire.fire.neuron_base = 5;
  fire.fire.count = 3;
  out.program.push_back(fire);
  for (unsigned k = 0; k < 3; ++k) {
    out.neurons[5 + k].threshold = int16_t(100 + 50 * k);  // 100, 150, 200
    out.neurons[5 + k].initial_potential = int16_t(k);
    chip.host.outputs.push_back({1, uint8_t(5 + k)});
  }
  return chip;
}

TEST(HostRuntimeTest, LoadImageWritesEveryRegionThenClears) {
  const isa::ChipConfig chip = small_chip();
  FakeBus bus;
  HostRuntime runtime(bus, chip);
  runtime.load_image();
  for (unsigned c = 0; c < 2; ++c) {
    const uint64_t base = mm::core_base(c);
    const isa::CoreConfig& core = chip.cores[c];
    const auto w = bus.bytes(base + mm::kWeights.offset, 256);
    for (unsigned i = 0; i < 256; ++i) EXPECT_EQ(int8_t(w[i]), core.weights[i]) << c << ":" << i;
    for (size_t i = 0; i < core.program.size(); ++i) {
      const auto b = bus.bytes(base + mm::kProgram.offset + 8 * i, 8);
      uint64_t word = 0;
      for (int k = 7; k >= 0; --k) word = word << 8 | b[size_t(k)];
      EXPECT_EQ(word, isa::encode(core.program[i]));
    }
    for (size_t i = 0; i < core.routes.size(); ++i)
      EXPECT_EQ(bus.u32(base + mm::kRoutes.offset + 4 * i), isa::encode(core.routes[i]));
    for (unsigned s = 0; s < isa::kNeuronSlots; ++s) {
      uint8_t expected[8];
      isa::encode(core.neurons[s], expected);
      EXPECT_EQ(bus.bytes(base + mm::kNeuronParams.offset + 8 * s, 8),
                std::vector<uint8_t>(expected, expected + 8));
    }
    EXPECT_EQ(bus.u32(base + mm::kProgLen.offset), core.program.size());
    EXPECT_EQ(bus.u32(base + mm::kRouteLen.offset), core.routes.size());
  }
  // PROG_LEN is set only after the program words; CLEAR comes last.
  size_t last_program_write = 0, prog_len_write = 0;
  for (size_t i = 0; i < bus.log.size(); ++i) {
    const Access& a = bus.log[i];
    if (a.write && a.address == mm::core_base(1) + mm::kProgram.offset) last_program_write = i;
    if (a.write && a.address == mm::core_base(1) + mm::kProgLen.offset && a.data[0] != 0)
      prog_len_write = i;
  }
  EXPECT_GT(prog_len_write, last_program_write);
  ASSERT_FALSE(bus.log.empty());
  EXPECT_EQ(bus.log.back().address, mm::kChipControlBase + mm::kChipClear.offset);
  EXPECT_EQ(bus.log.back().data, (std::vector<uint8_t>{1, 0, 0, 0}));
}

TEST(HostRuntimeTest, InferWritesPixelsRunsStepsAndReadsOut) {
  const isa::ChipConfig chip = small_chip();
  FakeBus bus;
  // Outputs: counts 3, 2, 2 and membranes 0, 1, 51: scores 300, 301, 451.
  const uint16_t counts[3] = {3, 2, 2};
  const int16_t membranes[3] = {0, 1, 51};
  bus.on_read = [&](uint64_t address, uint8_t* data, size_t size) {
    const uint64_t base = mm::core_base(1);
    const bool spikes = address >= base + mm::kSpikeCount.offset && address < base + 0x500;
    const bool membrane = address >= base + mm::kMembrane.offset && address < base + 0x480;
    if (!spikes && !membrane) return false;
    const uint64_t region = spikes ? base + mm::kSpikeCount.offset : base + mm::kMembrane.offset;
    for (size_t i = 0; i < size; i += 2) {
      const unsigned slot = unsigned((address - region + i) / 2);
      const uint16_t v = slot >= 5 && slot < 8
                             ? (spikes ? counts[slot - 5] : uint16_t(membranes[slot - 5]))
                             : 0xDEAD;
      data[i] = uint8_t(v);
      data[i + 1] = uint8_t(v >> 8);
    }
    return true;
  };
  HostRuntime runtime(bus, chip);
  const uint8_t pixels[4] = {0, 17, 255, 128};
  const InferenceResult r = runtime.infer(pixels, 12);

  for (unsigned s = 0; s < 4; ++s) {
    const auto p = bus.bytes(mm::core_base(0) + mm::kNeuronParams.offset + 8 * s, 8);
    EXPECT_EQ(p[2] | p[3] << 8, pixels[s]) << "bias of input " << s;
    EXPECT_EQ(p[0] | p[1] << 8, 255) << "threshold of input " << s << " must stay";
  }
  // Order: CLEAR, ..., STEP_RUN 12, wait, reads.
  size_t clear = SIZE_MAX, run = SIZE_MAX, wait = SIZE_MAX;
  for (size_t i = 0; i < bus.log.size(); ++i) {
    const Access& a = bus.log[i];
    if (a.write && a.address == mm::kChipClear.offset && clear == SIZE_MAX) clear = i;
    if (a.write && a.address == mm::kStepRun.offset) {
      run = i;
      EXPECT_EQ(a.data, (std::vector<uint8_t>{12, 0, 0, 0}));
    }
    if (a.address == ~0ull) wait = i;
  }
  EXPECT_LT(clear, run);
  EXPECT_EQ(wait, run + 1);
  EXPECT_EQ(bus.waits, 1u);
  EXPECT_EQ(r.output_spike_counts, (std::vector<uint32_t>{3, 2, 2}));
  EXPECT_EQ(r.output_membranes, (std::vector<int16_t>{0, 1, 51}));
  EXPECT_EQ(r.output_scores, (std::vector<int64_t>{300, 301, 451}));
  EXPECT_EQ(r.predicted_class, 2);
}

TEST(HostRuntimeTest, ATieGoesToTheLowestClass) {
  const isa::ChipConfig chip = small_chip();
  FakeBus bus;
  bus.on_read = [&](uint64_t address, uint8_t* data, size_t size) {
    const uint64_t base = mm::core_base(1);
    if (address < base + mm::kMembrane.offset || address >= base + 0x500) return false;
    const bool spikes = address >= base + mm::kSpikeCount.offset;
    for (size_t i = 0; i < size; i += 2) {
      const unsigned slot =
          unsigned((address - base - (spikes ? mm::kSpikeCount.offset : mm::kMembrane.offset) + i) / 2);
      // counts 0, 2, 1 with thresholds 100, 150, 200: scores 300, 300, 300.
      const uint16_t v = spikes ? (slot == 6 ? 2 : slot == 7 ? 1 : 0) : (slot == 5 ? 300 : slot == 7 ? 100 : 0);
      data[i] = uint8_t(v);
      data[i + 1] = uint8_t(v >> 8);
    }
    return true;
  };
  HostRuntime runtime(bus, chip);
  const uint8_t pixels[4] = {};
  const InferenceResult r = runtime.infer(pixels, 1);
  EXPECT_EQ(r.output_scores, (std::vector<int64_t>{300, 300, 300}));
  EXPECT_EQ(r.predicted_class, 0);
}

TEST(HostRuntimeTest, ARefusedWriteStopsTheLoadWithAddressAndRegion) {
  const isa::ChipConfig chip = small_chip();
  FakeBus bus;
  bus.fail = [](bool write, uint64_t address) {
    return write && address == mm::core_base(1) + mm::kProgram.offset ? BusStatus::kGenericError
                                                                       : BusStatus::kOk;
  };
  HostRuntime runtime(bus, chip);
  try {
    runtime.load_image();
    FAIL() << "the refused PROGRAM write must throw";
  } catch (const BusError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("bus write of 8 bytes at 0x10001100"), std::string::npos) << msg;
    EXPECT_NE(msg.find("core 1 PROGRAM + 0x0"), std::string::npos) << msg;
    EXPECT_NE(msg.find("refused by the target"), std::string::npos) << msg;
  }
  for (const Access& a : bus.log) {
    if (a.write && a.address == mm::core_base(1) + mm::kProgLen.offset) {
      EXPECT_EQ(a.data[0], 0) << "nothing after the error may enable core 1's program";
    }
  }
}

TEST(HostRuntimeTest, ProbeRefusesAChipThatIsNotASpikeCore) {
  const isa::ChipConfig chip = small_chip();
  FakeBus bus;  // reads return zeros: CHIP_ID 0
  HostRuntime runtime(bus, chip);
  EXPECT_THROW(runtime.probe(), std::runtime_error);
}

TEST(DescribeAddressTest, NamesRegionsRegistersAndHoles) {
  EXPECT_EQ(describe_address(mm::kStepRun.offset), "chip control STEP_RUN");
  EXPECT_EQ(describe_address(0x1C), "chip control block, offset 0x1c (no register there)");
  EXPECT_EQ(describe_address(0x200), "unmapped (between the chip control block and core 0)");
  EXPECT_EQ(describe_address(mm::core_base(5) + 0x212), "core 5 NEURON_PARAMS + 0x12");
  EXPECT_EQ(describe_address(mm::core_base(2) + 0x504), "core 2 PROG_LEN");
  EXPECT_EQ(describe_address(mm::core_base(2) + 0x53C), "core 2 REGS + 0x3c (no register there)");
  EXPECT_EQ(describe_address(mm::core_base(130) + 0x40, 128),
            "core 130 (the chip has only 128 cores) WEIGHTS + 0x40");
  EXPECT_EQ(describe_address(mm::core_base(1) + 0x800),
            "core 1 window offset 0x800 (unmapped: regions end at 0x560)");
  EXPECT_EQ(describe_address(mm::core_base(1) + mm::kRouteChips.offset + 3), "core 1 ROUTE_CHIPS + 0x3");
  // A board: chip k answers at k x 4 GiB; only chip 0 has a control block.
  EXPECT_EQ(describe_address(mm::core_base(3, 7) + 0x504), "chip 3 core 7 PROG_LEN");
  EXPECT_EQ(describe_address(mm::chip_base(2) + mm::kStepRun.offset),
            "chip 2 offset 0x10 (unmapped: a board has one control block, chip 0's)");
}

}  // namespace
}  // namespace spikecore::sw
