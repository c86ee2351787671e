// Internal to the trainer's LibTorch translation units (mlp_trainer.cpp,
// lenet_trainer.cpp): the input contract as tensors and the seeded epoch loop
// both networks train with. Includes <torch/torch.h>: never include it elsewhere.
#pragma once

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>

#include "dataset/dataset.h"
#include "trainer/mlp.h"
#include "trainer/mlp_trainer.h"

namespace spikecore::trainer::detail {

// The input contract: float32 [N, 1, 28, 28] = pixel byte / 255.
inline torch::Tensor to_input(const dataset::Images& images) {
  if (images.rows != kImageSide || images.cols != kImageSide) {
    throw std::invalid_argument("images are " + std::to_string(images.rows) + "x" +
                                std::to_string(images.cols) + ", expected 28x28");
  }
  auto bytes = torch::from_blob(const_cast<uint8_t*>(images.pixels.data()),
                                {int64_t(images.count), 1, kImageSide, kImageSide}, torch::kUInt8);
  return bytes.to(torch::kFloat32).div(255.0);
}

inline torch::Tensor to_targets(const std::vector<uint8_t>& labels) {
  return torch::from_blob(const_cast<uint8_t*>(labels.data()), {int64_t(labels.size())}, torch::kUInt8)
      .to(torch::kInt64);
}

template <class Net>
double accuracy(Net& net, const dataset::Dataset& ds) {
  torch::NoGradGuard no_grad;
  const torch::Tensor predicted = net->forward(to_input(ds.images)).argmax(1);
  return predicted.eq(to_targets(ds.labels)).sum().item<double>() / double(ds.size());
}

// Adam on cross-entropy, minibatches in a seeded random order; after_step runs
// after every optimizer step (e.g. to keep trained ceilings positive).
template <class Net>
void run_epochs(Net& net, const dataset::Dataset& train, const dataset::Dataset* test,
                const TrainOptions& options, const std::function<void(const EpochReport&)>& on_epoch,
                const std::function<void()>& after_step = {}) {
  torch::optim::Adam optimizer(net->parameters(), torch::optim::AdamOptions(options.learning_rate));
  const torch::Tensor inputs = to_input(train.images);
  const torch::Tensor targets = to_targets(train.labels);
  const int64_t n = int64_t(train.size());
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    const auto start = std::chrono::steady_clock::now();
    net->train();
    const torch::Tensor order = torch::randperm(n, torch::kInt64);
    double loss_sum = 0;
    int64_t batches = 0, correct = 0;
    for (int64_t first = 0; first < n; first += options.batch_size) {
      const torch::Tensor index = order.slice(0, first, std::min(n, first + options.batch_size));
      const torch::Tensor x = inputs.index_select(0, index);
      const torch::Tensor y = targets.index_select(0, index);
      optimizer.zero_grad();
      const torch::Tensor scores = net->forward(x);
      const torch::Tensor loss = torch::nn::functional::cross_entropy(scores, y);
      loss.backward();
      optimizer.step();
      if (after_step) after_step();
      loss_sum += loss.item<double>();
      correct += scores.argmax(1).eq(y).sum().item<int64_t>();
      ++batches;
    }
    net->eval();
    EpochReport report;
    report.epoch = epoch;
    report.mean_loss = loss_sum / double(batches);
    report.train_accuracy = double(correct) / double(n);
    if (test) report.test_accuracy = accuracy(net, *test);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (on_epoch) on_epoch(report);
  }
}

}  // namespace spikecore::trainer::detail
