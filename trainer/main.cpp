// spikecore-train: trains the float MLP that the lab compiles onto the chip and
// exports it as TorchScript, or evaluates any TorchScript model (--evaluate).
#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <iostream>
#include <string>

#include "common/command_line_error.h"
#include "common/output_paths.h"
#include "common/version.h"
#include "dataset/dataset.h"
#include "trainer/hidden_sizes.h"
#include "trainer/lenet_trainer.h"
#include "trainer/mlp_trainer.h"
#include "trainer/torchscript_eval.h"

namespace po = boost::program_options;
using namespace spikecore;

namespace {

constexpr const char* kAbout = R"(spikecore-train: train the float MLP that SpikeCore compiles (or a LeNet-5 CNN,
--arch lenet), or evaluate one.

Usage:
  spikecore-train [options]                train, print progress, export TorchScript
  spikecore-train --evaluate MODEL.pt      float top-1 accuracy of any TorchScript model

Input contract (what the model sees, here and in the compiler and simulator):
  float32 tensor [N, 1, 28, 28] holding pixel_byte / 255 (no mean/std normalisation);
  output [N, 10] class scores; the predicted class is the argmax.

The exported file is a TorchScript module with submodules fc1, fc2, ... (each with
`weight` [out, in] and `bias` [out]) and forward = flatten, linear, relu, ..., linear;
with --arch lenet also conv1, conv2 and avg-pooling before the flatten.
Both torch::jit::load (C++) and torch.jit.load (Python) read it. Training is seeded
and single-threaded by default: the same options give byte-identical files.

Exit status: 0 done; 1 an error (data, model or output file: the message names
it); 2 a usage error.

Options)";

std::string default_output(const std::string& dataset_name, bool lenet) {
  std::string stem = dataset_name;
  for (char& c : stem) {
    if (c == '-') c = '_';
  }
  return "models/" + stem + (lenet ? "_lenet.pt" : "_mlp.pt");
}

std::string percent(double fraction) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f%%", 100.0 * fraction);
  return text;
}

std::string layers_text(const trainer::Mlp& mlp) {
  std::string text = std::to_string(trainer::kInputs);
  for (const auto& layer : mlp.layers) text += "-" + std::to_string(layer.outputs);
  return text;
}

std::string metadata_json(const std::string& dataset_name, const trainer::TrainOptions& options,
                          bool lenet) {
  const nlohmann::json meta = {
      {"producer", "spikecore-train"},
      {"dataset", dataset_name},
      {"arch", lenet ? "lenet" : "mlp"},
      {"hidden", lenet ? std::vector<int>{} : options.hidden},
      {"epochs", options.epochs},
      {"batch_size", options.batch_size},
      {"learning_rate", options.learning_rate},
      {"seed", options.seed},
      {"threads", options.threads},
      {"levels", options.levels},
      {"input", "float32 [N,1,28,28] = pixel_byte/255"},
      {"output", "float32 [N,10] scores; class = argmax"},
  };
  return meta.dump(2) + "\n";
}

int evaluate(const std::string& model, const std::string& dataset_name, const std::string& split,
             const std::string& data_dir) {
  const dataset::Dataset ds = dataset::load(dataset_name, split, data_dir);
  const trainer::Evaluation result = trainer::top1(trainer::torchscript_scores(model, ds.images), ds.labels);
  std::cout << "float top-1 of " << model << " on " << dataset_name << " " << split << " (" << ds.size()
            << " images): " << percent(result.accuracy()) << " (" << result.correct << "/" << result.total
            << ")\n";
  return 0;
}

// Fails before training, not after it, when the model could not be written:
// the output's directory (created like mkdir -p) must be writable and the
// output itself must not be a directory.
void require_writable_output(const std::string& output) {
  const std::filesystem::path target(output);
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error(output + ": cannot create directory " + dir.string() + ": " + ec.message());
  if (std::filesystem::is_directory(target))
    throw std::runtime_error(output + ": is a directory; give a file name such as models/mnist_mlp.pt");
  if (::access(dir.c_str(), W_OK) != 0)
    throw std::runtime_error(output + ": directory " + dir.string() + " is not writable");
}

