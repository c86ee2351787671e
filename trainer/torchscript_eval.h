// Runs any TorchScript classifier that follows the input contract (trainer/mlp.h)
// on a dataset: the float reference the rest of the lab is measured against.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "dataset/dataset.h"

namespace spikecore::trainer {

struct Evaluation {
  size_t correct = 0, total = 0;
  double accuracy() const { return total ? double(correct) / double(total) : 0.0; }
};

// Scores of the model at `model_path`: images.count x kClasses, row-major.
// Throws std::runtime_error naming the file if it is not a loadable TorchScript
// module or its output is not [N, 10].
std::vector<float> torchscript_scores(const std::string& model_path, const dataset::Images& images);

// Top-1 accuracy: argmax of each row of `scores` (lowest index on ties) vs labels.
Evaluation top1(const std::vector<float>& scores, const std::vector<uint8_t>& labels);

}  // namespace spikecore::trainer
