// ChipConfig helpers: construction, the architectural check() and the
// read-out / integer-reference rules shared by every backend.
#include "isa/chip_config.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <stdexcept>

#include "isa/config_equal.h"

namespace spikecore::isa {
namespace {

std::string core_name(unsigned c) { return "core " + std::to_string(c); }


std::string ref_name(const NeuronRef& r) {
  return "core " + std::to_string(r.core) + " slot " + std::to_string(r.slot);
}

// Problem text for a neuron reference that points outside the chip, or "".
std::string check_ref(const ChipConfig& chip, const NeuronRef& r) {
  if (r.core >= chip.num_cores())
    return ref_name(r) + ": core does not exist (chip has " + std::to_string(chip.num_cores()) +
           " cores)";
  if (r.slot >= kNeuronSlots)
    return ref_name(r) + ": slot out of range 0.." + std::to_string(kNeuronSlots - 1);
  return {};
}

// Problem text for a (dst_chip, dst_core) pair that names no core, or "".
std::string check_destination(const ChipConfig& chip, unsigned dst_chip, unsigned dst_core) {
  if (dst_chip >= chip.num_chips())
    return "dst_chip " + std::to_string(dst_chip) + " does not exist (board has " +
           std::to_string(chip.num_chips()) + " chip" + (chip.num_chips() == 1 ? "" : "s") + ")";
  if (dst_core >= chip.cores_per_chip())
    return "dst_core " + std::to_string(dst_core) + " does not exist (chip has " +
           std::to_string(chip.cores_per_chip()) + " cores)";
  return {};
}

void check_core(const ChipConfig& chip, unsigned c, std::vector<std::string>& out) {
  const CoreConfig& core = chip.cores[c];
  const std::string name = core_name(c);
  if (core.program.size() > kProgramWords)
    out.push_back(name + ": program has " + std::to_string(core.program.size()) +
                  " instructions, at most " + std::to_string(kProgramWords) + " fit");
  for (size_t i = 0; i < core.program.size(); ++i) {
    const Instruction& ins = core.program[i];
    const std::string where = name + " instruction " + std::to_string(i) + ": ";
    if (std::string e = validate(ins); !e.empty()) out.push_back(where + e);
    if (ins.op == Opcode::kPsum) {
      if (std::string e = check_destination(chip, ins.psum.dst_chip, ins.psum.dst_core);
          !e.empty())
        out.push_back(where + "PSUM: " + e);
    }
  }
  // A neuron fires at most once per step (docs/isa.md section 2), which the
  // accumulator bound relies on: no slot may be covered by two FIREs.
  std::array<int, kNeuronSlots> fired_by;
  fired_by.fill(-1);
  for (size_t i = 0; i < core.program.size(); ++i) {
    const Instruction& ins = core.program[i];
    if (ins.op != Opcode::kFire || !validate(ins).empty()) continue;
    for (unsigned s = ins.fire.neuron_base; s < ins.fire.neuron_base + ins.fire.count; ++s) {
      if (fired_by[s] >= 0) {
        out.push_back(name + " instruction " + std::to_string(i) + ": FIRE slot " +
                      std::to_string(s) + " is already fired by instruction " +
                      std::to_string(fired_by[s]) + "; a neuron may fire once per step");
        break;
      }
      fired_by[s] = int(i);
    }
  }
  if (core.routes.size() > kRouteEntries)
    out.push_back(name + ": route table has " + std::to_string(core.routes.size()) +
                  " entries, at most " + std::to_string(kRouteEntries) + " fit");
  for (size_t i = 0; i < core.routes.size(); ++i) {
    const RouteEntry& r = core.routes[i];
    const std::string where = name + " route " + std::to_string(i) + ": ";
    if (std::string e = validate(r); !e.empty()) out.push_back(where + e);
    if (std::string e = check_destination(chip, r.dst_chip, r.dst_core); !e.empty())
      out.push_back(where + e);
  }
  for (unsigned i = 0; i < kWeightSramBytes; ++i)
    if (core.weights[i] < kWeightMin)
      out.push_back(name + " weight byte " + std::to_string(i) + ": weight " +
                    std::to_string(core.weights[i]) + " out of range " +
                    std::to_string(kWeightMin) + ".." + std::to_string(kWeightMax));
  for (unsigned s = 0; s < kNeuronSlots; ++s)
    if (core.neurons[s].threshold < 1)
      out.push_back(name + " neuron " + std::to_string(s) + ": threshold " +
                    std::to_string(core.neurons[s].threshold) + " out of range 1..32767");
}

// For every (core, axon): how many (source neuron, route entry) pairs chip-wide
// deliver a spike there. Each pair delivers at most one spike per step.
std::vector<std::array<uint32_t, kAxonsPerCore>> axon_fan_in(const ChipConfig& chip) {
  std::vector<std::array<uint32_t, kAxonsPerCore>> fan_in(chip.cores.size());
  for (auto& a : fan_in) a.fill(0);
  for (const CoreConfig& core : chip.cores)
    for (const RouteEntry& r : core.routes) {
      if (!validate(r).empty() || !check_destination(chip, r.dst_chip, r.dst_core).empty())
        continue;  // reported
      for (unsigned j = 0; j < r.count; ++j) ++fan_in[chip.target(r)][r.dst_axon_base + j];
    }
  return fan_in;
}

// docs/isa.md section 2: an accumulator must not be able to overflow int16 in
// one step, whatever order the spikes arrive in.
void check_accumulator_bound(const ChipConfig& chip, std::vector<std::string>& out) {
  const auto fan_in = axon_fan_in(chip);
  for (unsigned c = 0; c < chip.cores.size(); ++c) {
    const CoreConfig& core = chip.cores[c];
    std::array<int64_t, kAccumulators> bound{};
    for (const Instruction& ins : core.program) {
      if (ins.op == Opcode::kConv && validate(ins).empty()) {
        for (unsigned a = 0; a < ins.conv.axon_count(); ++a) {
          const unsigned axon = ins.conv.axon_base + a;
          for_each_conv_tap(ins.conv, axon, [&](unsigned acc, unsigned weight) {
            bound[acc] += int64_t(std::abs(int(core.weights[weight]))) * fan_in[c][axon];
          });
        }
      }
      if (ins.op != Opcode::kAcc || !validate(ins).empty()) continue;
      const AccFields& f = ins.acc;
      for (unsigned a = 0; a < f.axon_count; ++a) {
        const uint32_t spikes = fan_in[c][f.axon_base + a];
        for (unsigned j = 0; j < f.cols; ++j) {
          const int w = core.weights[f.weight_offset + a * f.cols + j];
          bound[f.acc_base + j] += int64_t(std::abs(w)) * spikes;
        }
      }
    }
    for (unsigned k = 0; k < kAccumulators; ++k)
      if (bound[k] > kInt16Max)
        out.push_back(core_name(c) + " accumulator " + std::to_string(k) + ": worst-case sum " +
                      std::to_string(bound[k]) + " (sum of |w| x deliveries per axon) exceeds " +
                      std::to_string(kInt16Max) + "; split the fan-in over more cores");
  }
}

void check_refs_distinct(const std::vector<NeuronRef>& refs, const char* what,
                         std::vector<std::string>& out) {
  std::map<std::pair<unsigned, unsigned>, size_t> first_use;
  for (size_t i = 0; i < refs.size(); ++i) {
    const auto [it, fresh] = first_use.emplace(std::make_pair(refs[i].core, refs[i].slot), i);
    if (!fresh) {
      out.push_back(std::string("host ") + what + " " + std::to_string(i) + ": core " +
                    std::to_string(refs[i].core) + " slot " + std::to_string(refs[i].slot) +
                    " is already " + what + " " + std::to_string(it->second) + "; each " + what +
                    " needs a neuron of its own");
      return;  // one is enough to name the problem
    }
  }
}

void check_host(const ChipConfig& chip, std::vector<std::string>& out) {
  const HostConfig& h = chip.host;
  for (size_t i = 0; i < h.inputs.size(); ++i)
    if (std::string e = check_ref(chip, h.inputs[i]); !e.empty())
      out.push_back("host input " + std::to_string(i) + ": " + e);
  for (size_t i = 0; i < h.outputs.size(); ++i)
    if (std::string e = check_ref(chip, h.outputs[i]); !e.empty())
      out.push_back("host output " + std::to_string(i) + ": " + e);
  // The host writes pixel i into input neuron i and reads class i from output
  // neuron i: a neuron listed twice would silently lose a pixel or tie two classes.
  check_refs_distinct(h.inputs, "input", out);
  check_refs_distinct(h.outputs, "output", out);
  for (const LayerInfo& l : h.layers)
    for (size_t i = 0; i < l.neurons.size(); ++i)
      if (std::string e = check_ref(chip, l.neurons[i]); !e.empty())
        out.push_back("layer '" + l.name + "' neuron " + std::to_string(i) + ": " + e);
  for (const LayerInfo& l : h.layers)
    if (static_cast<uint8_t>(l.role) > static_cast<uint8_t>(LayerRole::kOutput))
      out.push_back("layer '" + l.name + "': unknown role " +
                    std::to_string(static_cast<unsigned>(l.role)));
  // Names identify layers in assembly, traces and reports, so they must be unique.
  for (size_t i = 0; i < h.layers.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (h.layers[i].name == h.layers[j].name) {
        out.push_back("layer '" + h.layers[i].name + "' defined twice (layers " +
                      std::to_string(j) + " and " + std::to_string(i) + ")");
        break;
      }
  for (size_t i = 0; i < h.reference.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (h.reference[i].name == h.reference[j].name) {
        out.push_back("reference layer '" + h.reference[i].name + "' defined twice (layers " +
                      std::to_string(j) + " and " + std::to_string(i) + ")");
        break;
      }
  for (size_t i = 0; i < h.reference.size(); ++i) {
    const ReferenceLayer& r = h.reference[i];
    const std::string where = "reference layer '" + r.name + "': ";
    if (!r.conv.empty()) {
      if (std::string e = validate(r); !e.empty()) out.push_back(e);
    } else if (r.weights.size() != size_t(r.inputs) * r.outputs)
      out.push_back(where + "has " + std::to_string(r.weights.size()) + " weights, expected " +
                    std::to_string(r.outputs) + " x " + std::to_string(r.inputs));
    if (r.bias.size() != r.outputs)
      out.push_back(where + "has " + std::to_string(r.bias.size()) + " biases, expected " +
                    std::to_string(r.outputs));
    if (r.threshold < 1)
      out.push_back(where + "threshold " + std::to_string(r.threshold) + " out of range 1..32767");
    if (i > 0 && r.inputs != h.reference[i - 1].outputs)
      out.push_back(where + "takes " + std::to_string(r.inputs) + " inputs but layer '" +
                    h.reference[i - 1].name + "' has " +
                    std::to_string(h.reference[i - 1].outputs) + " outputs");
    for (size_t k = 0; k < r.weights.size(); ++k)
      if (r.weights[k] < kWeightMin) {
        out.push_back(where + "weight " + std::to_string(k) + " is -128, out of range " +
                      std::to_string(kWeightMin) + ".." + std::to_string(kWeightMax));
        break;
      }
  }
}

}  // namespace

bool CoreConfig::used() const {
  return !program.empty() || !routes.empty() ||
         std::any_of(weights.begin(), weights.end(), [](int8_t w) { return w != 0; }) ||
         std::any_of(neurons.begin(), neurons.end(),
                     [](const NeuronParams& p) { return !is_default(p); });
}

unsigned CoreConfig::weight_bytes_used() const {
  unsigned end = 0;
  for (const Instruction& ins : program) {
    if (ins.op == Opcode::kAcc)
      end = std::max(end, unsigned(ins.acc.weight_offset) + unsigned(ins.acc.axon_count) * ins.acc.cols);
    else if (ins.op == Opcode::kConv)
      end = std::max(end, unsigned(ins.conv.weight_offset) + ins.conv.weight_bytes());
  }
  return std::min(end, kWeightSramBytes);
}

ChipConfig make_empty_chip(unsigned width, unsigned height, unsigned board_width,
                           unsigned board_height) {
  if (width < 1 || height < 1 || width * height > kMaxCores)
    throw std::invalid_argument("mesh " + std::to_string(width) + "x" + std::to_string(height) +
                                " is not allowed: need 1.." + std::to_string(kMaxCores) + " cores");
  if (board_width < 1 || board_height < 1 || board_width > kMaxBoardWidth ||
      board_height > kMaxBoardHeight)
    throw std::invalid_argument("board " + std::to_string(board_width) + "x" +
                                std::to_string(board_height) + " is not allowed: at most " +
                                std::to_string(kMaxBoardWidth) + "x" +
                                std::to_string(kMaxBoardHeight) + " chips");
  ChipConfig chip;
  chip.mesh_width = uint16_t(width);
  chip.mesh_height = uint16_t(height);
  chip.board_width = uint16_t(board_width);
  chip.board_height = uint16_t(board_height);
  chip.cores.resize(chip.num_cores());
  return chip;
}

std::vector<std::string> check(const ChipConfig& chip) {
  std::vector<std::string> out;
  if (chip.mesh_width < 1 || chip.mesh_height < 1 || chip.cores_per_chip() > kMaxCores)
    out.push_back("mesh " + std::to_string(chip.mesh_width) + "x" +
                  std::to_string(chip.mesh_height) + ": need 1.." + std::to_string(kMaxCores) +
                  " cores");
  if (chip.board_width < 1 || chip.board_height < 1 || chip.board_width > kMaxBoardWidth ||
      chip.board_height > kMaxBoardHeight)
    out.push_back("board " + std::to_string(chip.board_width) + "x" +
                  std::to_string(chip.board_height) + ": need 1x1.." +
                  std::to_string(kMaxBoardWidth) + "x" + std::to_string(kMaxBoardHeight) +
                  " chips");
  if (chip.cores.size() != chip.num_cores()) {
    out.push_back("chip has " + std::to_string(chip.cores.size()) + " core configs, mesh " +
                  std::to_string(chip.mesh_width) + "x" + std::to_string(chip.mesh_height) +
                  " needs " + std::to_string(chip.num_cores()));
    return out;  // every other rule indexes cores by id
  }
  for (unsigned c = 0; c < chip.cores.size(); ++c) check_core(chip, c, out);
  check_accumulator_bound(chip, out);
  check_host(chip, out);
  return out;
}

int64_t readout_score(uint32_t spike_count, int16_t threshold, int16_t membrane) {
  return int64_t(spike_count) * threshold + membrane;
}

int argmax_lowest(const std::vector<int64_t>& scores) {
  int best = -1;
  for (size_t i = 0; i < scores.size(); ++i)
    if (best < 0 || scores[i] > scores[size_t(best)]) best = int(i);
  return best;
}

int reference_class(const HostConfig& host, const uint8_t* pixels, size_t num_pixels) {
  const std::vector<double> scores = reference_scores(host, pixels, num_pixels);
  return int(std::max_element(scores.begin(), scores.end()) - scores.begin());  // first max
}

std::string validate(const ConvGeometry& g) {
  if (g.kernel_h == 0 || g.kernel_w == 0 || g.stride == 0 || g.out_c == 0 ||
      g.kernel_h > g.in_h + 2 * g.padding || g.kernel_w > g.in_w + 2 * g.padding)
    return "inconsistent convolution geometry: the kernel does not fit the padded input";
  if (g.depthwise && g.out_c != g.in_c)
    return "inconsistent convolution geometry: a depthwise layer has as many output channels "
           "as input channels";
  auto out_size = [&](unsigned in, unsigned k) {
    return (long(in) + 2 * g.padding - long(k)) / g.stride + 1;
  };
  if (long(g.out_h) != out_size(g.in_h, g.kernel_h) || long(g.out_w) != out_size(g.in_w, g.kernel_w))
    return "inconsistent convolution geometry: out=" + std::to_string(g.out_c) + "x" +
           std::to_string(g.out_h) + "x" + std::to_string(g.out_w) +
           " does not follow from the input, kernel, stride and padding (out = (in + 2 x pad - "
           "kernel) / stride + 1, here " + std::to_string(out_size(g.in_h, g.kernel_h)) + "x" +
           std::to_string(out_size(g.in_w, g.kernel_w)) + ")";
  return {};
}

std::string validate(const ReferenceLayer& l) {
  const std::string name = "reference layer '" + l.name + "'";
  if (l.bias.size() != l.outputs)
    return name + ": " + std::to_string(l.bias.size()) + " biases for " +
           std::to_string(l.outputs) + " outputs";
  if (l.threshold < 1) return name + ": threshold " + std::to_string(l.threshold) + " below 1";
  if (l.conv.empty()) {
    if (l.weights.size() != size_t(l.inputs) * l.outputs)
      return name + ": " + std::to_string(l.weights.size()) + " weights do not match " +
             std::to_string(l.outputs) + " outputs x " + std::to_string(l.inputs) + " inputs";
    return {};
  }
  const ConvGeometry& g = l.conv;
  if (std::string e = validate(g); !e.empty()) return name + ": " + e;
  if (size_t(g.in_c) * g.in_h * g.in_w != l.inputs ||
      size_t(g.out_c) * g.out_h * g.out_w != l.outputs)
    return name + ": convolution maps of " + std::to_string(l.inputs) + " inputs and " +
           std::to_string(l.outputs) + " outputs disagree with its geometry";
  if (l.weights.size() != g.weight_count())
    return name + ": " + std::to_string(l.weights.size()) + " kernel weights, its geometry needs " +
           std::to_string(g.weight_count());
  return {};
}

std::vector<Connection> connections(const ReferenceLayer& l) {
  std::vector<Connection> out;
  if (l.conv.empty()) {
    for (uint32_t i = 0; i < l.inputs; ++i)
      for (uint32_t o = 0; o < l.outputs; ++o)
        if (int8_t w = l.weights[size_t(o) * l.inputs + i]; w != 0) out.push_back({o, i, w});
    return out;
  }
  const ConvGeometry& g = l.conv;
  for (unsigned o = 0; o < g.out_c; ++o)
    for (unsigned oy = 0; oy < g.out_h; ++oy)
      for (unsigned ox = 0; ox < g.out_w; ++ox)
        for (unsigned k = 0; k < g.kernel_channels(); ++k)
          for (unsigned ky = 0; ky < g.kernel_h; ++ky)
            for (unsigned kx = 0; kx < g.kernel_w; ++kx) {
              const int y = int(oy * g.stride + ky) - g.padding;
              const int x = int(ox * g.stride + kx) - g.padding;
              if (y < 0 || x < 0 || y >= g.in_h || x >= g.in_w) continue;
              const unsigned c = g.depthwise ? o : k;
              const int8_t w = l.weights[((size_t(o) * g.kernel_channels() + k) * g.kernel_h + ky) *
                                             g.kernel_w + kx];
              if (w == 0) continue;
              out.push_back({uint32_t((o * g.out_h + oy) * g.out_w + ox),
                             uint32_t((c * g.in_h + unsigned(y)) * g.in_w + unsigned(x)), w});
            }
  std::sort(out.begin(), out.end(), [](const Connection& a, const Connection& b) {
    return a.input != b.input ? a.input < b.input : a.output < b.output;
  });
  return out;
}

namespace {

// next[output] += the convolution of `rate` (the definition in docs/isa.md
// section 10, output by output: no list of connections per image).
void add_conv_charge(const ReferenceLayer& l, const std::vector<double>& rate,
                     std::vector<double>& next) {
  const ConvGeometry& g = l.conv;
  const unsigned kc = g.kernel_channels();
  for (unsigned o = 0; o < g.out_c; ++o)
    for (unsigned oy = 0; oy < g.out_h; ++oy)
      for (unsigned ox = 0; ox < g.out_w; ++ox) {
        double sum = 0;
        for (unsigned k = 0; k < kc; ++k) {
          const unsigned c = g.depthwise ? o : k;
          const int8_t* kernel = l.weights.data() + (size_t(o) * kc + k) * g.kernel_h * g.kernel_w;
          for (unsigned ky = 0; ky < g.kernel_h; ++ky) {
            const int y = int(oy * g.stride + ky) - g.padding;
            if (y < 0 || y >= g.in_h) continue;
            const double* row = rate.data() + (size_t(c) * g.in_h + unsigned(y)) * g.in_w;
            for (unsigned kx = 0; kx < g.kernel_w; ++kx) {
              const int x = int(ox * g.stride + kx) - g.padding;
              if (x >= 0 && x < g.in_w) sum += kernel[ky * g.kernel_w + kx] * row[x];
            }
          }
        }
        next[(size_t(o) * g.out_h + oy) * g.out_w + ox] += sum;
      }
}

}  // namespace

std::vector<double> reference_scores(const HostConfig& host, const uint8_t* pixels,
                                     size_t num_pixels) {
  if (host.reference.empty()) throw std::invalid_argument("model has no reference layers");
  if (num_pixels != host.reference.front().inputs)
    throw std::invalid_argument("reference layer '" + host.reference.front().name + "' takes " +
                                std::to_string(host.reference.front().inputs) + " inputs, got " +
                                std::to_string(num_pixels) + " pixels");
  std::vector<double> rate(num_pixels), next;
  for (size_t i = 0; i < num_pixels; ++i) rate[i] = pixels[i] / 255.0;
  for (size_t l = 0; l < host.reference.size(); ++l) {
    const ReferenceLayer& layer = host.reference[l];
    if (layer.inputs != rate.size() || !validate(layer).empty())
      throw std::invalid_argument("reference layer '" + layer.name +
                                  "' is inconsistent (run check() on the chip)");
    const bool is_output = l + 1 == host.reference.size();
    next.assign(layer.bias.begin(), layer.bias.end());
    if (layer.conv.empty()) {
      for (uint32_t o = 0; o < layer.outputs; ++o) {
        const int8_t* row = layer.weights.data() + size_t(o) * layer.inputs;
        for (uint32_t i = 0; i < layer.inputs; ++i) next[o] += row[i] * rate[i];
      }
    } else {
      add_conv_charge(layer, rate, next);
    }
    if (!is_output)
      for (double& v : next) v = std::clamp(v / layer.threshold, 0.0, 1.0);
    rate.swap(next);
  }
  return rate;
}

}  // namespace spikecore::isa
