// A small VCD reader for tests: variable declarations (with their scope path)
// and value changes of variables up to 64 bits wide.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace spikecore::platform::testing {

struct VcdVar {
  std::string id;
  std::string path;  // scopes and name joined by '.', e.g. "SystemC.chip.tick"
  unsigned width = 1;
};

struct VcdChange {
  uint64_t time = 0;
  uint64_t value = 0;
};

struct VcdFile {
  std::string timescale;  // e.g. "1 ns"
  std::string date;
  std::vector<VcdVar> vars;
  std::map<std::string, std::vector<VcdChange>> changes;  // by id, in time order

  const VcdVar* find(const std::string& path) const;
  // Changes of the variable at `path` (empty if none or unknown).
  const std::vector<VcdChange>& changes_of(const std::string& path) const;
};

// Throws std::runtime_error "file:line: what is wrong" on anything it does
// not understand (unknown keyword, undeclared id, x/z values, time going back).
VcdFile read_vcd(const std::string& path);

}  // namespace spikecore::platform::testing
