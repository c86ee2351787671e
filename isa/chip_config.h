// The decoded content of a SpikeCore image: what the assembler produces, the
// compiler emits, the image format stores, and the golden model, the SystemC
// model and the host loader consume.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "isa/isa.h"

namespace spikecore::isa {

struct CoreConfig {
  std::array<int8_t, kWeightSramBytes> weights{};
  std::vector<Instruction> program;  // at most kProgramWords, in execution order
  std::vector<RouteEntry> routes;    // at most kRouteEntries
  std::array<NeuronParams, kNeuronSlots> neurons{};

  // True when the core holds anything worth loading (program, routes,
  // non-zero weights or non-default neuron parameters).
  bool used() const;
  // Bytes of the weight SRAM its ACC and CONV instructions read: the end of
  // the highest weight block (blocks start at 0 and are packed).
  unsigned weight_bytes_used() const;
};

struct NeuronRef {
  uint16_t core = 0;
  uint8_t slot = 0;
  bool operator==(const NeuronRef& o) const { return core == o.core && slot == o.slot; }
};

enum class LayerRole : uint8_t { kInput = 0, kHidden = 1, kOutput = 2 };

// Where a network layer lives on the chip: used for traces, rasters, reports.
struct LayerInfo {
  std::string name;  // PyTorch layer name ("fc1") or "input"
  LayerRole role = LayerRole::kHidden;
  std::vector<NeuronRef> neurons;  // neuron i of the layer is neurons[i]
};

// Integer reference network (host-only, never loaded into the chip): the
// quantized ANN that the spiking network approximates; its T -> infinity limit.
// Rate-domain semantics (docs/isa.md, "Integer reference"):
//   r0 = pixel / 255
//   hidden: r = clamp((W r_prev + bias) / threshold, 0, 1)
//   output: score = W r_prev + bias, class = argmax (lowest index on ties)
//   A convolutional layer computes the same with its kernels slid over the input
//   map (NCHW order, zero padding); a depthwise one (average pooling) reads
//   input channel o for output channel o only.
struct ConvGeometry {
  uint16_t in_c = 0, in_h = 0, in_w = 0;
  uint16_t out_c = 0, out_h = 0, out_w = 0;
  uint8_t kernel_h = 0, kernel_w = 0, stride = 1, padding = 0;
  bool depthwise = false;
  bool empty() const { return in_c == 0; }
  unsigned kernel_channels() const { return depthwise ? 1u : in_c; }
  size_t weight_count() const { return size_t(out_c) * kernel_channels() * kernel_h * kernel_w; }
};

struct ReferenceLayer {
  std::string name;
  uint32_t inputs = 0, outputs = 0;
  // Dense: outputs x inputs, row-major. Conv: out_c x kernel_channels x kernel_h x kernel_w.
  std::vector<int8_t> weights;
  std::vector<int16_t> bias;    // per output, current per time step
  int16_t threshold = 1;        // firing threshold of this layer's neurons
  ConvGeometry conv;            // empty: a dense layer
};

// Empty when a convolution's sizes agree (kernel fits, output size follows).
std::string validate(const ConvGeometry& geometry);
// Empty when the layer's sizes agree with each other (weights, biases, geometry).
std::string validate(const ReferenceLayer& layer);
// Every non-zero weight of a reference layer as (output, input, weight),
// inputs ascending and, for one input, outputs ascending.
struct Connection {
  uint32_t output = 0, input = 0;
  int8_t weight = 0;
};
std::vector<Connection> connections(const ReferenceLayer& layer);

// Host-side contract stored in the image (the "host partition").
struct HostConfig {
  std::string model_name;
  uint16_t default_timesteps = 32;
  // Input i (pixel i of the flattened 28x28 image) drives the neuron at
  // inputs[i]: the host writes the pixel byte (0..255) into its bias.
  std::vector<NeuronRef> inputs;
  // Class k is read from outputs[k]: score = spike_count * threshold + membrane.
  std::vector<NeuronRef> outputs;
  std::vector<LayerInfo> layers;
  std::vector<ReferenceLayer> reference;
};

// One chip, or a board of identical chips (docs/isa.md section 1.1). Cores are
// numbered board-wide, chip by chip: global id = chip * cores_per_chip + core,
// chip = chip_y * board_width + chip_x; on one chip the global id is the core id.
struct ChipConfig {
  uint16_t mesh_width = kDefaultMeshWidth;  // cores of one chip
  uint16_t mesh_height = kDefaultMeshHeight;
  uint16_t board_width = 1, board_height = 1;  // chips of the board
  std::vector<CoreConfig> cores;  // num_cores() entries, chip-major
  HostConfig host;
  // The hardware description the image was compiled for (isa::to_json of it;
  // empty: none, e.g. an image made by the assembler). Host-side only.
  std::string hardware;

  unsigned cores_per_chip() const { return unsigned(mesh_width) * mesh_height; }
  unsigned num_chips() const { return unsigned(board_width) * board_height; }
  unsigned num_cores() const { return cores_per_chip() * num_chips(); }
  // Global core id of (chip, core on that chip) and back.
  unsigned global_core(unsigned chip, unsigned core) const { return chip * cores_per_chip() + core; }
  unsigned chip_of(unsigned id) const { return id / cores_per_chip(); }
  unsigned local_core(unsigned id) const { return id % cores_per_chip(); }
  // Core id of mesh position (x, y) on chip 0 and back: id = y * width + x.
  unsigned core_id(unsigned x, unsigned y) const { return y * mesh_width + x; }
  unsigned core_x(unsigned id) const { return local_core(id) % mesh_width; }
  unsigned core_y(unsigned id) const { return local_core(id) / mesh_width; }
  // Position on the board's combined mesh (board_width * mesh_width columns).
  unsigned board_x(unsigned id) const { return chip_of(id) % board_width * mesh_width + core_x(id); }
  unsigned board_y(unsigned id) const { return chip_of(id) / board_width * mesh_height + core_y(id); }
  // Global id of the core a route entry or PSUM instruction sends to.
  unsigned target(const RouteEntry& r) const { return global_core(r.dst_chip, r.dst_core); }
  unsigned target(const PsumFields& p) const { return global_core(p.dst_chip, p.dst_core); }
};

// Makes an empty chip (or board of chips) of the given size (all cores unused).
ChipConfig make_empty_chip(unsigned width = kDefaultMeshWidth,
                           unsigned height = kDefaultMeshHeight, unsigned board_width = 1,
                           unsigned board_height = 1);

// Checks every architectural constraint (program length, field ranges, route
// targets exist, host references point at real slots, dendritic accumulators
// cannot overflow). Returns one human-readable line per problem, naming the
// core and entry; empty when the chip is valid.
std::vector<std::string> check(const ChipConfig& chip);

// Read-out rule shared by every backend: score = count * threshold + membrane;
// the class is the highest score, the lowest index on ties.
int64_t readout_score(uint32_t spike_count, int16_t threshold, int16_t membrane);
int argmax_lowest(const std::vector<int64_t>& scores);

// Integer reference forward pass on one 784-byte image; returns output scores.
std::vector<double> reference_scores(const HostConfig& host, const uint8_t* pixels,
                                     size_t num_pixels);
// Its class: the highest score, the lowest index on ties.
int reference_class(const HostConfig& host, const uint8_t* pixels, size_t num_pixels);

}  // namespace spikecore::isa
