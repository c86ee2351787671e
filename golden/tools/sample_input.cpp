#include "golden/tools/sample_input.h"

#include <algorithm>
#include <cctype>

#include "common/read_file.h"
#include "dataset/dataset.h"

namespace spikecore::golden {
namespace {

// A sample is one image: 16 MiB is far above any PGM or raw file of one.
constexpr size_t kMaxSampleBytes = size_t(16) << 20;

std::vector<uint8_t> read_file(const std::string& path) {
  std::string contents, error;
  if (!read_whole_file(path, contents, error, kMaxSampleBytes))
    throw SampleError(path + ": cannot read: " + error);
  return std::vector<uint8_t>(contents.begin(), contents.end());
}

// Reads the next header number of a PGM, skipping white space and # comments.
unsigned pgm_number(const std::string& path, const std::vector<uint8_t>& bytes, size_t& pos,
                    const char* what) {
  while (pos < bytes.size()) {
    if (bytes[pos] == '#') {
      while (pos < bytes.size() && bytes[pos] != '\n') ++pos;
    } else if (std::isspace(bytes[pos])) {
      ++pos;
    } else {
      break;
    }
  }
  if (pos >= bytes.size() || !std::isdigit(bytes[pos]))
    throw SampleError(path + ": PGM header: expected the " + what + " at byte " +
                      std::to_string(pos));
  unsigned value = 0;
  while (pos < bytes.size() && std::isdigit(bytes[pos])) {
    value = value * 10 + unsigned(bytes[pos++] - '0');
    if (value > 65535)
      throw SampleError(path + ": PGM header: " + what + " is too large (over 65535)");
  }
  return value;
}

std::vector<uint8_t> parse_pgm(const std::string& path, const std::vector<uint8_t>& bytes,
                               size_t expected_pixels) {
  size_t pos = 2;
  const unsigned width = pgm_number(path, bytes, pos, "width");
  const unsigned height = pgm_number(path, bytes, pos, "height");
  const unsigned maxval = pgm_number(path, bytes, pos, "maximum value");
  if (maxval != 255)
    throw SampleError(path + ": PGM maximum value " + std::to_string(maxval) +
                      ", expected 255 (8-bit pixels)");
  if (size_t(width) * height != expected_pixels)
    throw SampleError(path + ": PGM is " + std::to_string(width) + " x " + std::to_string(height) +
                      ", the image expects " + std::to_string(expected_pixels) + " pixels");
  ++pos;  // the single white-space byte after maxval
  if (bytes.size() < pos + expected_pixels)
    throw SampleError(path + ": PGM pixel data is truncated: " +
                      std::to_string(bytes.size() - std::min(pos, bytes.size())) + " of " +
                      std::to_string(expected_pixels) + " bytes");
  return std::vector<uint8_t>(bytes.begin() + long(pos), bytes.begin() + long(pos + expected_pixels));
}

}  // namespace

std::vector<uint8_t> read_raw_or_pgm(const std::string& path, size_t expected_pixels) {
  const std::vector<uint8_t> bytes = read_file(path);
  if (bytes.size() >= 2 && bytes[0] == 'P' && bytes[1] == '5')
    return parse_pgm(path, bytes, expected_pixels);
  if (bytes.size() >= 2 && bytes[0] == 'P' && bytes[1] == '2')
    throw SampleError(path + ": ASCII PGM (P2) is not supported, expected binary PGM (P5)");
  if (bytes.size() != expected_pixels)
    throw SampleError(path + ": raw input has " + std::to_string(bytes.size()) +
                      " bytes, the image expects " + std::to_string(expected_pixels) +
                      " (one byte per pixel)");
  return bytes;
}

std::vector<uint8_t> read_idx_sample(const std::string& path, size_t index,
                                     size_t expected_pixels) {
  const dataset::Images images = dataset::read_idx_images(path, uint64_t(index) + 1);
  if (index >= images.count)
    throw SampleError(path + ": index " + std::to_string(index) + " out of range, the file has " +
                      std::to_string(images.count_in_file) + " images");
  if (images.image_size() != expected_pixels)
    throw SampleError(path + ": images are " + std::to_string(images.rows) + " x " +
                      std::to_string(images.cols) + ", the image expects " +
                      std::to_string(expected_pixels) + " pixels");
  return std::vector<uint8_t>(images.image(index), images.image(index) + expected_pixels);
}

}  // namespace spikecore::golden
