// Makes a windowed VCD + gtkwave save file of one digit run through the
// SystemC model (the picture in docs/microarchitecture.md comes from it) and
// prints the traced time range for traces/render_trace_png.sh.
//   platform_trace_example IMAGE.scimg OUT.vcd [sample=0] [first_step=3] [last_step=6]
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <set>

#include <systemc>

#include "dataset/dataset.h"
#include "isa/image.h"
#include "platform/systemc_runner.h"
#include "vcd_reader.h"
#include "common/sanitizer_stacks.h"

int sc_main(int argc, char* argv[]) {
  spikecore::keep_main_stack_known_to_sanitizers();  // see common/sanitizer_stacks.h
  using namespace spikecore;
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s IMAGE.scimg OUT.vcd [sample] [first_step] [last_step]\n", argv[0]);
    return 2;
  }
  try {
    const isa::ChipConfig chip = isa::load_image(argv[1]);
    const unsigned sample = argc > 3 ? unsigned(std::atoi(argv[3])) : 0;
    platform::SimOptions options;
    options.timesteps = chip.host.default_timesteps;
    options.trace.vcd_path = argv[2];
    options.trace.window.first_step = argc > 4 ? unsigned(std::atoi(argv[4])) : 3;
    options.trace.window.last_step = argc > 5 ? unsigned(std::atoi(argv[5])) : 6;
    std::set<unsigned> cores;
    for (const isa::LayerInfo& layer : chip.host.layers)
      for (const isa::NeuronRef& r : layer.neurons) cores.insert(r.core);
    options.trace.window.cores.assign(cores.begin(), cores.end());
    dataset::Dataset digits;
    try {
      digits = dataset::load("mnist", "test");
    } catch (const dataset::DatasetError&) {
      digits = dataset::load("fashion-mnist", "test");
    }
    const platform::SystemCRun run =
        platform::run_systemc(chip, {digits.images.image(sample)}, options);

    // Time range of the traced steps, from the trace itself (tick pulses).
    const auto vcd = platform::testing::read_vcd(run.vcd_path);
    const auto& ticks = vcd.changes_of("SystemC.chip.tick");
    const auto& steps = vcd.changes_of("SystemC.chip.step");
    const uint64_t start = steps.size() > 1 ? steps[1].time : 0;
    const uint64_t end = ticks.empty() ? start : ticks.back().time + 2;
    std::printf("%s: %s test sample %u (label %u), predicted %d, steps %u..%u traced, %zu cores\n",
                run.vcd_path.c_str(), digits.name.c_str(), sample, unsigned(digits.labels[sample]),
                run.samples[0].run.predicted_class, options.trace.window.first_step,
                options.trace.window.last_step, cores.size());
    std::printf("gtkw %s\nwindow_ns %llu %llu\n", run.gtkw_path.c_str(),
                static_cast<unsigned long long>(start), static_cast<unsigned long long>(end));
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
