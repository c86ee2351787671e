// Loads and runs TorchScript models. Includes only <torch/script.h>, the
// lighter half of LibTorch.
#include "trainer/torchscript_eval.h"

#include <torch/script.h>

#include <filesystem>
#include <stdexcept>

#include "trainer/mlp.h"

namespace spikecore::trainer {
namespace {

std::string shape_text(const at::Tensor& t) {
  std::string text = "[";
  for (int64_t d = 0; d < t.dim(); ++d) text += (d ? ", " : "") + std::to_string(t.size(d));
  return text + "]";
}

}  // namespace

std::vector<float> torchscript_scores(const std::string& model_path, const dataset::Images& images) {
  if (images.rows != kImageSide || images.cols != kImageSide) {
    throw std::runtime_error("images are " + std::to_string(images.rows) + "x" + std::to_string(images.cols) +
                             ", expected 28x28");
  }
  if (!std::filesystem::is_regular_file(model_path)) {
    throw std::runtime_error(model_path + ": model file not found (scripts/run.sh trains models/mnist_mlp.pt)");
  }
  torch::jit::Module module;
  try {
    module = torch::jit::load(model_path);
  } catch (const c10::Error& e) {
    throw std::runtime_error(model_path + ": cannot load as a TorchScript model (" +
                             e.what_without_backtrace() + ")");
  }
  module.eval();
  torch::NoGradGuard no_grad;
  const at::Tensor input =
      torch::from_blob(const_cast<uint8_t*>(images.pixels.data()),
                       {int64_t(images.count), 1, kImageSide, kImageSide}, torch::kUInt8)
          .to(torch::kFloat32)
          .div(255.0);
  c10::IValue output;
  try {
    output = module.forward({input});
  } catch (const c10::Error& e) {
    throw std::runtime_error(model_path + ": forward failed on float32 [N, 1, 28, 28] input (" +
                             e.what_without_backtrace() + ")");
  }
  if (!output.isTensor()) {
    throw std::runtime_error(model_path + ": forward returned " + output.tagKind() + ", expected a tensor");
  }
  const at::Tensor scores = output.toTensor().to(torch::kFloat32).contiguous();
  if (scores.dim() != 2 || scores.size(0) != int64_t(images.count) || scores.size(1) != kClasses) {
    throw std::runtime_error(model_path + ": forward returned shape " + shape_text(scores) + ", expected [" +
                             std::to_string(images.count) + ", 10]");
  }
  return std::vector<float>(scores.data_ptr<float>(), scores.data_ptr<float>() + scores.numel());
}

Evaluation top1(const std::vector<float>& scores, const std::vector<uint8_t>& labels) {
  if (scores.size() != labels.size() * kClasses) {
    throw std::invalid_argument("top1: " + std::to_string(scores.size()) + " scores for " +
                                std::to_string(labels.size()) + " labels, expected 10 per label");
  }
  Evaluation result;
  result.total = labels.size();
  for (size_t i = 0; i < labels.size(); ++i) {
    const float* row = scores.data() + i * kClasses;
    int best = 0;
    for (int c = 1; c < kClasses; ++c) {
      if (row[c] > row[best]) best = c;
    }
    if (best == labels[i]) ++result.correct;
  }
  return result;
}

}  // namespace spikecore::trainer
