#include "platform/sim/run_activity.h"

#include <cstring>
#include <stdexcept>

namespace spikecore::sim {
namespace {

// Adds `b` into `a` element by element, growing `a` to `b`'s size.
void add_into(std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.size() < b.size()) a.resize(b.size(), 0);
  for (size_t i = 0; i < b.size(); ++i) a[i] += b[i];
}

void put_vector(std::string& out, const std::vector<uint64_t>& v) {
  const uint64_t n = v.size();
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(uint64_t));
}

bool get_vector(std::string_view in, size_t& pos, size_t end, std::vector<uint64_t>& v) {
  uint64_t n = 0;
  if (pos + sizeof n > end) return false;
  std::memcpy(&n, in.data() + pos, sizeof n);
  pos += sizeof n;
  if (n > (end - pos) / sizeof(uint64_t)) return false;
  v.resize(n);
  std::memcpy(v.data(), in.data() + pos, n * sizeof(uint64_t));
  pos += n * sizeof(uint64_t);
  return true;
}

}  // namespace

void RunActivity::add(const RunActivity& o) {
  samples += o.samples;
  add_into(core_synaptic_ops, o.core_synaptic_ops);
  add_into(core_flits_out, o.core_flits_out);
  add_into(router_flits, o.router_flits);
  add_into(router_stall_cycles, o.router_stall_cycles);
  add_into(step_cycles, o.step_cycles);
  add_into(neuron_spikes, o.neuron_spikes);
}

void RunActivity::add_spikes(const golden::SpikeRecord& spikes, size_t num_neurons) {
  if (neuron_spikes.size() < num_neurons) neuron_spikes.resize(num_neurons, 0);
  for (uint32_t id : spikes.ids)
    if (id < neuron_spikes.size()) ++neuron_spikes[id];
}

std::string encode(const RunActivity& a) {
  std::string body;
  body.append(reinterpret_cast<const char*>(&a.samples), sizeof a.samples);
  for (const auto* v : {&a.core_synaptic_ops, &a.core_flits_out, &a.router_flits,
                        &a.router_stall_cycles, &a.step_cycles, &a.neuron_spikes})
    put_vector(body, *v);
  const uint64_t length = body.size();
  return std::string(reinterpret_cast<const char*>(&length), sizeof length) + body;
}

size_t decode(std::string_view buffer, RunActivity& out) {
  uint64_t length = 0;
  if (buffer.size() < sizeof length) return 0;
  std::memcpy(&length, buffer.data(), sizeof length);
  if (buffer.size() - sizeof length < length) return 0;
  const size_t end = sizeof length + length;
  size_t pos = sizeof length;
  bool ok = pos + sizeof out.samples <= end;
  if (ok) {
    std::memcpy(&out.samples, buffer.data() + pos, sizeof out.samples);
    pos += sizeof out.samples;
  }
  for (auto* v : {&out.core_synaptic_ops, &out.core_flits_out, &out.router_flits,
                  &out.router_stall_cycles, &out.step_cycles, &out.neuron_spikes})
    ok = ok && get_vector(buffer, pos, end, *v);
  if (!ok || pos != end) throw std::runtime_error("corrupt activity record from a worker process");
  return end;
}

}  // namespace spikecore::sim
