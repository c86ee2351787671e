// PyTorch's own float top-1 for the samples of a run (LibTorch forward pass).
#pragma once

#include <string>
#include <vector>

#include "dataset/dataset.h"

namespace spikecore::sim {

std::vector<int> pytorch_top1(const std::string& model_path, const dataset::Dataset& data,
                              const std::vector<uint32_t>& indices);

}  // namespace spikecore::sim
