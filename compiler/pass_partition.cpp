// annotate-target and partition: which nodes run on the host and which on
// SpikeCore, then the SpikeCore nodes become one subgraph called from main
// between the host's input encoding and its read-out.
#include "compiler/pipeline.h"

namespace spikecore::compiler {

void annotate_target(Module& module, PassContext&) {
  for (Node& n : module.graph.nodes) {
    switch (n.kind) {
      case OpKind::kInput:
      case OpKind::kHostFlatten:
      case OpKind::kHostEncode:
      case OpKind::kHostReadout:
        n.target = Target::kHost;
        break;
      default:
        // Everything else that is not a layer the checks have rejected already.
        n.target = n.is_layer() ? Target::kSpikeCore : Target::kUnassigned;
    }
  }
}

void partition(Module& module, PassContext&) {
  Graph& g = module.graph;
  auto chain = g.layer_chain();
  if (chain.empty()) return;
  const int first_dense = chain.front()->id, last_dense = chain.back()->id;
  const int pixels = chain.front()->inputs.at(0);
  const auto pixel_shape = g.find(pixels)->shape;
  for (Node& n : g.nodes) n.partition = n.target == Target::kSpikeCore ? "spikecore_0" : "main";

  Node encode;
  encode.kind = OpKind::kHostEncode;
  encode.name = "input_spikes";
  encode.op = "host";
  encode.inputs = {pixels};
  encode.shape = pixel_shape;
  encode.target = Target::kHost;
  encode.partition = "main";
  encode.detail = "pixel byte p -> bias of input neuron (threshold 255): spike rate p/255";
  const int encode_id = g.add(encode).id;
  // Keep topological order: the encoder runs right after the pixels exist.
  Node moved = g.nodes.back();
  g.nodes.pop_back();
  for (size_t i = 0; i < g.nodes.size(); ++i)
    if (g.nodes[i].id == pixels) {
      g.nodes.insert(g.nodes.begin() + long(i) + 1, moved);
      break;
    }
  g.find(first_dense)->inputs[0] = encode_id;

  Node call;
  call.kind = OpKind::kSpikeCoreCall;
  call.name = "scores";
  call.op = "host";
  call.inputs = {encode_id};
  call.result = last_dense;
  call.shape = g.find(last_dense)->shape;
  call.target = Target::kHost;
  call.partition = "main";
  call.detail = "spikecore_0";
  const int call_id = g.add(call).id;

  Node readout;
  readout.kind = OpKind::kHostReadout;
  readout.name = "class";
  readout.op = "host";
  readout.inputs = {call_id};
  readout.shape = {1};
  readout.target = Target::kHost;
  readout.partition = "main";
  readout.detail = "score = spike_count * threshold + V; argmax, lowest class on ties";
  g.output = g.add(readout).id;
}

}  // namespace spikecore::compiler
