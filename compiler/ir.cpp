#include "compiler/ir.h"

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

std::vector<const Node*> Graph::dense_chain() const {
  std::vector<const Node*> out;
  for (const Node& n : nodes)
    if (n.is_dense()) out.push_back(&n);
  return out;
}

std::vector<Node*> Graph::dense_chain() {
  std::vector<Node*> out;
  for (Node& n : nodes)
    if (n.is_dense()) out.push_back(&n);
  return out;
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
