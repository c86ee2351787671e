// gtkwave save files (.gtkw) that open a VCD with its signals in named groups.
#pragma once

#include <string>
#include <vector>

namespace spikecore::platform {

struct GtkwSignal {
  std::string name;    // full VCD path, e.g. "SystemC.chip.core_017.fc1"
  unsigned width = 1;  // bits; vectors are written as name[width-1:0]
  enum class Format { kBinary, kHex, kDecimal } format = Format::kBinary;
  std::string alias;   // name shown in gtkwave ("" = the VCD name)
  int bit = -1;        // >= 0: show only this bit of the vector (0 = least significant)
};

struct GtkwGroup {
  std::string title;
  std::vector<GtkwSignal> signals;
  bool collapsed = false;
};

// Save-file text for `vcd_file` (written as given; gtkwave also looks for it
// next to the save file).
std::string gtkw_text(const std::string& vcd_file, const std::vector<GtkwGroup>& groups);

}  // namespace spikecore::platform
