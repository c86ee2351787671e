#include "platform/sim/sample_outcome.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace spikecore::sim {
namespace {

template <typename T>
void put(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

template <typename T>
bool get(std::string_view in, size_t& pos, T& value) {
  if (pos + sizeof value > in.size()) return false;
  std::memcpy(&value, in.data() + pos, sizeof value);
  pos += sizeof value;
  return true;
}

}  // namespace

// Record: u32 payload length, then the fields in declaration order. Both ends
// are the same binary on the same machine, so native byte order is fine.
std::string encode(const SampleOutcome& s) {
  std::string body;
  put(body, s.index);
  put(body, s.label);
  put(body, s.predicted);
  put(body, uint32_t(s.output_spike_counts.size()));
  for (uint32_t c : s.output_spike_counts) put(body, c);
  put(body, uint32_t(s.output_scores.size()));
  for (int64_t v : s.output_scores) put(body, v);
  put(body, s.hw);
  put(body, uint32_t(s.saturated_cores.size()));
  for (const CoreSaturations& c : s.saturated_cores) {
    put(body, c.core);
    put(body, c.acc);
    put(body, c.soma);
    put(body, c.soma_floor);
  }
  put(body, uint32_t(s.chip_links.size()));
  for (const ChipLinkCounts& l : s.chip_links) put(body, l);
  std::string record;
  put(record, uint32_t(body.size()));
  return record + body;
}

size_t decode(std::string_view buffer, SampleOutcome& out) {
  size_t pos = 0;
  uint32_t length = 0;
  if (!get(buffer, pos, length) || buffer.size() < pos + length) return 0;
  const size_t end = pos + length;
  uint32_t n = 0;
  bool ok = get(buffer, pos, out.index) && get(buffer, pos, out.label) &&
            get(buffer, pos, out.predicted) && get(buffer, pos, n);
  out.output_spike_counts.assign(ok ? n : 0, 0);
  for (auto& c : out.output_spike_counts) ok = ok && get(buffer, pos, c);
  ok = ok && get(buffer, pos, n);
  out.output_scores.assign(ok ? n : 0, 0);
  for (auto& v : out.output_scores) ok = ok && get(buffer, pos, v);
  ok = ok && get(buffer, pos, out.hw) && get(buffer, pos, n) && n <= length;
  out.saturated_cores.assign(ok ? n : 0, CoreSaturations{});
  for (auto& c : out.saturated_cores)
    ok = ok && get(buffer, pos, c.core) && get(buffer, pos, c.acc) && get(buffer, pos, c.soma) &&
         get(buffer, pos, c.soma_floor);
  ok = ok && get(buffer, pos, n) && n <= length;
  out.chip_links.assign(ok ? n : 0, ChipLinkCounts{});
  for (auto& l : out.chip_links) ok = ok && get(buffer, pos, l);
  if (!ok || pos != end) throw std::runtime_error("corrupt result record from a worker process");
  return end;
}

}  // namespace spikecore::sim

namespace spikecore::sim {

std::vector<CoreSaturations> saturated_cores(const golden::SaturationsByCore& by_core) {
  std::vector<CoreSaturations> out;
  const size_t cores =
      std::max({by_core.acc.size(), by_core.soma.size(), by_core.soma_floor.size()});
  for (size_t c = 0; c < cores; ++c) {
    CoreSaturations s;
    s.core = uint32_t(c);
    s.acc = c < by_core.acc.size() ? by_core.acc[c] : 0;
    s.soma = c < by_core.soma.size() ? by_core.soma[c] : 0;
    s.soma_floor = c < by_core.soma_floor.size() ? by_core.soma_floor[c] : 0;
    if (s.acc != 0 || s.soma != 0 || s.soma_floor != 0) out.push_back(s);
  }
  return out;
}

std::string encode(uint32_t index, const golden::SpikeRecord& spikes) {
  std::string body;
  put(body, index);
  put(body, uint32_t(spikes.step_begin.size()));
  for (uint32_t v : spikes.step_begin) put(body, v);
  put(body, uint32_t(spikes.ids.size()));
  for (uint32_t v : spikes.ids) put(body, v);
  std::string record;
  put(record, uint32_t(body.size()));
  return record + body;
}

size_t decode(std::string_view buffer, uint32_t& index, golden::SpikeRecord& spikes) {
  size_t pos = 0;
  uint32_t length = 0, n = 0;
  if (!get(buffer, pos, length) || buffer.size() < pos + length) return 0;
  const size_t end = pos + length;
  bool ok = get(buffer, pos, index) && get(buffer, pos, n) && n <= length / 4;
  spikes.step_begin.assign(ok ? n : 0, 0);
  for (auto& v : spikes.step_begin) ok = ok && get(buffer, pos, v);
  ok = ok && get(buffer, pos, n) && n <= length / 4;
  spikes.ids.assign(ok ? n : 0, 0);
  for (auto& v : spikes.ids) ok = ok && get(buffer, pos, v);
  if (!ok || pos != end) throw std::runtime_error("corrupt spike record from a worker process");
  return end;
}

std::string encode_steps(uint32_t steps_done) {
  std::string out;
  put(out, steps_done);
  return out;
}

size_t decode_steps(std::string_view buffer, uint32_t& steps_done) {
  size_t pos = 0;
  return get(buffer, pos, steps_done) ? pos : 0;
}

}  // namespace spikecore::sim
