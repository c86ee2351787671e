// Writing output files atomically: a temporary file next to the target, then
// rename, so a failed or interrupted run never leaves a partial file.
#pragma once

#include <string>

namespace spikecore::compiler {

// Throws std::runtime_error naming the path when the file cannot be written.
void write_file_atomically(const std::string& path, const std::string& contents);

}  // namespace spikecore::compiler
