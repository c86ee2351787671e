// SpikeCore image files (.scimg): a versioned, checksummed container for a
// ChipConfig. Layout in docs/isa.md, "Image format".
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "isa/chip_config.h"

namespace spikecore::isa {

class ImageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

constexpr char kImageMagic[8] = {'S', 'C', 'I', 'M', 'G', '\r', '\n', '\x1a'};
constexpr uint16_t kImageVersion = 2;  // 2: CONV instructions, conv reference layers

std::vector<uint8_t> serialize_image(const ChipConfig& chip);
// Parses and validates (magic, version, bounds, overlaps, CRC32 per section,
// then check()). `name` is used in messages (usually the file path).
ChipConfig parse_image(const std::vector<uint8_t>& bytes, const std::string& name = "<image>");

// File helpers: save writes to a temporary file and renames it (atomic).
void save_image(const std::string& path, const ChipConfig& chip);
ChipConfig load_image(const std::string& path);

uint32_t crc32(const uint8_t* data, size_t size);

}  // namespace spikecore::isa
