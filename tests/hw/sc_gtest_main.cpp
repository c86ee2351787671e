// sc_main for GoogleTest executables that link SystemC (libsystemc defines
// main() and calls sc_main). SystemC warnings throw, so they fail the test
// that caused them. ctest runs every TEST in its own process
// (gtest_discover_tests), because SystemC elaborates once per process.
#include <cstdlib>

#include <gtest/gtest.h>
#include <systemc>

#include "common/sanitizer_stacks.h"

int sc_main(int argc, char* argv[]) {
  spikecore::keep_main_stack_known_to_sanitizers();  // see common/sanitizer_stacks.h
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
  sc_core::sc_report_handler::set_actions(sc_core::SC_WARNING,
                                          sc_core::SC_DISPLAY | sc_core::SC_THROW);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
