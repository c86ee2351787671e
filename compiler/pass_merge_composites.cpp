// merge-composites: linear + relu -> dense_relu; the final linear -> dense_bias
// (its bias becomes the output neurons' constant current).
#include <algorithm>

#include "compiler/elementwise.h"
#include "compiler/pipeline.h"

namespace spikecore::compiler {

void merge_composites(Module& module, PassContext&) {
  Graph& g = module.graph;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    Node& lin = g.nodes[i];
    if (lin.kind != OpKind::kLinear) continue;
    const auto users = g.users(lin.id);
    if (users.size() == 1 && g.output != lin.id && g.find(users[0])->kind == OpKind::kRelu) {
      const int relu = users[0];
      lin.kind = OpKind::kDenseRelu;
      lin.ceiling = g.find(relu)->ceiling;
      for (Node& n : g.nodes)
        for (int& in : n.inputs)
          if (in == relu) in = lin.id;
      if (g.output == relu) g.output = lin.id;
      g.nodes.erase(std::remove_if(g.nodes.begin(), g.nodes.end(),
                                   [relu](const Node& n) { return n.id == relu; }),
                    g.nodes.end());
    } else if (g.output == lin.id) {
      lin.kind = OpKind::kDenseBias;
    }
  }
  // A dense layer without bias gets an explicit zero bias: every dense op has one.
  for (Node& n : g.nodes)
    if (n.is_dense()) ensure_bias(n);
}

}  // namespace spikecore::compiler
