// Sanitizer-build probe that runs SystemC threads the way the chip platform
// does (one thread that ends and stops the simulation, others still waiting
// when it stops, an SC_METHOD on the kernel's own stack) and leaks on purpose
// where asked: after the simulation, or inside the SC_METHOD.
//   leak_probe_systemc leak|leak-in-method|no-leak
#include <cstdio>
#include <string>

#include <systemc>

#include "common/sanitizer_stacks.h"
#include "leak_on_purpose.h"

namespace {

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

void Probe::on_tick() {
  if (leak_in_method_ && ++ticks_ == 5) spikecore::sanitizer_probe::leak_on_purpose("in an SC_METHOD");
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
  if (mode == "leak") spikecore::sanitizer_probe::leak_on_purpose("after a simulation");
  return 0;
}
