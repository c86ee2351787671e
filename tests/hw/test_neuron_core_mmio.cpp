// The neuron core's memory-mapped window: every region reads back what was
// written (b_transport and transport_dbg), DMI on the weight SRAM, and the
// error responses of docs/isa.md section 9 for every kind of bad access.
#include <cstring>
#include <functional>
#include <vector>

#include <gtest/gtest.h>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "hw/cycle_scheduler.h"
#include "hw/mmio.h"
#include "hw/neuron_core.h"
#include "isa/isa.h"
#include "isa/memory_map.h"

namespace spikecore::hw {
namespace {

namespace mm = isa::mmap;

// One core and an initiator; the test body runs in an SC_THREAD.
class CoreBench : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(CoreBench);
  CoreBench(sc_core::sc_module_name name, std::function<void(CoreBench&)> body)
      : sc_core::sc_module(name),
        scheduler("scheduler", sc_core::sc_time(2, sc_core::SC_NS)),
        core("core", scheduler, 3, 8),
        socket("socket"),
        body_(std::move(body)) {
    socket.bind(core.mmio);
    SC_THREAD(run);
  }

  tlm::tlm_response_status access(tlm::tlm_command cmd, uint64_t offset, void* data,
                                  unsigned length, bool debug = false,
                                  unsigned* debug_bytes = nullptr) {
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(offset);
    gp.set_data_ptr(static_cast<unsigned char*>(data));
    gp.set_data_length(length);
    gp.set_streaming_width(length);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    if (debug) {
      const unsigned n = socket->transport_dbg(gp);
      if (debug_bytes) *debug_bytes = n;
    } else {
      sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
      socket->b_transport(gp, delay);
      EXPECT_GT(delay, sc_core::SC_ZERO_TIME) << "an access must annotate its latency";
    }
    return gp.get_response_status();
  }
  tlm::tlm_response_status write(uint64_t offset, const std::vector<uint8_t>& bytes) {
    std::vector<uint8_t> copy = bytes;
    return access(tlm::TLM_WRITE_COMMAND, offset, copy.data(), unsigned(copy.size()));
  }
  tlm::tlm_response_status write32(uint64_t offset, uint32_t value) {
    uint8_t b[4];
    store_le32(b, value);
    return access(tlm::TLM_WRITE_COMMAND, offset, b, 4);
  }
  std::vector<uint8_t> read(uint64_t offset, unsigned length, bool debug = false) {
    std::vector<uint8_t> bytes(length, 0xEE);
    unsigned n = 0;
    EXPECT_EQ(access(tlm::TLM_READ_COMMAND, offset, bytes.data(), length, debug, &n),
              tlm::TLM_OK_RESPONSE)
        << "read at offset " << offset;
    if (debug) {
      EXPECT_EQ(n, length);
    }
    return bytes;
  }
  uint32_t read32(uint64_t offset) { return load_le32(read(offset, 4).data()); }

  CycleScheduler scheduler;
  NeuronCore core;
  tlm_utils::simple_initiator_socket<CoreBench> socket;

