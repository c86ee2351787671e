// The .scimg container: header, section table, CRCs, and atomic file I/O.
// Payload encodings are in image_payloads.cpp.
#include "isa/image.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <sstream>
#include <utility>

#include "isa/byte_io.h"
#include "isa/hardware_description.h"
#include "isa/image_format.h"
#include "isa/image_payloads.h"
#include "common/atomic_file.h"
#include "common/read_file.h"

namespace spikecore::isa {
namespace {

using detail::ByteReader;
using detail::ByteWriter;
using image_format::kChipLevelCore;
using image_format::kHeaderBytes;
using image_format::kHeaderCrcOffset;
using image_format::kSectionEntryBytes;
using image_format::SectionKind;

struct Section {
  uint16_t core = 0;
  uint16_t kind = 0;
  uint32_t offset = 0;
  uint32_t size = 0;
  uint32_t crc = 0;
};

std::string kind_name(uint16_t kind) {
  if (const auto* info = image_format::section_info(kind)) return std::string(info->name);
  return "kind " + std::to_string(kind);
}

std::string section_name(const Section& s) {
  return (s.core == kChipLevelCore ? std::string("chip-level") : "core " + std::to_string(s.core)) +
         " " + kind_name(s.kind) + " section";
}

std::string hex32(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

// Shows raw bytes both as text (non-printables escaped) and as hex.
std::string describe_bytes(const uint8_t* p, size_t n) {
  std::string text, hex;
  char buf[8];
  for (size_t i = 0; i < n; ++i) {
    if (p[i] >= 0x20 && p[i] < 0x7F && p[i] != '\'') {
      text += char(p[i]);
    } else {
      std::snprintf(buf, sizeof buf, "\\x%02x", p[i]);
      text += buf;
    }
    std::snprintf(buf, sizeof buf, "%s%02x", i ? " " : "", p[i]);
    hex += buf;
  }
  return "'" + text + "' (" + hex + ")";
}

// The board of the BOARD section (1 x 1 without one). Read before the cores,
// whose number it sets; the section's size and CRC are checked here too.
std::pair<unsigned, unsigned> read_board(const std::vector<uint8_t>& bytes,
                                         const std::vector<Section>& sections,
                                         const std::string& name) {
  for (const Section& s : sections) {
    if (s.core != kChipLevelCore || s.kind != uint16_t(SectionKind::kBoard)) continue;
    const std::string where = name + ": " + section_name(s);
    if (s.size != 4 || uint64_t(s.offset) + s.size > bytes.size())
      throw ImageError(where + ": has " + std::to_string(s.size) +
                       " bytes at byte " + std::to_string(s.offset) + ", expected 4 inside the file");
    if (const uint32_t actual = crc32(bytes.data() + s.offset, s.size); actual != s.crc)
      throw ImageError(where + ": CRC mismatch: expected " + hex32(s.crc) + ", computed " +
                       hex32(actual));
    ByteReader r(bytes.data() + s.offset, s.size, where);
    const unsigned w = r.u16("board width"), h = r.u16("board height");
    if (w < 1 || h < 1 || w > kMaxBoardWidth || h > kMaxBoardHeight || w * h == 1)
      throw ImageError(where + ": board " + std::to_string(w) + "x" + std::to_string(h) +
                       " not supported (1x1..." + std::to_string(kMaxBoardWidth) + "x" +
                       std::to_string(kMaxBoardHeight) + " chips; a 1x1 image omits the section)");
    return {w, h};
  }
  return {1, 1};
}

// The HARDWARE section: a valid description of the header's mesh, in the
// canonical form the writer produces (a reader accepts only canonical images).
std::string read_hardware(const uint8_t* payload, uint32_t size, const ChipConfig& chip,
                          const std::string& where) {
  if (size > kMaxDescriptionBytes)
    throw ImageError(where + ": " + std::to_string(size) + " bytes; a hardware description has "
                     "at most " + std::to_string(kMaxDescriptionBytes));
  const std::string text(reinterpret_cast<const char*>(payload), size);
  HardwareDescription d;
  try {
    d = parse_hardware_description(text, where);
  } catch (const HardwareDescriptionError& e) {
    throw ImageError(e.what());
  }
  if (to_json(d) != text)
    throw ImageError(where + ": not in the canonical form isa::to_json writes; a canonical "
                     "image holds exactly that");
  if (d.mesh_width != chip.mesh_width || d.mesh_height != chip.mesh_height)
    throw ImageError(where + ": describes a " + std::to_string(d.mesh_width) + "x" +
                     std::to_string(d.mesh_height) + " chip, the header a " +
                     std::to_string(chip.mesh_width) + "x" + std::to_string(chip.mesh_height) +
                     " one");
  if (d.board_width != chip.board_width || d.board_height != chip.board_height)
    throw ImageError(where + ": describes a board of " + std::to_string(d.board_width) + "x" +
                     std::to_string(d.board_height) + " chips, the image spans " +
                     std::to_string(chip.board_width) + "x" + std::to_string(chip.board_height));
  return text;
}

// Header CRC: bytes 0..19 of the header followed by the section table.
uint32_t header_crc(const uint8_t* image, size_t table_bytes) {
  std::vector<uint8_t> covered(image, image + kHeaderCrcOffset);
  covered.insert(covered.end(), image + kHeaderBytes, image + kHeaderBytes + table_bytes);
  return crc32(covered.data(), covered.size());
}

void check_section_size(const Section& s, const std::string& name) {
  auto fail = [&](const std::string& expected) {
    throw ImageError(name + ": " + section_name(s) + " has " + std::to_string(s.size) +
                     " bytes, expected " + expected);
  };
  switch (static_cast<SectionKind>(s.kind)) {
    case SectionKind::kWeights:
      if (s.size != kWeightSramBytes) fail(std::to_string(kWeightSramBytes));
      break;
    case SectionKind::kProgram:
      if (s.size == 0 || s.size % 8 != 0 || s.size > kProgramWords * 8)
        fail("a multiple of 8 between 8 and " + std::to_string(kProgramWords * 8));
      break;
    case SectionKind::kRoutes:
      if (s.size == 0 || s.size % 4 != 0 || s.size > kRouteEntries * 4)
        fail("a multiple of 4 between 4 and " + std::to_string(kRouteEntries * 4));
      break;
    case SectionKind::kNeurons:
      if (s.size != kNeuronSlots * kNeuronParamBytes)
        fail(std::to_string(kNeuronSlots * kNeuronParamBytes));
      break;
    case SectionKind::kRouteChips:
      if (s.size == 0 || s.size > kRouteEntries) fail("1.." + std::to_string(kRouteEntries));
      break;
    case SectionKind::kBoard:
      if (s.size != 4) fail("4");
      break;
    case SectionKind::kHost:
    case SectionKind::kReference:
    case SectionKind::kHardware:
      break;
  }
}

// Structural validation of the section table against the file.
void check_sections(const std::vector<Section>& sections, size_t file_size, size_t payload_start,
                    unsigned num_cores, const std::string& name) {
  std::map<std::pair<uint16_t, uint16_t>, size_t> seen;
  for (size_t i = 0; i < sections.size(); ++i) {
    const Section& s = sections[i];
    const auto* info = image_format::section_info(s.kind);
    const std::string entry =
        name + ": section table entry " + std::to_string(i) + " (" + section_name(s) + ")";
    if (!info) throw ImageError(entry + ": unknown section kind " + std::to_string(s.kind));
    if (info->per_core && s.core >= num_cores)
      throw ImageError(entry + ": core " + std::to_string(s.core) +
                       " does not exist (the mesh has " + std::to_string(num_cores) + " cores)");
    if (!info->per_core && s.core != kChipLevelCore)
      throw ImageError(entry + ": chip-level section must use core 0xFFFF, found " +
                       std::to_string(s.core));
    if (auto [it, inserted] = seen.emplace(std::make_pair(s.core, s.kind), i); !inserted)
      throw ImageError(entry + ": duplicate of section table entry " + std::to_string(it->second));
    if (s.offset < payload_start || s.offset > file_size)
      throw ImageError(entry + ": out of range: starts at byte " + std::to_string(s.offset) +
                       ", payloads lie in bytes " + std::to_string(payload_start) + ".." +
                       std::to_string(file_size));
    if (uint64_t(s.offset) + s.size > file_size)
      throw ImageError(name + ": file truncated: " + section_name(s) + " ends at byte " +
                       std::to_string(uint64_t(s.offset) + s.size) + " but the file has only " +
                       std::to_string(file_size) + " bytes");
    check_section_size(s, name);
  }
  // Canonical order (section 11 of docs/isa.md): ascending (core, kind), the
  // chip-level core 0xFFFF last. With it, every accepted image is exactly
  // what serialize_image writes for the decoded chip.
  for (size_t i = 1; i < sections.size(); ++i) {
    const Section& a = sections[i - 1];
    const Section& b = sections[i];
    if (std::make_pair(a.core, a.kind) >= std::make_pair(b.core, b.kind))
      throw ImageError(name + ": section table entry " + std::to_string(i) + " (" +
                       section_name(b) +
                       ") is out of order: entries are sorted by core, then "
                       "kind, after entry " +
                       std::to_string(i - 1) + " (" + section_name(a) + ")");
  }
  // Payloads must tile [payload_start, file_size) exactly: no overlap, no gap.
  std::vector<const Section*> by_offset;
  for (const Section& s : sections) by_offset.push_back(&s);
  std::stable_sort(by_offset.begin(), by_offset.end(),
                   [](const Section* a, const Section* b) { return a->offset < b->offset; });
  uint64_t expected = payload_start;
  const Section* previous = nullptr;
  for (const Section* s : by_offset) {
    if (s->offset < expected)
      throw ImageError(name + ": " + section_name(*s) + " (bytes " + std::to_string(s->offset) +
                       ".." + std::to_string(uint64_t(s->offset) + s->size) + ") overlaps " +
                       section_name(*previous) + " (bytes " + std::to_string(previous->offset) +
                       ".." + std::to_string(expected) + ")");
    if (s->offset > expected)
      throw ImageError(name + ": bytes " + std::to_string(expected) + ".." +
                       std::to_string(s->offset) + " belong to no section");
    expected = uint64_t(s->offset) + s->size;
    previous = s;
  }
  if (expected != file_size)
    throw ImageError(name + ": " + std::to_string(file_size - expected) +
                     " trailing bytes after the last section (from byte " +
                     std::to_string(expected) + ")");
}

}  // namespace

uint32_t crc32(const uint8_t* data, size_t size) {
  static const auto table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < size; ++i) c = table[(c ^ data[i]) & 0xFFu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::vector<uint8_t> serialize_image(const ChipConfig& chip) {
  if (chip.cores.size() != chip.num_cores())
    throw ImageError("cannot serialize: chip has " + std::to_string(chip.cores.size()) +
                     " core configs, its " + std::to_string(chip.mesh_width) + "x" +
                     std::to_string(chip.mesh_height) + " mesh needs " +
                     std::to_string(chip.num_cores()));
  struct Payload {
    uint16_t core;
    SectionKind kind;
    std::vector<uint8_t> bytes;
  };
  std::vector<Payload> payloads;
  auto add = [&](uint16_t core, SectionKind kind, const std::function<void(ByteWriter&)>& fill) {
    ByteWriter w;
    try {
      fill(w);
    } catch (const std::invalid_argument& e) {
      throw ImageError("cannot serialize core " + std::to_string(core) + " " +
                       kind_name(static_cast<uint16_t>(kind)) + ": " + e.what());
    }
    payloads.push_back({core, kind, std::move(w.bytes())});
  };
  for (unsigned c = 0; c < chip.cores.size(); ++c) {
    const CoreConfig& core = chip.cores[c];
    const auto id = uint16_t(c);
    if (detail::has_nonzero_weights(core))
      add(id, SectionKind::kWeights, [&](ByteWriter& w) { detail::write_weights(w, core); });
    if (!core.program.empty())
      add(id, SectionKind::kProgram, [&](ByteWriter& w) { detail::write_program(w, core); });
    if (!core.routes.empty())
      add(id, SectionKind::kRoutes, [&](ByteWriter& w) { detail::write_routes(w, core); });
    if (detail::has_custom_neurons(core))
      add(id, SectionKind::kNeurons, [&](ByteWriter& w) { detail::write_neurons(w, core); });
    if (detail::has_remote_routes(core))
      add(id, SectionKind::kRouteChips, [&](ByteWriter& w) { detail::write_route_chips(w, core); });
  }
  add(kChipLevelCore, SectionKind::kHost, [&](ByteWriter& w) { detail::write_host(w, chip.host); });
  if (!chip.host.reference.empty())
    add(kChipLevelCore, SectionKind::kReference,
        [&](ByteWriter& w) { detail::write_reference(w, chip.host); });
  if (!chip.hardware.empty())
    add(kChipLevelCore, SectionKind::kHardware,
        [&](ByteWriter& w) { w.raw(chip.hardware.data(), chip.hardware.size()); });
  if (chip.num_chips() > 1)
    add(kChipLevelCore, SectionKind::kBoard, [&](ByteWriter& w) {
      w.u16(chip.board_width);
      w.u16(chip.board_height);
    });

  ByteWriter out;
  out.raw(kImageMagic, sizeof kImageMagic);
  out.u16(kImageVersion);
  out.u16(0);  // flags
  out.u16(chip.mesh_width);
  out.u16(chip.mesh_height);
  out.u32(uint32_t(payloads.size()));
  out.u32(0);  // header CRC, patched below
  uint64_t offset = kHeaderBytes + uint64_t(payloads.size()) * kSectionEntryBytes;
  for (const Payload& p : payloads) {
    if (offset + p.bytes.size() > 0xFFFFFFFFu) throw ImageError("image larger than 4 GiB");
    out.u16(p.core);
    out.u16(static_cast<uint16_t>(p.kind));
    out.u32(uint32_t(offset));
    out.u32(uint32_t(p.bytes.size()));
    out.u32(crc32(p.bytes.data(), p.bytes.size()));
    offset += p.bytes.size();
  }
  for (const Payload& p : payloads) out.raw(p.bytes.data(), p.bytes.size());
  std::vector<uint8_t>& bytes = out.bytes();
  const uint32_t crc = header_crc(bytes.data(), payloads.size() * kSectionEntryBytes);
  for (int i = 0; i < 4; ++i) bytes[kHeaderCrcOffset + i] = uint8_t(crc >> (8 * i));
  return std::move(bytes);
}

ChipConfig parse_image(const std::vector<uint8_t>& bytes, const std::string& name) {
  if (bytes.size() < kHeaderBytes)
    throw ImageError(name + ": file truncated: " + std::to_string(bytes.size()) +
                     " bytes, the header alone needs " + std::to_string(kHeaderBytes));
  if (std::memcmp(bytes.data(), kImageMagic, sizeof kImageMagic) != 0)
    throw ImageError(
        name + ": not a SpikeCore image: magic is " +
        describe_bytes(bytes.data(), sizeof kImageMagic) + ", expected " +
        describe_bytes(reinterpret_cast<const uint8_t*>(kImageMagic), sizeof kImageMagic));
  ByteReader header(bytes.data() + sizeof kImageMagic, kHeaderBytes - sizeof kImageMagic,
                    name + " header");
  const uint16_t version = header.u16("version");
  const uint16_t flags = header.u16("flags");
  const uint16_t width = header.u16("mesh width");
  const uint16_t height = header.u16("mesh height");
  const uint32_t count = header.u32("section count");
  const uint32_t stored_crc = header.u32("header CRC");
  if (version < kImageVersion)
    throw ImageError(name + ": image version " + std::to_string(version) +
                     " was written by an older SpikeCore; this build reads version " +
                     std::to_string(kImageVersion) +
                     " only: compile the model again (spikecore-compile) or assemble its .s file (spikecore-as)");
  if (version != kImageVersion)
    throw ImageError(name + ": unknown image version " + std::to_string(version) +
                     ", this build reads version " + std::to_string(kImageVersion));
  const uint64_t table_bytes = uint64_t(count) * kSectionEntryBytes;
  if (kHeaderBytes + table_bytes > bytes.size())
    throw ImageError(name + ": file truncated: the section table of " + std::to_string(count) +
                     " entries needs " + std::to_string(kHeaderBytes + table_bytes) +
                     " bytes, the file has " + std::to_string(bytes.size()));
  if (const uint32_t actual = header_crc(bytes.data(), size_t(table_bytes)); actual != stored_crc)
    throw ImageError(name + ": header CRC mismatch: stored " + hex32(stored_crc) + ", computed " +
                     hex32(actual) + " (header or section table corrupted)");
  if (flags != 0)
    throw ImageError(name + ": unknown header flags " + hex32(flags) + ", expected 0");
  const uint64_t num_cores = uint64_t(width) * height;
  if (width == 0 || height == 0 || num_cores > kMaxCores)
    throw ImageError(name + ": mesh " + std::to_string(width) + "x" + std::to_string(height) +
                     " not supported (1.." + std::to_string(kMaxCores) + " cores)");

  std::vector<Section> sections(count);
  ByteReader table(bytes.data() + kHeaderBytes, size_t(table_bytes), name + " section table");
  for (Section& s : sections) {
    s.core = table.u16("core");
    s.kind = table.u16("kind");
    s.offset = table.u32("offset");
    s.size = table.u32("size");
    s.crc = table.u32("crc32");
  }
  const auto [board_width, board_height] = read_board(bytes, sections, name);
  check_sections(sections, bytes.size(), size_t(kHeaderBytes + table_bytes),
                 unsigned(num_cores) * board_width * board_height, name);

  ChipConfig chip = make_empty_chip(width, height, board_width, board_height);
  bool have_host = false;
  for (const Section& s : sections) {
    const uint8_t* payload = bytes.data() + s.offset;
    if (const uint32_t actual = crc32(payload, s.size); actual != s.crc)
      throw ImageError(name + ": " + section_name(s) + ": CRC mismatch: expected " + hex32(s.crc) +
                       ", computed " + hex32(actual));
    ByteReader r(payload, s.size, name + ": " + section_name(s));
    CoreConfig* core = s.core == kChipLevelCore ? nullptr : &chip.cores[s.core];
    switch (static_cast<SectionKind>(s.kind)) {
      case SectionKind::kWeights:
        detail::read_weights(r, *core);
        if (!detail::has_nonzero_weights(*core))
          throw ImageError(name + ": " + section_name(s) +
                           " holds only zero weights; a canonical image omits it");
        break;
      case SectionKind::kProgram:
        detail::read_program(r, *core);
        break;
      case SectionKind::kRoutes:
        detail::read_routes(r, *core);
        break;
      case SectionKind::kRouteChips:
        detail::read_route_chips(r, *core);
        break;
      case SectionKind::kBoard:
        break;  // read before the cores (read_board)
      case SectionKind::kNeurons:
        detail::read_neurons(r, *core);
        if (!detail::has_custom_neurons(*core))
          throw ImageError(name + ": " + section_name(s) +
                           " holds only default records; a canonical image omits it");
        break;
      case SectionKind::kHost:
        detail::read_host(r, chip.host);
        have_host = true;
        break;
      case SectionKind::kReference:
        detail::read_reference(r, chip.host);
        if (chip.host.reference.empty())
          throw ImageError(name + ": " + section_name(s) +
                           " holds no layers; a canonical image omits it");
        break;
      case SectionKind::kHardware:
        chip.hardware = read_hardware(payload, s.size, chip, name + ": " + section_name(s));
        break;
    }
  }
  if (!have_host) throw ImageError(name + ": missing the chip-level HOST section");

  if (auto problems = check(chip); !problems.empty()) {
    std::ostringstream msg;
    msg << name << ": image violates " << problems.size() << " architectural rule"
        << (problems.size() == 1 ? "" : "s") << ":";
    for (const std::string& p : problems) msg << "\n  " << p;
    throw ImageError(msg.str());
  }
  return chip;
}

void save_image(const std::string& path, const ChipConfig& chip) {
  if (auto problems = check(chip); !problems.empty()) {
    std::ostringstream msg;
    msg << "refusing to write '" << path << "': the chip violates " << problems.size()
        << " architectural rule" << (problems.size() == 1 ? "" : "s") << ":";
    for (const std::string& p : problems) msg << "\n  " << p;
    throw ImageError(msg.str());
  }
  const std::vector<uint8_t> bytes = serialize_image(chip);
  try {
    write_file_atomically(path, std::string_view(reinterpret_cast<const char*>(bytes.data()),
                                                 bytes.size()),
                          "image");
  } catch (const std::runtime_error& e) {
    throw ImageError(e.what());
  }
}

ChipConfig load_image(const std::string& path) {
  std::string contents, error;
  if (!read_whole_file(path, contents, error))
    throw ImageError("cannot open image '" + path + "': " + error);
  return parse_image(std::vector<uint8_t>(contents.begin(), contents.end()), path);
}

}  // namespace spikecore::isa
