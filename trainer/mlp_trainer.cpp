// MLP training and export (LibTorch, through trainer/torch_training.h).
#include "common/atomic_file.h"
#include "trainer/mlp_trainer.h"
#include "trainer/torch_training.h"

#include <filesystem>
#include <sstream>
#include <stdexcept>

namespace spikecore::trainer {
namespace {

// fc1..fcN as registered submodules, so parameter names match the export.
// With levels > 0 each hidden layer also has a trained ceiling lambda (QCFS).
class MlpNetImpl : public torch::nn::Module {
 public:
  explicit MlpNetImpl(const std::vector<int>& hidden, int levels = 0) : levels_(levels) {
    int inputs = kInputs;
    std::vector<int> sizes = hidden;
    sizes.push_back(kClasses);
    for (size_t i = 0; i < sizes.size(); ++i) {
      const std::string name = "fc" + std::to_string(i + 1);
      layers_.push_back(register_module(name, torch::nn::Linear(inputs, sizes[i])));
      names_.push_back(name);
      if (levels > 0 && i + 1 < sizes.size())
        ceilings_.push_back(register_parameter("lambda" + std::to_string(i + 1),
                                               torch::full({1}, kInitialCeiling)));
      inputs = sizes[i];
    }
  }

  // Training with levels: the quantized network the chip counts; otherwise
  // (evaluation, export) the clamped ReLU that the compiler maps.
  torch::Tensor forward(torch::Tensor x) {
    const bool quantized = levels_ > 0 && is_training();
    if (quantized) x = round_to_levels(x);
    x = torch::flatten(x, 1);
    for (size_t i = 0; i < layers_.size(); ++i) {
      x = layers_[i]->forward(x);
      if (i + 1 == layers_.size()) break;
      if (ceilings_.empty()) {
        x = torch::relu(x);
        continue;
      }
      const torch::Tensor& lambda = ceilings_[i];
      const torch::Tensor rate = torch::clamp(x / lambda, 0.0, 1.0);
      x = lambda * (quantized ? round_to_levels(rate) : rate);
    }
    return x;
  }

  // A ceiling that training pushed to or below 0 would divide by zero.
  void keep_ceilings_positive() {
    torch::NoGradGuard no_grad;
    for (torch::Tensor& lambda : ceilings_) lambda.clamp_min_(kMinCeiling);
  }

  // floor(v n + 1/2) / n forward, identity backward (straight-through).
  torch::Tensor round_to_levels(const torch::Tensor& v) const {
    const torch::Tensor rounded = torch::floor(v * levels_ + 0.5) / levels_;
    return v + (rounded - v).detach();
  }

  Mlp to_mlp() const {
    Mlp mlp;
    for (size_t i = 0; i < layers_.size(); ++i) {
      const torch::Tensor w = layers_[i]->weight.detach().contiguous();
      const torch::Tensor b = layers_[i]->bias.detach().contiguous();
      DenseLayer layer;
      layer.name = names_[i];
      layer.outputs = int(w.size(0));
      layer.inputs = int(w.size(1));
      layer.weight.assign(w.data_ptr<float>(), w.data_ptr<float>() + w.numel());
      layer.bias.assign(b.data_ptr<float>(), b.data_ptr<float>() + b.numel());
      if (i < ceilings_.size()) layer.ceiling = ceilings_[i].item<float>();
      mlp.layers.push_back(std::move(layer));
    }
    return mlp;
  }

  void load(const Mlp& mlp) {
    torch::NoGradGuard no_grad;
    for (size_t i = 0; i < layers_.size(); ++i) {
      const DenseLayer& layer = mlp.layers[i];
      layers_[i]->weight.copy_(torch::tensor(layer.weight).reshape({layer.outputs, layer.inputs}));
      layers_[i]->bias.copy_(torch::tensor(layer.bias));
      if (i < ceilings_.size()) ceilings_[i].fill_(layer.ceiling);
    }
  }

