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
  std::vector<uint8_t> pixels;  // count * rows * cols, row-major, image after image
  const uint8_t* image(size_t i) const { return pixels.data() + i * rows * cols; }
  size_t image_size() const { return size_t(rows) * cols; }
};

// Reads an IDX3 (magic 0x00000803) file; ".gz" files are decompressed.
Images read_idx_images(const std::string& path);
// Reads an IDX1 (magic 0x00000801) file; ".gz" files are decompressed.
std::vector<uint8_t> read_idx_labels(const std::string& path);

struct Dataset {
  std::string name;    // "mnist" or "fashion-mnist"
  std::string split;   // "train" or "test"
  std::string images_path, labels_path;
  Images images;
  std::vector<uint8_t> labels;  // same count as images
  // The number of classes: every tool holds an image's outputs and a model's
  // scores to it (both known datasets have 10).
  unsigned classes = 10;
  size_t size() const { return labels.size(); }
};

// Known datasets: "mnist" (data_dir/mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte,
// made by scripts/setup.sh) and "fashion-mnist" (Debian's
// /usr/share/datasets/fashion-mnist/*.gz). split is "train" or "test".
// data_dir defaults to $SPIKECORE_DATA_DIR, else "data" (relative to the cwd).
// Throws DatasetError for an unknown name/split, a missing file (saying to run
// scripts/setup.sh), a bad magic, truncation, or image/label count mismatch.
Dataset load(const std::string& name, const std::string& split, std::string data_dir = "");

std::vector<std::string> known_datasets();

// Writers used by the setup converter and by tests that build bad files.
void write_idx_images(const std::string& path, const Images& images);
void write_idx_labels(const std::string& path, const std::vector<uint8_t>& labels);

}  // namespace spikecore::dataset
