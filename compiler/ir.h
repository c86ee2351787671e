// The compiler's one IR: a small dataflow graph of the imported model that the
// passes rewrite and annotate, plus the mapping, chip and assembly sections the
// later passes fill in. Every part of it can be printed (ir_printer.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/mapping.h"
#include "isa/chip_config.h"

namespace spikecore::compiler {

// Where a node came from in the user's Python source (1-based line and column).
struct SourceLocation {
  std::string file;
  unsigned line = 0, column = 0;
  bool known() const { return !file.empty(); }
  std::string to_string() const;  // "file:line:col", "file" (line 0) or "<unknown location>"
};

// A dense float tensor (row-major). Only weights and biases live in the IR.
struct Tensor {
  std::vector<int64_t> shape;
  std::vector<float> data;
  bool empty() const { return data.empty(); }
  int64_t dim(size_t i) const { return shape.at(i); }
  std::string shape_string() const;  // "[32, 784]"
};

enum class OpKind {
  kInput,        // the model's input image, per sample [1, 28, 28]
  kFlatten,      // aten::flatten(x, 1, -1)
  kReshape,      // aten::view / aten::reshape to [batch, ...]
  kIdentity,     // aten::dropout in eval mode, aten::contiguous
  kLinear,       // y = x W^T (+ b): aten::linear, aten::addmm
  kMatMul,       // y = x M with a constant M [in, out]: aten::matmul, aten::mm
  kAddConst,     // y = x + c with a constant c [out]: aten::add
  kRelu,         // aten::relu; with `ceiling`: relu6, hardtanh(0, c), clamp(0, c)
  kScaleShift,   // y = x * weight + bias elementwise (weight, bias: [elements of x]):
                 // sub / div / mul / add / neg by constants, batch_norm in eval mode
  kConv2d,       // aten::conv2d / _convolution on [C, H, W]: weight [OC, IC/groups, KH, KW]
  kAvgPool2d,    // aten::avg_pool2d on [C, H, W]
  kUnsupported,  // any other operation, kept so that diagnostics can name it
  // Introduced by the passes:
  kHostFlatten,     // canonicalize: the host flattens the image to 784 pixels
  kDenseRelu,       // merge-composites: linear + relu
  kDenseBias,       // merge-composites: final linear (+ bias)
  kConvRelu,        // merge-composites: conv2d + relu (a spiking convolutional layer)
  kHostEncode,      // partition: pixel bytes -> input neurons' bias (rate code)
  kSpikeCoreCall,   // partition: hands the input spikes to the SpikeCore subgraph
  kHostReadout,     // partition: read-out score = count * threshold + V, argmax
};
const char* op_name(OpKind kind);  // "dense_relu", "host.flatten", ...

enum class Target { kUnassigned, kHost, kSpikeCore };
const char* target_name(Target t);

// The sliding window of a Conv2d or AvgPool2d (dilation 1, no ceil mode).
struct Window {
  int64_t kernel_h = 1, kernel_w = 1, stride_h = 1, stride_w = 1, pad_h = 0, pad_w = 0;
  int64_t groups = 1;              // Conv2d: input and output channels split in as many groups
  bool count_include_pad = true;   // AvgPool2d: divide by the whole window, padding included
  // Output size along one axis for an input of `size`.
  static int64_t out_size(int64_t size, int64_t kernel, int64_t stride, int64_t pad) {
    return (size + 2 * pad - kernel) / stride + 1;
  }
};

// Quantization of one layer (filled by the quantize pass).
struct QuantParams {
  unsigned depth = 0;         // 1 for the first dense layer; its bias_start
  double input_lambda = 1.0;  // lambda of the layer feeding this one (1 for pixels)
  double lambda = 0.0;        // activation scale: the pre-activation percentile
  double scale = 0.0;         // float weight per integer step: max|W'| / 127
  std::vector<int8_t> weights;  // as the float weight tensor ([out, in] or the kernels), -127..127
  std::vector<int16_t> bias;    // per output neuron, added every step from `depth`
  int16_t threshold = 1;
  unsigned clipped_weights = 0, clipped_biases = 0, threshold_clipped = 0;
  std::vector<double> mean_rate;  // calibration: mean spike rate per output neuron
};

struct Node {
  int id = -1;
  OpKind kind = OpKind::kUnsupported;
  std::string name;   // value name printed as %name
  std::string op;     // TorchScript operation it came from ("aten::linear")
  std::string layer;  // PyTorch layer ("fc1", "1", "enc.0"); may be empty
  std::string layer_type;  // its module class ("Linear", "Conv2d"); may be empty
  SourceLocation loc;
  std::vector<int> inputs;     // ids of the nodes producing the operands
  std::vector<int64_t> shape;  // per-sample shape of the result (no batch dim)
  Tensor weight;               // kLinear/dense: [out, in]; kMatMul: [in, out];
                               // conv: [OC, IC/groups, KH, KW]; pool layer: [C, 1, KH, KW]
  Tensor bias;                 // [out], may be empty; conv: [OC] or per output [OC, OH, OW]
  std::vector<int64_t> reshape_to;  // kReshape: target shape without batch dim
  std::optional<Window> window;     // kConv2d, kAvgPool2d
  std::string detail;          // kUnsupported: why; others: free-form note
  std::optional<double> ceiling;  // kRelu / kDenseRelu: the output is clamped to [0, ceiling]
  Target target = Target::kUnassigned;
  std::string partition;       // "main" or the SpikeCore subgraph ("spikecore_0")
  int result = -1;             // kSpikeCoreCall: the subgraph node whose value it returns
  std::optional<QuantParams> quant;

