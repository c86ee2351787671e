// The memory-mapped loader path end to end: the host runtime writes an image
// through the interconnect; every byte reads back through transport_dbg; DMI
// through the interconnect; bad addresses get TLM_ADDRESS_ERROR_RESPONSE and
// stop the host with a message naming the address and the region.
#include <cstring>
#include <functional>
#include <stdexcept>

#include <gtest/gtest.h>
#include <systemc>

#include "isa/memory_map.h"
#include "platform/chip_top.h"
#include "platform/host_thread.h"
#include "platform/systemc_runner.h"
#include "platform/tlm_host_bus.h"
#include "sw/host_runtime.h"
#include "tests/golden/random_chips.h"

namespace spikecore::platform {
namespace {

namespace mm = isa::mmap;

// A chip of the given mesh, the host bus, and a host thread running `job`.
struct Platform {
  Platform(unsigned width, unsigned height, std::function<void(TlmHostBus&, ChipTop&)> job)
      : chip("chip", width, height, sc_core::sc_time(2, sc_core::SC_NS)),
        bus("host_bus", chip.controller().done_irq),
        host("host", [this, job] { job(bus, chip); }) {
    bus.socket.bind(chip.host_port());
  }
  void run() {
    sc_core::sc_start();
    host.rethrow_if_failed();
    ASSERT_TRUE(host.finished());
  }
  ChipTop chip;
  TlmHostBus bus;
  HostThread host;
};

std::vector<uint8_t> debug_read(TlmHostBus& bus, uint64_t address, size_t size) {
  std::vector<uint8_t> bytes(size, 0xEE);
  EXPECT_EQ(bus.read_debug(address, bytes.data(), size), size) << "debug read at " << address;
  return bytes;
}

uint32_t le32(const std::vector<uint8_t>& b) {
  return uint32_t(b[0]) | uint32_t(b[1]) << 8 | uint32_t(b[2]) << 16 | uint32_t(b[3]) << 24;
}

TEST(LoaderTest, EveryLoadedByteReadsBackThroughTransportDbg) {
  golden::testing::RandomMlpOptions options;
  options.layers = {150, 40, 10};
  const isa::ChipConfig image = golden::testing::random_mlp_chip(3, options);
  unsigned checked_cores = 0;
  Platform p(image.mesh_width, image.mesh_height, [&](TlmHostBus& bus, ChipTop&) {
    sw::HostRuntime runtime(bus, image);
    runtime.probe();
    runtime.load_image();
    for (unsigned c = 0; c < image.num_cores(); ++c) {
      const isa::CoreConfig& core = image.cores[c];
      const uint64_t base = mm::core_base(c);
      const std::vector<uint8_t> weights = debug_read(bus, base + mm::kWeights.offset, 256);
      EXPECT_EQ(std::memcmp(weights.data(), core.weights.data(), 256), 0) << "core " << c;
      for (size_t i = 0; i < core.program.size(); ++i) {
        const std::vector<uint8_t> w = debug_read(bus, base + mm::kProgram.offset + 8 * i, 8);
        uint64_t word = 0;
        for (int k = 7; k >= 0; --k) word = word << 8 | w[size_t(k)];
        EXPECT_EQ(word, isa::encode(core.program[i])) << "core " << c << " word " << i;
      }
      for (size_t i = 0; i < core.routes.size(); ++i)
        EXPECT_EQ(le32(debug_read(bus, base + mm::kRoutes.offset + 4 * i, 4)),
                  isa::encode(core.routes[i]))
            << "core " << c << " route " << i;
      const std::vector<uint8_t> params = debug_read(bus, base + mm::kNeuronParams.offset, 512);
      for (unsigned s = 0; s < isa::kNeuronSlots; ++s) {
        uint8_t expected[isa::kNeuronParamBytes];
        isa::encode(core.neurons[s], expected);
        EXPECT_EQ(std::memcmp(&params[s * 8], expected, 8), 0) << "core " << c << " slot " << s;
      }
      EXPECT_EQ(le32(debug_read(bus, base + mm::kProgLen.offset, 4)), core.program.size());
      EXPECT_EQ(le32(debug_read(bus, base + mm::kRouteLen.offset, 4)), core.routes.size());
      ++checked_cores;
    }
  });
  p.run();
  EXPECT_EQ(checked_cores, image.num_cores());
}

TEST(LoaderTest, DmiThroughTheInterconnectCoversOneCoresWeightSram) {
  Platform p(4, 2, [](TlmHostBus& bus, ChipTop& chip) {
    tlm::tlm_dmi dmi;
    ASSERT_TRUE(bus.get_dmi(mm::core_base(5) + mm::kWeights.offset + 40, dmi));
    EXPECT_EQ(dmi.get_start_address(), mm::core_base(5) + mm::kWeights.offset);
    EXPECT_EQ(dmi.get_end_address(), mm::core_base(5) + mm::kWeights.offset + 255);
    unsigned char* sram = dmi.get_dmi_ptr();
    sram[40] = 0x80 + 3;
    uint8_t b = 0;
    ASSERT_EQ(bus.read(mm::core_base(5) + 40, &b, 1), sw::BusStatus::kOk);
    EXPECT_EQ(b, 0x83);
    b = 0;
    ASSERT_EQ(bus.read(mm::core_base(4) + 40, &b, 1), sw::BusStatus::kOk);
    EXPECT_EQ(b, 0) << "the pointer must reach core 5 only";
    EXPECT_EQ(chip.core(5).membrane(0), 0);

    tlm::tlm_dmi denied;
    EXPECT_FALSE(bus.get_dmi(mm::core_base(5) + mm::kProgram.offset, denied));
    EXPECT_FALSE(bus.get_dmi(mm::kChipControlBase, denied));
    EXPECT_FALSE(bus.get_dmi(0x5000, denied));
  });
  p.run();
}

TEST(LoaderTest, AddressesThatMapToNothingAnswerAddressError) {
  Platform p(4, 2, [](TlmHostBus& bus, ChipTop&) {
    uint8_t buf[8] = {};
    using sw::BusStatus;
    EXPECT_EQ(bus.read(mm::kChipControlSize, buf, 4), BusStatus::kAddressError);
    EXPECT_EQ(bus.read(mm::kCoreBase - 4, buf, 4), BusStatus::kAddressError);
    EXPECT_EQ(bus.read(mm::core_base(8), buf, 4), BusStatus::kAddressError) << "core 8 of 8";
    EXPECT_EQ(bus.read(mm::core_base(3) + mm::kCoreWindowUsed, buf, 4), BusStatus::kAddressError);
    EXPECT_EQ(bus.read(mm::core_base(1) - 2, buf, 4), BusStatus::kAddressError)
        << "an access across two windows";
    EXPECT_EQ(bus.read(0xFFFFFFFFFFFFFFFCull, buf, 8), BusStatus::kAddressError);
    EXPECT_EQ(bus.read(mm::kChipControlBase + 0x1C, buf, 4), BusStatus::kAddressError)
        << "hole between STEP_INDEX and CYCLE_LO";
    EXPECT_EQ(bus.read(mm::kChipControlBase + mm::kChipClear.offset, buf, 4),
              BusStatus::kCommandError);
    EXPECT_EQ(bus.write(mm::kChipControlBase + mm::kChipId.offset, buf, 4),
              BusStatus::kCommandError);
    EXPECT_EQ(bus.write(mm::kChipControlBase + mm::kStepRun.offset, buf, 4),
              BusStatus::kGenericError)
        << "STEP_RUN 0";
    EXPECT_EQ(bus.read_debug(mm::core_base(9), buf, 4), 0u);
    // Identity registers describe the chip actually built.
    ASSERT_EQ(bus.read(mm::kChipControlBase + mm::kNumCores.offset, buf, 4), BusStatus::kOk);
    EXPECT_EQ(buf[0], 8);
    ASSERT_EQ(bus.read(mm::kChipControlBase + mm::kMeshDims.offset, buf, 4), BusStatus::kOk);
    EXPECT_EQ(buf[0], 4);
    EXPECT_EQ(buf[2], 2);
  });
  p.run();
}

TEST(LoaderTest, HostStopsAtTheFirstBusErrorNamingAddressAndRegion) {
  // An image for 8 cores loaded into a 4-core chip, skipping probe(): the
  // first write to core 4 fails and nothing after it runs.
  const isa::ChipConfig image = isa::make_empty_chip(4, 2);
  bool reached_end = false;
  Platform p(2, 2, [&](TlmHostBus& bus, ChipTop&) {
    sw::HostRuntime runtime(bus, image);
    runtime.load_image();
    reached_end = true;
  });
  try {
    p.run();
    FAIL() << "loading an 8-core image into 4 cores must fail";
  } catch (const sw::BusError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(e.address(), mm::core_base(4) + mm::kProgLen.offset);
    EXPECT_EQ(e.status(), sw::BusStatus::kAddressError);
    EXPECT_NE(msg.find("0x10004504"), std::string::npos) << msg;
    EXPECT_NE(msg.find("core 4 PROG_LEN"), std::string::npos) << msg;
    EXPECT_NE(msg.find("address error"), std::string::npos) << msg;
    EXPECT_NE(msg.find("write"), std::string::npos) << msg;
  }
  EXPECT_FALSE(reached_end);
}

TEST(LoaderTest, ProbeRefusesAnImageForAnotherMesh) {
  const isa::ChipConfig image = isa::make_empty_chip(4, 2);
  Platform p(2, 2, [&](TlmHostBus& bus, ChipTop&) {
    sw::HostRuntime runtime(bus, image);
    runtime.probe();
  });
  try {
    p.run();
    FAIL() << "probe() must refuse a 4x2 image on a 2x2 chip";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("2x2 mesh, the image needs 4x2"), std::string::npos)
        << e.what();
  }
}

TEST(LoaderTest, RunSystemcRefusesAnImageThatFailsCheck) {
  isa::ChipConfig image = isa::make_empty_chip(2, 2);
  image.cores[1].neurons[7].threshold = 0;
  try {
    run_systemc(image, {}, SimOptions{});
    FAIL() << "a threshold of 0 must be refused";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("core 1 neuron 7: threshold 0"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace spikecore::platform