 private:
  void run() { body_(*this); }
  std::function<void(CoreBench&)> body_;
};

void run_bench(std::function<void(CoreBench&)> body) {
  CoreBench bench("bench", std::move(body));
  sc_core::sc_start(1, sc_core::SC_MS);
}

std::vector<uint8_t> le64(uint64_t v) {
  std::vector<uint8_t> b(8);
  store_le64(b.data(), v);
  return b;
}

isa::Instruction fire(unsigned base, unsigned count) {
  isa::Instruction ins;
  ins.op = isa::Opcode::kFire;
  ins.fire.neuron_base = uint8_t(base);
  ins.fire.count = uint8_t(count);
  return ins;
}

TEST(NeuronCoreMmioTest, EveryWritableRegionReadsBackThroughBothPaths) {
  run_bench([](CoreBench& b) {
    std::vector<uint8_t> weights(256);
    for (unsigned i = 0; i < 256; ++i) weights[i] = uint8_t((i * 37 + 11) & 0xFF);
    EXPECT_EQ(b.write(mm::kWeights.offset, weights), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.read(mm::kWeights.offset, 256), weights);
    EXPECT_EQ(b.read(mm::kWeights.offset, 256, /*debug=*/true), weights);

    const std::vector<uint8_t> word = le64(isa::encode(fire(4, 9)));
    EXPECT_EQ(b.write(mm::kProgram.offset + 8 * 5, word), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.read(mm::kProgram.offset + 8 * 5, 8), word);
    EXPECT_EQ(b.read(mm::kProgram.offset + 8 * 5, 8, true), word);

    isa::RouteEntry r;
    r.neuron_base = 2;
    r.count = 5;
    r.dst_core = 7;
    r.dst_axon_base = 100;
    std::vector<uint8_t> route(4);
    store_le32(route.data(), isa::encode(r));
    EXPECT_EQ(b.write(mm::kRoutes.offset + 4 * 31, route), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.read(mm::kRoutes.offset + 4 * 31, 4, true), route);

    isa::NeuronParams p;
    p.threshold = 300;
    p.bias = -2;
    p.bias_start = 5;
    p.initial_potential = -1;
    std::vector<uint8_t> params(8);
    isa::encode(p, params.data());
    EXPECT_EQ(params, (std::vector<uint8_t>{0x2C, 0x01, 0xFE, 0xFF, 0x05, 0x00, 0xFF, 0xFF}));
    EXPECT_EQ(b.write(mm::kNeuronParams.offset + 8 * 63, params), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.read(mm::kNeuronParams.offset + 8 * 63, 8, true), params);
    // A 2-byte write of just the bias (how a host writes a pixel).
    EXPECT_EQ(b.write(mm::kNeuronParams.offset + 8 * 63 + 2, {200, 0}), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.read(mm::kNeuronParams.offset + 8 * 63 + 2, 2), (std::vector<uint8_t>{200, 0}));

    EXPECT_EQ(b.write(mm::kMembrane.offset + 2 * 10, {0x34, 0x92}), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.core.membrane(10), int16_t(0x9234));
    EXPECT_EQ(b.read(mm::kMembrane.offset + 2 * 10, 2, true), (std::vector<uint8_t>{0x34, 0x92}));

    EXPECT_EQ(b.write32(mm::kProgLen.offset, 6), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.read32(mm::kProgLen.offset), 6u);
    EXPECT_EQ(b.write32(mm::kRouteLen.offset, 32), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.read32(mm::kRouteLen.offset), 32u);
  });
}

TEST(NeuronCoreMmioTest, ResetValuesComeFromTheMemoryMapTables) {
  run_bench([](CoreBench& b) {
    for (const mm::Register& reg : mm::kCoreRegisters) {
      if (reg.access == mm::Access::kWriteOnly) continue;
      EXPECT_EQ(b.read32(reg.offset), reg.reset_value) << reg.name;
    }
    // Default neuron record: threshold 1, everything else 0.
    const std::vector<uint8_t> params = b.read(mm::kNeuronParams.offset, 16);
    EXPECT_EQ(params, (std::vector<uint8_t>{1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0}));
  });
}

TEST(NeuronCoreMmioTest, CtrlClearLoadsInitialPotentialAndZeroesCounts) {
  run_bench([](CoreBench& b) {
    isa::NeuronParams p;
    p.threshold = 10;
    p.initial_potential = 127;
    std::vector<uint8_t> params(8);
    isa::encode(p, params.data());
    ASSERT_EQ(b.write(mm::kNeuronParams.offset + 8 * 3, params), tlm::TLM_OK_RESPONSE);
    ASSERT_EQ(b.write(mm::kMembrane.offset + 2 * 4, {9, 0}), tlm::TLM_OK_RESPONSE);
    ASSERT_EQ(b.write32(mm::kCoreCtrl.offset, 1), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.core.membrane(3), 127);
    EXPECT_EQ(b.core.membrane(4), 0);
    EXPECT_EQ(b.read32(mm::kCoreStatus.offset), 0u);
  });
}

TEST(NeuronCoreMmioTest, DmiPointerReachesTheWeightSramOnly) {
  run_bench([](CoreBench& b) {
    tlm::tlm_generic_payload gp;
    tlm::tlm_dmi dmi;
    gp.set_address(mm::kWeights.offset + 17);
    ASSERT_TRUE(b.socket->get_direct_mem_ptr(gp, dmi));
    EXPECT_EQ(dmi.get_start_address(), mm::kWeights.offset);
    EXPECT_EQ(dmi.get_end_address(), mm::kWeights.offset + mm::kWeights.size - 1);
    EXPECT_TRUE(dmi.is_read_write_allowed());
    unsigned char* sram = dmi.get_dmi_ptr();
    sram[17] = 0x81;  // -127
    sram[200] = 0x7F;
    EXPECT_EQ(b.read(mm::kWeights.offset + 17, 1)[0], 0x81);
    EXPECT_EQ(b.read(mm::kWeights.offset + 200, 1, true)[0], 0x7F);
    ASSERT_EQ(b.write(mm::kWeights.offset + 5, {0x33}), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(sram[5], 0x33) << "a b_transport write must be visible through the DMI pointer";

    tlm::tlm_dmi denied;
    gp.set_address(mm::kProgram.offset);
    EXPECT_FALSE(b.socket->get_direct_mem_ptr(gp, denied));
    EXPECT_LE(denied.get_start_address(), mm::kProgram.offset);
    EXPECT_GE(denied.get_end_address(), mm::kProgram.offset);
  });
}

TEST(NeuronCoreMmioTest, BadAccessesGetTheFittingErrorResponse) {
  run_bench([](CoreBench& b) {
    uint8_t buf[16] = {};
    auto wr = [&](uint64_t offset, unsigned length) {
      return b.access(tlm::TLM_WRITE_COMMAND, offset, buf, length);
    };
    auto rd = [&](uint64_t offset, unsigned length) {
      return b.access(tlm::TLM_READ_COMMAND, offset, buf, length);
    };
    EXPECT_EQ(rd(mm::kCoreWindowUsed, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE) << "unmapped";
    EXPECT_EQ(rd(0xFFC, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE) << "unmapped";
    EXPECT_EQ(rd(0x53C, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE) << "hole in REGS";
    EXPECT_EQ(wr(mm::kProgram.offset + 4, 8), tlm::TLM_ADDRESS_ERROR_RESPONSE) << "misaligned";
    EXPECT_EQ(rd(mm::kMembrane.offset + 1, 2), tlm::TLM_ADDRESS_ERROR_RESPONSE) << "misaligned";
    EXPECT_EQ(rd(mm::kCoreStatus.offset + 2, 2), tlm::TLM_ADDRESS_ERROR_RESPONSE) << "misaligned";
    EXPECT_EQ(rd(mm::kWeights.offset + 250, 16), tlm::TLM_ADDRESS_ERROR_RESPONSE)
        << "runs past the end of WEIGHTS";
    EXPECT_EQ(wr(mm::kRoutes.offset, 6), tlm::TLM_BURST_ERROR_RESPONSE) << "not whole entries";
    EXPECT_EQ(rd(mm::kProgLen.offset, 8), tlm::TLM_BURST_ERROR_RESPONSE) << "two registers";
    EXPECT_EQ(wr(mm::kSpikeCount.offset, 2), tlm::TLM_COMMAND_ERROR_RESPONSE) << "read-only";
    EXPECT_EQ(wr(mm::kCntSynOps.offset, 4), tlm::TLM_COMMAND_ERROR_RESPONSE) << "read-only";
    EXPECT_EQ(rd(mm::kCoreCtrl.offset, 4), tlm::TLM_COMMAND_ERROR_RESPONSE) << "write-only";
    EXPECT_EQ(rd(mm::kWeights.offset, 0), tlm::TLM_BURST_ERROR_RESPONSE) << "zero length";

    tlm::tlm_generic_payload gp;  // byte enables are not supported
    unsigned char be[4] = {0xFF, 0, 0xFF, 0};
    gp.set_command(tlm::TLM_WRITE_COMMAND);
    gp.set_address(mm::kWeights.offset);
    gp.set_data_ptr(buf);
    gp.set_data_length(4);
    gp.set_streaming_width(4);
    gp.set_byte_enable_ptr(be);
    gp.set_byte_enable_length(4);
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    b.socket->b_transport(gp, delay);
    EXPECT_EQ(gp.get_response_status(), tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);

    unsigned n = 99;
    EXPECT_EQ(b.access(tlm::TLM_READ_COMMAND, 0x600, buf, 4, true, &n),
              tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(n, 0u) << "transport_dbg transfers nothing on error";
  });
}

TEST(NeuronCoreMmioTest, InvalidConfigurationWordsAreRefusedAndNotStored) {
  run_bench([](CoreBench& b) {
    const std::vector<uint8_t> good = le64(isa::encode(fire(0, 4)));
    ASSERT_EQ(b.write(mm::kProgram.offset, good), tlm::TLM_OK_RESPONSE);
    // Opcode 0x7 does not exist; the second word of the burst is bad, so the
    // whole burst is refused and the first word keeps its old value.
    std::vector<uint8_t> burst = le64(isa::encode(fire(8, 2)));
    const std::vector<uint8_t> bad = le64(0x7000000000000000ull);
    burst.insert(burst.end(), bad.begin(), bad.end());
    EXPECT_EQ(b.write(mm::kProgram.offset, burst), tlm::TLM_GENERIC_ERROR_RESPONSE);
    EXPECT_NE(b.core.last_error().find("PROGRAM word 1"), std::string::npos) << b.core.last_error();
    EXPECT_EQ(b.read(mm::kProgram.offset, 8), good);

    isa::RouteEntry r;
    r.dst_core = 8;  // the bench chip has 8 cores: ids 0..7
    std::vector<uint8_t> route(4);
    store_le32(route.data(), isa::encode(r));
    EXPECT_EQ(b.write(mm::kRoutes.offset, route), tlm::TLM_GENERIC_ERROR_RESPONSE);
    EXPECT_NE(b.core.last_error().find("dst_core 8 does not exist"), std::string::npos)
        << b.core.last_error();

    EXPECT_EQ(b.write(mm::kNeuronParams.offset, {0, 0}), tlm::TLM_GENERIC_ERROR_RESPONSE)
        << "threshold 0 is not allowed";
    EXPECT_EQ(b.read(mm::kNeuronParams.offset, 2), (std::vector<uint8_t>{1, 0}));
    EXPECT_EQ(b.write32(mm::kProgLen.offset, 17), tlm::TLM_GENERIC_ERROR_RESPONSE);
    EXPECT_EQ(b.read32(mm::kProgLen.offset), 0u);
  });
}

}  // namespace
}  // namespace spikecore::hw
