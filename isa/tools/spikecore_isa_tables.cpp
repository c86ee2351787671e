// spikecore-isa-tables: prints the reference tables of docs/isa.md (opcodes,
// field encodings, memory map, registers, image sections) from the C++
// definitions, and checks or updates the generated blocks in a markdown file.
// A ctest runs --check so the document cannot drift from the headers.
#include <boost/program_options.hpp>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "common/command_line_error.h"
#include "common/version.h"
#include "isa/field_layout.h"
#include "isa/image.h"
#include "isa/image_format.h"
#include "isa/isa.h"
#include "isa/memory_map.h"
#include "isa/packet.h"

namespace po = boost::program_options;
using namespace spikecore::isa;

namespace {

std::string hex(uint64_t v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%0*llx", digits, static_cast<unsigned long long>(v));
  return buf;
}

std::string bits(unsigned low, unsigned width) {
  if (width == 1) return std::to_string(low);
  return std::to_string(low + width - 1) + ".." + std::to_string(low);
}

// Ranges of bits that no field uses, highest first, e.g. "59..38, 31..30".
std::string reserved_bits(uint64_t used, unsigned word_bits) {
  std::string out;
  for (int b = int(word_bits) - 1; b >= 0;) {
    if ((used >> b) & 1u) {
      --b;
      continue;
    }
    int low = b;
    while (low - 1 >= 0 && !((used >> (low - 1)) & 1u)) --low;
    out += (out.empty() ? "" : ", ") + bits(unsigned(low), unsigned(b - low + 1));
    b = low - 1;
  }
  return out.empty() ? "none" : out;
}

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::kEvent:
      return "event";
    case Phase::kPartialSum:
      return "partial-sum";
    case Phase::kFire:
      return "fire";
  }
  return "?";
}

const char* access_name(mmap::Access a) {
  switch (a) {
    case mmap::Access::kReadWrite:
      return "RW";
    case mmap::Access::kReadOnly:
      return "RO";
    case mmap::Access::kWriteOnly:
      return "WO";
  }
  return "?";
}

void resources(std::ostream& o) {
  o << "| Constant | Value | Meaning |\n|---|---|---|\n";
  o << "| `kWeightSramBytes` | " << kWeightSramBytes << " | int8 weight SRAM bytes per core |\n";
  o << "| `kNeuronSlots` | " << kNeuronSlots << " | neuron (soma) slots per core |\n";
  o << "| `kAccumulators` | " << kAccumulators << " | int16 dendritic accumulators per core |\n";
  o << "| `kProgramWords` | " << kProgramWords << " | 64-bit program words per core |\n";
  o << "| `kRouteEntries` | " << kRouteEntries << " | 32-bit route entries per core |\n";
  o << "| `kAxonsPerCore` | " << kAxonsPerCore << " | axon ids per core (8 bits) |\n";
  o << "| `kMaxCores` | " << kMaxCores << " | cores of a chip addressable by a packet (8 bits) |\n";
  o << "| `kMaxBoardWidth` x `kMaxBoardHeight` | " << kMaxBoardWidth << " x " << kMaxBoardHeight
    << " | largest board (chips; a packet's chip id is 8 bits) |\n";
  o << "| `kDefaultMeshWidth` x `kDefaultMeshHeight` | " << kDefaultMeshWidth << " x "
    << kDefaultMeshHeight << " | default mesh (" << kDefaultCores << " cores) |\n";
  o << "| `kWeightMin`..`kWeightMax` | " << kWeightMin << ".." << kWeightMax
    << " | legal weights (-128 is rejected) |\n";
  o << "| `kNeuronParamBytes` | " << kNeuronParamBytes
    << " | bytes per neuron parameter record |\n";
}

void opcodes(std::ostream& o) {
  o << "| Opcode (bits 63..60) | Mnemonic | Phase | Operation |\n|---|---|---|---|\n";
  o << "| 0x0 | NOP | - | invalid in a program (an all-zero word is rejected) |\n";
  for (const layout::InstructionLayout* l : layout::kInstructionLayouts)
    o << "| " << hex(l->opcode, 1) << " | " << l->mnemonic << " | "
      << phase_name(phase_of(static_cast<Opcode>(l->opcode))) << " | " << l->summary << " |\n";
  o << "| " << hex(unsigned(layout::kInstructionLayouts.size() + 1), 1)
    << "..0xF | - | - | reserved: decode rejects them |\n";
}

void field_table(std::ostream& o, const layout::InstructionLayout& l) {
  o << "| Bits | Field | Stored as | Legal values |\n|---|---|---|---|\n";
  if (l.word_bits == 64)
    o << "| " << bits(layout::kOpcode.low, layout::kOpcode.width) << " | opcode | "
      << hex(l.opcode, 1) << " | - |\n";
  for (unsigned i = l.num_fields; i-- > 0;) {
    const BitField& f = l.fields[i];
    o << "| " << bits(f.low, f.width) << " | `" << f.name << "` | "
      << (f.minus_one ? "value - 1" : "value") << " | " << f.range << " |\n";
  }
  o << "| " << reserved_bits(l.used_mask(), l.word_bits) << " | reserved | 0 | must be 0 |\n";
}

