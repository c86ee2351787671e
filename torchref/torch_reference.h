// Float reference: runs a TorchScript model's own forward pass (LibTorch) on
// 28x28 8-bit images. The compiler's report and `spikecore-sim --reference`
// compare the chip's classes with these. This header does not include torch.
//
// Input contract: float32 tensor [N, 1, 28, 28] holding pixel / 255.
// Output contract: [N, classes] scores; top-1 is the highest score, the
// lowest class index on ties (the same rule as the chip's read-out).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace spikecore::torchref {

class TorchRefError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ReferenceOutput {
  unsigned classes = 0;
  std::vector<float> scores;  // samples x classes, row-major
  std::vector<int> top1;      // per sample
  size_t size() const { return top1.size(); }
};

class TorchReference {
 public:
  // Loads the TorchScript archive; throws TorchRefError naming the file when it
  // cannot be read or is not a TorchScript module.
  explicit TorchReference(const std::string& model_path);
  ~TorchReference();
  TorchReference(TorchReference&&) noexcept;
  TorchReference& operator=(TorchReference&&) noexcept;

  // Runs `count` images of `rows` x `cols` bytes stored one after another at
  // `pixels`, in batches. Throws TorchRefError when the model rejects the input
  // or does not return a [N, C] float tensor.
  ReferenceOutput run(const uint8_t* pixels, size_t count, unsigned rows = 28,
                      unsigned cols = 28, size_t batch = 500) const;

  const std::string& path() const { return path_; }

 private:
  struct Impl;
  std::string path_;
  std::unique_ptr<Impl> impl_;
};

// Index of the highest score among scores[0..n), the lowest index on ties.
int top1_lowest(const float* scores, unsigned n);

// The reason inside a TorchScript interpreter error, whose first line only
// says "The following operation failed in the TorchScript interpreter.": its
// last line ("mat1 and mat2 shapes cannot be multiplied (2x784 and 100x32)"),
// with the place in the user's source it names ("at model.py:12"), if any.
std::string interpreter_error_reason(const std::string& what);

}  // namespace spikecore::torchref
