#include "platform/chip_tracer.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "platform/trace_files.h"

namespace spikecore::platform {

namespace {

std::string three_digits(unsigned i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%03u", i);
  return buf;
}

// VCD scopes split at '.', and gtkwave dislikes spaces: keep [A-Za-z0-9_].
std::string sanitize(const std::string& name) {
  std::string out;
  for (char ch : name)
    out += (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_') ? ch : '_';
  return out.empty() ? std::string("layer") : out;
}

std::string base_name(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

ChipTracer::ChipTracer(sc_core::sc_module_name name, ChipTop& chip, const isa::HostConfig& host,
                       std::string vcd_path, TraceWindow window)
    : sc_core::sc_module(name),
      chip_(chip),
      vcd_path_(trace_files_for(vcd_path).vcd),
      window_(std::move(window)) {
  {  // SystemC only reports a file it cannot open once the simulation starts.
    std::ofstream probe(vcd_path_, std::ios::binary);
    if (!probe) throw std::runtime_error("cannot write VCD trace '" + vcd_path_ + "'");
  }
  build_core_traces(host);
  for (const CoreTrace& t : cores_) {
    RouterTrace r;
    r.router = t.core;
    routers_.push_back(r);
  }

  sc_core::sc_report_handler::set_actions("tracing timescale unit set", sc_core::SC_DO_NOTHING);
  file_ = sc_core::sc_create_vcd_trace_file(vcd_path_.substr(0, vcd_path_.size() - 4).c_str());
  const uint64_t period_ps = uint64_t(chip_.scheduler().period().to_seconds() * 1e12 + 0.5);
  file_->set_time_unit(1, period_ps % 1000 == 0 ? sc_core::SC_NS : sc_core::SC_PS);
  trace_everything();

  chip_.controller().add_observer(this);
  for (const CoreTrace& t : cores_) chip_.core(t.core).add_spike_observer(this);
  for (RouterTrace& r : routers_) {
    RouterTrace* trace = &r;
    chip_.router(r.router).set_activity_probe([this, trace](uint64_t cycle, unsigned moved,
                                                            unsigned occupancy) {
      if (!writing()) return;
      if (moved > 0) set_pulse(trace->flits, moved, cycle);
      trace->occupancy = occupancy;
    });
  }

  SC_METHOD(end_pulses);
  dont_initialize();
  sensitive << end_pulses_event_;
}

ChipTracer::~ChipTracer() {
  if (file_ && !finished_) sc_core::sc_close_vcd_trace_file(file_);
}

void ChipTracer::build_core_traces(const isa::HostConfig& host) {
  const unsigned n = chip_.num_cores();
  trace_of_core_.assign(n, -1);
  // Slots of each layer on each core, in slot order.
  std::vector<std::string> names;
  for (size_t l = 0; l < host.layers.size(); ++l) {
    std::string name = sanitize(host.layers[l].name);
    if (std::find(names.begin(), names.end(), name) != names.end())
      name += "_" + std::to_string(l);
    names.push_back(name);
  }
  layer_names_ = host.layers.empty() ? std::vector<std::string>{"spikes"} : names;
  layers_ = host.layers;

  for (unsigned c = 0; c < n; ++c) {
    if (!window_.has_core(c)) continue;
    CoreTrace t;
    t.core = c;
    t.group_of_slot.fill(-1);
    if (host.layers.empty()) {
      t.group_names.push_back("spikes");
      t.group_widths.push_back(isa::kNeuronSlots);
      for (unsigned s = 0; s < isa::kNeuronSlots; ++s) {
        t.group_of_slot[s] = 0;
        t.bit_of_slot[s] = uint8_t(s);
      }
    } else {
      for (size_t l = 0; l < host.layers.size(); ++l) {
        std::vector<unsigned> slots;
        for (const isa::NeuronRef& r : host.layers[l].neurons)
          if (r.core == c && r.slot < isa::kNeuronSlots && t.group_of_slot[r.slot] < 0)
            slots.push_back(r.slot);
        std::sort(slots.begin(), slots.end());
        slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
        if (slots.empty()) continue;
        const int8_t group = int8_t(t.group_names.size());
        for (size_t i = 0; i < slots.size(); ++i) {
          t.group_of_slot[slots[i]] = group;
          t.bit_of_slot[slots[i]] = uint8_t(i);
        }
        t.group_names.push_back(names[l]);
        t.group_widths.push_back(unsigned(slots.size()));
      }
    }
    t.groups.resize(t.group_names.size());
    trace_of_core_[c] = int(cores_.size());
    cores_.push_back(std::move(t));
  }
}

void ChipTracer::trace_everything() {
  sc_core::sc_trace(file_, tick_.value, "chip.tick", 1);
  sc_core::sc_trace(file_, step_value_, "chip.step", 32);
  sc_core::sc_trace(file_, phase_value_, "chip.phase", 2);
  sc_core::sc_trace(file_, sample_value_, "chip.sample", 32);
  for (CoreTrace& t : cores_)
    for (size_t g = 0; g < t.groups.size(); ++g)
      sc_core::sc_trace(file_, t.groups[g].value,
                        "chip.core_" + three_digits(t.core) + "." + t.group_names[g],
                        int(t.group_widths[g]));
  for (RouterTrace& r : routers_) {
    const std::string stem = "chip.router_" + three_digits(r.router);
    sc_core::sc_trace(file_, r.flits.value, stem + ".flits", 3);
    sc_core::sc_trace(file_, r.occupancy, stem + ".occupancy", 5);
  }
}

void ChipTracer::begin_sample(unsigned sample) {
  sample_on_ = window_.has_sample(sample);
  if (sample_on_) sample_value_ = sample;
}

void ChipTracer::set_pulse(PulseValue& p, uint64_t bits, uint64_t cycle) {
  if (p.set_cycle == cycle) {
    p.value |= bits;
    return;
  }
  if (p.set_cycle == UINT64_MAX) live_pulses_.push_back(&p);
  p.value = bits;
  p.set_cycle = cycle;
  end_pulses_event_.notify(chip_.scheduler().delay_until(cycle + 1));
}

void ChipTracer::end_pulses() {
  const uint64_t now = sc_core::sc_time_stamp().value() / chip_.scheduler().period().value();
  bool pending = false;
  auto keep = live_pulses_.begin();
  for (PulseValue* p : live_pulses_) {
    if (p->set_cycle < now) {
      p->value = 0;
      p->set_cycle = UINT64_MAX;
    } else {
      *keep++ = p;
      pending = true;
    }
  }
  live_pulses_.erase(keep, live_pulses_.end());
  if (pending) end_pulses_event_.notify(chip_.scheduler().delay_until(now + 1));
}

void ChipTracer::on_spike(unsigned core, unsigned slot, unsigned step, uint64_t cycle) {
  if (!sample_on_ || !window_.has_step(step) || core >= trace_of_core_.size()) return;
  const int index = trace_of_core_[core];
  if (index < 0 || slot >= isa::kNeuronSlots) return;
  CoreTrace& t = cores_[size_t(index)];
  const int group = t.group_of_slot[slot];
  if (group >= 0) set_pulse(t.groups[size_t(group)], uint64_t(1) << t.bit_of_slot[slot], cycle);
}

void ChipTracer::on_phase(hw::StepPhase phase, unsigned step, uint64_t /*cycle*/) {
  step_ = step;
  const bool after_last = phase == hw::StepPhase::kIdle && step > 0 && window_.has_step(step - 1);
  if (!sample_on_ || !(window_.has_step(step) || after_last)) return;
  phase_value_ = uint64_t(phase);
  step_value_ = step;
}

void ChipTracer::on_tick(unsigned step, uint64_t /*first_cycle*/, uint64_t last_cycle) {
  if (sample_on_ && window_.has_step(step)) set_pulse(tick_, 1, last_cycle);
}

std::string ChipTracer::gtkw_path() const { return trace_files_for(vcd_path_).gtkw; }

std::vector<GtkwGroup> ChipTracer::gtkw_groups() const {
  using Format = GtkwSignal::Format;
  std::vector<GtkwGroup> groups;
  groups.push_back({"control",
                    {{"SystemC.chip.tick", 1, Format::kBinary, "tick (step closes)", -1},
                     {"SystemC.chip.step", 32, Format::kDecimal, "step", -1},
                     {"SystemC.chip.phase", 2, Format::kDecimal,
                      "phase (1 event, 2 psum, 3 fire)", -1},
                     {"SystemC.chip.sample", 32, Format::kDecimal, "sample", -1}},
                    false});
  auto signal_of = [](const CoreTrace& t, size_t group) {
    return "SystemC.chip.core_" + three_digits(t.core) + "." + t.group_names[group];
  };
  for (size_t l = 0; l < layer_names_.size(); ++l) {
    const std::string& layer = layer_names_[l];
    GtkwGroup g{"layer " + layer, {}, false};
    // Small layers: one line per neuron, in the layer's own neuron order.
    if (l < layers_.size()) {
      for (size_t i = 0; i < layers_[l].neurons.size(); ++i) {
        const isa::NeuronRef& r = layers_[l].neurons[i];
        if (r.core >= trace_of_core_.size() || trace_of_core_[r.core] < 0) continue;
        const CoreTrace& t = cores_[size_t(trace_of_core_[r.core])];
        const int group = r.slot < isa::kNeuronSlots ? t.group_of_slot[r.slot] : -1;
        if (group < 0 || t.group_names[size_t(group)] != layer) continue;
        g.signals.push_back({signal_of(t, size_t(group)), t.group_widths[size_t(group)],
                             Format::kBinary, layer + " n" + std::to_string(i),
                             t.bit_of_slot[r.slot]});
      }
    }
    // Large layers (or no layer table): one vector per core, in a closed group
    // when there are many cores, so the smaller layers stay in view.
    if (g.signals.empty() || g.signals.size() > 64) {
      g.signals.clear();
      for (const CoreTrace& t : cores_)
        for (size_t i = 0; i < t.group_names.size(); ++i)
          if (t.group_names[i] == layer)
            g.signals.push_back({signal_of(t, i), t.group_widths[i],
                                 t.group_widths[i] > 16 ? Format::kHex : Format::kBinary,
                                 "core " + std::to_string(t.core) + " " + layer + " (" +
                                     std::to_string(t.group_widths[i]) + ")",
                                 -1});
      g.collapsed = g.signals.size() > 8;
    }
    if (!g.signals.empty()) groups.push_back(std::move(g));
  }
  GtkwGroup flits{"NoC flits moved per router", {}, true};
  GtkwGroup occupancy{"NoC buffered flits per router", {}, true};
  for (const RouterTrace& r : routers_) {
    const std::string stem = "SystemC.chip.router_" + three_digits(r.router);
    const std::string alias = "router " + std::to_string(r.router);
    flits.signals.push_back({stem + ".flits", 3, Format::kDecimal, alias + " flits", -1});
    occupancy.signals.push_back({stem + ".occupancy", 5, Format::kDecimal, alias + " buffered", -1});
  }
  if (!flits.signals.empty()) {
    groups.push_back(std::move(flits));
    groups.push_back(std::move(occupancy));
  }
  return groups;
}

std::string ChipTracer::finish() {
  if (finished_) return vcd_path_;
  finished_ = true;
  sc_core::sc_close_vcd_trace_file(file_);
  file_ = nullptr;
  normalize_vcd_date(vcd_path_);
  write_gtkw(gtkw_path(), base_name(vcd_path_), gtkw_groups());
  return vcd_path_;
}

void normalize_vcd_date(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read VCD trace '" + path + "'");
  std::string head(64 * 1024, '\0');
  in.read(&head[0], std::streamsize(head.size()));
  head.resize(size_t(in.gcount()));
  const size_t date = head.find("$date");
  const size_t end = date == std::string::npos ? date : head.find("$end", date);
  if (end == std::string::npos) return;  // no date section: nothing to fix
  head.replace(date, end - date, "$date\n     (fixed so that identical runs give identical files)\n");

  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write '" + tmp + "'");
    out.write(head.data(), std::streamsize(head.size()));
    std::vector<char> buf(1 << 20);
    while (in.read(buf.data(), std::streamsize(buf.size())) || in.gcount() > 0)
      out.write(buf.data(), in.gcount());
    if (!out) throw std::runtime_error("error while writing '" + tmp + "'");
  }
  in.close();
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    throw std::runtime_error("cannot replace '" + path + "' by '" + tmp + "'");
}

}  // namespace spikecore::platform
