#include "platform/sim/float_reference.h"

#include <stdexcept>

#include "torchref/torch_reference.h"

namespace spikecore::sim {

std::vector<int> pytorch_top1(const std::string& model_path, const dataset::Dataset& data,
                              const std::vector<uint32_t>& indices) {
  const size_t pixels_per_image = size_t(data.images.rows) * data.images.cols;
  // Gather the selected images contiguously: the reference runs them in batches.
  std::vector<uint8_t> gathered(indices.size() * pixels_per_image);
  for (size_t i = 0; i < indices.size(); ++i) {
    const uint8_t* src = data.images.image(indices[i]);
    std::copy(src, src + pixels_per_image, gathered.begin() + i * pixels_per_image);
  }
  torchref::TorchReference reference(model_path);
  torchref::ReferenceOutput out =
      reference.run(gathered.data(), indices.size(), data.images.rows, data.images.cols);
  if (out.classes != data.classes)
    throw std::runtime_error("--reference " + model_path + ": forward returned " +
                             std::to_string(out.classes) + " scores per image, but " + data.name +
                             " has " + std::to_string(data.classes) + " classes");
  return out.top1;
}

}  // namespace spikecore::sim
