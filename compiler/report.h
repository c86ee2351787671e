// Reports of a compiled module: the quantization report (always printed), the
// mapping report (human table with --report) and its JSON form.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "compiler/ir.h"

namespace spikecore::compiler {

struct CoreUsage {
  unsigned core = 0;
  unsigned weight_bytes = 0, neurons = 0, program_words = 0, route_entries = 0;
  unsigned fan_in = 0;   // axons its tile reads
  unsigned fan_out = 0;  // destinations of its spikes and partial sums (route entries + PSUMs)
  std::string contents;  // "fc1 rows[0,32) cols[0,8) + input[0..31]"
};

std::vector<CoreUsage> core_usage(const Module& module);

std::string quantization_report(const Module& module);
std::string mapping_report(const Module& module);
nlohmann::json mapping_json(const Module& module);

}  // namespace spikecore::compiler
