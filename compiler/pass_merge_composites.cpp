// merge-composites: linear + relu -> dense_relu; the final linear -> dense_bias
// (its bias becomes the output neurons' constant current); conv2d + relu ->
// conv_relu; an avg_pool2d of spikes becomes a layer of its own (a depthwise
// convolution of equal weights); the flatten between the conv stack and the
// first Linear goes (PyTorch's NCHW flatten is the order the chip numbers
// neurons in).
#include <algorithm>
#include <map>
#include <string>

#include "compiler/elementwise.h"
#include "compiler/pipeline.h"

namespace spikecore::compiler {
namespace {

// `layer` followed by a ReLU that only it feeds: the ReLU goes into the layer.
bool absorb_relu(Graph& g, Node& layer, OpKind merged) {
  const auto users = g.users(layer.id);
  if (users.size() != 1 || g.output == layer.id || g.find(users[0])->kind != OpKind::kRelu)
    return false;
  const int relu = users[0];
  layer.kind = merged;
  layer.ceiling = g.find(relu)->ceiling;
  g.replace_uses(relu, layer.id);
  g.erase(relu);
  return true;
}

// Spikes are rates >= 0, so a pooling layer reading them is a spiking layer
// (equal weights 1/(kh*kw); with count_include_pad=False and padding the
// border windows divide by less, which equal weights cannot say: left to the
// model checks).
bool reads_spikes(const Graph& g, const Node& pool) {
  const Node* source = pool.inputs.empty() ? nullptr : g.find(pool.inputs[0]);
  return source && (source->kind == OpKind::kInput || source->is_conv_layer());
}

void make_pool_layer(Node& pool) {
  const Window& w = *pool.window;
  const int64_t channels = pool.shape.at(0);
  pool.weight.shape = {channels, 1, w.kernel_h, w.kernel_w};
  pool.weight.data.assign(size_t(channels * w.kernel_h * w.kernel_w),
                          float(1.0 / double(w.kernel_h * w.kernel_w)));
  pool.bias.shape = {channels};
  pool.bias.data.assign(size_t(channels), 0.0f);
}

}  // namespace

void merge_composites(Module& module, PassContext&) {
  Graph& g = module.graph;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    Node& n = g.nodes[i];
    if (n.kind == OpKind::kLinear) {
      if (!absorb_relu(g, n, OpKind::kDenseRelu) && g.output == n.id) n.kind = OpKind::kDenseBias;
    } else if (n.kind == OpKind::kConv2d) {
      absorb_relu(g, n, OpKind::kConvRelu);
    }
  }
  // One nn.AvgPool2d module used twice in forward() (the PyTorch tutorial
  // CNN's self.pool) has no weights to share: each use is a layer of its own,
  // named "pool", "pool_2", ...; an F.avg_pool2d call is named "pool1",
  // "pool2", ... in order.
  std::map<std::string, unsigned> pool_uses;
  unsigned pools = 0;
  for (Node& n : g.nodes) {
    if (n.kind != OpKind::kAvgPool2d || !n.window || !reads_spikes(g, n) ||
        !(n.window->count_include_pad || n.window->pad_h + n.window->pad_w == 0))
      continue;
    make_pool_layer(n);
    const std::string base = n.layer.empty() ? "pool" + std::to_string(++pools) : n.layer;
    const unsigned use = ++pool_uses[base];
    n.layer = use > 1 ? base + "_" + std::to_string(use) : base;
  }
  // A ReLU after a pooling layer of spikes changes nothing.
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const Node& n = g.nodes[i];
    const Node* source = n.inputs.empty() ? nullptr : g.find(n.inputs[0]);
    if (n.kind == OpKind::kRelu && !n.ceiling && source && source->kind == OpKind::kAvgPool2d &&
        !source->weight.empty()) {
      g.bypass(n.id);
      --i;
    }
  }
  // conv layer -> flatten -> Linear: the Linear reads the layer's neurons directly.
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const Node& n = g.nodes[i];
    const Node* source = n.inputs.empty() ? nullptr : g.find(n.inputs[0]);
    if ((n.kind == OpKind::kFlatten || n.kind == OpKind::kReshape) && n.shape.size() == 1 &&
        source && source->is_conv_layer() && !source->weight.empty()) {
      g.bypass(n.id);
      --i;
    }
  }
  // Every layer has an explicit bias (zero when the model has none).
  for (Node& n : g.nodes)
    if (n.is_layer() && !n.weight.empty()) ensure_bias(n);
}

}  // namespace spikecore::compiler
