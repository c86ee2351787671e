// print_assembly: the canonical, commented assembly text of a ChipConfig.
// Canonical means deterministic and minimal: assembling it gives the same
// chip back, and printing that chip gives the same text back.
#include <cstdio>
#include <map>
#include <sstream>

#include "isa/asm_lexer.h"
#include "isa/assembler.h"
#include "isa/config_equal.h"

namespace spikecore::isa {
namespace {

constexpr unsigned kReferenceValuesPerLine = 32;
constexpr unsigned kLooseWeightsPerLine = 16;

// A run of consecutive references: entries [index, index+count) map to
// (core, slot .. slot+count-1).
struct RefRun {
  size_t index;
  NeuronRef first;
  unsigned count;
};

std::vector<RefRun> runs_of(const std::vector<NeuronRef>& refs) {
  std::vector<RefRun> runs;
  for (size_t i = 0; i < refs.size(); ++i) {
    if (!runs.empty()) {
      RefRun& last = runs.back();
      if (refs[i].core == last.first.core && refs[i].slot == last.first.slot + last.count) {
        ++last.count;
        continue;
      }
    }
    runs.push_back({i, refs[i], 1});
  }
  return runs;
}

std::string span(long long base, long long count) {
  if (count == 1) return std::to_string(base);
  return std::to_string(base) + ".." + std::to_string(base + count - 1);
}

std::string name_token(const std::string& name) {
  return detail::is_bare_word(name) && name[0] != '.' ? name : detail::quote_string(name);
}

const char* role_name(LayerRole role) {
  switch (role) {
    case LayerRole::kInput:
      return "input";
    case LayerRole::kHidden:
      return "hidden";
    case LayerRole::kOutput:
      return "output";
  }
  return "?";
}

std::string refs_fields(const RefRun& run) {
  std::string s =
      "core=" + std::to_string(run.first.core) + " slot=" + std::to_string(run.first.slot);
  if (run.count > 1) s += " count=" + std::to_string(run.count);
  return s;
}

// Mesh position of a core (global id), with its chip on a board.
std::string where(const ChipConfig& chip, unsigned core) {
  const std::string xy =
      "x=" + std::to_string(chip.core_x(core)) + ", y=" + std::to_string(chip.core_y(core));
  if (chip.num_chips() == 1) return "(" + xy + ")";
  return "(chip " + std::to_string(chip.chip_of(core)) + " core " +
         std::to_string(chip.local_core(core)) + ", " + xy + ")";
}

// " chip=K" on a board (the destination chip of a PSUM or route), "" on one chip.
std::string chip_field(const ChipConfig& chip, unsigned dst_chip) {
  return chip.num_chips() == 1 ? "" : " chip=" + std::to_string(dst_chip);
}

// Which layers a core serves, e.g. "fc1 neurons 0..7 in slots 0..7".
std::map<unsigned, std::vector<std::string>> layer_notes(const HostConfig& host) {
  std::map<unsigned, std::vector<std::string>> notes;
  for (const LayerInfo& layer : host.layers)
    for (const RefRun& run : runs_of(layer.neurons))
      notes[run.first.core].push_back("layer " + layer.name + " (" + role_name(layer.role) +
                                      ") neurons " + span(long(run.index), run.count) +
                                      " in slots " + span(run.first.slot, run.count));
  return notes;
}

void print_values(std::ostringstream& out, const std::string& head, size_t offset,
                  const std::vector<long long>& values, const std::string& comment = {}) {
  out << head << ' ' << offset << ':';
  char buf[16];
  for (long long v : values) {
    std::snprintf(buf, sizeof buf, " %4lld", v);
    out << buf;
  }
  if (!comment.empty()) out << "  ; " << comment;
  out << '\n';
}

void print_host(std::ostringstream& out, const HostConfig& host) {
  out << ".model " << detail::quote_string(host.model_name) << '\n';
  out << ".timesteps " << host.default_timesteps << '\n';
  if (!host.inputs.empty()) {
    out << "\n; host inputs: the host writes pixel i (0..255) into the bias of input i\n";
    for (const RefRun& run : runs_of(host.inputs))
      out << ".input " << run.index << ' ' << refs_fields(run) << '\n';
  }
  if (!host.outputs.empty()) {
    out << "\n; host outputs: score of class k = spike_count * threshold + V of output k\n";
    for (const RefRun& run : runs_of(host.outputs))
      out << ".output " << run.index << ' ' << refs_fields(run) << '\n';
  }
  if (!host.layers.empty()) {
    out << "\n; layers: where each network layer lives (for traces and reports)\n";
    for (const LayerInfo& layer : host.layers) {
      const std::string head = ".layer " + name_token(layer.name) + " " + role_name(layer.role);
      const auto runs = runs_of(layer.neurons);
      if (runs.empty()) out << head << '\n';
      for (const RefRun& run : runs) out << head << ' ' << refs_fields(run) << '\n';
    }
  }
  for (const ReferenceLayer& layer : host.reference) {
    const std::string name = name_token(layer.name);
    out << "\n; integer reference layer " << name << " (host only, never loaded)\n";
    const ConvGeometry& g = layer.conv;
    if (g.empty()) {
      out << ".reference " << name << " in=" << layer.inputs << " out=" << layer.outputs;
    } else {
      out << ".reference " << name << " in=" << g.in_c << 'x' << g.in_h << 'x' << g.in_w
          << " out=" << g.out_c << 'x' << g.out_h << 'x' << g.out_w << " kernel="
          << unsigned(g.kernel_h) << 'x' << unsigned(g.kernel_w) << " stride="
          << unsigned(g.stride) << " pad=" << unsigned(g.padding) << (g.depthwise ? " depthwise=1" : "");
    }
    out << " threshold=" << layer.threshold << '\n';
    // Lines restart at every row (a dense output, a convolution's output channel).
    const size_t row = g.empty() ? layer.inputs : g.kernel_channels() * g.kernel_h * g.kernel_w;
    const size_t rows = g.empty() ? layer.outputs : g.out_c;
    for (size_t r = 0; row > 0 && r < rows; ++r)
      for (size_t c = 0; c < row; c += kReferenceValuesPerLine) {
        const size_t begin = r * row + c,
                     end = r * row + std::min(row, c + kReferenceValuesPerLine);
        print_values(out, ".refweights " + name, begin,
                     std::vector<long long>(layer.weights.begin() + long(begin),
                                            layer.weights.begin() + long(end)),
                     c == 0 ? "output " + std::to_string(r) : "");
      }
    for (size_t b = 0; b < layer.bias.size(); b += kReferenceValuesPerLine) {
      const size_t end = std::min(layer.bias.size(), b + kReferenceValuesPerLine);
      print_values(
          out, ".refbias " + name, b,
          std::vector<long long>(layer.bias.begin() + long(b), layer.bias.begin() + long(end)));
    }
  }
}

void print_neurons(std::ostringstream& out, const CoreConfig& core) {
  const NeuronParams d;
  for (unsigned s = 0; s < kNeuronSlots;) {
    const NeuronParams& p = core.neurons[s];
    unsigned end = s + 1;
    while (end < kNeuronSlots && same(core.neurons[end], p)) ++end;
    if (!same(p, d)) {
      out << "  .neuron " << span(s, end - s);
      if (p.threshold != d.threshold) out << " threshold=" << p.threshold;
      if (p.bias != d.bias) out << " bias=" << p.bias;
      if (p.bias_start != d.bias_start) out << " start=" << unsigned(p.bias_start);
      if (p.initial_potential != d.initial_potential) out << " init=" << p.initial_potential;
      out << '\n';
    }
    s = end;
  }
}

// Weights are printed one ACC row per line where an ACC reads them, so the
// text shows the matrix; bytes no ACC reads go 16 to a line if non-zero.
void print_weights(std::ostringstream& out, const CoreConfig& core) {
  struct Row {
    unsigned length;
    std::string comment;
  };
  std::map<unsigned, Row> rows;  // by start offset; the first ACC in program order wins
  for (size_t i = 0; i < core.program.size(); ++i) {
    const Instruction& ins = core.program[i];
    if (ins.op == Opcode::kConv) {
      const ConvFields& f = ins.conv;
      for (unsigned o = 0; o < f.out_c; ++o)
        for (unsigned c = 0; c < f.in_c; ++c)
          for (unsigned ky = 0; ky < f.kernel_h; ++ky) {
            const unsigned start = f.weight_offset + ((o * f.in_c + c) * f.kernel_h + ky) * f.kernel_w;
            rows.emplace(start, Row{f.kernel_w, "kernel out " + std::to_string(o) + " in " +
                                                    std::to_string(c) + " row " +
                                                    std::to_string(ky)});
          }
    }
    if (ins.op != Opcode::kAcc) continue;
    const AccFields& f = ins.acc;
    for (unsigned a = 0; a < f.axon_count; ++a) {
      const unsigned start = f.weight_offset + a * f.cols;
      if (start >= kWeightSramBytes) break;
      rows.emplace(start, Row{f.cols, "axon " + std::to_string(f.axon_base + a) + " -> acc " +
                                          span(f.acc_base, f.cols)});
    }
  }
  for (unsigned pos = 0; pos < kWeightSramBytes;) {
    unsigned end;
    std::string comment;
    bool always = false;
    if (auto it = rows.find(pos); it != rows.end()) {
      end = std::min(kWeightSramBytes, pos + it->second.length);
      comment = it->second.comment;
      always = true;
    } else {
      end = std::min(kWeightSramBytes, (pos / kLooseWeightsPerLine + 1) * kLooseWeightsPerLine);
      if (auto next = rows.upper_bound(pos); next != rows.end()) end = std::min(end, next->first);
    }
    std::vector<long long> values(core.weights.begin() + pos, core.weights.begin() + end);
    bool nonzero = false;
    for (long long v : values) nonzero = nonzero || v != 0;
    if (always || nonzero) print_values(out, "  .weights", pos, values, comment);
    pos = end;
  }
}

void print_program(std::ostringstream& out, const ChipConfig& chip, const CoreConfig& core) {
  for (const Instruction& ins : core.program) {
    switch (ins.op) {
      case Opcode::kAcc:
        out << "  ACC axons=" << span(ins.acc.axon_base, ins.acc.axon_count)
            << " w=" << unsigned(ins.acc.weight_offset) << " cols=" << unsigned(ins.acc.cols)
            << " acc=" << unsigned(ins.acc.acc_base) << '\n';
        break;
      case Opcode::kConv: {
        const ConvFields& f = ins.conv;
        out << "  CONV axons=" << span(f.axon_base, f.axon_count()) << " in=" << unsigned(f.in_c)
            << 'x' << unsigned(f.in_h) << 'x' << unsigned(f.in_w) << " kernel="
            << unsigned(f.kernel_h) << 'x' << unsigned(f.kernel_w)
            << " stride=" << unsigned(f.stride) << " pad=" << unsigned(f.pad_left)
            << " out=" << unsigned(f.out_c) << 'x' << unsigned(f.out_h) << 'x'
            << unsigned(f.out_w) << " w=" << unsigned(f.weight_offset)
            << " acc=" << span(f.acc_base, f.acc_count()) << '\n';
        break;
      }
      case Opcode::kPsum:
        out << "  PSUM acc=" << span(ins.psum.acc_base, ins.psum.count)
            << chip_field(chip, ins.psum.dst_chip) << " core=" << unsigned(ins.psum.dst_core)
            << " neuron=" << unsigned(ins.psum.dst_neuron) << "  ; -> core "
            << chip.target(ins.psum) << ' ' << where(chip, chip.target(ins.psum)) << " slots "
            << span(ins.psum.dst_neuron, ins.psum.count) << '\n';
        break;
      case Opcode::kFire:
        out << "  FIRE neurons=" << span(ins.fire.neuron_base, ins.fire.count) << '\n';
        break;
      case Opcode::kLeak:
        out << "  LEAK neurons=" << span(ins.leak.neuron_base, ins.leak.count)
            << " shift=" << unsigned(ins.leak.shift) << '\n';
        break;
      case Opcode::kNop:
        out << "  ; NOP cannot be expressed in assembly\n";
        break;
    }
  }
  for (const RouteEntry& r : core.routes)
    out << "  .route neurons=" << span(r.neuron_base, r.count) << chip_field(chip, r.dst_chip)
        << " core=" << unsigned(r.dst_core) << " axon=" << unsigned(r.dst_axon_base)
        << "  ; -> core " << chip.target(r) << ' ' << where(chip, chip.target(r)) << " axons "
        << span(r.dst_axon_base, r.count) << '\n';
}

}  // namespace

std::string print_assembly(const ChipConfig& chip) {
  std::ostringstream out;
  unsigned used = 0;
  for (const CoreConfig& c : chip.cores) used += c.used() ? 1 : 0;
  out << "; SpikeCore assembly (canonical form; syntax in docs/isa.md, \"Assembly\")\n";
  out << "; mesh " << chip.mesh_width << "x" << chip.mesh_height << " = " << chip.num_cores()
      << " cores, " << used << " used; core c sits at x = c % " << chip.mesh_width << ", y = c / "
      << chip.mesh_width << "\n";
  if (chip.num_chips() > 1)
    out << "; board " << chip.board_width << "x" << chip.board_height << " chips = "
        << chip.num_cores() << " cores, numbered chip by chip: core = chip * "
        << chip.cores_per_chip() << " + core on the chip\n";
  out << ".chip mesh=" << chip.mesh_width << "x" << chip.mesh_height;
  if (chip.num_chips() > 1) out << " board=" << chip.board_width << "x" << chip.board_height;
  out << '\n';
  print_host(out, chip.host);
  const auto notes = layer_notes(chip.host);
  for (unsigned c = 0; c < chip.cores.size(); ++c) {
    const CoreConfig& core = chip.cores[c];
    if (!core.used()) continue;
    out << "\n; ---- core " << c << ' ' << where(chip, c) << '\n';
    if (auto it = notes.find(c); it != notes.end())
      for (const std::string& note : it->second) out << ";      " << note << '\n';
    out << ".core " << c << '\n';
    print_neurons(out, core);
    print_weights(out, core);
    print_program(out, chip, core);
  }
  return out.str();
}

}  // namespace spikecore::isa
