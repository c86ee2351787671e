// The only translation unit of torchref that includes LibTorch.
#include "torchref/torch_reference.h"

#include <torch/script.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/zip_inflation.h"

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

std::string interpreter_error_reason(const std::string& what) {
  std::vector<std::string> lines;
  std::istringstream in(what);
  for (std::string line; std::getline(in, line);)
    if (line.find_first_not_of(" \t") != std::string::npos) lines.push_back(line);
  if (lines.empty()) return what;
  std::string reason = lines.back();
  for (const char* prefix : {"RuntimeError: ", "Exception: "})
    if (reason.rfind(prefix, 0) == 0) reason = reason.substr(std::strlen(prefix));
  // The first frame of the original code is the user's forward().
  const auto original = std::find_if(lines.begin(), lines.end(), [](const std::string& l) {
    return l.find("Traceback of TorchScript, original code") != std::string::npos;
  });
  if (original != lines.end() && original + 1 != lines.end()) {
    const std::string& frame = *(original + 1);
    const size_t file = frame.find("File \""), end = frame.find("\", line ");
    if (file != std::string::npos && end != std::string::npos && end > file + 6) {
      const size_t number = end + 8;
      reason += " (at " + frame.substr(file + 6, end - file - 6) + ":" +
                frame.substr(number, frame.find(',', number) - number) + ")";
    }
  }
  return reason;
}

// The lab feeds float32 pixels; a model exported in float64 or float16 fails
// inside LibTorch with a dtype mismatch that names neither the model's dtype
// nor the fix.
void require_float32_parameters(const torch::jit::script::Module& module, const std::string& path) {
  for (const auto& p : module.named_parameters(/*recurse=*/true)) {
    if (p.value.scalar_type() == torch::kFloat32) continue;
    const c10::ScalarType type = p.value.scalar_type();
    const char* torch_name = type == torch::kFloat64   ? " (torch.float64)"
                             : type == torch::kFloat16 ? " (torch.float16)"
                             : type == torch::kBFloat16 ? " (torch.bfloat16)"
                                                        : "";
    throw TorchRefError(path + ": parameter " + p.name + " is " +
                        std::string(c10::toString(type)) + torch_name +
                        ", but the lab feeds float32 images [N, 1, 28, 28]: convert the model "
                        "with model.float() before torch.jit.script / torch.jit.trace and save");
  }
}

TorchReference::TorchReference(const std::string& model_path)
    : path_(model_path), impl_(std::make_unique<Impl>()) {
  if (!std::ifstream(model_path, std::ios::binary))
    throw TorchRefError(model_path + ": cannot open the model file");
  try {
    require_model_archive_within_bound(model_path);
  } catch (const std::runtime_error& e) {
    throw TorchRefError(e.what());
  }
  try {
    impl_->module = torch::jit::load(model_path);
  } catch (const std::exception& e) {
    // c10 messages carry a C++ backtrace: keep only the first line.
    std::string what = e.what();
    throw TorchRefError(model_path + ": not a TorchScript archive (" +
                        what.substr(0, what.find('\n')) + ")");
  }
  impl_->module.eval();
  require_float32_parameters(impl_->module, path_);
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
      throw TorchRefError(path_ + ": forward() failed on a [N,1," + std::to_string(rows) + "," +
                          std::to_string(cols) + "] input: " + interpreter_error_reason(e.what()));
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
