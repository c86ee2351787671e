// Whole-file reads and atomic writes for the IDX readers and writers, with
// transparent gzip: zlib reads plain files as they are, and a path ending in
// ".gz" is written compressed. Errors are DatasetError naming the file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace spikecore::dataset::detail {

bool has_gz_suffix(const std::string& path);

// Reads the whole (decompressed) content of `path`.
std::vector<uint8_t> read_file_bytes(const std::string& path);

// Writes `bytes` to a temporary file next to `path`, then renames it over `path`,
// so readers never see a half-written file.
void write_file_atomically(const std::string& path, const std::vector<uint8_t>& bytes);

}  // namespace spikecore::dataset::detail
