// SystemC-model speed on a compiled image, as one JSON line: the first COUNT
// held-out digits at T steps, with the VCD off, on for one sample (the first),
// or on for every sample. Wall time covers elaboration to the last read-out
// (platform::SystemCRun::wall_seconds), not image loading.
//
//   spikecore-bench-systemc IMAGE.scimg COUNT T off|one|all [TRACE.vcd]
// Digits: data/mnist test split (run from the repository root).
#include <systemc>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "dataset/dataset.h"
#include "isa/image.h"
#include "platform/systemc_runner.h"
#include "common/sanitizer_stacks.h"

namespace {

int usage(const char* self) {
  std::fprintf(stderr, "usage: %s IMAGE.scimg COUNT T off|one|all [TRACE.vcd]\n", self);
  return 2;
}

}  // namespace

int sc_main(int argc, char* argv[]) {
  spikecore::keep_main_stack_known_to_sanitizers();  // see common/sanitizer_stacks.h
  using namespace spikecore;
  if (argc < 5 || argc > 6) return usage(argv[0]);
  const std::string trace = argv[4];
  if (trace != "off" && trace != "one" && trace != "all") return usage(argv[0]);
  if (trace != "off" && argc != 6) return usage(argv[0]);
  try {
    const isa::ChipConfig chip = isa::load_image(argv[1]);
    const dataset::Dataset digits = dataset::load("mnist", "test");
    const size_t count = std::strtoul(argv[2], nullptr, 10);
    platform::SimOptions options;
    options.timesteps = unsigned(std::strtoul(argv[3], nullptr, 10));
    options.read_full_state = false;
    if (count == 0 || count > digits.size() || options.timesteps == 0)
      throw std::invalid_argument("COUNT must be 1.." + std::to_string(digits.size()) +
                                  " and T at least 1");
    if (trace != "off") {
      options.trace.vcd_path = argv[5];
      if (trace == "one") options.trace.window.samples = {0};
    }
    std::vector<const uint8_t*> samples;
    for (size_t i = 0; i < count; ++i) samples.push_back(digits.images.image(i));

    const platform::SystemCRun run = platform::run_systemc(chip, samples, options);
    nlohmann::json j;
    j["samples"] = count;
    j["timesteps"] = options.timesteps;
    j["trace"] = trace;
    j["wall_seconds"] = run.wall_seconds;
    j["inferences_per_second"] = run.inferences_per_second();
    j["cycles_per_second"] = run.cycles_per_second();
    j["synaptic_events_per_second"] = run.synaptic_ops_per_second();
    j["cycles_per_inference"] = double(run.total_cycles) / double(count);
    j["vcd_bytes"] = trace == "off" ? 0 : std::filesystem::file_size(options.trace.vcd_path);
    std::printf("%s\n", j.dump().c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "spikecore-bench-systemc: error: %s\n", e.what());
    return 1;
  }
}
