// Layout constants of the .scimg container (docs/isa.md, "Image format").
// Shared by image.cpp, the tests that build corrupt images, and the docs
// table generator.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "isa/isa.h"

namespace spikecore::isa::image_format {

// Header: magic[8] version u16 flags u16 mesh_width u16 mesh_height u16
// section_count u32 header_crc u32. header_crc covers bytes 0..19 followed by
// the whole section table.
constexpr unsigned kHeaderBytes = 24;
constexpr unsigned kHeaderCrcOffset = 20;
// Section table entry: core u16, kind u16, offset u32, size u32, crc32 u32.
constexpr unsigned kSectionEntryBytes = 16;
constexpr uint16_t kChipLevelCore = 0xFFFF;  // "core" of chip-level sections

enum class SectionKind : uint16_t {
  kWeights = 1,       // per core: 256 int8 weights
  kProgram = 2,       // per core: n x 64-bit instruction words (1..16)
  kRoutes = 3,        // per core: n x 32-bit route entries (1..32)
  kNeurons = 4,       // per core: 64 x 8-byte neuron parameters
  kRouteChips = 5,    // per core: n x 1-byte destination chips of the route entries
  kHost = 0x10,       // chip level: HostConfig without the reference layers
  kReference = 0x11,  // chip level: integer reference layers
  kHardware = 0x12,   // chip level: the hardware description compiled for (JSON)
  kBoard = 0x13,      // chip level: board width u16, height u16 (chips)
};

struct SectionInfo {
  SectionKind kind;
  std::string_view name;
  bool per_core;
  std::string_view size_rule;
  std::string_view description;
};

constexpr std::array<SectionInfo, 9> kSections{{
    {SectionKind::kWeights, "WEIGHTS", true, "256",
     "weight SRAM image, int8; present when any weight is non-zero"},
    {SectionKind::kProgram, "PROGRAM", true, "8 x n, n = 1..16",
     "instruction words in program order; present when the program is not empty"},
    {SectionKind::kRoutes, "ROUTES", true, "4 x n, n = 1..32",
     "route entries in table order; present when the table is not empty"},
    {SectionKind::kNeurons, "NEURONS", true, "512",
     "64 neuron parameter records; present when any slot differs from the default"},
    {SectionKind::kRouteChips, "ROUTE_CHIPS", true, "n, n = number of route entries",
     "destination chip of each route entry; present when any is not chip 0"},
    {SectionKind::kHost, "HOST", false, "variable",
     "model name, default time steps, inputs, outputs, layers; always present"},
    {SectionKind::kReference, "REFERENCE", false, "variable",
     "integer reference layers; present when there is at least one"},
    {SectionKind::kHardware, "HARDWARE", false, "variable",
     "the hardware description the image was compiled for, canonical JSON "
     "(docs/microarchitecture.md section 9); its mesh is the header's; written by "
     "spikecore-compile, not part of the assembly"},
    {SectionKind::kBoard, "BOARD", false, "4",
     "board width and height in chips (u16 each, 1..8); present when the image spans more "
     "than one chip. Cores are numbered board-wide, chip by chip"},
}};

inline const SectionInfo* section_info(uint16_t kind) {
  for (const SectionInfo& s : kSections)
    if (static_cast<uint16_t>(s.kind) == kind) return &s;
  return nullptr;
}

}  // namespace spikecore::isa::image_format