void encodings(std::ostream& o) {
  bool first = true;
  for (const layout::InstructionLayout* l : layout::kInstructionLayouts) {
    o << (first ? "" : "\n") << "**" << l->mnemonic << "** (opcode " << hex(l->opcode, 1) << ", "
      << l->word_bits << "-bit word)\n\n";
    field_table(o, *l);
    first = false;
  }
}

void route(std::ostream& o) { field_table(o, layout::kRouteLayout); }

void neuron(std::ostream& o) {
  o << "| Bytes | Field | Type | Legal values |\n|---|---|---|---|\n";
  for (const layout::ByteField& f : layout::kNeuronParamFields)
    o << "| " << f.offset << ".." << f.offset + f.size - 1 << " | `" << f.name << "` | " << f.type
      << " | " << f.range << " |\n";
}

void packet(std::ostream& o) {
  // The packed word of isa/packet.h, probed through pack() so the table
  // follows the code.
  struct Probe {
    const char* field;
    Packet p;
    const char* meaning;
  };
  Packet kind, dst, index, value, src, dst_chip, src_chip;
  dst_chip.dst_chip = 0xFF;
  src_chip.src_chip = 0xFF;
  kind.kind = PacketKind::kPartialSum;
  dst.dst_core = 0xFF;
  index.index = 0xFF;
  value.value = -1;
  src.src_core = 0xFF;
  const Probe probes[] = {
      {"kind", kind, "0 spike, 1 partial sum"},
      {"dst_core", dst, "destination core id"},
      {"index", index, "axon id (spike) or neuron slot (partial sum)"},
      {"dst_chip", dst_chip, "destination chip of a board (0 on one chip)"},
      {"value", value, "int16 partial sum (0 for spikes)"},
      {"src_core", src, "source core (tracing and statistics only, not on the wire)"},
      {"src_chip", src_chip, "source chip (tracing and statistics only, not on the wire)"},
  };
  o << "| Bits of `pack()` | Field | Meaning |\n|---|---|---|\n";
  for (const Probe& pr : probes) {
    const uint64_t w = pack(pr.p);
    unsigned low = 0, high = 63;
    while (!((w >> low) & 1u)) ++low;
    while (!((w >> high) & 1u)) --high;
    o << "| " << bits(low, high - low + 1) << " | `" << pr.field << "` | " << pr.meaning << " |\n";
  }
  o << "\nWire size: " << kPacketWireBits << " bits (kind, dst_chip, dst_core, index, value).\n";
}

void memory_map(std::ostream& o) {
  o << "| Address | Size | Block |\n|---|---|---|\n";
  o << "| " << hex(mmap::kChipControlBase, 8) << " | " << hex(mmap::kChipControlSize, 3)
    << " | chip control block |\n";
  o << "| " << hex(mmap::kCoreBase, 8) << " + c x " << hex(mmap::kCoreStride, 4) << " | "
    << hex(mmap::kCoreStride, 4) << " | window of core c (c < number of cores of the chip) |\n";
  o << "| chip k of a board: " << hex(mmap::kChipStride, 9) << " x k + the above | "
    << hex(mmap::kChipStride, 9) << " | chip k's core windows (its control block: chip 0 only) |\n\n";
  o << "| Offset | Size | Region | Access | Width | Contents |\n|---|---|---|---|---|---|\n";
  for (const mmap::Region& r : mmap::kCoreRegions)
    o << "| " << hex(r.offset, 3) << " | " << hex(r.size, 3) << " | " << r.name << " | "
      << access_name(r.access) << " | " << r.element_bytes << " B | " << r.description << " |\n";
  o << "| " << hex(mmap::kCoreWindowUsed, 3) << ".." << hex(mmap::kCoreStride - 1, 3)
    << " | - | unmapped | - | - | address error |\n";
}

template <size_t N>
void register_table(std::ostream& o, const std::array<mmap::Register, N>& regs) {
  o << "| Offset | Name | Access | Reset | Meaning |\n|---|---|---|---|---|\n";
  for (const mmap::Register& r : regs)
    o << "| " << hex(r.offset, 3) << " | " << r.name << " | " << access_name(r.access) << " | "
      << hex(r.reset_value, 8) << " | " << r.description << " |\n";
}

void core_registers(std::ostream& o) { register_table(o, mmap::kCoreRegisters); }
void chip_registers(std::ostream& o) { register_table(o, mmap::kChipRegisters); }

void image_sections(std::ostream& o) {
  o << "Header (" << image_format::kHeaderBytes << " bytes): magic `";
  for (char c : kImageMagic) {
    if (c >= 0x20 && c < 0x7F)
      o << c;
    else
      o << "\\x" << hex(static_cast<unsigned char>(c), 2).substr(2);
  }
  o << "`, version " << kImageVersion << ", header CRC at byte " << image_format::kHeaderCrcOffset
    << ", section table entries of " << image_format::kSectionEntryBytes
    << " bytes, chip-level sections use core " << hex(image_format::kChipLevelCore, 4) << ".\n\n";
  o << "| Kind | Name | Core | Size (bytes) | Contents |\n|---|---|---|---|---|\n";
  for (const image_format::SectionInfo& s : image_format::kSections)
    o << "| " << hex(static_cast<uint16_t>(s.kind), 2) << " | " << s.name << " | "
      << (s.per_core ? "core id" : "0xffff") << " | " << s.size_rule << " | " << s.description
      << " |\n";
}

