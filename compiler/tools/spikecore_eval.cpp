// spikecore-eval: how well a compiled image reproduces its PyTorch model.
// For each number of time steps, runs the held-out images on the golden model
// and compares the chip's class with LibTorch's own float top-1 (agreement)
// and with the labels (accuracy). Used by scripts/accuracy_curve.sh.
#include <boost/program_options.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "common/cli_numbers.h"
#include "common/command_line_error.h"
#include "common/version.h"
#include "dataset/dataset.h"
#include "golden/golden_model.h"
#include "isa/chip_config.h"
#include "isa/image.h"
#include "torchref/torch_reference.h"

namespace po = boost::program_options;
using namespace spikecore;

namespace {

constexpr unsigned kBarMaxTimesteps = 64;
constexpr double kBarAgreement = 0.99;
constexpr double kBarAccuracyGap = 0.005;

std::vector<unsigned> parse_timesteps(const std::string& text) {
  std::vector<unsigned> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    uint64_t v = 0;
    if (!parse_whole_number(item, 1, 65535, v))
      throw std::invalid_argument("--timesteps " + text + ": '" + item +
                                  "' is not a number of time steps 1..65535 (e.g. 8,16,32)");
    out.push_back(unsigned(v));
  }
  if (out.empty() || text.back() == ',')
    throw std::invalid_argument("--timesteps " + text + ": expected a list like 8,16,32");
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (spikecore::print_version_if_asked(argc, argv, "spikecore-eval")) return 0;
  std::string image_path, model_path, dataset_name, split, data_dir, steps_text;
  std::string count_text;
  uint64_t count = 0;
  po::options_description opts(
      "Usage: spikecore-eval --image MODEL.scimg --model MODEL.pt [options]\n\n"
      "Agreement of the golden model's class with the model's LibTorch float top-1, and\n"
      "accuracy, for several numbers of time steps.\n\n"
      "Exit status: 0 done; 1 an error (a file, the model or the data set); 2 a usage error.\n\n"
      "Options");
  opts.add_options()
      ("help,h", "show this help")
      ("version", "print the version and the git commit, and exit")
      ("image", po::value(&image_path)->required(), "compiled image (.scimg)")
      ("model", po::value(&model_path)->required(), "the TorchScript model it was compiled from")
      ("dataset", po::value(&dataset_name)->default_value("mnist"), "mnist | fashion-mnist")
      ("split", po::value(&split)->default_value("test"), "train | test")
      ("count", po::value(&count_text)->default_value("2000"), "images (the first N of the split), >= 1")
      ("timesteps", po::value(&steps_text)->default_value("8,16,32,64,128"),
       "comma-separated numbers of time steps")
      ("data-dir", po::value(&data_dir), "data directory (default: $SPIKECORE_DATA_DIR, else ./data when "
       "it holds mnist/, else the source tree's data/)");
  po::variables_map vm;
  std::vector<unsigned> steps;
  try {
    po::store(po::command_line_parser(argc, argv).options(opts)
                  .positional(po::positional_options_description()).run(), vm);
    if (vm.count("help")) {
      std::cout << opts << '\n';
      return 0;
    }
    po::notify(vm);
    steps = parse_timesteps(steps_text);
    if (!parse_whole_number(count_text, 1, UINT32_MAX, count))
      throw std::invalid_argument("--count " + count_text + ": expected a whole number >= 1");
  } catch (const std::exception& e) {
    std::cerr << "spikecore-eval: " << command_line_error_text(e, argc, argv)
              << " (see spikecore-eval --help)\n";
    return 2;
  }

  try {
    const isa::ChipConfig chip = isa::load_image(image_path);
    const dataset::Dataset data = dataset::load(dataset_name, split, data_dir, count);
    if (count > data.size())
      throw std::runtime_error("--count " + std::to_string(count) + ": " + dataset_name + "/" +
                               split + " has only " + std::to_string(data.samples_in_split) +
                               " images");
    const size_t n = size_t(count);
    if (chip.host.outputs.size() != data.classes)
      throw std::runtime_error(image_path + " has " + std::to_string(chip.host.outputs.size()) +
                               " output neurons, but " + dataset_name + " has " +
                               std::to_string(data.classes) + " classes");
    const torchref::ReferenceOutput ref =
        torchref::TorchReference(model_path).run(data.images.pixels.data(), n);
    if (ref.classes != data.classes)
      throw std::runtime_error(model_path + ": forward returned " + std::to_string(ref.classes) +
                               " scores per image, but " + dataset_name + " has " +
                               std::to_string(data.classes) + " classes");
    unsigned float_correct = 0, int8_correct = 0, int8_agree = 0;
    for (size_t i = 0; i < n; ++i) {
      float_correct += ref.top1[i] == data.labels[i];
      const int cls =
          isa::reference_class(chip.host, data.images.image(i), data.images.image_size());
      int8_correct += cls == data.labels[i];
      int8_agree += cls == ref.top1[i];
    }
    std::printf("model %s, image %s, %zu images of %s/%s\n", model_path.c_str(),
                image_path.c_str(), n, dataset_name.c_str(), split.c_str());
    std::printf("float (LibTorch) accuracy %.2f%%; int8 reference accuracy %.2f%%, agreement "
                "%.2f%%; image default_timesteps %u\n",
                100.0 * float_correct / n, 100.0 * int8_correct / n, 100.0 * int8_agree / n,
                unsigned(chip.host.default_timesteps));
    std::printf("%6s %10s %10s %12s %14s\n", "T", "agreement", "accuracy", "acc - float",
                "spikes/image");
    golden::GoldenModel model(chip);
    golden::RunResult result;
    // Quality bar of the project (docs/compiler.md): >= 99% agreement at some
    // T <= 64 with accuracy within 0.5 points of float at that T.
    int bar_t = -1;
    for (unsigned t : steps) {
      unsigned agree = 0, correct = 0;
      uint64_t spikes = 0;
      for (size_t i = 0; i < n; ++i) {
        model.run(data.images.image(i), t, result);
        agree += result.predicted_class == ref.top1[i];
        correct += result.predicted_class == data.labels[i];
        spikes += result.counters.spikes;
      }
      std::printf("%6u %9.2f%% %9.2f%% %+11.2f %14.1f\n", t, 100.0 * agree / n,
                  100.0 * correct / n, 100.0 * (double(correct) - float_correct) / n,
                  double(spikes) / n);
      std::fflush(stdout);
      if (bar_t < 0 && t <= kBarMaxTimesteps && agree >= kBarAgreement * n &&
          std::abs(double(correct) - float_correct) <= kBarAccuracyGap * n)
        bar_t = int(t);
    }
    if (bar_t >= 0)
      std::printf("quality bar (>= 99%% agreement at some T <= 64, accuracy within 0.5 points "
                  "of float): met at T=%d\n", bar_t);
    else
      std::printf("quality bar (>= 99%% agreement at some T <= 64, accuracy within 0.5 points "
                  "of float): NOT met on these T\n");
  } catch (const std::exception& e) {
    std::cerr << "spikecore-eval: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
