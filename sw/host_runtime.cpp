#include "sw/host_runtime.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>

#include "isa/memory_map.h"

namespace spikecore::sw {

namespace mm = isa::mmap;

namespace {

void put_le(uint8_t* p, uint64_t v, unsigned bytes) {
  for (unsigned i = 0; i < bytes; ++i) p[i] = uint8_t(v >> (8 * i));
}
uint64_t get_le(const uint8_t* p, unsigned bytes) {
  uint64_t v = 0;
  for (unsigned i = 0; i < bytes; ++i) v |= uint64_t(p[i]) << (8 * i);
  return v;
}

// Contiguous slot ranges per core covering `refs` (one range per core).
template <typename Range>
std::vector<Range> group_by_core(const std::vector<isa::NeuronRef>& refs) {
  std::map<unsigned, std::pair<unsigned, unsigned>> span;
  for (const isa::NeuronRef& r : refs) {
    auto [it, fresh] = span.try_emplace(r.core, r.slot, r.slot);
    if (!fresh) {
      it->second.first = std::min<unsigned>(it->second.first, r.slot);
      it->second.second = std::max<unsigned>(it->second.second, r.slot);
    }
  }
  std::vector<Range> out;
  for (const auto& [core, s] : span) out.push_back(Range{core, s.first, s.second});
  return out;
}

}  // namespace

HostRuntime::HostRuntime(Bus& bus, const isa::ChipConfig& chip)
    : bus_(bus),
      chip_(chip),
      input_ranges_(group_by_core<SlotRange>(chip.host.inputs)),
      output_ranges_(group_by_core<SlotRange>(chip.host.outputs)) {}

uint32_t HostRuntime::read32(uint64_t address) {
  uint8_t b[4];
  read_block(address, b, 4);
  return uint32_t(get_le(b, 4));
}

void HostRuntime::write32(uint64_t address, uint32_t value) {
  uint8_t b[4];
  put_le(b, value, 4);
  write_block(address, b, 4);
}

void HostRuntime::read_block(uint64_t address, uint8_t* data, size_t size) {
  const BusStatus s = bus_.read(address, data, size);
  if (s != BusStatus::kOk) throw BusError(false, address, size, s, chip_.cores_per_chip());
}

void HostRuntime::write_block(uint64_t address, const uint8_t* data, size_t size) {
  const BusStatus s = bus_.write(address, data, size);
  if (s != BusStatus::kOk) throw BusError(true, address, size, s, chip_.cores_per_chip());
}

ChipIdentity HostRuntime::probe() {
  ChipIdentity id;
  id.chip_id = read32(mm::kChipControlBase + mm::kChipId.offset);
  id.num_cores = read32(mm::kChipControlBase + mm::kNumCores.offset);
  const uint32_t dims = read32(mm::kChipControlBase + mm::kMeshDims.offset);
  id.mesh_width = dims & 0xFFFF;
  id.mesh_height = dims >> 16;
  if (id.chip_id != mm::kChipIdValue)
    throw std::runtime_error("CHIP_ID reads " + std::to_string(id.chip_id) +
                             ", expected the SpikeCore id " + std::to_string(mm::kChipIdValue));
  const uint32_t board = read32(mm::kChipControlBase + mm::kBoardDims.offset);
  id.board_width = board & 0xFFFF;
  id.board_height = board >> 16;
  if (id.board_width != chip_.board_width || id.board_height != chip_.board_height)
    throw std::runtime_error("the board has " + std::to_string(id.board_width) + "x" +
                             std::to_string(id.board_height) + " chips, the image needs " +
                             std::to_string(chip_.board_width) + "x" +
                             std::to_string(chip_.board_height));
  if (id.mesh_width != chip_.mesh_width || id.mesh_height != chip_.mesh_height)
    throw std::runtime_error("the chip is a " + std::to_string(id.mesh_width) + "x" +
                             std::to_string(id.mesh_height) + " mesh, the image needs " +
                             std::to_string(chip_.mesh_width) + "x" +
                             std::to_string(chip_.mesh_height));
  return id;
}

uint64_t HostRuntime::core_address(unsigned core) const {
  return mm::core_base(chip_.chip_of(core), chip_.local_core(core));
}

void HostRuntime::load_core(unsigned core) {
  const uint64_t base = core_address(core);
  const isa::CoreConfig& config = chip_.cores[core];
  // Disable the core first so a half-written program never runs.
  write32(base + mm::kProgLen.offset, 0);
  write32(base + mm::kRouteLen.offset, 0);
  write_block(base + mm::kWeights.offset, reinterpret_cast<const uint8_t*>(config.weights.data()),
              config.weights.size());
  if (!config.program.empty()) {
    std::vector<uint8_t> words(config.program.size() * 8);
    for (size_t i = 0; i < config.program.size(); ++i)
      put_le(&words[i * 8], isa::encode(config.program[i]), 8);
    write_block(base + mm::kProgram.offset, words.data(), words.size());
  }
  if (!config.routes.empty()) {
    std::vector<uint8_t> words(config.routes.size() * 4);
    for (size_t i = 0; i < config.routes.size(); ++i)
      put_le(&words[i * 4], isa::encode(config.routes[i]), 4);
    write_block(base + mm::kRoutes.offset, words.data(), words.size());
    if (chip_.num_chips() > 1) {
      std::vector<uint8_t> chips;
      for (const isa::RouteEntry& r : config.routes) chips.push_back(r.dst_chip);
      write_block(base + mm::kRouteChips.offset, chips.data(), chips.size());
    }
  }
  std::vector<uint8_t> params(isa::kNeuronSlots * isa::kNeuronParamBytes);
  for (unsigned s = 0; s < isa::kNeuronSlots; ++s)
    isa::encode(config.neurons[s], &params[s * isa::kNeuronParamBytes]);
  write_block(base + mm::kNeuronParams.offset, params.data(), params.size());
  write32(base + mm::kProgLen.offset, uint32_t(config.program.size()));
  write32(base + mm::kRouteLen.offset, uint32_t(config.routes.size()));
}

// docs/isa.md section 9.1: every core gets its full configuration (zero
// weights and default neuron records when the image has none), then CLEAR.
void HostRuntime::load_image() {
  for (unsigned c = 0; c < chip_.num_cores(); ++c) load_core(c);
  write32(mm::kChipControlBase + mm::kChipClear.offset, 1);
}

// The pixel byte goes into the bias of its input neuron. The parameters of a
// core's input slots are written as one block, rebuilt from the image (the
// other fields are the loaded ones), instead of one 2-byte write per pixel.
void HostRuntime::write_input_biases(const uint8_t* pixels) {
  std::vector<isa::NeuronParams> params;
  for (const SlotRange& range : input_ranges_) {
    const isa::CoreConfig& config = chip_.cores[range.core];
    params.assign(config.neurons.begin() + range.first, config.neurons.begin() + range.last + 1);
    for (size_t i = 0; i < chip_.host.inputs.size(); ++i) {
      const isa::NeuronRef& ref = chip_.host.inputs[i];
      if (ref.core == range.core) params[ref.slot - range.first].bias = int16_t(pixels[i]);
    }
    std::vector<uint8_t> bytes(params.size() * isa::kNeuronParamBytes);
    for (size_t k = 0; k < params.size(); ++k)
      isa::encode(params[k], &bytes[k * isa::kNeuronParamBytes]);
    write_block(core_address(range.core) + mm::kNeuronParams.offset +
                    range.first * isa::kNeuronParamBytes,
                bytes.data(), bytes.size());
  }
}

void HostRuntime::read_outputs(InferenceResult& result) {
  const size_t classes = chip_.host.outputs.size();
  result.output_spike_counts.assign(classes, 0);
  result.output_membranes.assign(classes, 0);
  result.output_scores.assign(classes, 0);
  std::vector<uint8_t> counts, membranes;
  for (const SlotRange& range : output_ranges_) {
    const size_t n = range.last - range.first + 1;
    const uint64_t base = core_address(range.core);
    counts.resize(n * 2);
    membranes.resize(n * 2);
    read_block(base + mm::kSpikeCount.offset + range.first * 2, counts.data(), counts.size());
    read_block(base + mm::kMembrane.offset + range.first * 2, membranes.data(), membranes.size());
    for (size_t k = 0; k < classes; ++k) {
      const isa::NeuronRef& ref = chip_.host.outputs[k];
      if (ref.core != range.core) continue;
      const size_t i = ref.slot - range.first;
      result.output_spike_counts[k] = uint32_t(get_le(&counts[i * 2], 2));
      result.output_membranes[k] = int16_t(get_le(&membranes[i * 2], 2));
      result.output_scores[k] =
          isa::readout_score(result.output_spike_counts[k],
                             chip_.cores[ref.core].neurons[ref.slot].threshold,
                             result.output_membranes[k]);
    }
  }
  result.predicted_class = classes == 0 ? -1 : isa::argmax_lowest(result.output_scores);
}

uint64_t HostRuntime::read_cycles() {
  // HI, LO, HI again: the pair is consistent even if LO wrapped in between.
  uint32_t hi = read32(mm::kChipControlBase + mm::kCycleHi.offset);
  uint32_t lo = read32(mm::kChipControlBase + mm::kCycleLo.offset);
  const uint32_t hi2 = read32(mm::kChipControlBase + mm::kCycleHi.offset);
  if (hi2 != hi) {
    hi = hi2;
    lo = read32(mm::kChipControlBase + mm::kCycleLo.offset);
  }
  return uint64_t(hi) << 32 | lo;
}

InferenceResult HostRuntime::infer(const uint8_t* pixels, unsigned timesteps) {
  if (timesteps == 0) throw std::invalid_argument("infer: timesteps must be at least 1");
  InferenceResult result;
  write32(mm::kChipControlBase + mm::kChipClear.offset, 1);
  write_input_biases(pixels);
  const uint64_t cycles_before = read_cycles();
  write32(mm::kChipControlBase + mm::kStepRun.offset, timesteps);
  bus_.wait_for_step_done();
  if (read32(mm::kChipControlBase + mm::kStepStatus.offset) & 1)
    throw std::runtime_error("step-done interrupt arrived but STEP_STATUS still reads busy");
  result.cycles = read_cycles() - cycles_before;
  result.steps = read32(mm::kChipControlBase + mm::kStepIndex.offset);
  read_outputs(result);
  return result;
}

}  // namespace spikecore::sw
