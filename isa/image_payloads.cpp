// Section payload encoders and decoders for .scimg images.
#include "isa/image_payloads.h"

#include <algorithm>
#include <string>

#include "isa/config_equal.h"

namespace spikecore::isa::detail {
namespace {

constexpr size_t kMaxString = 0xFFFF;

void write_string(ByteWriter& w, const std::string& s, const char* what) {
  if (s.size() > kMaxString)
    throw ImageError(std::string(what) + " is " + std::to_string(s.size()) +
                     " bytes long, at most 65535 fit in an image");
  w.u16(uint16_t(s.size()));
  w.raw(s.data(), s.size());
}

std::string read_string(ByteReader& r, const char* field) {
  const uint16_t n = r.u16(field);
  const uint8_t* p = r.bytes(n, field);
  return std::string(reinterpret_cast<const char*>(p), n);
}

uint32_t checked_count(size_t n, const char* what) {
  if (n > 0xFFFFFFFFu) throw ImageError(std::string(what) + ": too many entries for an image");
  return uint32_t(n);
}

void write_refs(ByteWriter& w, const std::vector<NeuronRef>& refs, const char* what) {
  w.u32(checked_count(refs.size(), what));
  for (const NeuronRef& n : refs) {
    w.u16(n.core);
    w.u8(n.slot);
  }
}

// Reads a count and refuses counts that cannot fit in the bytes left, so a
// corrupt count cannot trigger a huge allocation.
uint32_t read_count(ByteReader& r, size_t bytes_per_item, const char* field) {
  const uint32_t n = r.u32(field);
  if (bytes_per_item != 0 && uint64_t(n) * bytes_per_item > r.remaining())
    throw ImageError(r.what() + ": " + field + " " + std::to_string(n) + " needs " +
                     std::to_string(uint64_t(n) * bytes_per_item) + " bytes, only " +
                     std::to_string(r.remaining()) + " left");
  return n;
}

std::vector<NeuronRef> read_refs(ByteReader& r, const char* field) {
  std::vector<NeuronRef> refs(read_count(r, 3, field));
  for (NeuronRef& n : refs) {
    n.core = r.u16(field);
    n.slot = r.u8(field);
  }
  return refs;
}

}  // namespace

bool has_nonzero_weights(const CoreConfig& core) {
  return std::any_of(core.weights.begin(), core.weights.end(), [](int8_t w) { return w != 0; });
}

bool has_custom_neurons(const CoreConfig& core) {
  return std::any_of(core.neurons.begin(), core.neurons.end(),
                     [](const NeuronParams& p) { return !is_default(p); });
}

void write_weights(ByteWriter& w, const CoreConfig& core) {
  for (int8_t v : core.weights) w.u8(uint8_t(v));
}

void write_program(ByteWriter& w, const CoreConfig& core) {
  for (const Instruction& ins : core.program) w.u64(encode(ins));
}

void write_routes(ByteWriter& w, const CoreConfig& core) {
  for (const RouteEntry& e : core.routes) w.u32(encode(e));
}

bool has_remote_routes(const CoreConfig& core) {
  return std::any_of(core.routes.begin(), core.routes.end(),
                     [](const RouteEntry& r) { return r.dst_chip != 0; });
}

void write_route_chips(ByteWriter& w, const CoreConfig& core) {
  for (const RouteEntry& e : core.routes) w.u8(e.dst_chip);
}

void read_route_chips(ByteReader& r, CoreConfig& core) {
  if (r.remaining() != core.routes.size())
    throw ImageError(r.what() + ": " + std::to_string(r.remaining()) + " bytes for " +
                     std::to_string(core.routes.size()) + " route entries");
  for (RouteEntry& e : core.routes) e.dst_chip = r.u8("destination chip");
  if (!has_remote_routes(core))
    throw ImageError(r.what() + " names only chip 0; a canonical image omits it");
}

void write_neurons(ByteWriter& w, const CoreConfig& core) {
  for (const NeuronParams& p : core.neurons) {
    uint8_t rec[kNeuronParamBytes];
    encode(p, rec);
    w.raw(rec, sizeof rec);
  }
}

void write_host(ByteWriter& w, const HostConfig& host) {
  write_string(w, host.model_name, "model name");
  w.u16(host.default_timesteps);
  write_refs(w, host.inputs, "inputs");
  write_refs(w, host.outputs, "outputs");
  w.u32(checked_count(host.layers.size(), "layers"));
  for (const LayerInfo& l : host.layers) {
    write_string(w, l.name, "layer name");
    w.u8(static_cast<uint8_t>(l.role));
    write_refs(w, l.neurons, "layer neurons");
  }
}

// Kind byte (0 dense, 1 convolution, 2 depthwise), then for a convolution
// in_c, in_h, in_w, out_c, out_h, out_w (u16 each) and kernel_h, kernel_w,
// stride, padding (u8 each).
void write_geometry(ByteWriter& w, const ConvGeometry& g) {
  w.u8(g.empty() ? 0 : g.depthwise ? 2 : 1);
  if (g.empty()) return;
  for (uint16_t v : {g.in_c, g.in_h, g.in_w, g.out_c, g.out_h, g.out_w}) w.u16(v);
  for (uint8_t v : {g.kernel_h, g.kernel_w, g.stride, g.padding}) w.u8(v);
}

ConvGeometry read_geometry(ByteReader& r, const std::string& layer) {
  ConvGeometry g;
  const uint8_t kind = r.u8("reference layer kind");
  if (kind == 0) return g;
  if (kind > 2)
    throw ImageError(r.what() + ": reference layer '" + layer + "' has unknown kind " +
                     std::to_string(kind) + " (0 dense, 1 convolution, 2 depthwise)");
  g.depthwise = kind == 2;
  for (uint16_t* v : {&g.in_c, &g.in_h, &g.in_w, &g.out_c, &g.out_h, &g.out_w})
    *v = r.u16("reference convolution size");
  for (uint8_t* v : {&g.kernel_h, &g.kernel_w, &g.stride, &g.padding})
    *v = r.u8("reference convolution kernel");
  if (g.in_c == 0)
    throw ImageError(r.what() + ": reference layer '" + layer + "' has 0 input channels");
  return g;
}

void write_reference(ByteWriter& w, const HostConfig& host) {
  w.u32(checked_count(host.reference.size(), "reference layers"));
  for (const ReferenceLayer& l : host.reference) {
    if (!l.conv.empty()) {
      if (std::string e = validate(l); !e.empty()) throw ImageError(e);
    } else if (l.weights.size() != size_t(l.inputs) * l.outputs || l.bias.size() != l.outputs)
      throw ImageError("reference layer '" + l.name + "': " + std::to_string(l.weights.size()) +
                       " weights and " + std::to_string(l.bias.size()) + " biases do not match " +
                       std::to_string(l.outputs) + " outputs x " + std::to_string(l.inputs) +
                       " inputs");
    write_string(w, l.name, "reference layer name");
    w.u32(l.inputs);
    w.u32(l.outputs);
    w.u16(uint16_t(l.threshold));
    write_geometry(w, l.conv);
    w.raw(l.weights.data(), l.weights.size());
    for (int16_t b : l.bias) w.u16(uint16_t(b));
  }
}

void read_weights(ByteReader& r, CoreConfig& core) {
  const uint8_t* p = r.bytes(kWeightSramBytes, "weights");
  for (unsigned i = 0; i < kWeightSramBytes; ++i) core.weights[i] = int8_t(p[i]);
  r.expect_end();
}

void read_program(ByteReader& r, CoreConfig& core) {
  core.program.clear();
  while (r.remaining() > 0) {
    const size_t index = core.program.size();
    std::string error;
    auto ins = decode(r.u64("instruction word"), &error);
    if (!ins) throw ImageError(r.what() + " word " + std::to_string(index) + ": " + error);
    core.program.push_back(*ins);
  }
}

void read_routes(ByteReader& r, CoreConfig& core) {
  core.routes.clear();
  while (r.remaining() > 0) {
    const size_t index = core.routes.size();
    std::string error;
    auto entry = decode_route(r.u32("route entry"), &error);
    if (!entry) throw ImageError(r.what() + " entry " + std::to_string(index) + ": " + error);
    core.routes.push_back(*entry);
  }
}

void read_neurons(ByteReader& r, CoreConfig& core) {
  for (unsigned s = 0; s < kNeuronSlots; ++s) {
    std::string error;
    auto p = decode_neuron(r.bytes(kNeuronParamBytes, "neuron parameters"), &error);
    if (!p) throw ImageError(r.what() + " slot " + std::to_string(s) + ": " + error);
    core.neurons[s] = *p;
  }
  r.expect_end();
}

void read_host(ByteReader& r, HostConfig& host) {
  host.model_name = read_string(r, "model name");
  host.default_timesteps = r.u16("default time steps");
  host.inputs = read_refs(r, "input count");
  host.outputs = read_refs(r, "output count");
  host.layers.resize(read_count(r, 7, "layer count"));
  for (LayerInfo& l : host.layers) {
    l.name = read_string(r, "layer name");
    const uint8_t role = r.u8("layer role");
    if (role > static_cast<uint8_t>(LayerRole::kOutput))
      throw ImageError(r.what() + ": layer '" + l.name + "' has unknown role " +
                       std::to_string(role) + ", expected 0 input, 1 hidden or 2 output");
    l.role = static_cast<LayerRole>(role);
    l.neurons = read_refs(r, "layer neuron count");
  }
  r.expect_end();
}

void read_reference(ByteReader& r, HostConfig& host) {
  host.reference.resize(read_count(r, 12, "reference layer count"));
  for (ReferenceLayer& l : host.reference) {
    l.name = read_string(r, "reference layer name");
    l.inputs = r.u32("reference inputs");
    l.outputs = r.u32("reference outputs");
    l.threshold = int16_t(r.u16("reference threshold"));
    l.conv = read_geometry(r, l.name);
    const uint64_t n = l.conv.empty() ? uint64_t(l.inputs) * l.outputs : l.conv.weight_count();
    if (n + 2ull * l.outputs > r.remaining())
      throw ImageError(r.what() + ": reference layer '" + l.name + "' needs " +
                       std::to_string(n + 2ull * l.outputs) + " bytes of weights and biases, " +
                       std::to_string(r.remaining()) + " left");
    const uint8_t* w = r.bytes(size_t(n), "reference weights");
    l.weights.assign(reinterpret_cast<const int8_t*>(w), reinterpret_cast<const int8_t*>(w) + n);
    l.bias.resize(l.outputs);
    for (int16_t& b : l.bias) b = int16_t(r.u16("reference bias"));
  }
  r.expect_end();
}

}  // namespace spikecore::isa::detail
