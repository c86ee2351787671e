// Helpers shared by the harnesses: a contract check that aborts (so libFuzzer
// and the replay driver both report it as a crash), and a scratch file for
// readers that only take a path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace spikecore::fuzz {

// Prints "fuzz: <harness>: <what>" and aborts. For broken invariants that
// are not crashes by themselves (an accepted input that does not round-trip,
// an exception type the API does not document).
[[noreturn]] void fail(const char* harness, const std::string& what);

// A file private to this process, rewritten with each input. Kept across
// inputs (libFuzzer runs millions) and removed at exit.
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& suffix);
  ~ScratchFile();
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  // Replaces the file's content with data[0, size).
  const std::string& write(const uint8_t* data, size_t size);
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace spikecore::fuzz
