#include "platform/gtkw_writer.h"

#include <sstream>

namespace spikecore::platform {

namespace {
// gtkwave trace flags (bit positions from gtkwave's analyzer.h).
constexpr unsigned kHex = 1u << 1, kDec = 1u << 2, kBin = 1u << 3, kRightJustify = 1u << 5;
constexpr unsigned kBlank = 1u << 9, kCollapsed = 1u << 12, kClosed = 1u << 22;
constexpr unsigned kGroupBegin = 1u << 23, kGroupEnd = 1u << 24;

unsigned format_flags(GtkwSignal::Format f) {
  switch (f) {
    case GtkwSignal::Format::kHex: return kRightJustify | kHex;
    case GtkwSignal::Format::kDecimal: return kRightJustify | kDec;
    case GtkwSignal::Format::kBinary: break;
  }
  return kRightJustify | kBin;
}
}  // namespace

std::string gtkw_text(const std::string& vcd_file, const std::vector<GtkwGroup>& groups) {
  std::ostringstream out;
  out << "[*] SpikeCore trace: signals grouped by layer and core (written by spikecore platform)\n"
      << "[dumpfile] \"" << vcd_file << "\"\n"
      << "[timestart] 0\n"
      << "[size] 1600 900\n"
      << "[signals_width] 320\n"
      << "[sst_expanded] 1\n"
      << "[sst_width] 260\n";
  out << std::hex;
  for (const GtkwGroup& g : groups) {
    const unsigned closed = g.collapsed ? kClosed : 0;
    out << '@' << (kGroupBegin | kBlank | closed) << "\n-" << g.title << '\n';
    unsigned last_flags = 0;
    for (const GtkwSignal& s : g.signals) {
      const unsigned flags = format_flags(s.format);
      if (flags != last_flags) out << '@' << flags << '\n';
      last_flags = flags;
      out << std::dec;
      if (!s.alias.empty()) out << "+{" << s.alias << "} ";
      // gtkwave numbers the bits of a vector from its most significant one.
      if (s.bit >= 0 && s.width > 1) out << '(' << s.width - 1 - unsigned(s.bit) << ')';
      out << s.name;
      if (s.width > 1) out << '[' << s.width - 1 << ":0]";
      out << std::hex << '\n';
    }
    const unsigned end_flags = kGroupEnd | kBlank | (g.collapsed ? kClosed | kCollapsed : 0);
    out << '@' << end_flags << "\n-" << g.title << '\n';
  }
  return out.str();
}

}  // namespace spikecore::platform
