// IDX reader harness: any file content (plain or gzip) is either read as
// images / labels whose sizes agree with the header, or rejected with a
// DatasetError that names the file. The readers only take a path, so each
// input goes through a scratch file; both readers see every input.
#include <cstddef>
#include <cstdint>
#include <string>

#include "dataset/dataset.h"
#include "fuzz/fuzz_support.h"

namespace {

using namespace spikecore;

void check_names_file(const dataset::DatasetError& e, const std::string& path) {
  if (std::string(e.what()).find(path) == std::string::npos)
    fuzz::fail("idx_reader", std::string("error does not name the file: ") + e.what());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::ScratchFile scratch(".idx");
  const std::string& path = scratch.write(data, size);
  try {
    const dataset::Images images = dataset::read_idx_images(path);
    if (images.pixels.size() != uint64_t(images.count) * images.rows * images.cols)
      fuzz::fail("idx_reader", "pixel count disagrees with the header");
  } catch (const dataset::DatasetError& e) {
    check_names_file(e, path);
  }
  try {
    dataset::read_idx_labels(path);
  } catch (const dataset::DatasetError& e) {
    check_names_file(e, path);
  }
  return 0;
}
