// The hardware description file (--hw): defaults, every key, and errors that
// name the key, on known texts.
#include <gtest/gtest.h>

#include "isa/hardware_description.h"

namespace spikecore::isa {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_hardware_description(text, "hw.json");
  } catch (const HardwareDescriptionError& e) {
    return e.what();
  }
  return "";
}

TEST(HardwareDescription, AnEmptyObjectIsTheDocumentedChip) {
  const HardwareDescription d = parse_hardware_description("{}", "hw.json");
  EXPECT_EQ(d, HardwareDescription{});
  EXPECT_EQ(d.mesh_width, 16u);
  EXPECT_EQ(d.mesh_height, 8u);
  EXPECT_EQ(d.micro.router_buffer_flits, 4u);
  EXPECT_EQ(d.micro.router_hop_cycles, 2u);
  EXPECT_EQ(d.micro.clock_mhz, 500.0);
}

TEST(HardwareDescription, EveryKeyIsReadAndTheCanonicalJsonReadsBack) {
  const HardwareDescription d = parse_hardware_description(R"({
    "board": {"width": 4, "height": 2},
    "chip": {"mesh_width": 8, "mesh_height": 4},
    "chip_links": {"latency_cycles": 40, "cycles_per_flit": 3, "buffer_flits": 8},
    "microarchitecture": {"router_buffer_flits": 2, "router_hop_cycles": 3,
      "event_fifo_flits": 8, "outbox_entries": 128, "acc_dispatch_cycles": 2,
      "acc_cycles_per_column": 3, "barrier_cycles": 10, "host_access_cycles": 0,
      "clock_mhz": 250.5}})",
                                                           "hw.json");
  EXPECT_EQ(d.mesh_width, 8u);
  EXPECT_EQ(d.mesh_height, 4u);
  EXPECT_EQ(d.board_width, 4u);
  EXPECT_EQ(d.board_height, 2u);
  EXPECT_TRUE(d.board_given);
  EXPECT_EQ(d.chip_links.latency_cycles, 40u);
  EXPECT_EQ(d.chip_links.cycles_per_flit, 3u);
  EXPECT_EQ(d.chip_links.buffer_flits, 8u);
  EXPECT_EQ(d.micro.router_buffer_flits, 2u);
  EXPECT_EQ(d.micro.router_hop_cycles, 3u);
  EXPECT_EQ(d.micro.event_fifo_flits, 8u);
  EXPECT_EQ(d.micro.outbox_entries, 128u);
  EXPECT_EQ(d.micro.acc_dispatch_cycles, 2u);
  EXPECT_EQ(d.micro.acc_cycles_per_column, 3u);
  EXPECT_EQ(d.micro.barrier_cycles, 10u);
  EXPECT_EQ(d.micro.host_access_cycles, 0u);
  EXPECT_EQ(d.micro.clock_mhz, 250.5);
  EXPECT_EQ(parse_hardware_description(to_json(d), "echo"), d);
  EXPECT_EQ(to_json(d), to_json(parse_hardware_description(to_json(d), "echo")));
}

TEST(HardwareDescription, ErrorsNameTheKeyAndTheRange) {
  EXPECT_NE(error_of(R"({"microarchitecture": {"router_bufer_flits": 2}})")
                .find("hw.json: microarchitecture.router_bufer_flits: unknown key (known: "
                      "router_buffer_flits"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"chips": {}})").find("hw.json: chips: unknown key (known: board, chip, "
                                              "chip_links, microarchitecture)"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"microarchitecture": {"router_buffer_flits": 17}})")
                .find("microarchitecture.router_buffer_flits: 17 is not a whole number in 1..16"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"microarchitecture": {"outbox_entries": 8}})")
                .find("outbox_entries: 8 is not a whole number in 64..4096"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"microarchitecture": {"router_hop_cycles": "2"}})")
                .find("router_hop_cycles: \"2\" is not a whole number"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"microarchitecture": {"barrier_cycles": -1}})")
                .find("barrier_cycles: -1 is not a whole number"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"microarchitecture": {"clock_mhz": 0}})")
                .find("clock_mhz: 0 is not a number in 1..100000"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"chip": {"mesh_width": 32, "mesh_height": 16}})")
                .find("32 x 16 cores; a packet addresses at most 256"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"board": {"chips": "4x2"}})")
                .find("hw.json: board.chips: unknown key (known: width, height)"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"board": {"width": 9}})").find("board.width: 9 is not a whole number in 1..8"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"chip_links": {"latency_cycles": 0}})")
                .find("chip_links.latency_cycles: 0 is not a whole number in 1..1024"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"chip_links": {"buffer_flits": 17}})")
                .find("chip_links.buffer_flits: 17 is not a whole number in 1..16"),
            std::string::npos);
  EXPECT_NE(error_of("[1, 2]").find("expected a JSON object"), std::string::npos);
  EXPECT_NE(error_of(R"({"chip": 3})").find("hw.json: chip: expected an object"),
            std::string::npos);
}

TEST(HardwareDescription, ABoardIsNamedOnlyWhenTheFileNamesOne) {
  EXPECT_FALSE(parse_hardware_description(R"({"chip_links": {"latency_cycles": 4}})", "hw").board_given);
  // A chip link costs the placer its latency and serialisation in router hops.
  HardwareDescription d;
  d.chip_links.latency_cycles = 16;
  d.chip_links.cycles_per_flit = 2;
  d.micro.router_hop_cycles = 2;
  EXPECT_DOUBLE_EQ(chip_link_hop_cost(d), 9.0);
  d.chip_links.latency_cycles = 1;
  d.chip_links.cycles_per_flit = 1;
  EXPECT_DOUBLE_EQ(chip_link_hop_cost(d), 1.0) << "never cheaper than an on-chip hop";
}

TEST(HardwareDescription, ASyntaxErrorSaysWhere) {
  const std::string e = error_of("{\n  \"chip\": {\"mesh_width\": 8,}\n}");
  EXPECT_NE(e.find("hw.json: not valid JSON at line 2"), std::string::npos) << e;
}

TEST(HardwareDescription, AMissingFileIsAClearError) {
  try {
    load_hardware_description("/nonexistent/hw.json");
    FAIL() << "no error";
  } catch (const HardwareDescriptionError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/hw.json: cannot read the hardware "
                                         "description"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace spikecore::isa
