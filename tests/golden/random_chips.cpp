#include "random_chips.h"

#include <algorithm>
#include <random>
#include <set>
#include <stdexcept>
#include <string>

#include "chip_builders.h"

namespace spikecore::golden::testing {
namespace {

using isa::kAccumulators;
using isa::kAxonsPerCore;
using isa::kNeuronSlots;
using isa::kWeightSramBytes;

int uniform(std::mt19937& rng, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}
bool chance(std::mt19937& rng, double p) { return std::bernoulli_distribution(p)(rng); }

// A count in 1..limit and a base such that base + count <= limit.
std::pair<unsigned, unsigned> random_span(std::mt19937& rng, unsigned limit, unsigned max_count) {
  const unsigned count = unsigned(uniform(rng, 1, int(std::min(limit, max_count))));
  const unsigned base = unsigned(uniform(rng, 0, int(limit - count)));
  return {base, count};
}

// A CONV whose window, tile and kernels fit: small maps on mostly low axons.
isa::Instruction random_conv(std::mt19937& rng) {
  isa::Instruction ins;
  ins.op = isa::Opcode::kConv;
  isa::ConvFields& f = ins.conv;
  f.in_c = uint8_t(uniform(rng, 1, 4));
  f.in_h = uint8_t(uniform(rng, 1, 8));
  f.in_w = uint8_t(uniform(rng, 1, 8));
  const int last_base = int(kAxonsPerCore - f.axon_count());
  f.axon_base = uint8_t(uniform(rng, 0, chance(rng, 0.8) ? std::min(8, last_base) : last_base));
  f.kernel_h = uint8_t(uniform(rng, 1, 5));
  f.kernel_w = uint8_t(uniform(rng, 1, 5));
  f.stride = uint8_t(uniform(rng, 1, 3));
  f.pad_left = uint8_t(uniform(rng, 0, f.kernel_w - 1));
  f.out_c = uint8_t(uniform(rng, 1, 4));
  f.out_w = uint8_t(uniform(rng, 1, 8));
  f.out_h = uint8_t(uniform(rng, 1, std::min(16, int(kAccumulators) / (f.out_c * f.out_w))));
  f.acc_base = uint8_t(uniform(rng, 0, int(kAccumulators - f.acc_count())));
  while (f.weight_bytes() > kWeightSramBytes) f.out_c = uint8_t(f.out_c - 1);
  f.acc_base = uint8_t(std::min<unsigned>(f.acc_base, kAccumulators - f.acc_count()));
  f.weight_offset = uint8_t(uniform(rng, 0, int(kWeightSramBytes - f.weight_bytes())));
  return ins;
}

isa::Instruction random_instruction(std::mt19937& rng, unsigned num_cores, bool conv) {
  if (conv && chance(rng, 0.25)) return random_conv(rng);
  switch (uniform(rng, 0, 3)) {
    case 0: {
      const unsigned cols = unsigned(uniform(rng, 1, 16));
      const unsigned rows = unsigned(uniform(rng, 1, int(std::min(64u, kWeightSramBytes / cols))));
      // Mostly low axons, where the random routes mostly land.
      const unsigned axon_limit = chance(rng, 0.8) ? 64 : kAxonsPerCore;
      const unsigned axon_base = unsigned(uniform(rng, 0, int(axon_limit - std::min(rows, axon_limit))));
      const unsigned weight_offset = unsigned(uniform(rng, 0, int(kWeightSramBytes - rows * cols)));
      const unsigned acc_base = unsigned(uniform(rng, 0, int(kAccumulators - cols)));
      return acc(axon_base, std::min(rows, kAxonsPerCore - axon_base), weight_offset, cols,
                 acc_base);
    }
    case 1: {
      const auto [acc_base, count] = random_span(rng, kAccumulators, 64);
      const unsigned dst_neuron = unsigned(uniform(rng, 0, int(kNeuronSlots - count)));
      return psum(acc_base, count, unsigned(uniform(rng, 0, int(num_cores) - 1)), dst_neuron);
    }
    case 2: {
      const auto [base, count] = random_span(rng, kNeuronSlots, 64);
      return fire(base, count);
    }
    default: {
      const auto [base, count] = random_span(rng, kNeuronSlots, 64);
      return leak(base, count, unsigned(uniform(rng, 1, 15)));
    }
  }
}

isa::NeuronRef random_ref(std::mt19937& rng, unsigned num_cores) {
  return {uint16_t(uniform(rng, 0, int(num_cores) - 1)), uint8_t(uniform(rng, 0, kNeuronSlots - 1))};
}

}  // namespace

isa::ChipConfig random_chip(uint32_t seed, const RandomChipOptions& options) {
  std::mt19937 rng(seed);
  isa::ChipConfig chip = isa::make_empty_chip(options.width, options.height);
  const unsigned num_cores = chip.num_cores();
  for (isa::CoreConfig& core : chip.cores) {
    for (int8_t& w : core.weights)
      w = int8_t(uniform(rng, -options.max_abs_weight, options.max_abs_weight));
    for (isa::NeuronParams& p : core.neurons)
      p = neuron(chance(rng, 0.2) ? uniform(rng, 1, 8) : uniform(rng, 1, 400),
                 chance(rng, 0.1) ? uniform(rng, -32768, 32767) : uniform(rng, -20, 120),
                 chance(rng, 0.7) ? 0 : unsigned(uniform(rng, 0, 6)),
                 chance(rng, 0.7) ? 0 : uniform(rng, -32768, 32767));
    const int program_length = uniform(rng, 1, int(isa::kProgramWords));
    std::vector<bool> fired(kNeuronSlots, false);
    for (int i = 0; i < program_length; ++i) {
      isa::Instruction ins = random_instruction(rng, num_cores, options.conv);
      if (ins.op == isa::Opcode::kFire && options.disjoint_fires) {
        const unsigned b = ins.fire.neuron_base, e = b + ins.fire.count;
        // check() allows one FIRE per slot: turn a clashing one into a LEAK.
        if (std::any_of(fired.begin() + b, fired.begin() + e, [](bool f) { return f; }))
          ins = leak(b, e - b, unsigned(uniform(rng, 1, 15)));
        else
          std::fill(fired.begin() + b, fired.begin() + e, true);
      }
      core.program.push_back(ins);
    }
    const int route_count = uniform(rng, 0, 6);
    for (int i = 0; i < route_count; ++i) {
      const auto [base, count] = random_span(rng, kNeuronSlots, 64);
      const unsigned axon_limit = chance(rng, 0.8) ? 64 : kAxonsPerCore;
      core.routes.push_back(route(base, count, unsigned(uniform(rng, 0, int(num_cores) - 1)),
                                  unsigned(uniform(rng, 0, int(axon_limit - count)))));
    }
  }
  if (options.hot_sink) {
    isa::CoreConfig& sink = chip.cores[0];
    for (int8_t& w : sink.weights) w = int8_t(uniform(rng, 60, 127));
    // Keep a random prefix of at most 4 instructions, then ACCs, PSUM, FIRE.
    const int keep = uniform(rng, 0, std::min(4, int(sink.program.size())));
    sink.program.resize(size_t(keep));
    while (sink.program.size() + 2 < isa::kProgramWords)
      sink.program.push_back(acc(0, 64, 0, unsigned(uniform(rng, 1, 4)), unsigned(uniform(rng, 0, 3))));
    sink.program.push_back(psum(0, 8, 0, 0));
    sink.program.push_back(fire(0, 8));
    for (isa::CoreConfig& core : chip.cores)
      if (core.routes.size() < isa::kRouteEntries) core.routes.push_back(route(0, 64, 0, 0));
  }
  // Inputs and outputs are distinct neurons (isa::check): draw again on a repeat.
  auto distinct_refs = [&](unsigned count) {
    std::vector<isa::NeuronRef> refs;
    std::set<std::pair<unsigned, unsigned>> used;
    while (refs.size() < count) {
      const isa::NeuronRef ref = random_ref(rng, num_cores);
      if (used.insert({ref.core, ref.slot}).second) refs.push_back(ref);
    }
    return refs;
  };
  chip.host.inputs = distinct_refs(options.inputs);
  chip.host.outputs = distinct_refs(options.outputs);
  return chip;
}

namespace {

// Builds layer after layer; `next_core` hands out cores in id order.
class MlpBuilder {
 public:
  MlpBuilder(uint32_t seed, const RandomMlpOptions& o)
      : rng_(seed), options_(o), chip_(isa::make_empty_chip()) {}

