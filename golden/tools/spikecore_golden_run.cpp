// spikecore-golden-run: runs one input through an image on the golden model
// and prints the spikes of every step, the read-out and the counters.
#include <boost/program_options.hpp>
#include <cstdint>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/cli_numbers.h"
#include "common/command_line_error.h"
#include "common/version.h"
#include "dataset/dataset.h"
#include "golden/golden_model.h"
#include "golden/tools/sample_input.h"
#include "isa/image.h"

namespace po = boost::program_options;
using namespace spikecore;

namespace {

// "fc1[3]" for a neuron the host's layer table names, else "core 5 slot 9".
std::vector<std::string> neuron_names(const isa::ChipConfig& chip) {
  std::vector<std::string> names(size_t(chip.num_cores()) * isa::kNeuronSlots);
  for (size_t g = 0; g < names.size(); ++g)
    names[g] = "core " + std::to_string(g / isa::kNeuronSlots) + " slot " +
               std::to_string(g % isa::kNeuronSlots);
  for (const isa::LayerInfo& layer : chip.host.layers)
    for (size_t i = 0; i < layer.neurons.size(); ++i) {
      const size_t g = size_t(layer.neurons[i].core) * isa::kNeuronSlots + layer.neurons[i].slot;
      if (g < names.size()) names[g] = layer.name + "[" + std::to_string(i) + "]";
    }
  return names;
}

void print_steps(const golden::SpikeRecord& spikes, const std::vector<std::string>& names,
                 bool list_neurons) {
  for (size_t t = 0; t + 1 < spikes.step_begin.size(); ++t) {
    const uint32_t begin = spikes.step_begin[t], end = spikes.step_begin[t + 1];
    std::cout << "step " << t << ": " << end - begin << " spike" << (end - begin == 1 ? "" : "s");
    if (list_neurons)
      for (uint32_t k = begin; k < end; ++k) std::cout << (k == begin ? ": " : ", ") << names[spikes.ids[k]];
    std::cout << '\n';
  }
}

void print_readout(const golden::RunResult& r) {
  std::cout << "read-out (score = spike_count * threshold + membrane):\n";
  for (size_t k = 0; k < r.output_scores.size(); ++k)
    std::cout << "  class " << k << ": spikes " << r.output_spike_counts[k] << ", score "
              << r.output_scores[k] << (int(k) == r.predicted_class ? "  <- predicted" : "") << '\n';
  std::cout << "predicted class: " << r.predicted_class << '\n';
}

void print_counters(const golden::Counters& c) {
  std::cout << "counters: synaptic_ops " << c.synaptic_ops << ", events_in " << c.events_in
            << ", psum_packets " << c.psum_packets << ", fire_ops " << c.fire_ops
            << ", leak_ops " << c.leak_ops << ", spikes " << c.spikes << ", flits " << c.flits
            << ", acc_saturations " << c.acc_saturations << ", soma_saturations "
            << c.soma_saturations << ", soma_floor_clips " << c.soma_floor_clips << '\n';
}


// Where clipping happened, when it did: the per-core saturation counters.
void print_saturations(const golden::SaturationsByCore& by_core) {
  std::string list;
  for (size_t c = 0; c < by_core.acc.size(); ++c)
    if (by_core.acc[c] != 0 || by_core.soma[c] != 0)
      list += (list.empty() ? "" : "; ") + std::string("core ") + std::to_string(c) + ": ACC " +
              std::to_string(by_core.acc[c]) + ", soma " + std::to_string(by_core.soma[c]);
  if (!list.empty()) std::cout << "saturations by core: " << list << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  if (spikecore::print_version_if_asked(argc, argv, "spikecore-golden-run")) return 0;
  po::options_description visible(
      "Usage: spikecore-golden-run IMAGE.scimg (--input FILE | --idx FILE --index N) [options]\n"
      "Runs one sample through the bit-exact golden model and prints the spikes of\n"
      "every step (neurons named by the image's layer table), the read-out and the\n"
      "counters.\n\n"
      "Exit status: 0 done; 1 an error (image, sample file or index); 2 a usage error.\n\n"
      "Options");
  visible.add_options()("help,h", "show this help and exit")
      ("version", "print the version and the git commit, and exit")(
      "input", po::value<std::string>(),
      "sample as raw bytes (one per input neuron) or binary PGM (P5, maxval 255)")(
      "idx", po::value<std::string>(), "IDX3 images file (plain or .gz)")(
      "index", po::value<std::string>()->default_value("0"), "image number within --idx")(
      "labels", po::value<std::string>(), "IDX1 labels file: print the label of --index")(
      "steps,T", po::value<std::string>(),
      "time steps, 1..65535 (default: the image's default_timesteps)")(
      "counts-only", "print only the number of spikes per step, not the neurons");
  po::options_description all;
  all.add(visible).add_options()("image", po::value<std::string>());
  po::positional_options_description positional;
  positional.add("image", 1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "spikecore-golden-run: " << spikecore::command_line_error_text(e, argc, argv)
              << "\n(see spikecore-golden-run --help)\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << visible << '\n';
    return 0;
  }
  if (!vm.count("image") || vm.count("input") == vm.count("idx")) {
    std::cerr << "spikecore-golden-run: give an image and exactly one of --input or --idx\n"
                 "(see spikecore-golden-run --help)\n";
    return 2;
  }
  uint64_t index = 0, steps_flag = 0;
  if (!parse_whole_number(vm["index"].as<std::string>(), 0, UINT32_MAX, index)) {
    std::cerr << "spikecore-golden-run: --index " << vm["index"].as<std::string>()
              << ": expected a whole number >= 0\n";
    return 2;
  }
  if (vm.count("steps") && !parse_whole_number(vm["steps"].as<std::string>(), 1, 65535, steps_flag)) {
    std::cerr << "spikecore-golden-run: --steps " << vm["steps"].as<std::string>()
              << ": expected 1..65535\n";
    return 2;
  }
  try {
    const std::string image_path = vm["image"].as<std::string>();
    const isa::ChipConfig chip = isa::load_image(image_path);
    const size_t num_inputs = chip.host.inputs.size();
    std::vector<uint8_t> pixels;
    std::string sample_name;
    if (vm.count("input")) {
      sample_name = vm["input"].as<std::string>();
      pixels = golden::read_raw_or_pgm(sample_name, num_inputs);
    } else {
      sample_name = vm["idx"].as<std::string>() + "[" + std::to_string(index) + "]";
      pixels = golden::read_idx_sample(vm["idx"].as<std::string>(), index, num_inputs);
      if (vm.count("labels")) {
        uint32_t labels_in_file = 0;
        const std::vector<uint8_t> labels = dataset::read_idx_labels(
            vm["labels"].as<std::string>(), uint64_t(index) + 1, &labels_in_file);
        if (index >= labels.size())
          throw std::runtime_error(vm["labels"].as<std::string>() + ": index " +
                                   std::to_string(index) + " out of range, the file has " +
                                   std::to_string(labels_in_file) + " labels");
        sample_name += " (label " + std::to_string(labels[index]) + ")";
      }
    }
    const unsigned steps = vm.count("steps") ? unsigned(steps_flag) : chip.host.default_timesteps;
    if (steps == 0)
      throw std::runtime_error(image_path + ": the image stores no default time-step count; "
                               "pass -T STEPS");

    golden::GoldenModel model(chip);
    const golden::RunResult r = model.run(pixels.data(), steps);
    std::cout << "image: " << image_path;
    if (!chip.host.model_name.empty()) std::cout << " (model '" << chip.host.model_name << "')";
    std::cout << "\ninput: " << sample_name << ", " << steps << " steps\n";
    print_steps(r.spikes, neuron_names(chip), !vm.count("counts-only"));
    print_readout(r);
    print_counters(r.counters);
    print_saturations(r.saturations);
  } catch (const std::exception& e) {
    std::cerr << "spikecore-golden-run: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
