#include "fuzz/fuzz_support.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace spikecore::fuzz {

void fail(const char* harness, const std::string& what) {
  std::fprintf(stderr, "fuzz: %s: %s\n", harness, what.c_str());
  std::abort();
}

ScratchFile::ScratchFile(const std::string& suffix) {
  // /dev/shm keeps the per-input write in memory where there is one.
  const char* dir = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp";
  path_ = std::string(dir) + "/spikecore-fuzz-" + std::to_string(getpid()) + suffix;
}

ScratchFile::~ScratchFile() { std::remove(path_.c_str()); }

const std::string& ScratchFile::write(const uint8_t* data, size_t size) {
  std::FILE* f = std::fopen(path_.c_str(), "wb");
  if (!f) fail("scratch file", path_ + ": cannot create");
  if (size && std::fwrite(data, 1, size, f) != size) fail("scratch file", path_ + ": short write");
  if (std::fclose(f) != 0) fail("scratch file", path_ + ": cannot close");
  return path_;
}

}  // namespace spikecore::fuzz