  bool is_dense() const { return kind == OpKind::kDenseRelu || kind == OpKind::kDenseBias; }
  // A layer of spiking neurons on the chip: dense, convolutional or average
  // pooling (a depthwise convolution of equal weights, merge-composites).
  bool is_layer() const { return is_dense() || is_conv_layer(); }
  bool is_conv_layer() const {
    return kind == OpKind::kConvRelu || (kind == OpKind::kAvgPool2d && !weight.empty());
  }
};

struct Graph {
  std::string source;       // the model file it was imported from
  std::vector<Node> nodes;  // topological order
  int output = -1;          // id of the node whose value the model returns
  int next_id = 0;
  // Import dropped forward()'s final "softmax" or "log_softmax" (empty: none):
  // the read-out takes the argmax, which neither changes. The IR's scores are
  // the logits before it.
  std::string dropped_final_op;
  SourceLocation dropped_final_loc;

  Node& add(Node n);  // assigns an id
  Node* find(int id);
  const Node* find(int id) const;
  std::vector<int> users(int id) const;
  // Rewriting: every user of `from` (and the output) reads `to` instead; a
  // node goes; a node goes and its users read its first operand.
  void replace_uses(int from, int to);
  void erase(int id);
  void bypass(int id);
  // The chip's layers (Node::is_layer) in execution order (after merge-composites).
  std::vector<const Node*> layer_chain() const;
  std::vector<Node*> layer_chain();
  // Neurons a layer reads and computes (its input's and its own elements).
  unsigned layer_inputs(const Node& layer) const;
  unsigned layer_outputs(const Node& layer) const;
  // The convolution of a conv or pooling layer (empty for a dense layer).
  isa::ConvGeometry conv_geometry(const Node& layer) const;
};

// Per-timestep agreement figures measured by the timesteps pass.
struct TimestepPoint {
  unsigned timesteps = 0;
  double agreement = 0.0;  // golden-model class == float top-1
  double accuracy = 0.0;   // golden-model class == label
};

struct CalibrationInfo {
  std::string dataset, split;
  unsigned samples = 0;
  double percentile = 98.0, output_percentile = 100.0;
  std::vector<double> input_mean_rate;  // per input pixel: mean of pixel / 255
  double float_accuracy = -1, reference_accuracy = -1, reference_agreement = -1;
  std::string eval_split;     // where the accuracies above were measured
  unsigned eval_samples = 0;
};

struct Module {
  std::string model_path, model_name;
  Graph graph;
  CalibrationInfo calibration;
  std::optional<Mapping> mapping;  // lower, place, route
  std::optional<isa::ChipConfig> chip;  // codegen, assemble
  unsigned timesteps = 0;               // chosen or requested default
  std::vector<TimestepPoint> timestep_curve;
  double timestep_ceiling = -1;  // int8 ceiling's agreement with float on those images
  double timestep_target = -1;   // the agreement the chosen T had to reach
  std::string assembly;                 // codegen
  std::vector<std::string> pass_log;    // one line per pass run
  std::vector<std::string> warnings;    // said on stderr even with --quiet, and in the report
};

}  // namespace spikecore::compiler
