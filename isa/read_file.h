// Reads a whole regular file; on failure returns false and a reason such as
// "No such file or directory" or "is a directory".
#pragma once

#include <string>

namespace spikecore::isa::detail {

bool read_whole_file(const std::string& path, std::string& contents, std::string& error);

}  // namespace spikecore::isa::detail
