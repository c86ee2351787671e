#include "common/zip_inflation.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace spikecore {
namespace {

constexpr uint32_t kEndOfDirectory = 0x06054b50;
constexpr uint32_t kZip64EndOfDirectory = 0x06064b50;
constexpr uint32_t kZip64Locator = 0x07064b50;
constexpr uint32_t kDirectoryEntry = 0x02014b50;
constexpr uint16_t kZip64ExtraField = 0x0001;
constexpr size_t kEndRecordSize = 22, kMaxComment = 0xFFFF;
constexpr uint64_t kMaxDirectoryBytes = uint64_t(64) << 20;

uint64_t le(const std::vector<char>& b, size_t at, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | uint8_t(b[at + size_t(i)]);
  return v;
}

std::vector<char> read_at(std::ifstream& in, uint64_t offset, uint64_t size) {
  std::vector<char> bytes(size);
  in.seekg(std::streamoff(offset));
  in.read(bytes.data(), std::streamsize(size));
  bytes.resize(size_t(in.gcount()));
  in.clear();
  return bytes;
}

std::string mib(uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MiB", double(bytes) / (1 << 20));
  return text;
}

struct Directory {
  uint64_t offset = 0, size = 0;
};

// The central directory's place, from the end record (and its zip64 twin).
std::optional<Directory> find_directory(std::ifstream& in, uint64_t file_size,
                                        const std::string& path) {
  const uint64_t tail_size = std::min<uint64_t>(file_size, kEndRecordSize + kMaxComment);
  const std::vector<char> tail = read_at(in, file_size - tail_size, tail_size);
  if (tail.size() < kEndRecordSize) return std::nullopt;
  for (size_t at = tail.size() - kEndRecordSize + 1; at-- > 0;) {
    if (le(tail, at, 4) != kEndOfDirectory) continue;
    Directory d{le(tail, at + 16, 4), le(tail, at + 12, 4)};
    const uint64_t end_record = file_size - tail_size + at;
    if ((d.offset == 0xFFFFFFFF || d.size == 0xFFFFFFFF) && end_record >= 20) {
      const std::vector<char> locator = read_at(in, end_record - 20, 20);
      if (locator.size() == 20 && le(locator, 0, 4) == kZip64Locator) {
        const std::vector<char> record = read_at(in, le(locator, 8, 8), 56);
        if (record.size() < 56 || le(record, 0, 4) != kZip64EndOfDirectory)
          throw std::runtime_error(path + ": damaged zip archive (bad zip64 directory record)");
        d = {le(record, 48, 8), le(record, 40, 8)};
      }
    }
    if (d.size > kMaxDirectoryBytes || d.offset > file_size || d.size > file_size - d.offset)
      throw std::runtime_error(path + ": damaged zip archive (central directory of " +
                               std::to_string(d.size) + " bytes at offset " +
                               std::to_string(d.offset) + " in a file of " +
                               std::to_string(file_size) + ")");
    return d;
  }
  return std::nullopt;
}

// An entry's uncompressed size: the 32-bit field, or its zip64 extra field.
uint64_t uncompressed_size(const std::vector<char>& dir, size_t at, size_t extra_at,
                           size_t extra_end) {
  const uint64_t size32 = le(dir, at + 24, 4);
  if (size32 != 0xFFFFFFFF) return size32;
  while (extra_at + 4 <= extra_end) {
    const uint64_t id = le(dir, extra_at, 2), length = le(dir, extra_at + 2, 2);
    if (id == kZip64ExtraField && length >= 8 && extra_at + 12 <= extra_end)
      return le(dir, extra_at + 4, 8);  // the uncompressed size comes first
    extra_at += 4 + size_t(length);
  }
  return size32;
}

}  // namespace

std::optional<ZipInflation> zip_inflation(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;
  const uint64_t file_size = uint64_t(in.tellg());
  const std::optional<Directory> d = find_directory(in, file_size, path);
  if (!d) return std::nullopt;
  const std::vector<char> dir = read_at(in, d->offset, d->size);
  ZipInflation z;
  size_t at = 0;
  while (at + 46 <= dir.size() && le(dir, at, 4) == kDirectoryEntry) {
    const size_t name_length = size_t(le(dir, at + 28, 2));
    const size_t extra_length = size_t(le(dir, at + 30, 2));
    const size_t comment_length = size_t(le(dir, at + 32, 2));
    const size_t name_at = at + 46, extra_at = name_at + name_length;
    const size_t next = extra_at + extra_length + comment_length;
    if (next > dir.size())
      throw std::runtime_error(path + ": damaged zip archive (directory entry runs past the directory)");
    const uint64_t size = uncompressed_size(dir, at, extra_at, extra_at + extra_length);
    z.total_bytes += size;
    if (size > z.largest_bytes || z.largest_entry.empty()) {
      z.largest_bytes = size;
      z.largest_entry.assign(dir.data() + name_at, name_length);
    }
    at = next;
  }
  return z;
}

void require_model_archive_within_bound(const std::string& path, uint64_t max_bytes) {
  const std::optional<ZipInflation> z = zip_inflation(path);
  if (!z || z->total_bytes <= max_bytes) return;
  throw std::runtime_error(path + ": the archive inflates to " + mib(z->total_bytes) +
                           " (largest entry " + z->largest_entry + ", " +
                           mib(z->largest_bytes) + "), more than the " + mib(max_bytes) +
                           " a model may take; refusing to load it");
}

}  // namespace spikecore