  isa::ChipConfig build() {
    const auto& layers = options_.layers;
    if (layers.size() < 2) throw std::invalid_argument("random_mlp_chip: need >= 2 layers");
    std::vector<isa::NeuronRef> previous = place_somas(layers[0], 255, 0);
    chip_.host.inputs = previous;
    for (size_t l = 1; l < layers.size(); ++l) {
      const bool output = l + 1 == layers.size();
      std::vector<isa::NeuronRef> current =
          place_somas(layers[l], output ? options_.output_threshold : options_.hidden_threshold,
                      options_.max_abs_bias);
      connect(previous, current);
      previous = std::move(current);
    }
    chip_.host.outputs = previous;
    return std::move(chip_);
  }

 private:
  unsigned next_core() {
    if (used_cores_ == chip_.num_cores())
      throw std::invalid_argument("random_mlp_chip: network needs more than " +
                                  std::to_string(chip_.num_cores()) + " cores");
    return used_cores_++;
  }

  std::vector<isa::NeuronRef> place_somas(unsigned count, int16_t threshold, int max_abs_bias) {
    std::vector<isa::NeuronRef> refs;
    for (unsigned first = 0; first < count; first += kNeuronSlots) {
      const unsigned core = next_core();
      const unsigned n = std::min(kNeuronSlots, count - first);
      chip_.cores[core].program.push_back(fire(0, n));
      for (unsigned s = 0; s < n; ++s) {
        chip_.cores[core].neurons[s] = neuron(threshold, uniform(rng_, -max_abs_bias, max_abs_bias));
        refs.push_back({uint16_t(core), uint8_t(s)});
      }
    }
    return refs;
  }

