// Checks that a tool's outputs never overwrite one of its inputs or each
// other, before any work starts: `spikecore-compile M.pt -o M.pt` or
// `spikecore-sim --json P --raster P` must fail, not lose a file.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace spikecore {

// A file named on the command line: the flag that named it ("--json", "-o",
// "the model") and the path as given.
struct FileArgument {
  std::string flag;
  std::string path;
};

class OutputClobbersError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws OutputClobbersError naming both flags and paths when an output is the
// same file as an input, or as another output. Files that exist are compared
// by identity (device and inode: symlinks, hard links, ./x and x all count);
// outputs that do not exist yet by their absolute, normalised path with
// symlinked directories resolved. Empty paths (an output not asked for) are
// skipped.
void require_outputs_apart(const std::vector<FileArgument>& inputs,
                           const std::vector<FileArgument>& outputs);

// Why `path` could not be written as an output later ("is a directory",
// "directory 'd' does not exist or is not writable"), or "" when it can:
// checked before minutes of work, not after.
std::string unwritable_output_reason(const std::string& path);

}  // namespace spikecore
