#include "compiler/ir.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace spikecore::compiler {

std::string SourceLocation::to_string() const {
  if (!known()) return "<unknown location>";
  if (line == 0) return file;
  std::ostringstream out;
  out << file << ':' << line << ':' << column;
  return out.str();
}

std::string Tensor::shape_string() const {
  std::ostringstream out;
  out << '[';
  for (size_t i = 0; i < shape.size(); ++i) out << (i ? ", " : "") << shape[i];
  out << ']';
  return out.str();
}

const char* op_name(OpKind kind) {
  switch (kind) {
    case OpKind::kInput: return "input";
    case OpKind::kFlatten: return "flatten";
    case OpKind::kReshape: return "reshape";
    case OpKind::kIdentity: return "identity";
    case OpKind::kLinear: return "linear";
    case OpKind::kMatMul: return "matmul";
    case OpKind::kAddConst: return "add";
    case OpKind::kRelu: return "relu";
    case OpKind::kScaleShift: return "scale_shift";
    case OpKind::kConv2d: return "conv2d";
    case OpKind::kAvgPool2d: return "avg_pool2d";
    case OpKind::kUnsupported: return "unsupported";
    case OpKind::kHostFlatten: return "host.flatten";
    case OpKind::kDenseRelu: return "dense_relu";
    case OpKind::kDenseBias: return "dense_bias";
    case OpKind::kConvRelu: return "conv_relu";
    case OpKind::kHostEncode: return "host.encode_rate";
    case OpKind::kSpikeCoreCall: return "call";
    case OpKind::kHostReadout: return "host.readout";
  }
  return "?";
}

const char* target_name(Target t) {
  switch (t) {
    case Target::kUnassigned: return "unassigned";
    case Target::kHost: return "host";
    case Target::kSpikeCore: return "spikecore";
  }
  return "?";
}

Node& Graph::add(Node n) {
  n.id = next_id++;
  nodes.push_back(std::move(n));
  return nodes.back();
}

Node* Graph::find(int id) {
  for (Node& n : nodes)
    if (n.id == id) return &n;
  return nullptr;
}

const Node* Graph::find(int id) const {
  for (const Node& n : nodes)
    if (n.id == id) return &n;
  return nullptr;
}

std::vector<int> Graph::users(int id) const {
  std::vector<int> out;
  for (const Node& n : nodes)
    for (int in : n.inputs)
      if (in == id) {
        out.push_back(n.id);
        break;
      }
  return out;
}

void Graph::replace_uses(int from, int to) {
  for (Node& n : nodes)
    for (int& in : n.inputs)
      if (in == from) in = to;
  if (output == from) output = to;
}

void Graph::erase(int id) {
  nodes.erase(std::remove_if(nodes.begin(), nodes.end(), [id](const Node& n) { return n.id == id; }),
              nodes.end());
}

void Graph::bypass(int id) {
  const int source = find(id)->inputs.at(0);
  replace_uses(id, source);
  erase(id);
}

std::vector<const Node*> Graph::layer_chain() const {
  std::vector<const Node*> out;
  for (const Node& n : nodes)
    if (n.is_layer()) out.push_back(&n);
  return out;
}

std::vector<Node*> Graph::layer_chain() {
  std::vector<Node*> out;
  for (Node& n : nodes)
    if (n.is_layer()) out.push_back(&n);
  return out;
}

namespace {
unsigned elements(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return unsigned(n);
}
}  // namespace

unsigned Graph::layer_inputs(const Node& layer) const {
  if (layer.is_dense()) return unsigned(layer.weight.dim(1));
  const Node* source = layer.inputs.empty() ? nullptr : find(layer.inputs[0]);
  return source ? elements(source->shape) : 0;
}

unsigned Graph::layer_outputs(const Node& layer) const {
  return layer.is_dense() ? unsigned(layer.weight.dim(0)) : elements(layer.shape);
}

isa::ConvGeometry Graph::conv_geometry(const Node& layer) const {
  isa::ConvGeometry g;
  const Node* source = layer.inputs.empty() ? nullptr : find(layer.inputs[0]);
  if (!layer.is_conv_layer() || !layer.window || !source || source->shape.size() != 3 ||
      layer.shape.size() != 3)
    return g;
  const Window& w = *layer.window;
  g.in_c = uint16_t(source->shape[0]);
  g.in_h = uint16_t(source->shape[1]);
  g.in_w = uint16_t(source->shape[2]);
  g.out_c = uint16_t(layer.shape[0]);
  g.out_h = uint16_t(layer.shape[1]);
  g.out_w = uint16_t(layer.shape[2]);
  g.kernel_h = uint8_t(w.kernel_h);
  g.kernel_w = uint8_t(w.kernel_w);
  g.stride = uint8_t(w.stride_h);
  g.padding = uint8_t(w.pad_h);
  g.depthwise = layer.kind == OpKind::kAvgPool2d || (w.groups > 1 && w.groups == g.in_c);
  return g;
}

const Run* run_holding(const std::vector<Run>& runs, unsigned neuron) {
  for (const Run& r : runs)
    if (r.holds(neuron)) return &r;
  return nullptr;
}

unsigned Mapping::hops(int a, int b) const {
  if (a < 0 || b < 0) return 0;
  const int ax = int(board_x(a)), ay = int(board_y(a));
  const int bx = int(board_x(b)), by = int(board_y(b));
  return unsigned(std::abs(ax - bx) + std::abs(ay - by));
}

unsigned Mapping::chip_crossings(int a, int b) const {
  if (a < 0 || b < 0) return 0;
  const int ca = int(chip_of(a)), cb = int(chip_of(b)), w = int(board_width);
  return unsigned(std::abs(ca % w - cb % w) + std::abs(ca / w - cb / w));
}

}  // namespace spikecore::compiler
