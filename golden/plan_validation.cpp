#include "golden/plan_validation.h"

#include <sstream>

namespace spikecore::golden {
namespace {

using isa::Opcode;

// Collects messages prefixed with the place they refer to.
class Problems {
 public:
  template <typename... Parts>
  void add(const Parts&... parts) {
    std::ostringstream s;
    (s << ... << parts);
    lines_.push_back(s.str());
  }
  std::vector<std::string> take() { return std::move(lines_); }

 private:
  std::vector<std::string> lines_;
};

// "base + count <= limit" with count >= 1, phrased for the user.
void check_span(Problems& p, const std::string& where, const char* base_name, unsigned base,
                const char* count_name, unsigned count, unsigned limit, const char* what) {
  if (count == 0) {
    p.add(where, ": ", count_name, " is 0, expected 1..", limit);
  } else if (base + count > limit) {
    p.add(where, ": ", base_name, " ", base, " + ", count_name, " ", count, " exceeds the ", limit,
          " ", what);
  }
}

// A (dst_chip, dst_core) pair must name a core of the board.
void check_destination(Problems& p, const std::string& where, const isa::ChipConfig& chip,
                       unsigned dst_chip, unsigned dst_core) {
  if (dst_chip >= chip.num_chips())
    p.add(where, ": dst_chip ", dst_chip, " does not exist (board has ", chip.num_chips(),
          " chips)");
  else if (dst_core >= chip.cores_per_chip())
    p.add(where, ": dst_core ", dst_core, " does not exist (chip has ", chip.cores_per_chip(),
          " cores)");
}

void check_instruction(Problems& p, const std::string& where, const isa::Instruction& ins,
                       const isa::ChipConfig& chip) {
  switch (ins.op) {
    case Opcode::kAcc: {
      const auto& f = ins.acc;
      check_span(p, where, "axon_base", f.axon_base, "axon_count", f.axon_count,
                 isa::kAxonsPerCore, "axons");
      check_span(p, where, "acc_base", f.acc_base, "cols", f.cols, isa::kAccumulators,
                 "accumulators");
      const unsigned bytes = unsigned(f.axon_count) * f.cols;
      if (f.cols != 0 && f.weight_offset + bytes > isa::kWeightSramBytes)
        p.add(where, ": weight block at offset ", unsigned(f.weight_offset), " of ", bytes,
              " bytes (", f.axon_count, " axons x ", unsigned(f.cols),
              " cols) exceeds the weight SRAM of ", isa::kWeightSramBytes, " bytes");
      break;
    }
    case Opcode::kConv:
      // Its ranges are interdependent (window, tile, kernels): the ISA's own check says it.
      if (std::string e = isa::validate(ins); !e.empty()) p.add(where, ": ", e);
      break;
    case Opcode::kPsum: {
      const auto& f = ins.psum;
      check_span(p, where, "acc_base", f.acc_base, "count", f.count, isa::kAccumulators,
                 "accumulators");
      check_span(p, where, "dst_neuron", f.dst_neuron, "count", f.count, isa::kNeuronSlots,
                 "neuron slots of the destination core");
      check_destination(p, where, chip, f.dst_chip, f.dst_core);
      break;
    }
    case Opcode::kFire:
      check_span(p, where, "neurons", ins.fire.neuron_base, "count", ins.fire.count,
                 isa::kNeuronSlots, "neuron slots");
      break;
    case Opcode::kLeak:
      check_span(p, where, "neurons", ins.leak.neuron_base, "count", ins.leak.count,
                 isa::kNeuronSlots, "neuron slots");
      if (ins.leak.shift < 1 || ins.leak.shift > 15)
        p.add(where, ": shift ", unsigned(ins.leak.shift), " out of range, expected 1..15");
      break;
    default:
      p.add(where, ": opcode ", unsigned(ins.op), " is not executable (expected ACC, PSUM, FIRE or LEAK)");
  }
}

void check_route(Problems& p, const std::string& where, const isa::RouteEntry& r,
                 const isa::ChipConfig& chip) {
  check_span(p, where, "neuron_base", r.neuron_base, "count", r.count, isa::kNeuronSlots,
             "neuron slots");
  check_span(p, where, "dst_axon_base", r.dst_axon_base, "count", r.count, isa::kAxonsPerCore,
             "axons of the destination core");
  check_destination(p, where, chip, r.dst_chip, r.dst_core);
}

void check_host_refs(Problems& p, const char* list, const std::vector<isa::NeuronRef>& refs,
                     unsigned num_cores) {
  for (size_t i = 0; i < refs.size(); ++i) {
    if (refs[i].core >= num_cores || refs[i].slot >= isa::kNeuronSlots)
      p.add("host ", list, "[", i, "]: neuron (core ", refs[i].core, ", slot ",
            unsigned(refs[i].slot), ") does not exist (", num_cores, " cores x ",
            isa::kNeuronSlots, " slots)");
  }
}

}  // namespace

std::vector<std::string> find_execution_errors(const isa::ChipConfig& chip) {
  Problems p;
  const unsigned num_cores = chip.num_cores();
  if (chip.cores_per_chip() == 0 || chip.cores_per_chip() > isa::kMaxCores ||
      chip.num_chips() == 0 || chip.num_chips() > isa::kMaxChips) {
    p.add("mesh ", chip.mesh_width, " x ", chip.mesh_height, ": expected 1..", isa::kMaxCores,
          " cores");
    return p.take();
  }
  if (chip.cores.size() != num_cores) {
    p.add("chip: ", chip.cores.size(), " core configurations for a ", chip.mesh_width, " x ",
          chip.mesh_height, " mesh, expected ", num_cores);
    return p.take();
  }
  for (unsigned c = 0; c < num_cores; ++c) {
    const isa::CoreConfig& core = chip.cores[c];
    const std::string prefix = "core " + std::to_string(c);
    if (core.program.size() > isa::kProgramWords)
      p.add(prefix, ": program has ", core.program.size(), " instructions, at most ",
            isa::kProgramWords, " fit");
    if (core.routes.size() > isa::kRouteEntries)
      p.add(prefix, ": route table has ", core.routes.size(), " entries, at most ",
            isa::kRouteEntries, " fit");
    for (size_t i = 0; i < core.program.size(); ++i)
      check_instruction(p, prefix + " program[" + std::to_string(i) + "]", core.program[i],
                        chip);
    for (size_t i = 0; i < core.routes.size(); ++i)
      check_route(p, prefix + " route[" + std::to_string(i) + "]", core.routes[i], chip);
    for (unsigned s = 0; s < isa::kNeuronSlots; ++s)
      if (core.neurons[s].threshold < 1)
        p.add(prefix, " neuron[", s, "]: threshold ", core.neurons[s].threshold,
              ", expected >= 1");
  }
  check_host_refs(p, "inputs", chip.host.inputs, num_cores);
  check_host_refs(p, "outputs", chip.host.outputs, num_cores);
  return p.take();
}

}  // namespace spikecore::golden