struct Block {
  const char* name;
  std::function<void(std::ostream&)> print;
};

const std::vector<Block>& blocks() {
  static const std::vector<Block> all{
      {"resources", resources},
      {"opcodes", opcodes},
      {"encodings", encodings},
      {"route", route},
      {"neuron", neuron},
      {"packet", packet},
      {"memory-map", memory_map},
      {"core-registers", core_registers},
      {"chip-registers", chip_registers},
      {"image-sections", image_sections},
  };
  return all;
}

std::string begin_marker(const std::string& name) {
  return "<!-- BEGIN GENERATED by spikecore-isa-tables: " + name + " -->";
}
const std::string kEndMarker = "<!-- END GENERATED -->";

std::string render(const Block& b) {
  std::ostringstream s;
  b.print(s);
  return s.str();
}

// Replaces every generated block of `doc` with fresh output. Returns the
// names of blocks whose text differed; `missing` gets blocks not in the doc.
std::string refresh(const std::string& doc, std::vector<std::string>& stale,
                    std::vector<std::string>& missing) {
  std::string out = doc;
  for (const Block& b : blocks()) {
    const std::string begin = begin_marker(b.name);
    const size_t start = out.find(begin);
    if (start == std::string::npos) {
      missing.push_back(b.name);
      continue;
    }
    const size_t body = out.find('\n', start) + 1;
    const size_t end = out.find(kEndMarker, body);
    if (body == 0 || end == std::string::npos) {
      missing.push_back(std::string(b.name) + " (no end marker)");
      continue;
    }
    const std::string fresh = render(b);
    if (out.compare(body, end - body, fresh) != 0) stale.push_back(b.name);
    out.replace(body, end - body, fresh);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (spikecore::print_version_if_asked(argc, argv, "spikecore-isa-tables")) return 0;
  po::options_description opts(
      "Usage: spikecore-isa-tables [--check FILE | --update FILE | --block NAME]\n"
      "Prints the reference tables of docs/isa.md from the C++ definitions.\n\n"
      "Exit status: 0 done (--check: up to date); 1 --check found a block out of date, or\n"
      "a file error; 2 a usage error.\n\nOptions");
  opts.add_options()("help,h", "show this help and exit")
      ("version", "print the version and the git commit, and exit")(
      "check", po::value<std::string>(), "exit 1 if FILE's generated blocks are out of date")(
      "update", po::value<std::string>(), "rewrite FILE's generated blocks in place")(
      "block", po::value<std::string>(), "print only this block");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, opts), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "spikecore-isa-tables: " << spikecore::command_line_error_text(e, argc, argv) << "\n(see --help)\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << opts << "\nBlocks:";
    for (const Block& b : blocks()) std::cout << ' ' << b.name;
    std::cout << "\nMarkers in the markdown file:\n  " << begin_marker("NAME") << "\n  ...\n  "
              << kEndMarker << '\n';
    return 0;
  }
  if (vm.count("check") || vm.count("update")) {
    const bool update = vm.count("update") > 0;
    const std::string path = vm[update ? "update" : "check"].as<std::string>();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << "spikecore-isa-tables: cannot open '" << path << "'\n";
      return 1;
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::vector<std::string> stale, missing;
    const std::string fresh = refresh(text.str(), stale, missing);
    for (const std::string& m : missing)
      std::cerr << path << ": generated block '" << m << "' is missing; add\n  " << begin_marker(m)
                << "\n  " << kEndMarker << '\n';
    if (update) {
      std::ofstream out(path, std::ios::binary);
      out << fresh;
      if (!out) {
        std::cerr << "spikecore-isa-tables: cannot write '" << path << "'\n";
        return 1;
      }
      return missing.empty() ? 0 : 1;
    }
    for (const std::string& s : stale)
      std::cerr << path << ": generated block '" << s
                << "' differs from the C++ definitions; run spikecore-isa-tables --update " << path
                << '\n';
    return stale.empty() && missing.empty() ? 0 : 1;
  }
  if (vm.count("block")) {
    bool known = false;
    for (const Block& b : blocks()) known = known || vm["block"].as<std::string>() == b.name;
    if (!known) {
      std::cerr << "spikecore-isa-tables: unknown block '" << vm["block"].as<std::string>()
                << "' (see --help for the list)\n";
      return 2;
    }
  }
  for (const Block& b : blocks()) {
    if (vm.count("block") && vm["block"].as<std::string>() != b.name) continue;
    std::cout << begin_marker(b.name) << '\n' << render(b) << kEndMarker << "\n\n";
  }
  return 0;
}
