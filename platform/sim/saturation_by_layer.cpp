#include "platform/sim/saturation_by_layer.h"

#include <algorithm>

namespace spikecore::sim {
namespace {

const char* role_name(isa::LayerRole role) {
  switch (role) {
    case isa::LayerRole::kInput: return "input";
    case isa::LayerRole::kHidden: return "hidden";
    case isa::LayerRole::kOutput: return "output";
  }
  return "mixed";
}

constexpr const char* kNoLayer = "(no layer)";

}  // namespace

SaturationsByLayer::SaturationsByLayer(const isa::ChipConfig& chip) {
  const unsigned num_cores = chip.num_cores();
  const unsigned no_layer = unsigned(chip.host.layers.size());  // index standing for "none"
  // Layer index of every neuron (the first layer that lists it).
  std::vector<unsigned> layer_of(size_t(num_cores) * isa::kNeuronSlots, no_layer);
  for (unsigned l = 0; l < chip.host.layers.size(); ++l) {
    const isa::LayerInfo& layer = chip.host.layers[l];
    layer_names_.push_back(layer.name);
    layers_.push_back({layer.name, role_name(layer.role), {}, 0, 0, 0, 0});
    for (const isa::NeuronRef& n : layer.neurons) {
      if (n.core >= num_cores || n.slot >= isa::kNeuronSlots) continue;
      unsigned& slot = layer_of[size_t(n.core) * isa::kNeuronSlots + n.slot];
      if (slot == no_layer) slot = l;
    }
  }
  auto neuron_layer = [&](unsigned core, unsigned slot) {
    if (core >= num_cores || slot >= isa::kNeuronSlots) return no_layer;  // unchecked chip
    return layer_of[size_t(core) * isa::kNeuronSlots + slot];
  };

  soma_group_.assign(num_cores, -1);
  acc_group_.assign(num_cores, -1);
  for (unsigned c = 0; c < num_cores && c < chip.cores.size(); ++c) {
    std::vector<unsigned> fired, fed;
    bool has_fire = false, has_acc = false;
    for (const isa::Instruction& ins : chip.cores[c].program) {
      if (ins.op == isa::Opcode::kFire) {
        has_fire = true;
        for (unsigned k = 0; k < ins.fire.count; ++k)
          fired.push_back(neuron_layer(c, ins.fire.neuron_base + k));
      } else if (ins.op == isa::Opcode::kAcc || ins.op == isa::Opcode::kConv) {
        has_acc = true;
      } else if (ins.op == isa::Opcode::kPsum) {
        for (unsigned k = 0; k < ins.psum.count; ++k)
          fed.push_back(neuron_layer(ins.psum.dst_core, ins.psum.dst_neuron + k));
      }
    }
    if (has_fire) soma_group_[c] = int(group_for(fired));
    if (has_acc) {
      if (fed.empty()) fed.push_back(no_layer);  // accumulators nobody reads
      acc_group_[c] = int(group_for(fed));
    }
    for (int g : {soma_group_[c], acc_group_[c]}) {
      if (g < 0) continue;
      std::vector<unsigned>& cores = layers_[size_t(g)].cores;
      if (cores.empty() || cores.back() != c) cores.push_back(c);
    }
  }
}

unsigned SaturationsByLayer::group_for(const std::vector<unsigned>& layer_indices) {
  std::vector<unsigned> set = layer_indices;
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  if (set.size() == 1 && set[0] < layer_names_.size()) return set[0];
  std::string name;
  for (unsigned l : set)
    name += (name.empty() ? "" : "+") + (l < layer_names_.size() ? layer_names_[l] : kNoLayer);
  for (size_t g = layer_names_.size(); g < layers_.size(); ++g)
    if (layers_[g].layer == name) return unsigned(g);
  layers_.push_back({name, "mixed", {}, 0, 0, 0, 0});
  return unsigned(layers_.size() - 1);
}

void SaturationsByLayer::add(const std::vector<CoreSaturations>& cores) {
  std::vector<bool> hit(layers_.size(), false);
  auto count = [&](int group, unsigned core, uint64_t LayerSaturations::*field, uint64_t n,
                   bool counts_sample = true) {
    if (n == 0) return;
    // A core can only clip where it has ACC / FIRE instructions, so group >= 0
    // for every consistent count; anything else still gets counted somewhere.
    const unsigned g = group >= 0 ? unsigned(group) : group_for({unsigned(layer_names_.size())});
    if (hit.size() < layers_.size()) hit.resize(layers_.size(), false);
    LayerSaturations& layer = layers_[g];
    layer.*field += n;
    if (std::find(layer.cores.begin(), layer.cores.end(), core) == layer.cores.end()) {
      layer.cores.push_back(core);
      std::sort(layer.cores.begin(), layer.cores.end());
    }
    if (!counts_sample) return;
    if (!hit[g]) ++layer.samples;
    hit[g] = true;
  };
  for (const CoreSaturations& c : cores) {
    const bool known = c.core < soma_group_.size();
    count(known ? acc_group_[c.core] : -1, c.core, &LayerSaturations::acc, c.acc);
    count(known ? soma_group_[c.core] : -1, c.core, &LayerSaturations::soma, c.soma);
    count(known ? soma_group_[c.core] : -1, c.core, &LayerSaturations::soma_floor, c.soma_floor,
          false);
  }
}

}  // namespace spikecore::sim
