#include "naive_reference.h"

#include <algorithm>
#include <vector>

namespace spikecore::golden::testing {
namespace {

using isa::Opcode;

constexpr unsigned kSlots = 64;
constexpr unsigned kAccs = 64;

struct CoreState {
  int16_t v[kSlots] = {};
  int32_t i[kSlots] = {};
  uint16_t count[kSlots] = {};
  int16_t acc[kAccs] = {};
  int16_t bias[kSlots] = {};
};

struct SpikePacket {
  unsigned core, axon;
};

// Clips to int16 and says whether it had to.
int16_t clip16(int64_t x, bool& clipped) {
  clipped = x > 32767 || x < -32768;
  if (x > 32767) return 32767;
  if (x < -32768) return -32768;
  return int16_t(x);
}

// Arithmetic shift right that rounds toward minus infinity, spelled out.
int32_t shift_right_floor(int32_t v, unsigned k) {
  int32_t divisor = 1 << k;
  int32_t q = v / divisor;
  if (v % divisor != 0 && v < 0) q -= 1;
  return q;
}

// CONV written from the docs/isa.md text, independently of isa::for_each_conv_tap:
// try every output of the tile and keep those whose kernel covers the spike.
template <typename Counters>
void naive_conv(const isa::ConvFields& f, const isa::CoreConfig& core, unsigned axon,
                int16_t* acc, Counters& counters) {
  const int window = int(f.in_c) * f.in_h * f.in_w;
  const int r = int(axon) - f.axon_base;
  if (r < 0 || r >= window) return;
  const int c = r / (f.in_h * f.in_w), y = (r / f.in_w) % f.in_h, x = r % f.in_w + f.pad_left;
  for (int o = 0; o < f.out_c; ++o)
    for (int oy = 0; oy < f.out_h; ++oy)
      for (int ox = 0; ox < f.out_w; ++ox) {
        const int ky = y - oy * f.stride, kx = x - ox * f.stride;
        if (ky < 0 || ky >= f.kernel_h || kx < 0 || kx >= f.kernel_w) continue;
        const int w = core.weights[f.weight_offset + ((o * f.in_c + c) * f.kernel_h + ky) * f.kernel_w + kx];
        bool clipped = false;
        int16_t& a = acc[f.acc_base + (o * f.out_h + oy) * f.out_w + ox];
        a = clip16(int64_t(a) + w, clipped);
        if (clipped) ++counters.acc_saturations;
        ++counters.synaptic_ops;
      }
}

}  // namespace

RunResult run_naive(const isa::ChipConfig& chip, const uint8_t* pixels, unsigned timesteps) {
  const unsigned cores = chip.num_cores();
  std::vector<CoreState> state(cores);
  // CLEAR (V := initial_potential), then each pixel byte becomes the bias of
  // its input neuron.
  for (unsigned c = 0; c < cores; ++c)
    for (unsigned s = 0; s < kSlots; ++s) {
      state[c].v[s] = chip.cores[c].neurons[s].initial_potential;
      state[c].bias[s] = chip.cores[c].neurons[s].bias;
    }
  for (size_t k = 0; k < chip.host.inputs.size(); ++k)
    state[chip.host.inputs[k].core].bias[chip.host.inputs[k].slot] = int16_t(pixels[k]);

  RunResult r;
  std::vector<SpikePacket> in_flight;
  for (unsigned t = 0; t < timesteps; ++t) {
    // 1. Event phase: the spikes fired in step t-1.
    for (const SpikePacket& p : in_flight) {
      ++r.counters.events_in;
      const isa::CoreConfig& core = chip.cores[p.core];
      for (const isa::Instruction& ins : core.program) {
        if (ins.op == Opcode::kConv) {
          naive_conv(ins.conv, core, p.axon, state[p.core].acc, r.counters);
          continue;
        }
        if (ins.op != Opcode::kAcc) continue;
        const isa::AccFields& f = ins.acc;
        if (p.axon < f.axon_base || p.axon >= unsigned(f.axon_base) + f.axon_count) continue;
        for (unsigned j = 0; j < f.cols; ++j) {
          const int w = core.weights[f.weight_offset + (p.axon - f.axon_base) * f.cols + j];
          bool clipped = false;
          int16_t& a = state[p.core].acc[f.acc_base + j];
          a = clip16(int64_t(a) + w, clipped);
          if (clipped) ++r.counters.acc_saturations;
          ++r.counters.synaptic_ops;
        }
      }
    }
    in_flight.clear();

    // 2. Partial-sum phase, then every accumulator is reset.
    for (unsigned c = 0; c < cores; ++c)
      for (const isa::Instruction& ins : chip.cores[c].program) {
        if (ins.op != Opcode::kPsum) continue;
        for (unsigned j = 0; j < ins.psum.count; ++j) {
          const int16_t value = state[c].acc[ins.psum.acc_base + j];
          if (value == 0) continue;
          state[ins.psum.dst_core].i[ins.psum.dst_neuron + j] += value;
          ++r.counters.psum_packets;
          ++r.counters.flits;
        }
      }
    for (unsigned c = 0; c < cores; ++c)
      for (unsigned k = 0; k < kAccs; ++k) state[c].acc[k] = 0;

    // 3. Fire phase: FIRE and LEAK in program order, core by core.
    std::vector<uint32_t> fired;
    for (unsigned c = 0; c < cores; ++c) {
      const isa::CoreConfig& core = chip.cores[c];
      CoreState& st = state[c];
      for (const isa::Instruction& ins : core.program) {
        if (ins.op == Opcode::kFire) {
          for (unsigned s = ins.fire.neuron_base; s < unsigned(ins.fire.neuron_base) + ins.fire.count; ++s) {
            ++r.counters.fire_ops;
            if (t >= core.neurons[s].bias_start) st.i[s] += st.bias[s];
            bool clipped = false;
            st.v[s] = clip16(int64_t(st.v[s]) + st.i[s], clipped);
            if (clipped && st.v[s] > 0) ++r.counters.soma_saturations;
            if (clipped && st.v[s] < 0) ++r.counters.soma_floor_clips;
            st.i[s] = 0;
            if (st.v[s] >= core.neurons[s].threshold) {
              st.v[s] = int16_t(st.v[s] - core.neurons[s].threshold);
              if (st.count[s] < 65535) ++st.count[s];
              ++r.counters.spikes;
              fired.push_back(c * kSlots + s);
              for (const isa::RouteEntry& e : core.routes) {
                if (s < e.neuron_base || s >= unsigned(e.neuron_base) + e.count) continue;
                in_flight.push_back({e.dst_core, e.dst_axon_base + (s - e.neuron_base)});
                ++r.counters.flits;
              }
            }
          }
        } else if (ins.op == Opcode::kLeak) {
          for (unsigned s = ins.leak.neuron_base; s < unsigned(ins.leak.neuron_base) + ins.leak.count; ++s) {
            ++r.counters.leak_ops;
            st.v[s] = int16_t(st.v[s] - shift_right_floor(st.v[s], ins.leak.shift));
          }
        }
      }
    }
    // Soma input of slots that no FIRE covered is discarded.
    for (unsigned c = 0; c < cores; ++c)
      for (unsigned s = 0; s < kSlots; ++s) state[c].i[s] = 0;

    std::sort(fired.begin(), fired.end());
    r.spikes.step_begin.push_back(uint32_t(r.spikes.ids.size()));
    r.spikes.ids.insert(r.spikes.ids.end(), fired.begin(), fired.end());
  }
  r.spikes.step_begin.push_back(uint32_t(r.spikes.ids.size()));

  for (unsigned c = 0; c < cores; ++c)
    for (unsigned s = 0; s < kSlots; ++s) {
      r.membrane.push_back(state[c].v[s]);
      r.spike_counts.push_back(state[c].count[s]);
    }
  for (const isa::NeuronRef& o : chip.host.outputs) {
    const uint16_t count = state[o.core].count[o.slot];
    r.output_spike_counts.push_back(count);
    r.output_scores.push_back(int64_t(count) * chip.cores[o.core].neurons[o.slot].threshold +
                              state[o.core].v[o.slot]);
  }
  for (size_t k = 0; k < r.output_scores.size(); ++k)
    if (r.predicted_class < 0 || r.output_scores[k] > r.output_scores[size_t(r.predicted_class)])
      r.predicted_class = int(k);
  return r;
}

}  // namespace spikecore::golden::testing