constexpr int kQuantizationAwareEpochs = 25;  // the default epochs with --levels

int train(const std::string& dataset_name, const std::string& data_dir, const trainer::TrainOptions& options,
          const std::string& output, bool lenet) {
  require_writable_output(output);
  const dataset::Dataset train_split = dataset::load(dataset_name, "train", data_dir);
  // The split's last digits stay unseen: the compiler chooses T on them.
  const size_t held_out = dataset::validation_count(train_split.size());
  const dataset::Dataset train_set = dataset::slice(train_split, 0, train_split.size() - held_out);
  const dataset::Dataset test_set = dataset::load(dataset_name, "test", data_dir);
  require_outputs_apart({{"the training images", train_split.images_path},
                         {"the training labels", train_split.labels_path},
                         {"the test images", test_set.images_path},
                         {"the test labels", test_set.labels_path}},
                        {{"--output", output}});
  std::string hidden;
  for (int h : options.hidden) hidden += (hidden.empty() ? "" : ",") + std::to_string(h);
  std::cout << "spikecore-train: " << dataset_name << ", " << train_set.size() << " train (the split's last "
            << held_out << " held out for spikecore-compile's choice of T) / " << test_set.size()
            << " test images, " << (lenet ? std::string("LeNet-5 (conv 6@5x5, conv 16@5x5, 256-120-84-10)")
                                           : "hidden " + hidden)
            << ", epochs " << options.epochs << ", batch "
            << options.batch_size << ", lr " << options.learning_rate << ", seed " << options.seed
            << ", threads " << options.threads
            << (options.levels ? ", levels " + std::to_string(options.levels) +
                                     " (quantization-aware: the chip at T = levels + depth)"
                               : std::string())
            << std::endl;

  const auto report = [&](const trainer::EpochReport& r) {
    char line[160];
    std::snprintf(line, sizeof line, "epoch %3d/%d  loss %.4f  train %6.2f%%  test %6.2f%%  %.2f s", r.epoch,
                  options.epochs, r.mean_loss, 100.0 * r.train_accuracy, 100.0 * r.test_accuracy, r.seconds);
    std::cout << line << std::endl;
  };
  if (lenet) {
    trainer::train_lenet(train_set, &test_set, options, output, metadata_json(dataset_name, options, true),
                         report);
    const auto train_result = trainer::top1(trainer::torchscript_scores(output, train_set.images), train_set.labels);
    const auto test_result = trainer::top1(trainer::torchscript_scores(output, test_set.images), test_set.labels);
    std::cout << "wrote " << output << " (TorchScript, LeNet-5: 1x28x28-6@24x24-6@12x12-16@8x8-16@4x4-120-84-10)\n"
              << "float top-1: train " << percent(train_result.accuracy()) << " (" << train_result.correct << "/"
              << train_result.total << "), test " << percent(test_result.accuracy()) << " (" << test_result.correct
              << "/" << test_result.total << ")\n"
              << "compile it with: spikecore-compile " << output << " -o IMAGE.scimg\n";
    return 0;
  }
  const trainer::Mlp mlp = trainer::train_mlp(train_set, &test_set, options, report);

  const auto train_result = trainer::top1(trainer::mlp_scores(mlp, train_set.images), train_set.labels);
  trainer::export_torchscript(mlp, output, metadata_json(dataset_name, options, false));
  // Measured on the file just written, so the figure is that of the exported model.
  const auto test_result = trainer::top1(trainer::torchscript_scores(output, test_set.images), test_set.labels);
  std::cout << "wrote " << output << " (TorchScript, " << layers_text(mlp) << ")\n"
            << "float top-1: train " << percent(train_result.accuracy()) << " (" << train_result.correct << "/"
            << train_result.total << "), test " << percent(test_result.accuracy()) << " (" << test_result.correct
            << "/" << test_result.total << ")\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (spikecore::print_version_if_asked(argc, argv, "spikecore-train")) return 0;
  trainer::TrainOptions options;
  std::string dataset_name, data_dir, hidden, output, evaluate_model, split, arch;
  po::options_description described(kAbout);
  described.add_options()
      ("help,h", "print this help")
      ("version", "print the version and the git commit, and exit")
      ("dataset", po::value(&dataset_name)->default_value("mnist"), "mnist | fashion-mnist")
      ("data-dir", po::value(&data_dir),
       "where mnist/ lives (default: $SPIKECORE_DATA_DIR, else ./data when it holds mnist/, "
       "else the source tree's data/); fashion-mnist always "
       "comes from /usr/share/datasets/fashion-mnist")
      ("arch", po::value(&arch)->default_value("mlp"),
       "mlp: 784-(--hidden)-10; lenet: LeNet-5 (conv 1->6 5x5, avg-pool 2, conv 6->16 5x5, "
       "avg-pool 2, 256-120-84-10), which spikecore-compile maps with CONV instructions")
      ("hidden", po::value(&hidden)->default_value("32"),
       "hidden layer sizes, e.g. 32 or 64,32. 784-32-10 needs 784*32 + 32*10 int8 weights, "
       "about 100 of the chip's 128 cores of 256 bytes")
      ("epochs", po::value(&options.epochs)->default_value(options.epochs), "training epochs (25 with --levels: the rounded activations learn more slowly; "
       "measured on --levels 6, 15 epochs agree 98.80 % with float at T = 8, 25 epochs 99.10 %)")
      ("batch-size", po::value(&options.batch_size)->default_value(options.batch_size), "minibatch size")
      ("lr", po::value(&options.learning_rate)->default_value(options.learning_rate), "Adam learning rate")
      ("seed", po::value(&options.seed)->default_value(options.seed), "seed of the initial weights and shuffles")
      ("threads", po::value(&options.threads)->default_value(options.threads),
       "LibTorch threads; the weights depend on it, so it is fixed rather than 'all cores'")
      ("levels", po::value(&options.levels)->default_value(0),
       "quantization-aware training for n spike counts per neuron (QCFS): inputs and hidden "
       "activations rounded to n levels of a trained ceiling; the export clamps to it. "
       "Compile and run the model at T = n + number of layers (e.g. --levels 6 for T = 8 "
       "with one hidden layer). 0: plain ReLU")
      ("output,o", po::value(&output), "TorchScript file to write (default models/<dataset>_mlp.pt, "
       "e.g. models/mnist_mlp.pt; the directory is created)")
      ("evaluate", po::value(&evaluate_model), "do not train: print the float top-1 accuracy of MODEL.pt")
      ("split", po::value(&split)->default_value("test"), "split used by --evaluate: train | test");

  po::variables_map vm;
  try {
    // No positional arguments: a stray word is an error, not silently ignored.
    po::store(po::command_line_parser(argc, argv).options(described)
                  .positional(po::positional_options_description()).run(), vm);
    po::notify(vm);
    if (arch != "mlp" && arch != "lenet")
      throw std::invalid_argument("--arch " + arch + ": expected mlp or lenet");
    if (arch == "lenet" && options.levels != 0)
      throw std::invalid_argument("--levels applies to --arch mlp only");
    options.hidden = trainer::parse_hidden_sizes(hidden);
    if (options.levels > 0 && vm["epochs"].defaulted()) options.epochs = kQuantizationAwareEpochs;
    if (!vm.count("evaluate")) trainer::validate(options);
  } catch (const std::exception& e) {
    std::cerr << "spikecore-train: error: " << spikecore::command_line_error_text(e, argc, argv)
              << "\n(see spikecore-train --help)\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << described << "\n";
    return 0;
  }
  try {
    if (vm.count("evaluate")) return evaluate(evaluate_model, dataset_name, split, data_dir);
    const bool lenet = arch == "lenet";
    return train(dataset_name, data_dir, options, output.empty() ? default_output(dataset_name, lenet) : output,
                 lenet);
  } catch (const OutputClobbersError& e) {  // a contradictory command line
    std::cerr << "spikecore-train: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "spikecore-train: error: " << e.what() << "\n";
    return 1;
  }
}
