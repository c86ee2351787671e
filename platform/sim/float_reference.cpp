// LibTorch is loaded here, at the first --reference, from the build's
// lib/libspikecore_float_top1.so (torchref/float_top1_plugin.h): a run
// without --reference never loads it.
#include "platform/sim/float_reference.h"

#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "common/install_layout.h"
#include "torchref/float_top1_plugin.h"

namespace spikecore::sim {
namespace {

std::string plugin_path() { return plugin_library_path(kFloatTop1Library); }

SpikecoreFloatTop1 load_float_top1() {
  static SpikecoreFloatTop1 entry = [] {
    const std::string path = plugin_path();
    void* library = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr)
      throw std::runtime_error("--reference needs LibTorch's forward pass, " + path +
                               ", which cannot be loaded (" + dlerror() +
                               "); rebuild with cmake --build build (or reinstall), or set "
                               "SPIKECORE_LIB_DIR to the directory that holds it");
    auto* found = reinterpret_cast<SpikecoreFloatTop1>(dlsym(library, "spikecore_float_top1"));
    if (found == nullptr)
      throw std::runtime_error(path + " has no spikecore_float_top1: a stale build; rebuild it");
    return found;
  }();
  return entry;
}

}  // namespace

std::vector<int> pytorch_top1(const std::string& model_path, const dataset::Dataset& data,
                              const std::vector<uint32_t>& indices) {
  const size_t pixels_per_image = size_t(data.images.rows) * data.images.cols;
  // Gather the selected images contiguously: the reference runs them in batches.
  std::vector<uint8_t> gathered(indices.size() * pixels_per_image);
  for (size_t i = 0; i < indices.size(); ++i) {
    const uint8_t* src = data.images.image(indices[i]);
    std::copy(src, src + pixels_per_image, gathered.begin() + i * pixels_per_image);
  }
  std::vector<int> top1(indices.size());
  unsigned classes = 0;
  char error[2048] = {};
  if (load_float_top1()(model_path.c_str(), gathered.data(), indices.size(), data.images.rows,
                        data.images.cols, top1.data(), &classes, error, sizeof error) != 0)
    throw std::runtime_error(error);
  if (classes != data.classes)
    throw std::runtime_error("--reference " + model_path + ": forward returned " +
                             std::to_string(classes) + " scores per image, but " + data.name +
                             " has " + std::to_string(data.classes) + " classes");
  return top1;
}

}  // namespace spikecore::sim
