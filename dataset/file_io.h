// Bounded reads and atomic writes for the IDX readers and writers, with
// transparent gzip: zlib reads plain files as they are, and a path ending in
// ".gz" is written compressed. Errors are DatasetError naming the file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace spikecore::dataset::detail {

bool has_gz_suffix(const std::string& path);

// Reads the (decompressed) content of `path`, at most its first `max_bytes`
// bytes; `plain` (if given) says whether the file was stored uncompressed.
std::vector<uint8_t> read_file_bytes(const std::string& path, uint64_t max_bytes,
                                     bool* plain = nullptr);

// Writes `bytes` to a temporary file next to `path`, then renames it over `path`,
// so readers never see a half-written file.
void write_file_atomically(const std::string& path, const std::vector<uint8_t>& bytes);

}  // namespace spikecore::dataset::detail
