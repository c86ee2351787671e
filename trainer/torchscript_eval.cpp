// Float evaluation for spikecore-train: LibTorch's own forward pass comes from
// torchref (the one place that runs TorchScript models), so this file stays
// torch-free.
#include "trainer/torchscript_eval.h"

#include <stdexcept>

#include "torchref/torch_reference.h"
#include "trainer/mlp.h"

namespace spikecore::trainer {

std::vector<float> torchscript_scores(const std::string& model_path, const dataset::Images& images) {
  if (images.rows != kImageSide || images.cols != kImageSide) {
    throw std::runtime_error("images are " + std::to_string(images.rows) + "x" + std::to_string(images.cols) +
                             ", expected 28x28");
  }
  const torchref::ReferenceOutput out =
      torchref::TorchReference(model_path).run(images.pixels.data(), images.count, images.rows, images.cols);
  if (out.classes != unsigned(kClasses)) {
    throw std::runtime_error(model_path + ": forward returned " + std::to_string(out.classes) +
                             " scores per image, expected 10");
  }
  return out.scores;
}

Evaluation top1(const std::vector<float>& scores, const std::vector<uint8_t>& labels) {
  if (scores.size() != labels.size() * kClasses) {
    throw std::invalid_argument("top1: " + std::to_string(scores.size()) + " scores for " +
                                std::to_string(labels.size()) + " labels, expected 10 per label");
  }
  Evaluation result;
  result.total = labels.size();
  for (size_t i = 0; i < labels.size(); ++i)
    if (torchref::top1_lowest(scores.data() + i * kClasses, kClasses) == labels[i]) ++result.correct;
  return result;
}

}  // namespace spikecore::trainer
