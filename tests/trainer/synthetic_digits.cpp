#include "tests/trainer/synthetic_digits.h"

namespace spikecore::trainer::testing {

dataset::Dataset synthetic_digits(uint32_t count, uint32_t noise_seed) {
  dataset::Dataset ds;
  ds.name = "synthetic";
  ds.split = "train";
  ds.images.count = count;
  ds.images.rows = 28;
  ds.images.cols = 28;
  ds.images.pixels.resize(size_t(count) * 784);
  uint32_t state = noise_seed * 2654435761u + 1;
  for (uint32_t i = 0; i < count; ++i) {
    const uint8_t label = uint8_t(i % 10);
    ds.labels.push_back(label);
    uint8_t* image = ds.images.pixels.data() + size_t(i) * 784;
    for (int p = 0; p < 784; ++p) {
      state = state * 1664525u + 1013904223u;  // LCG noise, 0..63
      image[p] = uint8_t(state >> 26);
    }
    const int first_row = 2 + 2 * label;
    for (int row = first_row; row < first_row + 2; ++row) {
      for (int col = 4; col < 24; ++col) image[row * 28 + col] = 255;
    }
  }
  return ds;
}

}  // namespace spikecore::trainer::testing
