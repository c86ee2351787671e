#include "torchref/float_top1_plugin.h"

#include <cstdio>
#include <exception>

#include "torchref/torch_reference.h"

extern "C" int spikecore_float_top1(const char* model_path, const uint8_t* pixels, size_t count,
                                    unsigned rows, unsigned cols, int* top1, unsigned* classes,
                                    char* error, size_t error_size) {
  try {
    const spikecore::torchref::ReferenceOutput out =
        spikecore::torchref::TorchReference(model_path).run(pixels, count, rows, cols);
    *classes = out.classes;
    for (size_t i = 0; i < count; ++i) top1[i] = out.top1[i];
    return 0;
  } catch (const std::exception& e) {
    std::snprintf(error, error_size, "%s", e.what());
    return 1;
  }
}
