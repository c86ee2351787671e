// IDX format (http://yann.lecun.com/exdb/mnist/): a 4-byte magic (two zero bytes,
// a type code, the number of dimensions), one big-endian uint32 per dimension,
// then the data. We read and write unsigned-byte IDX3 images and IDX1 labels.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
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

// Past the data, read at most this much more to say how much was unexpected:
// a file with gigabytes of trailing garbage is refused without reading it all.
constexpr uint64_t kTrailingBytesRead = 1 << 20;

void check_data_size(const std::string& path, uint64_t actual, uint64_t expected,
                     const std::string& what) {
  if (actual < expected) {
    throw DatasetError(path + ": truncated: header says " + what + ", " +
                       std::to_string(expected) + " bytes in all; file has " + std::to_string(actual));
  }
  if (actual > expected) {
    const bool capped = actual - expected >= kTrailingBytesRead;
    throw DatasetError(path + ": " + (capped ? "at least " : "") +
                       std::to_string(actual - expected) +
                       " unexpected bytes after the data: header says " + what + ", " +
                       std::to_string(expected) + " bytes in all; file has " +
                       (capped ? "more" : std::to_string(actual)));
  }
}

struct IdxData {
  std::vector<uint32_t> dims;  // dims[0]: records in the file
  std::vector<uint8_t> data;   // the first min(dims[0], max_records) records
};

// Reads the header, then only the records asked for: `--count 1` of a split
// whose header claims a million images reads one image. The whole file's size
// is still checked against the header when that is cheap (a plain file), and
// always when every record is read.
// `check_dims` (if set) may refuse the header before any data is looked at.
IdxData read_idx(const std::string& path, uint32_t magic, uint64_t max_records,
                 const std::function<std::string(const std::vector<uint32_t>&)>& describe,
                 const std::function<void(const std::vector<uint32_t>&)>& check_dims = {}) {
  IdxData idx;
  const size_t max_header = 4 + 4 * 255;
  idx.dims = read_header(path, detail::read_file_bytes(path, max_header), magic);
  if (check_dims) check_dims(idx.dims);
  const uint64_t header = 4 + 4 * uint64_t(idx.dims.size());
  uint64_t record = 1;
  for (size_t d = 1; d < idx.dims.size(); ++d) record *= idx.dims[d];
  const uint64_t total = header + uint64_t(idx.dims[0]) * record;
  const uint64_t records = std::min<uint64_t>(idx.dims[0], max_records);
  std::vector<uint8_t> bytes;
  if (records == idx.dims[0]) {
    bytes = detail::read_file_bytes(path, total + kTrailingBytesRead);
    check_data_size(path, bytes.size(), total, describe(idx.dims));
  } else {
    const uint64_t wanted = header + records * record;
    bool plain = false;
    bytes = detail::read_file_bytes(path, wanted, &plain);
    if (plain) check_data_size(path, std::filesystem::file_size(path), total, describe(idx.dims));
    if (bytes.size() < wanted)
      throw DatasetError(path + ": truncated: " + std::to_string(records) + " records need " +
                         std::to_string(wanted) + " bytes; file has " +
                         std::to_string(bytes.size()));
  }
  idx.data.assign(bytes.begin() + long(header), bytes.begin() + long(header + records * record));
  return idx;
}

std::string describe_images(const std::vector<uint32_t>& dims) {
  return std::to_string(dims[0]) + " images of " + std::to_string(dims[1]) + "x" +
         std::to_string(dims[2]);
}

std::string describe_labels(const std::vector<uint32_t>& dims) {
  return std::to_string(dims[0]) + " labels";
}

}  // namespace

Images read_idx_images(const std::string& path, uint64_t max_count) {
  // Empty images first: with rows or cols 0 every image has no bytes.
  auto refuse_empty_images = [&](const std::vector<uint32_t>& dims) {
    if (dims[1] == 0 || dims[2] == 0)
      throw DatasetError(path + ": images of " + std::to_string(dims[1]) + "x" +
                         std::to_string(dims[2]) + " pixels are empty");
  };
  IdxData idx = read_idx(path, kImagesMagic, max_count, describe_images, refuse_empty_images);
  Images images;
  images.count_in_file = idx.dims[0];
  images.count = uint32_t(std::min<uint64_t>(idx.dims[0], max_count));
  images.rows = idx.dims[1];
  images.cols = idx.dims[2];
  images.pixels = std::move(idx.data);
  return images;
}

std::vector<uint8_t> read_idx_labels(const std::string& path, uint64_t max_count,
                                     uint32_t* count_in_file) {
  IdxData idx = read_idx(path, kLabelsMagic, max_count, describe_labels);
  if (count_in_file) *count_in_file = idx.dims[0];
  return std::move(idx.data);
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
