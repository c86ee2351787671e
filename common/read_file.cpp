#include "common/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace spikecore {

bool read_whole_file(const std::string& path, std::string& contents, std::string& error,
                     size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO would otherwise wait for a writer for ever;
  // for a regular file it changes nothing.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    error = S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file";
    ::close(fd);
    return false;
  }
  const std::string too_large = "larger than " + std::to_string(max_bytes) + " bytes";
  if (uint64_t(st.st_size) > max_bytes) {
    error = too_large;
    ::close(fd);
    return false;
  }
  contents.clear();
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    if (contents.size() + size_t(n) > max_bytes) {  // grew while being read
      error = too_large;
      ::close(fd);
      return false;
    }
    contents.append(buf, size_t(n));
  }
  ::close(fd);
  return true;
}

}  // namespace spikecore
