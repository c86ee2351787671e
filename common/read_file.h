// Reads a whole regular file, bounded: on failure returns false and a reason
// such as "No such file or directory", "is a directory", "not a regular file"
// (a device or pipe such as /dev/zero would be read for ever) or "larger than
// N bytes" (a file that would take all memory).
#pragma once

#include <cstddef>
#include <string>

namespace spikecore {

// 256 MiB: far above any image, assembly or sample the lab writes.
constexpr size_t kDefaultMaxFileBytes = size_t(256) << 20;

bool read_whole_file(const std::string& path, std::string& contents, std::string& error,
                     size_t max_bytes = kDefaultMaxFileBytes);

}  // namespace spikecore
