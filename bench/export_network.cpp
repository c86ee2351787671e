// Writes a compiled image's integer network, with the first digits and the
// golden model's outcome on each, as JSON for the peer simulators that
// scripts/bench.sh runs the same work in (bench/brian2_peer.py):
//
//   spikecore-bench-export-network IMAGE.scimg OUT.json DIGITS [T]
//
// {"timesteps": T,
//  "layers": [{"name", "size", "threshold": [...], "bias": [...],
//              "bias_start": [...], "initial_potential": [...]}, ...]   input layer first
//  "projections": [{"pre": [...], "post": [...], "weight": [...]}, ...] layer l -> l + 1
//  "digits": [{"pixels": [784 bytes], "label", "predicted",
//              "output_spike_counts": [...], "synaptic_ops"}, ...]}
// An input neuron's bias is its digit's pixel. Digits: data/mnist test split.
#include <cstdio>
#include <exception>
#include <string>

#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "common/cli_numbers.h"
#include "common/output_paths.h"
#include "common/version.h"
#include "dataset/dataset.h"
#include "golden/golden_model.h"
#include "isa/image.h"

using namespace spikecore;

namespace {

nlohmann::json layer_json(const isa::ChipConfig& chip, const isa::LayerInfo& info) {
  nlohmann::json layer = {{"name", info.name}, {"size", info.neurons.size()}};
  for (const isa::NeuronRef& ref : info.neurons) {
    const isa::NeuronParams& p = chip.cores.at(ref.core).neurons.at(ref.slot);
    layer["threshold"].push_back(p.threshold);
    layer["bias"].push_back(p.bias);
    layer["bias_start"].push_back(p.bias_start);
    layer["initial_potential"].push_back(p.initial_potential);
  }
  return layer;
}

nlohmann::json projection_json(const isa::ReferenceLayer& reference) {
  nlohmann::json projection = {{"pre", nlohmann::json::array()},
                               {"post", nlohmann::json::array()},
                               {"weight", nlohmann::json::array()}};
  for (const isa::Connection& c : isa::connections(reference)) {
    projection["pre"].push_back(c.input);
    projection["post"].push_back(c.output);
    projection["weight"].push_back(c.weight);
  }
  return projection;
}

}  // namespace

int main(int argc, char** argv) {
  if (spikecore::print_version_if_asked(argc, argv, "spikecore-bench-export-network")) return 0;
  if (argc < 4 || argc > 5) {
    std::fprintf(stderr, "usage: %s IMAGE.scimg OUT.json DIGITS [T]\n", argv[0]);
    return 2;
  }
  uint64_t digits = 0, timesteps = 0;
  if (!parse_whole_number(argv[3], 1, 2000, digits)) {
    std::fprintf(stderr, "%s: DIGITS '%s': expected 1..2000\n", argv[0], argv[3]);
    return 2;
  }
  if (argc == 5 && !parse_whole_number(argv[4], 1, 65535, timesteps)) {
    std::fprintf(stderr, "%s: T '%s': expected 1..65535\n", argv[0], argv[4]);
    return 2;
  }
  try {  // a contradictory command line: a usage error, like the other tools
    require_outputs_apart({{"IMAGE", argv[1]}}, {{"OUT.json", argv[2]}});
  } catch (const OutputClobbersError& e) {
    std::fprintf(stderr, "spikecore-bench-export-network: error: %s\n", e.what());
    return 2;
  }
  try {
    const isa::ChipConfig chip = isa::load_image(argv[1]);
    if (chip.host.layers.size() < 2 || chip.host.reference.size() + 1 != chip.host.layers.size())
      throw std::invalid_argument(std::string(argv[1]) + ": the image has no layer table");
    const unsigned t = timesteps != 0 ? unsigned(timesteps) : chip.host.default_timesteps;
    nlohmann::json out = {{"timesteps", t}};
    for (const isa::LayerInfo& info : chip.host.layers) out["layers"].push_back(layer_json(chip, info));
    for (const isa::ReferenceLayer& r : chip.host.reference)
      out["projections"].push_back(projection_json(r));
    const dataset::Dataset data = dataset::load("mnist", "test", "", digits);
    golden::GoldenModel model(chip);
    golden::RunResult result;
    for (size_t d = 0; d < data.size(); ++d) {
      const uint8_t* pixels = data.images.image(d);
      model.run(pixels, t, result);
      out["digits"].push_back({{"pixels", std::vector<int>(pixels, pixels + data.images.rows * data.images.cols)},
                               {"label", data.labels[d]},
                               {"predicted", result.predicted_class},
                               {"output_spike_counts", result.output_spike_counts},
                               {"synaptic_ops", result.counters.synaptic_ops}});
    }
    write_file_atomically(argv[2], out.dump() + "\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "spikecore-bench-export-network: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
