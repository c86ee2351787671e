// Seeded, deterministic training of an MLP on a dataset (LibTorch, Adam,
// cross-entropy) and its export as TorchScript. Same options and data give
// byte-identical weights on the same machine.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dataset/dataset.h"
#include "trainer/mlp.h"

namespace spikecore::trainer {

struct TrainOptions {
  // 784-32-10 by default: int8 weights of 784*32 + 32*10 bytes fill 100 of the
  // chip's 128 cores of 256 bytes, leaving room for the compiler's tiling.
  std::vector<int> hidden = {32};
  int epochs = 15;
  int batch_size = 64;
  double learning_rate = 1e-3;
  uint64_t seed = 1;
  // Fixed (not "all cores") so the floating-point reduction order, and with it
  // the weights, do not depend on the machine's core count.
  int threads = 1;
  // 0: plain ReLU. n > 0: quantization-aware training for a chip that counts
  // n spikes per neuron (QCFS, docs/compiler.md): inputs are rounded to n
  // levels, each hidden activation is lambda * clamp(floor(z n / lambda + 1/2)
  // / n, 0, 1) with a trained lambda per layer (straight-through gradient), and
  // the export is clamp(z, 0, lambda), which the compiler maps exactly.
  int levels = 0;
};

struct EpochReport {
  int epoch = 0;              // 1-based
  double mean_loss = 0;       // mean cross-entropy over the epoch's batches
  double train_accuracy = 0;  // of the batches as they were trained (0..1)
  double test_accuracy = -1;  // after the epoch; -1 without a test set
  double seconds = 0;
};

// Bounds of validate(): beyond them a run is a mistake (thousands of threads,
// a month of epochs), not a setting.
constexpr int kMaxEpochs = 100000;
constexpr int kMaxBatchSize = 1 << 20;
constexpr int kMaxThreads = 256;
constexpr int kMaxLevels = 1024;

// Throws std::invalid_argument naming the option when one is out of range.
void validate(const TrainOptions& options);

// Trains on `train`; reports after each epoch (test accuracy when `test` is given).
Mlp train_mlp(const dataset::Dataset& train, const dataset::Dataset* test, const TrainOptions& options,
              const std::function<void(const EpochReport&)>& on_epoch = {});

// Scores of the trained network: images.count x kClasses, row-major.
std::vector<float> mlp_scores(const Mlp& mlp, const dataset::Images& images);

// Writes the network as a TorchScript module: submodules fc1, fc2, ... with
// `weight` and `bias` parameters, forward = flatten, linear, relu, ..., linear.
// `metadata_json` is stored as the archive's extra file "spikecore.json".
// Written to a temporary file and renamed into place; the parent dir is created.
void export_torchscript(const Mlp& mlp, const std::string& path, const std::string& metadata_json);

}  // namespace spikecore::trainer
