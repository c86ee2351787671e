// IDX format (http://yann.lecun.com/exdb/mnist/): a 4-byte magic (two zero bytes,
// a type code, the number of dimensions), one big-endian uint32 per dimension,
// then the data. We read and write unsigned-byte IDX3 images and IDX1 labels.
#include <cstdio>
#include <string>
#include <vector>

#include "dataset/dataset.h"
#include "dataset/file_io.h"

namespace spikecore::dataset {
namespace {

constexpr uint32_t kImagesMagic = 0x00000803;  // unsigned byte, 3 dimensions
constexpr uint32_t kLabelsMagic = 0x00000801;  // unsigned byte, 1 dimension

uint32_t read_be32(const uint8_t* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

void append_be32(std::vector<uint8_t>& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(uint8_t(v >> shift));
}

std::string hex32(uint32_t v) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08X", v);
  return text;
}

// Says what a magic number means, so "found 0x00000801" explains itself.
std::string describe_magic(uint32_t magic) {
  if ((magic >> 16) != 0) return "not an IDX file";
  const char* type = nullptr;
  switch ((magic >> 8) & 0xFF) {
    case 0x08: type = "unsigned byte"; break;
    case 0x09: type = "signed byte"; break;
    case 0x0B: type = "int16"; break;
    case 0x0C: type = "int32"; break;
    case 0x0D: type = "float32"; break;
    case 0x0E: type = "float64"; break;
    default: return "unknown IDX data type";
  }
  return std::string("IDX") + std::to_string(magic & 0xFF) + " " + type;
}

// Checks the magic and the header; returns the dimensions.
std::vector<uint32_t> read_header(const std::string& path, const std::vector<uint8_t>& bytes,
                                  uint32_t expected_magic) {
  if (bytes.size() < 4) {
    throw DatasetError(path + ": truncated: " + std::to_string(bytes.size()) +
                       " bytes, too short for the 4-byte IDX magic");
  }
  const uint32_t magic = read_be32(bytes.data());
  if (magic != expected_magic) {
    throw DatasetError(path + ": bad magic " + hex32(magic) + " (" + describe_magic(magic) +
                       "), expected " + hex32(expected_magic) + " (" +
                       describe_magic(expected_magic) + ")");
  }
  const size_t dims = magic & 0xFF;
  const size_t header_size = 4 + 4 * dims;
  if (bytes.size() < header_size) {
    throw DatasetError(path + ": truncated: header needs " + std::to_string(header_size) +
                       " bytes, file has " + std::to_string(bytes.size()));
  }
  std::vector<uint32_t> sizes;
  for (size_t d = 0; d < dims; ++d) sizes.push_back(read_be32(bytes.data() + 4 + 4 * d));
  return sizes;
}

void check_data_size(const std::string& path, size_t actual, uint64_t expected,
                     const std::string& what) {
  if (actual < expected) {
    throw DatasetError(path + ": truncated: header says " + what + ", " +
                       std::to_string(expected) + " bytes in all; file has " + std::to_string(actual));
  }
  if (actual > expected) {
    throw DatasetError(path + ": " + std::to_string(actual - expected) +
                       " unexpected bytes after the data: header says " + what + ", " +
                       std::to_string(expected) + " bytes in all; file has " + std::to_string(actual));
  }
}

}  // namespace

Images read_idx_images(const std::string& path) {
  const std::vector<uint8_t> bytes = detail::read_file_bytes(path);
  const std::vector<uint32_t> dims = read_header(path, bytes, kImagesMagic);
  Images images;
  images.count = dims[0];
  images.rows = dims[1];
  images.cols = dims[2];
  if (images.rows == 0 || images.cols == 0) {
    throw DatasetError(path + ": images of " + std::to_string(images.rows) + "x" +
                       std::to_string(images.cols) + " pixels are empty");
  }
  const uint64_t pixels = uint64_t(images.count) * images.rows * images.cols;
  check_data_size(path, bytes.size(), 16 + pixels,
                  std::to_string(images.count) + " images of " + std::to_string(images.rows) +
                      "x" + std::to_string(images.cols));
  images.pixels.assign(bytes.begin() + 16, bytes.end());
  return images;
}

std::vector<uint8_t> read_idx_labels(const std::string& path) {
  const std::vector<uint8_t> bytes = detail::read_file_bytes(path);
  const std::vector<uint32_t> dims = read_header(path, bytes, kLabelsMagic);
  check_data_size(path, bytes.size(), 8 + uint64_t(dims[0]), std::to_string(dims[0]) + " labels");
  return std::vector<uint8_t>(bytes.begin() + 8, bytes.end());
}

void write_idx_images(const std::string& path, const Images& images) {
  const uint64_t pixels = uint64_t(images.count) * images.rows * images.cols;
  if (images.pixels.size() != pixels) {
    throw DatasetError(path + ": cannot write " + std::to_string(images.count) + " images of " +
                       std::to_string(images.rows) + "x" + std::to_string(images.cols) + " from " +
                       std::to_string(images.pixels.size()) + " pixels (expected " +
                       std::to_string(pixels) + ")");
  }
  std::vector<uint8_t> bytes;
  bytes.reserve(16 + images.pixels.size());
  append_be32(bytes, kImagesMagic);
  append_be32(bytes, images.count);
  append_be32(bytes, images.rows);
  append_be32(bytes, images.cols);
  bytes.insert(bytes.end(), images.pixels.begin(), images.pixels.end());
  detail::write_file_atomically(path, bytes);
}

void write_idx_labels(const std::string& path, const std::vector<uint8_t>& labels) {
  if (labels.size() > UINT32_MAX) throw DatasetError(path + ": too many labels for IDX");
  std::vector<uint8_t> bytes;
  bytes.reserve(8 + labels.size());
  append_be32(bytes, kLabelsMagic);
  append_be32(bytes, uint32_t(labels.size()));
  bytes.insert(bytes.end(), labels.begin(), labels.end());
  detail::write_file_atomically(path, bytes);
}

}  // namespace spikecore::dataset