 private:
  // Where lambda starts; training moves it (MNIST MLP activations are O(1)).
  static constexpr double kInitialCeiling = 2.0;
  static constexpr double kMinCeiling = 1e-3;
  int levels_ = 0;
  std::vector<torch::nn::Linear> layers_;
  std::vector<std::string> names_;
  std::vector<torch::Tensor> ceilings_;
};
TORCH_MODULE(MlpNet);

using detail::to_input;

// Rejects a hand-made Mlp whose shapes do not chain from 784 inputs to 10 classes.
void check_shapes(const Mlp& mlp) {
  if (mlp.layers.empty()) throw std::invalid_argument("MLP has no layers");
  int inputs = kInputs;
  for (const DenseLayer& layer : mlp.layers) {
    if (layer.inputs != inputs || layer.outputs < 1 ||
        layer.weight.size() != size_t(layer.inputs) * size_t(layer.outputs) ||
        layer.bias.size() != size_t(layer.outputs)) {
      throw std::invalid_argument("layer " + layer.name + ": expected " + std::to_string(inputs) +
                                  " inputs with weight outputs x inputs and bias of outputs; got " +
                                  std::to_string(layer.inputs) + " -> " + std::to_string(layer.outputs) +
                                  ", " + std::to_string(layer.weight.size()) + " weights, " +
                                  std::to_string(layer.bias.size()) + " biases");
    }
    inputs = layer.outputs;
  }
  const bool clamped = mlp.layers.front().ceiling > 0;
  for (size_t i = 0; i + 1 < mlp.layers.size(); ++i)
    if ((mlp.layers[i].ceiling > 0) != clamped || !(mlp.layers[i].ceiling >= 0))
      throw std::invalid_argument("layer " + mlp.layers[i].name + ": ceiling " +
                                  std::to_string(mlp.layers[i].ceiling) +
                                  "; either every hidden layer has a ceiling > 0 (--levels) or "
                                  "none has");
  if (mlp.layers.back().ceiling != 0)
    throw std::invalid_argument("layer " + mlp.layers.back().name +
                                ": the output layer has no activation, so no ceiling");
  if (inputs != kClasses) {
    throw std::invalid_argument("last layer " + mlp.layers.back().name + " has " + std::to_string(inputs) +
                                " outputs, expected " + std::to_string(kClasses));
  }
}

std::vector<int> layer_sizes(const Mlp& mlp) {
  std::vector<int> hidden;
  for (size_t i = 0; i + 1 < mlp.layers.size(); ++i) hidden.push_back(mlp.layers[i].outputs);
  return hidden;
}

// Any level count > 0 gives the clamped evaluation network of a QAT model
// (check_shapes made sure every hidden layer has a ceiling, or none has).
int evaluation_levels(const Mlp& mlp) {
  return !mlp.layers.empty() && mlp.layers.front().ceiling > 0 ? 1 : 0;
}

// "x = torch.clamp(x, 0.0, 1.2345678)": the ceiling written exactly (9 digits).
std::string activation_line(const DenseLayer& layer) {
  if (layer.ceiling <= 0) return "    x = torch.relu(x)\n";
  char line[96];
  std::snprintf(line, sizeof line, "    x = torch.clamp(x, 0.0, %.9g)\n", double(layer.ceiling));
  return line;
}

torch::jit::Module to_script_module(const Mlp& mlp) {
  auto unit = std::make_shared<torch::jit::CompilationUnit>();
  torch::jit::Module top(c10::QualifiedName("__torch__.spikecore.SpikeCoreMLP"), unit);
  top.register_attribute("training", c10::BoolType::get(), false);
  std::string forward = "def forward(self, x):\n    x = torch.flatten(x, 1)\n";
  for (size_t i = 0; i < mlp.layers.size(); ++i) {
    const DenseLayer& layer = mlp.layers[i];
    torch::jit::Module linear(c10::QualifiedName("__torch__.spikecore.Linear"), unit, true);
    linear.register_attribute("training", c10::BoolType::get(), false);
    linear.register_parameter("weight", torch::tensor(layer.weight).reshape({layer.outputs, layer.inputs}), false);
    linear.register_parameter("bias", torch::tensor(layer.bias), false);
    linear.define("def forward(self, x):\n    return torch.linear(x, self.weight, self.bias)\n");
    top.register_module(layer.name, linear);
    forward += "    x = self." + layer.name + ".forward(x)\n";
    if (i + 1 < mlp.layers.size()) forward += activation_line(layer);
  }
  top.define(forward + "    return x\n");
  return top;
}

}  // namespace

void validate(const TrainOptions& options) {
  if (options.hidden.empty()) throw std::invalid_argument("--hidden: give at least one hidden layer size");
  for (int h : options.hidden) {
    if (h < 1) throw std::invalid_argument("--hidden: layer size " + std::to_string(h) + " must be >= 1");
  }
  if (options.epochs < 1 || options.epochs > kMaxEpochs)
    throw std::invalid_argument("--epochs must be in 1.." + std::to_string(kMaxEpochs));
  if (options.batch_size < 1 || options.batch_size > kMaxBatchSize)
    throw std::invalid_argument("--batch-size must be in 1.." + std::to_string(kMaxBatchSize));
  // inf trains a NaN model without a word; a rate above 10 only diverges.
  if (!(options.learning_rate > 0 && options.learning_rate <= 10))
    throw std::invalid_argument("--lr must be a number > 0 and <= 10, got " +
                                std::to_string(options.learning_rate));
  if (options.threads < 1 || options.threads > kMaxThreads)
    throw std::invalid_argument("--threads must be in 1.." + std::to_string(kMaxThreads));
  if (options.levels < 0 || options.levels > kMaxLevels)
    throw std::invalid_argument("--levels must be in 0.." + std::to_string(kMaxLevels) +
                                " (0: plain ReLU)");
}

Mlp train_mlp(const dataset::Dataset& train, const dataset::Dataset* test, const TrainOptions& options,
              const std::function<void(const EpochReport&)>& on_epoch) {
  validate(options);
  if (train.size() == 0) throw std::invalid_argument(train.name + " " + train.split + ": no samples to train on");
  torch::set_num_threads(options.threads);
  torch::manual_seed(options.seed);  // drives both the initial weights and the shuffles

  MlpNet net(options.hidden, options.levels);
  detail::run_epochs(net, train, test, options, on_epoch, [&] { net->keep_ceilings_positive(); });
  return net->to_mlp();
}

std::vector<float> mlp_scores(const Mlp& mlp, const dataset::Images& images) {
  check_shapes(mlp);
  MlpNet net(layer_sizes(mlp), evaluation_levels(mlp));
  net->load(mlp);
  net->eval();
  torch::NoGradGuard no_grad;
  const torch::Tensor scores = net->forward(to_input(images)).contiguous();
  return std::vector<float>(scores.data_ptr<float>(), scores.data_ptr<float>() + scores.numel());
}

void export_torchscript(const Mlp& mlp, const std::string& path, const std::string& metadata_json) {
  check_shapes(mlp);
  const torch::jit::Module module = to_script_module(mlp);
  // Saving to a stream keeps the archive's internal folder name ("archive")
  // independent of the file name, so equal weights give equal bytes.
  std::ostringstream archive;
  module.save(archive, {{"spikecore.json", metadata_json}});

  const std::filesystem::path target(path);
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path());
  write_file_atomically(path, archive.str());
}

}  // namespace spikecore::trainer
