// Datasets of 28x28 8-bit images with labels, read from IDX files (plain or
// gzip-compressed). Every error names the file and what is wrong.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace spikecore::dataset {

class DatasetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Images {
  uint32_t count = 0, rows = 0, cols = 0;
  uint32_t count_in_file = 0;   // the header's count; more than `count` when a prefix was read
  std::vector<uint8_t> pixels;  // count * rows * cols, row-major, image after image
  const uint8_t* image(size_t i) const { return pixels.data() + i * rows * cols; }
  size_t image_size() const { return size_t(rows) * cols; }
};

constexpr uint64_t kAllRecords = UINT64_MAX;

// Reads an IDX3 (magic 0x00000803) file, only its first `max_count` images
// (gzip files are decompressed, and only as far as needed).
Images read_idx_images(const std::string& path, uint64_t max_count = kAllRecords);
// Reads an IDX1 (magic 0x00000801) file, only its first `max_count` labels;
// `count_in_file` (if given) receives the header's count.
std::vector<uint8_t> read_idx_labels(const std::string& path, uint64_t max_count = kAllRecords,
                                     uint32_t* count_in_file = nullptr);

struct Dataset {
  std::string name;    // "mnist" or "fashion-mnist"
  std::string split;   // "train" or "test"
  std::string images_path, labels_path;
  Images images;
  std::vector<uint8_t> labels;  // same count as images
  // The number of classes: every tool holds an image's outputs and a model's
  // scores to it (both known datasets have 10).
  unsigned classes = 10;
  size_t size() const { return labels.size(); }  // samples loaded
  size_t samples_in_split = 0;                    // samples in the files (>= size())
};

// Known datasets: "mnist" (data_dir/mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte,
// made by scripts/setup.sh) and "fashion-mnist" (Debian's
// /usr/share/datasets/fashion-mnist/*.gz). split is "train" or "test".
// An empty data_dir means $SPIKECORE_DATA_DIR, else ./data when it holds
// mnist/, else the installed PREFIX/share/spikecore/data, else the data/ of
// the source tree the binary was built from.
// Only the first `max_samples` samples are read (a run of 10 digits reads 10).
// Throws DatasetError for an unknown name/split, a missing file (saying to run
// scripts/setup.sh), a bad magic, truncation, or image/label count mismatch.
Dataset load(const std::string& name, const std::string& split, std::string data_dir = "",
             uint64_t max_samples = kAllRecords);

std::vector<std::string> known_datasets();

// The validation digits: the last validation_count(n) samples of a train split
// of n (1000, or a fifth of a small split). spikecore-train leaves them out of
// training, and spikecore-compile chooses the default T on them, so that choice
// sees digits the model did not learn (docs/compiler.md, "Time steps").
constexpr size_t kValidationSamples = 1000;
inline size_t validation_count(size_t n) { return n / 5 < kValidationSamples ? n / 5 : kValidationSamples; }
inline size_t validation_begin(const Dataset& train) { return train.size() - validation_count(train.size()); }

// Samples [first, first + count) of a loaded data set, as a data set of their own.
Dataset slice(const Dataset& ds, size_t first, size_t count);

// Writers used by the setup converter and by tests that build bad files.
void write_idx_images(const std::string& path, const Images& images);
void write_idx_labels(const std::string& path, const std::vector<uint8_t>& labels);

}  // namespace spikecore::dataset
