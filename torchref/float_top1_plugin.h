// The C entry point of libspikecore_float_top1.so, the LibTorch forward pass
// that spikecore-sim loads (dlopen) only when --reference asks for it: without
// it, a run does not pay the ~0.4 s of loading LibTorch's 290 libraries.
// Plain C types, so that nothing C++ crosses the dlopen boundary.
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" {

// Runs the TorchScript model at `model_path` on `count` images of rows x cols
// bytes at `pixels`; writes each image's top-1 class to top1[0 .. count) and
// the number of scores per image to *classes. Returns 0 on success;
// otherwise writes the error (torchref's message, naming the file) to
// `error` (error_size bytes, NUL-terminated) and returns 1.
int spikecore_float_top1(const char* model_path, const uint8_t* pixels, size_t count,
                         unsigned rows, unsigned cols, int* top1, unsigned* classes, char* error,
                         size_t error_size);
using SpikecoreFloatTop1 = decltype(&spikecore_float_top1);

}  // extern "C"

// The library's file name, next to the other libraries of the build (lib/).
inline constexpr const char* kFloatTop1Library = "libspikecore_float_top1.so";
