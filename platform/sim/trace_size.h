// How large a VCD trace will be, estimated before the run from the golden
// model: most of a trace is the routers' flit and occupancy changes, so its
// size follows the flits the traced samples move (docs/simulator.md has the
// measurement behind the constant). The estimate is for a refusal with a
// figure, not an exact size; the tracer also stops a trace that really
// outgrows the bound.
#pragma once

#include <cstdint>
#include <vector>

#include "dataset/dataset.h"
#include "isa/chip_config.h"

namespace spikecore::sim {

// Bytes per flit depend on how far flits travel (each router on the way
// logs its changes). Measured: the MNIST MLP (784-128-10, T = 16, every core,
// 10 samples) wrote 74.5 bytes per flit (11 243 891 bytes, 150 889 flits); the
// catalogue's good_784 image at T = 65535 (8 samples) 145 bytes per flit
// (568 800 476 bytes, 3 920 267 flits). The constant lies between, so an
// estimate is within about 1.5x either way.
constexpr double kVcdBytesPerFlit = 110.0;
// Header (declarations) and the .gtkw, generously.
constexpr uint64_t kVcdFixedBytes = 1 << 20;

struct TraceSizeEstimate {
  uint64_t bytes = 0;
  uint64_t flits = 0;           // moved by the traced samples (extrapolated past `measured`)
  size_t measured_samples = 0;  // traced samples the golden model ran for the estimate
};

struct TraceExtent {
  std::vector<uint32_t> samples;  // IDX indices
  uint32_t timesteps = 0;
  uint32_t step_begin = 0, step_end = UINT32_MAX;  // inclusive
  std::vector<uint32_t> cores;    // empty: every core
};

TraceSizeEstimate estimate_trace_size(const isa::ChipConfig& chip, const dataset::Dataset& data,
                                      const TraceExtent& extent);

}  // namespace spikecore::sim
