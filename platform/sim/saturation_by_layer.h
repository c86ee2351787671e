// Integer-overflow accounting per layer: attributes each core's saturation
// counters (CNT_SAT_ACC, CNT_SAT_SOMA, CNT_FLOOR_SOMA) to the layers of the image's layer
// table (HostConfig::layers), so a run can say where int16 clipping happened.
//
//   soma: a core's clipped membranes belong to the layer of the neurons its
//         FIRE instructions update (only FIRE can clip a membrane);
//   ACC:  a core's clipped accumulators belong to the layer whose neurons its
//         PSUM instructions feed (a weight tile works for its target layer).
// A core whose FIRE (or PSUM) neurons span several layers is counted under
// the joined name ("input+fc1"); one whose neurons are in no layer under
// "(no layer)". The counters are per core, so that is as fine as it gets.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "isa/chip_config.h"
#include "platform/sim/sample_outcome.h"

namespace spikecore::sim {

struct LayerSaturations {
  std::string layer;            // layer name, "a+b" or "(no layer)"
  std::string role;             // "input", "hidden", "output", or "mixed" for the others
  std::vector<unsigned> cores;  // cores whose counters are attributed here, ascending
  uint64_t acc = 0;             // ACC results clipped, over every sample
  uint64_t soma = 0;            // membrane updates clipped at +32767, over every sample
  uint64_t samples = 0;         // samples with at least one such (ACC or +32767) clip here
  uint64_t soma_floor = 0;      // membrane updates held at -32768 (inhibited neurons)
};

class SaturationsByLayer {
 public:
  explicit SaturationsByLayer(const isa::ChipConfig& chip);

  // Adds the counters of one sample.
  void add(const std::vector<CoreSaturations>& cores);
  // Every layer of the table in table order, then the joined / "(no layer)"
  // groups that some core maps to, in order of their first core.
  const std::vector<LayerSaturations>& layers() const { return layers_; }

 private:
  unsigned group_for(const std::vector<unsigned>& layer_indices);

  std::vector<std::string> layer_names_;  // of the table, to name joined groups
  std::vector<LayerSaturations> layers_;
  std::vector<int> soma_group_, acc_group_;  // per core; -1: the core cannot clip there
};

}  // namespace spikecore::sim
