// The only translation unit of torchref that includes LibTorch.
#include "torchref/torch_reference.h"

#include <torch/script.h>

#include <fstream>

namespace spikecore::torchref {

struct TorchReference::Impl {
  torch::jit::script::Module module;
};

int top1_lowest(const float* scores, unsigned n) {
  int best = 0;
  for (unsigned k = 1; k < n; ++k)
    if (scores[k] > scores[best]) best = int(k);
  return best;
}

TorchReference::TorchReference(const std::string& model_path)
    : path_(model_path), impl_(std::make_unique<Impl>()) {
  if (!std::ifstream(model_path, std::ios::binary))
    throw TorchRefError(model_path + ": cannot open the model file");
  try {
    impl_->module = torch::jit::load(model_path);
  } catch (const std::exception& e) {
    // c10 messages carry a C++ backtrace: keep only the first line.
    std::string what = e.what();
    throw TorchRefError(model_path + ": not a TorchScript archive (" +
                        what.substr(0, what.find('\n')) + ")");
  }
  impl_->module.eval();
}

TorchReference::~TorchReference() = default;
TorchReference::TorchReference(TorchReference&&) noexcept = default;
TorchReference& TorchReference::operator=(TorchReference&&) noexcept = default;

ReferenceOutput TorchReference::run(const uint8_t* pixels, size_t count, unsigned rows,
                                    unsigned cols, size_t batch) const {
  ReferenceOutput out;
  torch::NoGradGuard no_grad;
  const size_t image_size = size_t(rows) * cols;
  for (size_t first = 0; first < count; first += batch) {
    const int64_t n = int64_t(std::min(batch, count - first));
    auto bytes = torch::from_blob(const_cast<uint8_t*>(pixels + first * image_size),
                                  {n, 1, int64_t(rows), int64_t(cols)}, torch::kUInt8);
    auto input = bytes.to(torch::kFloat32).div(255.0);
    torch::Tensor result;
    try {
      auto value = impl_->module.forward({input});
      if (!value.isTensor())
        throw TorchRefError(path_ + ": forward() returned " + value.tagKind() +
                            ", expected one tensor [N, classes]");
      result = value.toTensor();
    } catch (const TorchRefError&) {
      throw;
    } catch (const std::exception& e) {
      std::string what = e.what();
      throw TorchRefError(path_ + ": forward() failed on a [N,1," + std::to_string(rows) + "," +
                          std::to_string(cols) + "] input: " + what.substr(0, what.find('\n')));
    }
    if (result.dim() != 2 || result.size(0) != n)
      throw TorchRefError(path_ + ": forward() returned shape " +
                          c10::str(result.sizes()) + ", expected [" + std::to_string(n) +
                          ", classes]");
    result = result.to(torch::kFloat32).contiguous();
    const unsigned classes = unsigned(result.size(1));
    if (out.classes == 0) out.classes = classes;
    const float* data = result.data_ptr<float>();
    out.scores.insert(out.scores.end(), data, data + n * classes);
    for (int64_t i = 0; i < n; ++i) out.top1.push_back(top1_lowest(data + i * classes, classes));
  }
  return out;
}

}  // namespace spikecore::torchref
