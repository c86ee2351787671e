// A LeNet-5 shaped CNN for MNIST (issue #16): conv 1->6 5x5, ReLU, avg-pool 2,
// conv 6->16 5x5, ReLU, avg-pool 2, flatten, 256-120-84-10 with ReLUs. Seeded
// training like the MLP's (Adam, cross-entropy; same options, same weights on
// the same machine) and a TorchScript export the compiler imports: submodules
// conv1, conv2, fc1, fc2, fc3 with `weight` and `bias`.
#pragma once

#include <functional>
#include <string>

#include "dataset/dataset.h"
#include "trainer/mlp_trainer.h"

namespace spikecore::trainer {

// Trains on `train` (options.hidden and options.levels do not apply) and writes
// the model to `path` (atomically; the parent directory is created), with
// `metadata_json` as the archive's "spikecore.json".
void train_lenet(const dataset::Dataset& train, const dataset::Dataset* test,
                 const TrainOptions& options, const std::string& path,
                 const std::string& metadata_json,
                 const std::function<void(const EpochReport&)>& on_epoch = {});

}  // namespace spikecore::trainer
