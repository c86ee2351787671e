// Field-by-field equality of ChipConfig parts.
#include "isa/config_equal.h"

#include <algorithm>
#include <tuple>

namespace spikecore::isa {
namespace {

template <class T, class Eq>
bool same_list(const T& a, const T& b, Eq eq) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), eq);
}

bool same_layer(const LayerInfo& a, const LayerInfo& b) {
  return a.name == b.name && a.role == b.role && a.neurons == b.neurons;
}

bool same_geometry(const ConvGeometry& a, const ConvGeometry& b) {
  auto fields = [](const ConvGeometry& g) {
    return std::make_tuple(g.in_c, g.in_h, g.in_w, g.out_c, g.out_h, g.out_w, g.kernel_h,
                           g.kernel_w, g.stride, g.padding, g.depthwise);
  };
  return fields(a) == fields(b);
}

bool same_reference(const ReferenceLayer& a, const ReferenceLayer& b) {
  return a.name == b.name && a.inputs == b.inputs && a.outputs == b.outputs &&
         a.weights == b.weights && a.bias == b.bias && a.threshold == b.threshold &&
         same_geometry(a.conv, b.conv);
}

}  // namespace

bool same(const Instruction& a, const Instruction& b) {
  if (a.op != b.op) return false;
  switch (a.op) {
    case Opcode::kAcc:
      return a.acc.axon_base == b.acc.axon_base && a.acc.axon_count == b.acc.axon_count &&
             a.acc.weight_offset == b.acc.weight_offset && a.acc.cols == b.acc.cols &&
             a.acc.acc_base == b.acc.acc_base;
    case Opcode::kConv: {
      auto fields = [](const ConvFields& f) {
        return std::make_tuple(f.axon_base, f.in_c, f.in_h, f.in_w, f.kernel_h, f.kernel_w,
                               f.stride, f.pad_left, f.out_c, f.out_h, f.out_w, f.weight_offset,
                               f.acc_base);
      };
      return fields(a.conv) == fields(b.conv);
    }
    case Opcode::kPsum:
      return a.psum.acc_base == b.psum.acc_base && a.psum.count == b.psum.count &&
             a.psum.dst_core == b.psum.dst_core && a.psum.dst_neuron == b.psum.dst_neuron &&
             a.psum.dst_chip == b.psum.dst_chip;
    case Opcode::kFire:
      return a.fire.neuron_base == b.fire.neuron_base && a.fire.count == b.fire.count;
    case Opcode::kLeak:
      return a.leak.neuron_base == b.leak.neuron_base && a.leak.count == b.leak.count &&
             a.leak.shift == b.leak.shift;
    case Opcode::kNop:
      return true;
  }
  return false;
}

bool same(const CoreConfig& a, const CoreConfig& b) {
  return a.weights == b.weights &&
         same_list(a.program, b.program,
                   [](const Instruction& x, const Instruction& y) { return same(x, y); }) &&
         same_list(a.routes, b.routes,
                   [](const RouteEntry& x, const RouteEntry& y) { return same(x, y); }) &&
         same_list(a.neurons, b.neurons,
                   [](const NeuronParams& x, const NeuronParams& y) { return same(x, y); });
}

bool same(const HostConfig& a, const HostConfig& b) {
  return a.model_name == b.model_name && a.default_timesteps == b.default_timesteps &&
         a.inputs == b.inputs && a.outputs == b.outputs &&
         same_list(a.layers, b.layers, same_layer) &&
         same_list(a.reference, b.reference, same_reference);
}

bool same(const ChipConfig& a, const ChipConfig& b) {
  return a.mesh_width == b.mesh_width && a.mesh_height == b.mesh_height &&
         a.board_width == b.board_width && a.board_height == b.board_height &&
         same_list(a.cores, b.cores,
                   [](const CoreConfig& x, const CoreConfig& y) { return same(x, y); }) &&
         same(a.host, b.host) && a.hardware == b.hardware;
}

}  // namespace spikecore::isa
