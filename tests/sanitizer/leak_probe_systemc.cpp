// Sanitizer-build probe that runs SystemC threads the way the chip platform
// does (one thread that ends and stops the simulation, others still waiting
// when it stops, an SC_METHOD on the kernel's own stack) and leaks on purpose
// where asked: after the simulation, or inside the SC_METHOD.
//   leak_probe_systemc leak|leak-in-method|no-leak
#include <cstdio>
#include <string>

#include <systemc>

#include "common/sanitizer_stacks.h"

namespace {

void leak_on_purpose();

class Probe : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(Probe);
  Probe(sc_core::sc_module_name name, bool leak_in_method)
      : sc_core::sc_module(name), leak_in_method_(leak_in_method) {
    SC_THREAD(host);
    SC_THREAD(ticker);
    SC_THREAD(listener);
    SC_METHOD(on_tick);
    sensitive << tick_;
    dont_initialize();
  }

 private:
  void host() {  // ends, like platform/host_thread.h's job
    for (int i = 0; i < 20; ++i) wait(7, sc_core::SC_NS);
    sc_core::sc_stop();
  }
  void ticker() {
    for (;;) {
      wait(3, sc_core::SC_NS);
      tick_.notify(sc_core::SC_ZERO_TIME);
    }
  }
  void listener() {
    for (;;) wait(tick_);
  }
  void on_tick();
  sc_core::sc_event tick_;
  bool leak_in_method_;
  int ticks_ = 0;
};

__attribute__((noinline)) void leak_on_purpose() {
  // Many blocks: a pointer or two may still sit in a register or a stack
  // slot that LeakSanitizer scans; the rest are unreachable.
  for (int i = 0; i < 32; ++i) {
    char* volatile lost = new char[4343];
    std::snprintf(lost, 4343, "leaked on purpose after a simulation");
    if (i == 0) std::puts(lost);
    lost = nullptr;
  }
}

void Probe::on_tick() {
  if (leak_in_method_ && ++ticks_ == 5) leak_on_purpose();
}

}  // namespace

int sc_main(int argc, char* argv[]) {
  spikecore::keep_main_stack_known_to_sanitizers();
  const std::string mode = argc == 2 ? argv[1] : "";
  if (mode != "leak" && mode != "leak-in-method" && mode != "no-leak") {
    std::fprintf(stderr, "usage: %s leak|leak-in-method|no-leak\n", argv[0]);
    return 2;
  }
  {
    Probe probe("probe", mode == "leak-in-method");
    sc_core::sc_start();
  }
  if (mode == "leak") leak_on_purpose();
  return 0;
}
