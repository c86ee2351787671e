// Reads the pixel bytes of one input sample for spikecore-golden-run: a raw
// byte file, a binary PGM (P5, maxval 255) or image N of an IDX3 file.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace spikecore::golden {

class SampleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Raw: exactly `expected_pixels` bytes. PGM: width x height must equal
// `expected_pixels`. Errors name the file and say what was expected.
std::vector<uint8_t> read_raw_or_pgm(const std::string& path, size_t expected_pixels);

// Image `index` of an IDX3 file (plain or .gz) of `expected_pixels` pixels.
std::vector<uint8_t> read_idx_sample(const std::string& path, size_t index,
                                     size_t expected_pixels);

}  // namespace spikecore::golden
