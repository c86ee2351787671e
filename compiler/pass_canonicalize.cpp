// canonicalize: removes no-op nodes, folds matmul + bias into linear, and
// folds the view/reshape/flatten chain at the input into one host flatten.
#include <algorithm>

#include "compiler/pipeline.h"

namespace spikecore::compiler {
namespace {

// Makes every user of `from` read `to` instead, and the graph output too.
void replace_uses(Graph& g, int from, int to) {
  for (Node& n : g.nodes)
    for (int& in : n.inputs)
      if (in == from) in = to;
  if (g.output == from) g.output = to;
}

void erase(Graph& g, int id) {
  g.nodes.erase(std::remove_if(g.nodes.begin(), g.nodes.end(),
                               [id](const Node& n) { return n.id == id; }),
                g.nodes.end());
}

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
      const int id = n.id, source = n.inputs[0];
      replace_uses(g, id, source);
      erase(g, id);
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
      replace_uses(g, add_id, n.id);
      erase(g, add_id);
      return true;
    }
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
  replace_uses(g, end_id, flat_id);
  for (int id : chain) erase(g, id);
}

}  // namespace

void canonicalize(Module& module, PassContext&) {
  Graph& g = module.graph;
  while (drop_identities(g) || fold_matmul_and_bias(g)) {
  }
  fold_input_reshapes(g);
}

}  // namespace spikecore::compiler
