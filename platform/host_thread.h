// The host CPU of a simulation: one SC_THREAD that runs a job (usually the
// host runtime over a TlmHostBus) and stops the simulation when the job ends.
// An exception thrown by the job is kept and can be rethrown after sc_start.
#pragma once

#include <exception>
#include <functional>
#include <utility>

#include <systemc>

namespace spikecore::platform {

class HostThread : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(HostThread);
  HostThread(sc_core::sc_module_name name, std::function<void()> job)
      : sc_core::sc_module(name), job_(std::move(job)) {
    SC_THREAD(run);
  }
  // Rethrows what the job threw, if anything.
  void rethrow_if_failed() const {
    if (error_) std::rethrow_exception(error_);
  }
  bool finished() const { return finished_; }

 private:
  void run() {
    try {
      job_();
    } catch (...) {
      error_ = std::current_exception();
    }
    finished_ = true;
    sc_core::sc_stop();
  }

  std::function<void()> job_;
  std::exception_ptr error_;
  bool finished_ = false;
};

}  // namespace spikecore::platform
