#pragma once

#include <string>

namespace spikecore::sim {

// Writes `content` to a temporary file next to `path`, then renames it over
// `path`, so readers never see a half-written file. Throws std::runtime_error
// naming the path when the directory is missing or not writable.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace spikecore::sim
