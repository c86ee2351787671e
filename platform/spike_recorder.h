// Collects the spikes of one sample in the golden model's format, so the two
// models compare with ==: per step, the global ids (core * 64 + slot) that
// fired, ascending.
#pragma once

#include <algorithm>
#include <cstdint>

#include "golden/golden_model.h"
#include "hw/neuron_core.h"
#include "hw/step_controller.h"
#include "isa/isa.h"

namespace spikecore::platform {

class SpikeRecorder : public hw::SpikeObserver, public hw::StepObserver {
 public:
  void begin() {
    record_.ids.clear();
    record_.step_begin.assign(1, 0);
  }
  void on_spike(unsigned core, unsigned slot, unsigned /*step*/, uint64_t /*cycle*/) override {
    record_.ids.push_back(core * isa::kNeuronSlots + slot);
  }
  void on_tick(unsigned /*step*/, uint64_t /*first*/, uint64_t /*last*/) override {
    std::sort(record_.ids.begin() + record_.step_begin.back(), record_.ids.end());
    record_.step_begin.push_back(uint32_t(record_.ids.size()));
  }
  const golden::SpikeRecord& record() const { return record_; }

 private:
  golden::SpikeRecord record_;
};

}  // namespace spikecore::platform
