#include "platform/chip_tracer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
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

// Overwrites an existing staging file (made by the caller, who renames it).
void write_file_in_place(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!(f << text) || !f.flush()) throw std::runtime_error("cannot write '" + path + "'");
}

std::string base_name(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

ChipTracer::ChipTracer(sc_core::sc_module_name name, ChipTop& chip, const isa::HostConfig& host,
                       const TraceOptions& options)
    : sc_core::sc_module(name),
      chip_(chip),
      vcd_path_(trace_files_for(options.vcd_path).vcd),
      window_(options.window),
      max_bytes_(options.max_bytes) {
  // SystemC writes under a temporary name (it appends ".vcd" itself), and
  // reports a file it cannot open only once the simulation starts: reserving
  // the name here fails early and leaves nothing behind on failure.
  if (options.vcd_staging_path.empty()) {
    vcd_file_ = std::make_unique<PendingOutput>(vcd_path_, ".vcd", "VCD trace");
    vcd_file_->close_fd();
    vcd_write_path_ = vcd_file_->temp_path();
  } else {
    vcd_write_path_ = options.vcd_staging_path;
    gtkw_write_path_ = options.gtkw_staging_path;
  }
  build_core_traces(host);
  build_link_traces();
  for (const CoreTrace& t : cores_) {
    RouterTrace r;
    r.router = t.core;
    routers_.push_back(r);
  }

  sc_core::sc_report_handler::set_actions("tracing timescale unit set", sc_core::SC_DO_NOTHING);
  file_ = sc_core::sc_create_vcd_trace_file(
      vcd_write_path_.substr(0, vcd_write_path_.size() - 4).c_str());
  const uint64_t period_ps = uint64_t(chip_.scheduler().period().to_seconds() * 1e12 + 0.5);
  file_->set_time_unit(1, period_ps % 1000 == 0 ? sc_core::SC_NS : sc_core::SC_PS);
  time_units_per_cycle_ = period_ps % 1000 == 0 ? period_ps / 1000 : period_ps;
  trace_everything();

  chip_.controller().add_observer(this);
  for (const CoreTrace& t : cores_) chip_.core(t.core).add_spike_observer(this);
  // Routers and chip links report the same two figures after each cycle they work in.
  auto probe_into = [this](auto* trace) {
    return [this, trace](uint64_t cycle, unsigned moved, unsigned occupancy) {
      if (!writing()) return;
      if (moved > 0) set_pulse(trace->flits, moved, cycle);
      trace->occupancy = occupancy;
    };
  };
  for (RouterTrace& r : routers_) chip_.router(r.router).set_activity_probe(probe_into(&r));
  for (LinkTrace& l : links_) chip_.link(l.link).set_activity_probe(probe_into(&l));

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

void ChipTracer::build_link_traces() {
  const unsigned per_chip = chip_.cores_per_chip();
  std::vector<bool> chip_traced(chip_.num_chips(), false);
  for (const CoreTrace& t : cores_) chip_traced[t.core / per_chip] = true;
  for (unsigned i = 0; i < chip_.num_links(); ++i) {
    const ChipLinkPlace& place = chip_.link_place(i);
    if (!chip_traced[place.from_chip] && !chip_traced[place.to_chip]) continue;
    LinkTrace l;
    l.link = i;
    l.stem = chip_.link(i).basename();  // "link_F_T_L", named by ChipTop
    links_.push_back(std::move(l));
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
  for (LinkTrace& l : links_) {
    sc_core::sc_trace(file_, l.flits.value, "chip." + l.stem + ".flits", 1);
    sc_core::sc_trace(file_, l.occupancy, "chip." + l.stem + ".occupancy", 5);
  }
}

void ChipTracer::begin_sample(unsigned sample) {
  struct stat st {};
  if (max_bytes_ != 0 && ::stat(vcd_write_path_.c_str(), &st) == 0 &&
      uint64_t(st.st_size) > max_bytes_)
    throw std::runtime_error("VCD trace '" + vcd_path_ + "' grew past " +
                             std::to_string(max_bytes_ >> 20) + " MB before sample " +
                             std::to_string(sample) + " of the run; stopped, and not kept " +
                             "(trace fewer samples, steps or cores, or raise the bound: "
                             "spikecore-sim --trace-max-mb)");
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
  last_change_cycle_ = std::max(last_change_cycle_, cycle);
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

void ChipTracer::on_phase(hw::StepPhase phase, unsigned step, uint64_t cycle) {
  step_ = step;
  const bool after_last = phase == hw::StepPhase::kIdle && step > 0 && window_.has_step(step - 1);
  if (!sample_on_ || !(window_.has_step(step) || after_last)) return;
  phase_value_ = uint64_t(phase);
  step_value_ = step;
  last_change_cycle_ = std::max(last_change_cycle_, cycle);
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
  // Per chip, its outgoing links: flits and occupancy side by side.
  for (unsigned chip = 0; chip < chip_.num_chips(); ++chip) {
    GtkwGroup g{"chip " + std::to_string(chip) + " links out", {}, true};
    for (const LinkTrace& l : links_) {
      const ChipLinkPlace& place = chip_.link_place(l.link);
      if (place.from_chip != chip) continue;
      const std::string stem = "SystemC.chip." + l.stem;
      const std::string alias = "to chip " + std::to_string(place.to_chip) + " " +
                                hw::Router::port_name(place.direction) + " " +
                                std::to_string(place.lane);
      g.signals.push_back({stem + ".flits", 1, Format::kBinary, alias + " flit", -1});
      g.signals.push_back({stem + ".occupancy", 5, Format::kDecimal, alias + " in flight", -1});
    }
    if (!g.signals.empty()) groups.push_back(std::move(g));
  }
  return groups;
}

std::string ChipTracer::finish() {
  if (finished_) return vcd_path_;
  finished_ = true;
  sc_core::sc_close_vcd_trace_file(file_);
  file_ = nullptr;
  require_complete_vcd(vcd_write_path_, vcd_path_, last_change_cycle_ * time_units_per_cycle_);
  normalize_vcd_date(vcd_write_path_);
  const std::string text = gtkw_text(base_name(vcd_path_), gtkw_groups());
  if (!vcd_file_) {  // staging files: the caller renames them
    write_file_in_place(gtkw_write_path_, text);
    return vcd_path_;
  }
  PendingOutput gtkw(gtkw_path(), "", "gtkwave save file");
  gtkw.write(text.data(), text.size());
  vcd_file_->commit();
  gtkw.commit();
  return vcd_path_;
}

void require_complete_vcd(const std::string& path, const std::string& shown_as,
                          uint64_t last_change_time) {
  // SystemC ignores write errors (a full disk, a file size limit): the file
  // then stops early. Its last time stamp must reach the last traced change.
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw std::runtime_error("cannot read VCD trace '" + path + "': " + std::strerror(errno));
  const off_t size = ::lseek(fd, 0, SEEK_END);
  std::string tail(size_t(std::min<off_t>(size, 64 * 1024)), '\0');
  const ssize_t n = ::pread(fd, &tail[0], tail.size(), size - off_t(tail.size()));
  ::close(fd);
  tail.resize(n > 0 ? size_t(n) : 0);
  uint64_t last_time = 0;
  bool found = false;
  const bool whole_lines = !tail.empty() && tail.back() == '\n';
  if (whole_lines) {
    for (size_t line = tail.rfind('\n', tail.size() - 2); line != std::string::npos;
         line = line == 0 ? std::string::npos : tail.rfind('\n', line - 1)) {
      if (line + 1 < tail.size() && tail[line + 1] == '#') {
        last_time = std::strtoull(tail.c_str() + line + 2, nullptr, 10);
        found = true;
        break;
      }
    }
  }
  if (!whole_lines || (last_change_time > 0 && (!found || last_time < last_change_time)))
    throw std::runtime_error(
        "VCD trace '" + shown_as + "' is incomplete: writing it failed after " +
        std::to_string(size) + " bytes (disk full, or a file size limit?); " +
        (!whole_lines ? std::string("it stops mid-line")
         : found      ? "it reaches time " + std::to_string(last_time) + " of the " +
                       std::to_string(last_change_time) + " traced"
                      : std::string("it has no time stamp")) +
        ", so it was not kept");
}

void normalize_vcd_date(const std::string& path) {
  // In place, with the same length: the trace may be gigabytes, and copying
  // it would need as much free disk again.
  const int fd = ::open(path.c_str(), O_RDWR);
  if (fd < 0) throw std::runtime_error("cannot open VCD trace '" + path + "': " + std::strerror(errno));
  std::string head(4096, '\0');
  const ssize_t n = ::pread(fd, &head[0], head.size(), 0);
  head.resize(n > 0 ? size_t(n) : 0);
  const size_t date = head.find("$date");
  const size_t end = date == std::string::npos ? date : head.find("$end", date);
  if (end != std::string::npos) {
    const size_t begin = date + 5, length = end - begin;
    std::string text = "\n     " + std::string(kFixedVcdDate) + "\n";
    if (text.size() > length) text = "\n" + std::string(kFixedVcdDate).substr(0, length - 2) + "\n";
    text.resize(length, ' ');
    if (::pwrite(fd, text.data(), text.size(), off_t(begin)) != ssize_t(text.size())) {
      const int err = errno;
      ::close(fd);
      throw std::runtime_error("cannot write VCD trace '" + path + "': " + std::strerror(err));
    }
  }
  if (::close(fd) != 0)
    throw std::runtime_error("cannot write VCD trace '" + path + "': " + std::strerror(errno));
}

}  // namespace spikecore::platform
