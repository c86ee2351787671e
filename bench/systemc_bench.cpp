// SystemC-model speed on a compiled image, as one JSON line: the first COUNT
// held-out digits at T steps, with the VCD off, on for one sample (the first),
// or on for every sample. Wall time covers elaboration to the last read-out
// (platform::SystemCRun::wall_seconds), not image loading. Also prints the
// board's chips and cores, and the cores the image uses.
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

#include "common/cli_numbers.h"
#include "common/sanitizer_stacks.h"
#include "common/version.h"
#include "dataset/dataset.h"
#include "isa/image.h"
#include "platform/quiet_systemc_main.h"
#include "platform/systemc_runner.h"

namespace {

int usage(const char* self) {
  std::fprintf(stderr, "usage: %s IMAGE.scimg COUNT T off|one|all [TRACE.vcd]\n", self);
  return 2;
}

}  // namespace

int sc_main(int argc, char* argv[]) {
  if (spikecore::print_version_if_asked(argc, argv, "spikecore-bench-systemc")) return 0;
  spikecore::keep_main_stack_known_to_sanitizers();  // see common/sanitizer_stacks.h
  using namespace spikecore;
  if (argc < 5 || argc > 6) return usage(argv[0]);
  const std::string trace = argv[4];
  if (trace != "off" && trace != "one" && trace != "all") return usage(argv[0]);
  if (trace != "off" && argc != 6) return usage(argv[0]);
  try {
    const isa::ChipConfig chip = isa::load_image(argv[1]);
    const dataset::Dataset digits = dataset::load("mnist", "test");
    uint64_t count = 0, timesteps = 0;
    platform::SimOptions options;
    options.read_full_state = false;
    if (!parse_whole_number(argv[2], 1, digits.size(), count) ||
        !parse_whole_number(argv[3], 1, 65535, timesteps))
      throw std::invalid_argument("COUNT must be 1.." + std::to_string(digits.size()) +
                                  " and T 1..65535");
    options.timesteps = unsigned(timesteps);
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
    unsigned used = 0;
    for (const isa::CoreConfig& core : chip.cores) used += core.used();
    j["chips"] = chip.num_chips();
    j["cores"] = chip.num_cores();  // board-wide
    j["cores_used"] = used;
    j["vcd_bytes"] = trace == "off" ? 0 : std::filesystem::file_size(options.trace.vcd_path);
    std::printf("%s\n", j.dump().c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "spikecore-bench-systemc: error: %s\n", e.what());
    return 1;
  }
}

int main(int argc, char** argv) { return spikecore::platform::run_sc_main_quietly(argc, argv); }
