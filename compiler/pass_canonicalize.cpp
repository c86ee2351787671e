// canonicalize: removes no-op nodes, folds matmul + bias into linear, folds
// constant scales and shifts (input normalisation, BatchNorm1d) into the
// Linear next to them and BatchNorm2d into the Conv2d before it, an input
// normalisation and an average pooling into the Conv2d next to them, merges ReLUs
// in a row, and folds the view/reshape/flatten chain at the input into one
// host flatten.
#include <algorithm>

#include "compiler/conv_folds.h"
#include "compiler/elementwise.h"
#include "compiler/pipeline.h"

namespace spikecore::compiler {
namespace {

int64_t elements(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

bool drop_identities(Graph& g) {
  for (const Node& n : g.nodes) {
    const bool no_op_reshape = (n.kind == OpKind::kReshape || n.kind == OpKind::kFlatten) &&
                               n.inputs.size() == 1 && g.find(n.inputs[0]) &&
                               g.find(n.inputs[0])->shape == n.shape &&
                               g.find(n.inputs[0])->kind != OpKind::kInput;
    if ((n.kind == OpKind::kIdentity && n.inputs.size() == 1) || no_op_reshape) {
      g.bypass(n.id);
      return true;
    }
  }
  return false;
}

// matmul(x, M) [+ c]  ->  linear(x, M^T, c); linear(x, W) + c -> linear(x, W, c).
bool fold_matmul_and_bias(Graph& g) {
  for (Node& n : g.nodes) {
    if (n.kind == OpKind::kMatMul) {
      const int64_t in = n.weight.dim(0), out = n.weight.dim(1);
      Tensor w;
      w.shape = {out, in};
      w.data.resize(n.weight.data.size());
      for (int64_t i = 0; i < in; ++i)
        for (int64_t o = 0; o < out; ++o) w.data[o * in + i] = n.weight.data[i * out + o];
      n.weight = std::move(w);
      n.kind = OpKind::kLinear;
      return true;
    }
    if (n.kind == OpKind::kLinear && n.bias.empty()) {
      const auto users = g.users(n.id);
      if (users.size() != 1 || g.output == n.id) continue;
      Node* add = g.find(users[0]);
      if (add->kind != OpKind::kAddConst || add->bias.data.size() != size_t(n.weight.dim(0)))
        continue;
      n.bias = add->bias;
      if (n.layer.empty()) n.layer = add->layer;
      const int add_id = add->id;
      g.replace_uses(add_id, n.id);
      g.erase(add_id);
      return true;
    }
  }
  return false;
}

// "aten::div at model.py:9:14", after what was composed into it before.
std::string fold_description(const Node& folded) {
  std::string what = folded.op.empty() ? op_name(folded.kind) : folded.op;
  if (folded.loc.known()) what += " at " + folded.loc.to_string();
  return folded.detail.empty() ? what : folded.detail + ", " + what;
}

// Notes on the Linear what was folded into it, for the printed IR.
void note_fold(Node& linear, const Node& folded) {
  linear.detail += (linear.detail.empty() ? "folded: " : ", ") + fold_description(folded);
}

// The Linear that reads `id` through a single-user chain of flatten /
// reshape (which keep the elements' order), or null.
Node* linear_reading(Graph& g, int id) {
  for (;;) {
    const auto users = g.users(id);
    if (users.size() != 1 || g.output == id) return nullptr;
    Node* u = g.find(users[0]);
    if (u->kind == OpKind::kLinear) return u;
    if (u->kind != OpKind::kFlatten && u->kind != OpKind::kReshape) return nullptr;
    id = u->id;
  }
}

// scale_shift(scale_shift(x)) -> one; a scale_shift read by a Linear folds into
// its weights (input side); one after a Linear folds into them (output side).
bool fold_scale_shifts(Graph& g) {
  for (Node& n : g.nodes) {
    if (n.kind != OpKind::kScaleShift || n.inputs.size() != 1) continue;
    Node* source = g.find(n.inputs[0]);
    const bool sole_user = source && g.users(source->id).size() == 1 && g.output != source->id;
    if (sole_user && source->kind == OpKind::kScaleShift) {
      for (size_t i = 0; i < n.weight.data.size(); ++i) {
        n.bias.data[i] += n.weight.data[i] * source->bias.data[i];
        n.weight.data[i] *= source->weight.data[i];
      }
      n.detail = fold_description(*source) + (n.detail.empty() ? "" : ", " + n.detail);
      n.inputs = source->inputs;
      g.erase(source->id);
      return true;
    }
    Node* reader = linear_reading(g, n.id);
    const bool folds_forward =
        reader && reader->weight.dim(1) == int64_t(n.weight.data.size());
    const bool folds_backward = !folds_forward && sole_user && source->kind == OpKind::kLinear &&
                                source->weight.dim(0) == int64_t(n.weight.data.size());
    if (!folds_forward && !folds_backward) continue;
    Node& linear = folds_forward ? *reader : *source;
    if (folds_forward) fold_into_inputs(linear, n.weight.data, n.bias.data);
    else fold_into_outputs(linear, n.weight.data, n.bias.data);
    if (folds_backward && linear.layer.empty()) linear.layer = n.layer;  // x @ W.t() + self.b
    note_fold(linear, n);
    g.bypass(n.id);
    return true;
  }
  return false;
}

// The per-channel scale and shift of a scale_shift over a [C, H, W] value:
// false when some channel's plane is not one constant (a broadcast buffer).
bool per_channel(const Node& n, std::vector<float>& scale, std::vector<float>& shift) {
  if (n.shape.size() != 3) return false;
  const size_t channels = size_t(n.shape[0]), plane = size_t(n.shape[1] * n.shape[2]);
  if (n.weight.data.size() != channels * plane) return false;
  scale.assign(channels, 0.0f);
  shift.assign(channels, 0.0f);
  for (size_t c = 0; c < channels; ++c) {
    scale[c] = n.weight.data[c * plane];
    shift[c] = n.bias.data[c * plane];
    for (size_t i = 1; i < plane; ++i)
      if (n.weight.data[c * plane + i] != scale[c] || n.bias.data[c * plane + i] != shift[c])
        return false;
  }
  return true;
}

// conv2d -> scale_shift per output channel (BatchNorm2d in eval mode, a
// scale by constants): W'[o] = a_o W[o], b'_o = a_o b_o + s_o.
bool fold_scale_shift_into_conv(Graph& g) {
  for (Node& n : g.nodes) {
    if (n.kind != OpKind::kScaleShift || n.inputs.size() != 1) continue;
    Node* conv = g.find(n.inputs[0]);
    if (!conv || conv->kind != OpKind::kConv2d || g.users(conv->id).size() != 1 ||
        g.output == conv->id)
      continue;
    std::vector<float> scale, shift;
    if (!per_channel(n, scale, shift) || scale.size() != size_t(conv->weight.dim(0))) continue;
    const size_t per_output = conv->weight.data.size() / scale.size();
    if (conv->bias.empty()) {
      conv->bias.shape = {int64_t(scale.size())};
      conv->bias.data.assign(scale.size(), 0.0f);
    }
    for (size_t o = 0; o < scale.size(); ++o) {
      for (size_t i = 0; i < per_output; ++i) conv->weight.data[o * per_output + i] *= scale[o];
      conv->bias.data[o] = scale[o] * conv->bias.data[o] + shift[o];
    }
    note_fold(*conv, n);
    const int id = n.id;
    g.replace_uses(id, conv->id);
    g.erase(id);
    return true;
  }
  return false;
}

// scale_shift per input channel -> conv2d (an input normalisation before the
// first conv): folded into the conv (conv_folds.h).
bool fold_scale_shift_into_conv_inputs(Graph& g) {
  for (Node& n : g.nodes) {
    if (n.kind != OpKind::kScaleShift || n.inputs.size() != 1) continue;
    const auto users = g.users(n.id);
    if (users.size() != 1 || g.output == n.id) continue;
    Node* conv = g.find(users[0]);
    if (!conv || conv->kind != OpKind::kConv2d || !conv->window || conv->shape.size() != 3)
      continue;
    std::vector<float> scale, shift;
    if (!per_channel(n, scale, shift) ||
        int64_t(scale.size()) != conv->weight.dim(1) * conv->window->groups)
      continue;
    fold_input_scale_shift(*conv, n.shape, scale, shift);
    note_fold(*conv, n);
    g.bypass(n.id);
    return true;
  }
  return false;
}

// conv2d -> avg_pool2d without padding (pooling before the ReLU): one conv
// (conv_folds.h).
bool fold_avg_pool_into_conv(Graph& g) {
  for (Node& n : g.nodes) {
    if (n.kind != OpKind::kAvgPool2d || !n.window || n.window->pad_h || n.window->pad_w ||
        n.inputs.size() != 1)
      continue;
    Node* conv = g.find(n.inputs[0]);
    if (!conv || conv->kind != OpKind::kConv2d || !conv->window ||
        g.users(conv->id).size() != 1 || g.output == conv->id)
      continue;
    fold_avg_pool(*conv, n);
    note_fold(*conv, n);
    const int id = n.id;
    g.replace_uses(id, conv->id);
    g.erase(id);
    return true;
  }
  return false;
}

// relu(relu(x)) with ceilings a, b -> relu with ceiling min(a, b).
bool merge_relu_chains(Graph& g) {
  for (Node& n : g.nodes) {
    if (n.kind != OpKind::kRelu || n.inputs.size() != 1) continue;
    const Node* source = g.find(n.inputs[0]);
    if (!source || source->kind != OpKind::kRelu || g.users(source->id).size() != 1 ||
        g.output == source->id)
      continue;
    if (source->ceiling && (!n.ceiling || *source->ceiling < *n.ceiling))
      n.ceiling = source->ceiling;
    const int id = source->id;
    n.inputs = source->inputs;
    g.erase(id);
    return true;
  }
  return false;
}

// input -> flatten/reshape... -> x  becomes  input -> host.flatten -> x.
void fold_input_reshapes(Graph& g) {
  const Node* input = nullptr;
  for (const Node& n : g.nodes)
    if (n.kind == OpKind::kInput) input = &n;
  if (!input) return;
  int last = input->id;
  std::vector<int> chain;
  for (;;) {
    const auto users = g.users(last);
    if (users.size() != 1) break;
    const Node* u = g.find(users[0]);
    if (u->kind != OpKind::kFlatten && u->kind != OpKind::kReshape) break;
    chain.push_back(u->id);
    last = u->id;
  }
  if (chain.empty()) return;
  const Node* end = g.find(last);
  if (end->shape.size() != 1) return;  // not flat yet: leave it for the checks
  Node flat;
  flat.kind = OpKind::kHostFlatten;
  flat.name = "pixels";
  flat.op = g.find(chain.front())->op;
  flat.loc = g.find(chain.front())->loc;
  flat.layer = g.find(chain.front())->layer;
  flat.inputs = {input->id};
  flat.shape = {elements(input->shape)};
  const int end_id = end->id;
  Node& added = g.add(flat);
  const int flat_id = added.id;
  // Keep topological order: the new node goes right after the input.
  Node moved = g.nodes.back();
  g.nodes.pop_back();
  const auto pos = std::find_if(g.nodes.begin(), g.nodes.end(),
                                [](const Node& n) { return n.kind == OpKind::kInput; });
  g.nodes.insert(pos + 1, moved);
  g.replace_uses(end_id, flat_id);
  for (int id : chain) g.erase(id);
}

}  // namespace

void canonicalize(Module& module, PassContext&) {
  Graph& g = module.graph;
  while (drop_identities(g) || fold_matmul_and_bias(g) || fold_scale_shifts(g) ||
         fold_scale_shift_into_conv(g) || fold_scale_shift_into_conv_inputs(g) ||
         fold_avg_pool_into_conv(g) || merge_relu_chains(g)) {
  }
  fold_input_reshapes(g);
}

}  // namespace spikecore::compiler
