// The SystemC step watchdog seen from spikecore-sim, on data/flood_784.s: a
// legal image whose event phases take about 41 000 cycles. Under the default
// bound it runs to the end; with SPIKECORE_STEP_WATCHDOG_CYCLES lowered below
// a phase's length the run stops, names the step, the busy cores and routers
// and the stuck flits, and exits 1, with one worker or several.
// (tests/bad_inputs lists the same failure as catalogue cases.)
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "sim_test_support.h"

namespace fs = std::filesystem;
using spikecore::sim::testing::CommandResult;
using spikecore::sim::testing::run_command;

namespace {

const std::string kBin = std::string(SPIKECORE_BINARY_DIR) + "/bin/";

class SimWatchdog : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(SPIKECORE_BINARY_DIR) / "test-artifacts" /
           ("sim_watchdog_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const CommandResult as =
        run_command(kBin + "spikecore-as " + SPIKECORE_SOURCE_DIR + "/tests/sim/data/flood_784.s -o " +
                    (dir_ / "flood.scimg").string());
    ASSERT_EQ(as.status, 0) << as.output;
    spikecore::sim::testing::write_mnist_test_split(dir_ / "data", {0, 128, 255, 7});
  }
  void TearDown() override { fs::remove_all(dir_); }

  CommandResult simulate(const std::string& environment, const std::string& flags) const {
    return run_command("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1 " + environment + " " + kBin +
                       "spikecore-sim --image " + (dir_ / "flood.scimg").string() +
                       " --data-dir " + (dir_ / "data").string() + " --progress none " + flags);
  }

  fs::path dir_;
};

TEST_F(SimWatchdog, ASlowImageFinishesUnderTheDefaultBound) {
  const CommandResult r = simulate("", "--count 1 --timesteps 3");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("cycles / inference"), std::string::npos) << r.output;
}

TEST_F(SimWatchdog, AStepThatDoesNotCloseStopsTheRunAndSaysWhere) {
  for (const char* jobs : {"1", "2"}) {
    SCOPED_TRACE(std::string("--jobs ") + jobs);
    const CommandResult r =
        simulate("SPIKECORE_STEP_WATCHDOG_CYCLES=10000", std::string("--count 4 --jobs ") + jobs);
    EXPECT_EQ(r.status, 1) << r.output;
    // Core 16 floods core 13 along row 1 and up column 13: the step, both
    // cores, the routers on that path and the flits waiting in them.
    for (const char* piece :
         {"step 1 did not close: the event phase has run",
          "busy for 10000 cycles (the watchdog bound)", "busy cores (2): 13 16",
          "busy routers (15): 13 (4 flits) 16 (4 flits) 17 (4 flits)",
          "flits stuck in the NoC (59, first 8 listed)",
          "spike core 16 -> core 13 axon 16 in router 13 south input",
          // With --jobs 2 either worker may trip first: both run flooding samples.
          "spikecore-sim: error: worker ", " failed (exit status 1)"})
      EXPECT_NE(r.output.find(piece), std::string::npos) << "missing '" << piece << "' in:\n"
                                                         << r.output;
    EXPECT_EQ(r.output.find("cycles / inference"), std::string::npos)
        << "no summary after a failed run:\n" << r.output;
  }
}

}  // namespace
