// Router and NoC behaviour: XY routing, unloaded latency, and contention
// (backpressure, no loss, per-pair order, stall counting).
#include <algorithm>
#include <map>

#include <gtest/gtest.h>

#include "hw/microarchitecture.h"
#include "noc_test_bench.h"

namespace spikecore::hw::testing {
namespace {

isa::Packet spike_to(unsigned dst, int16_t sequence = 0) {
  isa::Packet p;
  p.kind = isa::PacketKind::kSpike;
  p.dst_core = uint8_t(dst);
  p.value = sequence;  // spikes carry no value on the wire; the bench uses it as a tag
  return p;
}

TEST(RouterTest, XyRoutingGoesAlongXFirstThenY) {
  NocBench bench("bench", 4, 4);
  const Router& r = *bench.routers[5];  // (1, 1)
  EXPECT_EQ(r.route(7), Router::kEast);    // (3, 1)
  EXPECT_EQ(r.route(3), Router::kEast);    // (3, 0): x first
  EXPECT_EQ(r.route(12), Router::kWest);   // (0, 3): x first
  EXPECT_EQ(r.route(13), Router::kSouth);  // (1, 3)
  EXPECT_EQ(r.route(1), Router::kNorth);   // (1, 0)
  EXPECT_EQ(r.route(5), Router::kLocal);
  EXPECT_EQ(r.route(16), kRouterPorts) << "a core outside the mesh has no route";
}

TEST(RouterTest, FlitTakesTheXyPathHopByHop) {
  NocBench bench("bench", 4, 4);
  bench.endpoints[0]->send_at(10, spike_to(10));  // (0,0) -> (2,2)
  bench.run_for(200);
  ASSERT_EQ(bench.endpoints[10]->received().size(), 1u);
  // East through routers 0 and 1, south through routers 2 and 6, ejected at 10.
  const std::map<unsigned, uint64_t> expected_hops{{0, 1}, {1, 1}, {2, 1}, {6, 1}};
  for (unsigned id = 0; id < 16; ++id) {
    const auto it = expected_hops.find(id);
    EXPECT_EQ(bench.routers[id]->counters().link_hops, it == expected_hops.end() ? 0u : it->second)
        << "router " << id;
    EXPECT_EQ(bench.routers[id]->counters().ejected, id == 10 ? 1u : 0u) << "router " << id;
  }
}

// At low load a flit's latency is (hops + 1) x kRouterHopCycles: every router
// on the path, the destination's included, costs the same.
TEST(RouterTest, UnloadedLatencyIsHopsPlusOneTimesHopDelay) {
  NocBench bench("bench", 16, 8);
  const std::vector<std::pair<unsigned, unsigned>> pairs{
      {0, 0}, {0, 1}, {0, 16}, {0, 17}, {5, 2}, {40, 8}, {0, 127}, {127, 0}, {77, 50}, {15, 112}};
  uint64_t at = 10;
  for (const auto& [src, dst] : pairs) {
    bench.endpoints[src]->send_at(at, spike_to(dst));
    at += 100;  // one flit in the network at a time
  }
  bench.run_for(at + 100);
  size_t checked = 0;
  for (const auto& [src, dst] : pairs) {
    const unsigned hops = manhattan(src, dst, 16);
    bool found = false;
    for (const Delivery& d : bench.endpoints[dst]->received()) {
      if (d.packet.src_core != src) continue;
      found = true;
      EXPECT_EQ(d.hops, hops) << src << " -> " << dst;
      EXPECT_EQ(d.delivered - d.injected, unloaded_latency(hops))
          << src << " -> " << dst << " (" << hops << " hops)";
      EXPECT_EQ(d.delivered - d.injected, uint64_t(kRouterHopCycles) * hops + kRouterHopCycles);
      ++checked;
    }
    EXPECT_TRUE(found) << "flit " << src << " -> " << dst << " never arrived";
  }
  EXPECT_EQ(checked, pairs.size());
  EXPECT_EQ(bench.total_counters().stall_cycles, 0u);
}

// Fifteen sources flood one slow sink: nothing is lost or duplicated, every
// source's flits arrive in the order sent, buffers fill up and senders stall.
TEST(RouterTest, ContentionLosesNothingAndKeepsOrderPerSource) {
  NocBench bench("bench", 4, 4);
  const unsigned sink = 5;
  const int per_source = 30;
  bench.endpoints[sink]->set_drain(4, 3, 0);  // one flit every 3 cycles
  unsigned sources = 0;
  for (unsigned src = 0; src < 16; ++src) {
    if (src == sink) continue;
    ++sources;
    for (int k = 0; k < per_source; ++k) bench.endpoints[src]->send_at(5, spike_to(sink, int16_t(k)));
  }
  bench.run_for(sources * per_source * 3 + 500);

  uint64_t sent = 0;
  for (const auto& e : bench.endpoints) {
    EXPECT_TRUE(e->done()) << e->name() << " still has flits to send or drain";
    sent += e->sent();
  }
  const std::vector<Delivery>& got = bench.endpoints[sink]->received();
  EXPECT_EQ(sent, uint64_t(sources) * per_source);
  EXPECT_EQ(got.size(), sent) << "count in must equal count out";
  std::map<unsigned, int> next_sequence;
  for (const Delivery& d : got) {
    int& expected = next_sequence[d.packet.src_core];
    EXPECT_EQ(d.packet.value, expected) << "flits of source " << unsigned(d.packet.src_core)
                                        << " overtook each other";
    expected = d.packet.value + 1;
  }
  EXPECT_EQ(next_sequence.size(), sources);
  const RouterCounters total = bench.total_counters();
  EXPECT_EQ(total.injected, sent);
  EXPECT_EQ(total.ejected, sent);
  EXPECT_GT(total.stall_cycles, 0u) << "a 1-in-3 sink must back the network up";
  EXPECT_EQ(total.max_buffer_occupancy, kRouterBufferFlits);
  uint64_t refusals = 0;
  for (const auto& e : bench.endpoints) refusals += e->inject_refusals();
  EXPECT_GT(refusals, 0u) << "full local input buffers must refuse the sources";
  // The sink can take one flit per 3 cycles; the run cannot be faster.
  EXPECT_GE(got.back().delivered, uint64_t(3) * (sent - 4));
}

// A sink that accepts nothing for 300 cycles: the flits wait in the network
// (backpressure) and all arrive once it drains; stalls are counted meanwhile.
TEST(RouterTest, BlockedSinkHoldsFlitsWithoutLoss) {
  NocBench bench("bench", 3, 1);
  bench.endpoints[1]->set_drain(2, 1, 300);
  for (int k = 0; k < 12; ++k) {
    bench.endpoints[0]->send_at(1, spike_to(1, int16_t(k)));
    bench.endpoints[2]->send_at(1, spike_to(1, int16_t(k)));
  }
  bench.run_for(250);
  const RouterCounters before = bench.total_counters();
  EXPECT_LT(bench.endpoints[1]->received().size(), 24u);
  EXPECT_GT(before.stall_cycles, 200u) << "blocked outputs stall every cycle";
  bench.run_for(200);
  EXPECT_EQ(bench.endpoints[1]->received().size(), 24u);
  // Round robin: once both sources are backed up, neither waits two turns in a row.
  const auto& got = bench.endpoints[1]->received();
  size_t longest_run = 1, run = 1;
  for (size_t i = 1 + 4; i < got.size() - 4; ++i) {
    run = got[i].packet.src_core == got[i - 1].packet.src_core ? run + 1 : 1;
    longest_run = std::max(longest_run, run);
  }
  EXPECT_LE(longest_run, 2u);
}

}  // namespace
}  // namespace spikecore::hw::testing