  // Tiles the (inputs x outputs) weight matrix: column tiles never cross a
  // destination soma core; each tile is rows x cols <= 256 bytes.
  void connect(const std::vector<isa::NeuronRef>& from, const std::vector<isa::NeuronRef>& to) {
    for (unsigned col0 = 0; col0 < to.size();) {
      unsigned cols = std::min<unsigned>(options_.max_tile_cols, unsigned(to.size()) - col0);
      cols = std::min<unsigned>(cols, kNeuronSlots - to[col0].slot);
      const unsigned rows = std::min<unsigned>(kWeightSramBytes / cols, unsigned(from.size()));
      for (unsigned row0 = 0; row0 < from.size(); row0 += rows) {
        const unsigned n_rows = std::min<unsigned>(rows, unsigned(from.size()) - row0);
        const unsigned core = next_core();
        isa::CoreConfig& tile = chip_.cores[core];
        for (unsigned b = 0; b < n_rows * cols; ++b)
          tile.weights[b] = int8_t(uniform(rng_, options_.min_weight, options_.max_weight));
        tile.program.push_back(acc(0, n_rows, 0, cols, 0));
        tile.program.push_back(psum(0, cols, to[col0].core, to[col0].slot));
        add_routes(from, row0, n_rows, core);
      }
      col0 += cols;
    }
  }

  // One route entry per run of sources that share a soma core.
  void add_routes(const std::vector<isa::NeuronRef>& from, unsigned row0, unsigned n_rows,
                  unsigned dst_core) {
    for (unsigned i = row0; i < row0 + n_rows;) {
      unsigned j = i + 1;
      while (j < row0 + n_rows && from[j].core == from[i].core &&
             from[j].slot == from[j - 1].slot + 1)
        ++j;
      auto& routes = chip_.cores[from[i].core].routes;
      if (routes.size() == isa::kRouteEntries)
        throw std::invalid_argument("random_mlp_chip: core " + std::to_string(from[i].core) +
                                    " needs more than 32 route entries");
      routes.push_back(route(from[i].slot, j - i, dst_core, i - row0));
      i = j;
    }
  }

  std::mt19937 rng_;
  RandomMlpOptions options_;
  isa::ChipConfig chip_;
  unsigned used_cores_ = 0;
};

}  // namespace

isa::ChipConfig random_mlp_chip(uint32_t seed, const RandomMlpOptions& options) {
  return MlpBuilder(seed, options).build();
}

std::vector<uint8_t> random_pixels(uint32_t seed, size_t count, double ink) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> pixels(count, 0);
  for (uint8_t& p : pixels)
    if (chance(rng, ink)) p = uint8_t(chance(rng, 0.6) ? uniform(rng, 200, 255) : uniform(rng, 1, 199));
  return pixels;
}

}  // namespace spikecore::golden::testing
