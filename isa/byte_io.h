// Little-endian byte writer and bounds-checked reader for the image format.
// The reader throws ImageError naming what it was reading when the bytes run out.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "isa/image.h"

namespace spikecore::isa::detail {

class ByteWriter {
 public:
  void u8(uint8_t v) { bytes_.push_back(v); }
  void u16(uint16_t v) {
    u8(uint8_t(v));
    u8(uint8_t(v >> 8));
  }
  void u32(uint32_t v) {
    u16(uint16_t(v));
    u16(uint16_t(v >> 16));
  }
  void u64(uint64_t v) {
    u32(uint32_t(v));
    u32(uint32_t(v >> 32));
  }
  void raw(const void* data, size_t n) {
    const auto* p = static_cast<const uint8_t*>(data);
    bytes_.insert(bytes_.end(), p, p + n);
  }
  std::vector<uint8_t>& bytes() { return bytes_; }

 private:
  std::vector<uint8_t> bytes_;
};

class ByteReader {
 public:
  // `what` names the byte range in messages ("core 3 PROGRAM section").
  ByteReader(const uint8_t* data, size_t size, std::string what)
      : data_(data), size_(size), what_(std::move(what)) {}

  uint8_t u8(const char* field) { return *take(1, field); }
  uint16_t u16(const char* field) {
    const uint8_t* p = take(2, field);
    return uint16_t(p[0] | (p[1] << 8));
  }
  uint32_t u32(const char* field) {
    const uint8_t* p = take(4, field);
    return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24);
  }
  uint64_t u64(const char* field) {
    const uint64_t lo = u32(field);
    return lo | (uint64_t(u32(field)) << 32);
  }
  const uint8_t* bytes(size_t n, const char* field) { return take(n, field); }
  size_t position() const { return pos_; }
  size_t remaining() const { return size_ - pos_; }
  const std::string& what() const { return what_; }
  // Throws when bytes are left over: a section must hold exactly its fields.
  void expect_end() const {
    if (pos_ != size_)
      throw ImageError(what_ + ": " + std::to_string(size_ - pos_) +
                       " trailing bytes after the last field (at byte " + std::to_string(pos_) +
                       " of " + std::to_string(size_) + ")");
  }

 private:
  const uint8_t* take(size_t n, const char* field) {
    if (n > size_ - pos_)
      throw ImageError(what_ + ": truncated while reading " + field + " (needs " +
                       std::to_string(n) + " bytes at byte " + std::to_string(pos_) + ", only " +
                       std::to_string(size_ - pos_) + " left)");
    const uint8_t* p = data_ + pos_;
    pos_ += n;
    return p;
  }

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  std::string what_;
};

}  // namespace spikecore::isa::detail
