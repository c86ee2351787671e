#include "isa/hardware_description.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

#include "common/read_file.h"
#include "isa/isa.h"

namespace spikecore::isa {
namespace {

using nlohmann::json;

// One key of a section: its range and where the value goes.
struct UnsignedKey {
  const char* name;
  unsigned min, max;
  std::function<unsigned&(HardwareDescription&)> field;
};

const std::vector<UnsignedKey>& chip_keys() {
  static const std::vector<UnsignedKey> keys = {
      {"mesh_width", 1, kMaxCores, [](HardwareDescription& d) -> unsigned& { return d.mesh_width; }},
      {"mesh_height", 1, kMaxCores, [](HardwareDescription& d) -> unsigned& { return d.mesh_height; }},
  };
  return keys;
}

const std::vector<UnsignedKey>& micro_keys() {
  using D = HardwareDescription;
  static const std::vector<UnsignedKey> keys = {
      {"router_buffer_flits", 1, kMaxBufferFlits,
       [](D& d) -> unsigned& { return d.micro.router_buffer_flits; }},
      {"router_hop_cycles", 1, 64, [](D& d) -> unsigned& { return d.micro.router_hop_cycles; }},
      {"event_fifo_flits", 1, kMaxBufferFlits,
       [](D& d) -> unsigned& { return d.micro.event_fifo_flits; }},
      {"outbox_entries", kNeuronSlots, 4096,
       [](D& d) -> unsigned& { return d.micro.outbox_entries; }},
      {"acc_dispatch_cycles", 1, 64, [](D& d) -> unsigned& { return d.micro.acc_dispatch_cycles; }},
      {"acc_cycles_per_column", 1, 64,
       [](D& d) -> unsigned& { return d.micro.acc_cycles_per_column; }},
      {"barrier_cycles", 1, 4096, [](D& d) -> unsigned& { return d.micro.barrier_cycles; }},
      {"host_access_cycles", 0, 4096, [](D& d) -> unsigned& { return d.micro.host_access_cycles; }},
  };
  return keys;
}

const std::vector<UnsignedKey>& board_keys() {
  static const std::vector<UnsignedKey> keys = {
      {"width", 1, kMaxBoardWidth, [](HardwareDescription& d) -> unsigned& { return d.board_width; }},
      {"height", 1, kMaxBoardHeight,
       [](HardwareDescription& d) -> unsigned& { return d.board_height; }},
  };
  return keys;
}

const std::vector<UnsignedKey>& link_keys() {
  using D = HardwareDescription;
  static const std::vector<UnsignedKey> keys = {
      {"latency_cycles", 1, 1024, [](D& d) -> unsigned& { return d.chip_links.latency_cycles; }},
      {"cycles_per_flit", 1, 64, [](D& d) -> unsigned& { return d.chip_links.cycles_per_flit; }},
      {"buffer_flits", 1, kMaxBufferFlits,
       [](D& d) -> unsigned& { return d.chip_links.buffer_flits; }},
  };
  return keys;
}

constexpr double kMinClockMhz = 1, kMaxClockMhz = 100000;

std::string names(const std::vector<UnsignedKey>& keys, const char* extra = nullptr) {
  std::string out;
  for (const UnsignedKey& k : keys) out += (out.empty() ? "" : ", ") + std::string(k.name);
  if (extra) out += std::string(", ") + extra;
  return out;
}

// A value as it appears in an error: its JSON, cut short when long.
std::string shown(const json& value) {
  std::string text = value.dump();
  return text.size() > 40 ? text.substr(0, 37) + "..." : text;
}

// "line 3, column 7" of a byte offset.
std::string position(const std::string& text, size_t offset) {
  unsigned line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

void read_section(const json& section, const std::string& where,
                  const std::vector<UnsignedKey>& keys, HardwareDescription& d,
                  const std::function<bool(const std::string&, const json&)>& other = {}) {
  if (!section.is_object())
    throw HardwareDescriptionError(where + ": expected an object of keys (" + names(keys) + ")");
  for (const auto& [key, value] : section.items()) {
    if (other && other(key, value)) continue;
    const UnsignedKey* match = nullptr;
    for (const UnsignedKey& k : keys)
      if (key == k.name) match = &k;
    if (!match)
      throw HardwareDescriptionError(where + "." + key + ": unknown key (known: " +
                                     names(keys, other ? "clock_mhz" : nullptr) + ")");
    if (!value.is_number_unsigned() || value.get<uint64_t>() < match->min ||
        value.get<uint64_t>() > match->max)
      throw HardwareDescriptionError(where + "." + key + ": " + shown(value) +
                                     " is not a whole number in " + std::to_string(match->min) +
                                     ".." + std::to_string(match->max));
    match->field(d) = value.get<unsigned>();
  }
}

}  // namespace

bool Microarchitecture::operator==(const Microarchitecture& o) const {
  return router_buffer_flits == o.router_buffer_flits &&
         router_hop_cycles == o.router_hop_cycles && event_fifo_flits == o.event_fifo_flits &&
         outbox_entries == o.outbox_entries && acc_dispatch_cycles == o.acc_dispatch_cycles &&
         acc_cycles_per_column == o.acc_cycles_per_column &&
         barrier_cycles == o.barrier_cycles && host_access_cycles == o.host_access_cycles &&
         clock_mhz == o.clock_mhz;
}

bool ChipLinks::operator==(const ChipLinks& o) const {
  return latency_cycles == o.latency_cycles && cycles_per_flit == o.cycles_per_flit &&
         buffer_flits == o.buffer_flits;
}

bool HardwareDescription::operator==(const HardwareDescription& o) const {
  return mesh_width == o.mesh_width && mesh_height == o.mesh_height &&
         board_width == o.board_width && board_height == o.board_height && micro == o.micro &&
         chip_links == o.chip_links;
}

double chip_link_hop_cost(const HardwareDescription& d) {
  const double cycles = double(d.chip_links.latency_cycles) + d.chip_links.cycles_per_flit;
  return std::max(1.0, cycles / d.micro.router_hop_cycles);
}

HardwareDescription parse_hardware_description(const std::string& text,
                                               const std::string& source) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    throw HardwareDescriptionError(source + ": not valid JSON at " + position(text, e.byte - 1) +
                                   " (" + e.what() + ")");
  }
  if (!doc.is_object())
    throw HardwareDescriptionError(source + ": expected a JSON object with \"board\", "
                                   "\"chip\", \"chip_links\" and \"microarchitecture\"");
  HardwareDescription d;
  for (const auto& [key, value] : doc.items()) {
    if (key == "chip") {
      read_section(value, source + ": chip", chip_keys(), d);
    } else if (key == "microarchitecture") {
      read_section(value, source + ": microarchitecture", micro_keys(), d,
                   [&](const std::string& k, const json& v) {
                     if (k != "clock_mhz") return false;
                     if (!v.is_number() || !(v.get<double>() >= kMinClockMhz) ||
                         !(v.get<double>() <= kMaxClockMhz))
                       throw HardwareDescriptionError(
                           source + ": microarchitecture.clock_mhz: " + shown(v) +
                           " is not a number in 1..100000");
                     d.micro.clock_mhz = v.get<double>();
                     return true;
                   });
    } else if (key == "board") {
      read_section(value, source + ": board", board_keys(), d);
      d.board_given = true;
    } else if (key == "chip_links") {
      read_section(value, source + ": chip_links", link_keys(), d);
    } else {
      throw HardwareDescriptionError(
          source + ": " + key + ": unknown key (known: board, chip, chip_links, microarchitecture)");
    }
  }
  if (d.mesh_width * d.mesh_height > kMaxCores)
    throw HardwareDescriptionError(source + ": chip: " + std::to_string(d.mesh_width) + " x " +
                                   std::to_string(d.mesh_height) + " cores; a packet addresses at most " +
                                   std::to_string(kMaxCores));
  return d;
}

HardwareDescription load_hardware_description(const std::string& path) {
  std::string text, error;
  if (!read_whole_file(path, text, error, kMaxDescriptionBytes))
    throw HardwareDescriptionError(path + ": cannot read the hardware description: " + error);
  return parse_hardware_description(text, path);
}

std::string to_json(const HardwareDescription& d) {
  HardwareDescription copy = d;
  json board = json::object(), chip = json::object(), links = json::object(),
       micro = json::object();
  for (const UnsignedKey& k : board_keys()) board[k.name] = k.field(copy);
  for (const UnsignedKey& k : chip_keys()) chip[k.name] = k.field(copy);
  for (const UnsignedKey& k : link_keys()) links[k.name] = k.field(copy);
  for (const UnsignedKey& k : micro_keys()) micro[k.name] = k.field(copy);
  micro["clock_mhz"] = d.micro.clock_mhz;
  return json{{"board", board}, {"chip", chip}, {"chip_links", links}, {"microarchitecture", micro}}
      .dump(2);
}

}  // namespace spikecore::isa
