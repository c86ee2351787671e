// Writing output files atomically (common/pending_output.h): a temporary file next to the target, then
// rename, so readers never see a half-written file and a failed or interrupted
// run leaves the old file (or none) in place.
#pragma once

#include <string>
#include <string_view>

namespace spikecore {

// Throws std::runtime_error "cannot write [KIND ]'PATH': REASON" when the
// directory is missing or not writable, or the write or the rename fails.
void write_file_atomically(const std::string& path, std::string_view bytes,
                           const std::string& kind = "");

}  // namespace spikecore
