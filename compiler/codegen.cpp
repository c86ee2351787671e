#include "compiler/codegen.h"

#include <algorithm>

#include "compiler/quantize.h"

namespace spikecore::compiler {

isa::ChipConfig build_chip(const Module& module) {
  const Mapping& m = *module.mapping;
  isa::ChipConfig chip =
      isa::make_empty_chip(m.mesh_width, m.mesh_height, m.board_width, m.board_height);
  std::vector<unsigned> used_slots(m.num_cores(), 0);
  for (const Chunk& ch : m.chunks)
    used_slots[unsigned(ch.core)] = std::max(used_slots[unsigned(ch.core)], ch.slot + ch.count);

  for (const Tile& t : m.tiles) {
    isa::CoreConfig& core = chip.cores[unsigned(t.core)];
    std::copy(t.weights.begin(), t.weights.end(), core.weights.begin());
    if (t.convs.empty()) {
      isa::Instruction acc;
      acc.op = isa::Opcode::kAcc;
      acc.acc.axon_base = 0;
      acc.acc.axon_count = uint16_t(t.axons);
      acc.acc.weight_offset = 0;
      acc.acc.cols = uint8_t(t.accumulators);
      acc.acc.acc_base = 0;
      core.program.push_back(acc);
    }
    for (const isa::ConvFields& f : t.convs) {
      isa::Instruction conv;
      conv.op = isa::Opcode::kConv;
      conv.conv = f;
      core.program.push_back(conv);
    }
    for (const Chunk& ch : m.chunks) {
      const Run* run =
          m.groups[ch.group].producer == int(t.layer) ? run_holding(t.outputs, ch.first) : nullptr;
      if (!run) continue;
      isa::Instruction psum;
      psum.op = isa::Opcode::kPsum;
      psum.psum.acc_base = uint8_t(run->base + ch.first - run->first);
      psum.psum.count = uint8_t(ch.count);
      psum.psum.dst_core = uint8_t(unsigned(ch.core) % m.cores_per_chip());
      psum.psum.dst_chip = uint8_t(m.chip_of(ch.core));
      psum.psum.dst_neuron = uint8_t(ch.slot);
      core.program.push_back(psum);
    }
  }
  for (unsigned c = 0; c < m.num_cores(); ++c) {
    if (used_slots[c] == 0) continue;
    isa::Instruction fire;
    fire.op = isa::Opcode::kFire;
    fire.fire.neuron_base = 0;
    fire.fire.count = uint8_t(used_slots[c]);
    chip.cores[c].program.push_back(fire);
  }
  for (unsigned c = 0; c < m.num_cores() && c < m.routes.size(); ++c) chip.cores[c].routes = m.routes[c];

  isa::HostConfig& host = chip.host;
  host.model_name = module.model_name;
  host.default_timesteps = uint16_t(module.timesteps ? module.timesteps : 32);
  for (const NeuronGroup& g : m.groups) {
    isa::LayerInfo info;
    info.name = g.layer;
    info.role = g.role;
    info.neurons.resize(g.size);
    host.layers.push_back(info);
  }
  for (const Chunk& ch : m.chunks) {
    const NeuronGroup& g = m.groups[ch.group];
    for (unsigned i = 0; i < ch.count; ++i) {
      const isa::NeuronRef ref{uint16_t(ch.core), uint8_t(ch.slot + i)};
      chip.cores[unsigned(ch.core)].neurons[ch.slot + i] = g.params[ch.first + i];
      host.layers[ch.group].neurons[ch.first + i] = ref;
    }
  }
  host.inputs = host.layers.front().neurons;
  host.outputs = host.layers.back().neurons;
  for (const Node* n : module.graph.layer_chain())
    host.reference.push_back(reference_layer(module.graph, *n));
  return chip;
}

}  // namespace spikecore::compiler
