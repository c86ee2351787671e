// LeNet training and export (LibTorch, through trainer/torch_training.h).
#include "trainer/lenet_trainer.h"

#include <filesystem>
#include <sstream>

#include "common/atomic_file.h"
#include "trainer/torch_training.h"

namespace spikecore::trainer {
namespace {

class LeNetImpl : public torch::nn::Module {
 public:
  LeNetImpl()
      : conv1_(register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 6, 5)))),
        conv2_(register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(6, 16, 5)))),
        fc1_(register_module("fc1", torch::nn::Linear(256, 120))),
        fc2_(register_module("fc2", torch::nn::Linear(120, 84))),
        fc3_(register_module("fc3", torch::nn::Linear(84, kClasses))) {}

  torch::Tensor forward(torch::Tensor x) {
    x = torch::avg_pool2d(torch::relu(conv1_->forward(x)), {2, 2});
    x = torch::avg_pool2d(torch::relu(conv2_->forward(x)), {2, 2});
    x = torch::flatten(x, 1);
    x = torch::relu(fc1_->forward(x));
    x = torch::relu(fc2_->forward(x));
    return fc3_->forward(x);
  }

  // The scripted twin of forward(), with the trained parameters.
  torch::jit::Module to_script_module() const {
    auto unit = std::make_shared<torch::jit::CompilationUnit>();
    torch::jit::Module top(c10::QualifiedName("__torch__.spikecore.SpikeCoreLeNet"), unit);
    top.register_attribute("training", c10::BoolType::get(), false);
    auto add = [&](const char* name, const torch::Tensor& weight, const torch::Tensor& bias,
                   const char* op) {
      torch::jit::Module layer(c10::QualifiedName(std::string("__torch__.spikecore.") + op),
                               unit, true);
      layer.register_attribute("training", c10::BoolType::get(), false);
      layer.register_parameter("weight", weight.detach().clone(), false);
      layer.register_parameter("bias", bias.detach().clone(), false);
      layer.define(std::string("def forward(self, x):\n    return torch.") +
                   (std::string(op) == "Conv2d" ? "conv2d" : "linear") +
                   "(x, self.weight, self.bias)\n");
      top.register_module(name, layer);
    };
    add("conv1", conv1_->weight, conv1_->bias, "Conv2d");
    add("conv2", conv2_->weight, conv2_->bias, "Conv2d");
    add("fc1", fc1_->weight, fc1_->bias, "Linear");
    add("fc2", fc2_->weight, fc2_->bias, "Linear");
    add("fc3", fc3_->weight, fc3_->bias, "Linear");
    top.define(
        "def forward(self, x):\n"
        "    x = torch.avg_pool2d(torch.relu(self.conv1.forward(x)), [2, 2])\n"
        "    x = torch.avg_pool2d(torch.relu(self.conv2.forward(x)), [2, 2])\n"
        "    x = torch.flatten(x, 1)\n"
        "    x = torch.relu(self.fc1.forward(x))\n"
        "    x = torch.relu(self.fc2.forward(x))\n"
        "    return self.fc3.forward(x)\n");
    return top;
  }

 private:
  torch::nn::Conv2d conv1_, conv2_;
  torch::nn::Linear fc1_, fc2_, fc3_;
};
TORCH_MODULE(LeNet);

}  // namespace

void train_lenet(const dataset::Dataset& train, const dataset::Dataset* test,
                 const TrainOptions& options, const std::string& path,
                 const std::string& metadata_json,
                 const std::function<void(const EpochReport&)>& on_epoch) {
  TrainOptions checked = options;
  if (checked.hidden.empty()) checked.hidden = {1};  // not used by this network
  validate(checked);
  if (options.levels != 0)
    throw std::invalid_argument("--levels applies to the MLP only, not to --arch lenet");
  if (train.size() == 0) throw std::invalid_argument(train.name + " " + train.split + ": no samples to train on");
  torch::set_num_threads(options.threads);
  torch::manual_seed(options.seed);  // drives both the initial weights and the shuffles
  LeNet net;
  detail::run_epochs(net, train, test, options, on_epoch);
  std::ostringstream archive;  // a stream keeps the archive's folder name fixed: same bytes
  net->to_script_module().save(archive, {{"spikecore.json", metadata_json}});
  const std::filesystem::path target(path);
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path());
  write_file_atomically(path, archive.str());
}

}  // namespace spikecore::trainer
