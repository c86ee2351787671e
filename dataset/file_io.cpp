#include "dataset/file_io.h"

#include <zlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "common/pending_output.h"
#include "dataset/dataset.h"

namespace spikecore::dataset::detail {
namespace {

namespace fs = std::filesystem;

std::string zlib_message(gzFile file) {
  int code = Z_OK;
  const char* message = gzerror(file, &code);
  if (code == Z_ERRNO) return std::strerror(errno);
  return message ? message : "unknown zlib error";
}

// gzclose on every path out of the read/write loops.
struct GzCloser {
  gzFile file;
  ~GzCloser() {
    if (file) gzclose(file);
  }
};

}  // namespace

bool has_gz_suffix(const std::string& path) {
  return path.size() >= 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
}

std::vector<uint8_t> read_file_bytes(const std::string& path, uint64_t max_bytes, bool* plain) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    throw DatasetError(path + ": file not found; run scripts/setup.sh to fetch and convert the datasets");
  }
  if (!fs::is_regular_file(path, ec)) throw DatasetError(path + ": not a regular file");

  GzCloser gz{gzopen(path.c_str(), "rb")};
  if (!gz.file) throw DatasetError(path + ": cannot open (" + std::strerror(errno) + ")");
  gzbuffer(gz.file, 1 << 20);

  std::vector<uint8_t> bytes;
  constexpr size_t kChunk = 1 << 20;
  while (bytes.size() < max_bytes) {
    const size_t old_size = bytes.size();
    const size_t chunk = size_t(std::min<uint64_t>(kChunk, max_bytes - old_size));
    bytes.resize(old_size + chunk);
    const int n = gzread(gz.file, bytes.data() + old_size, unsigned(chunk));
    if (n < 0) {
      throw DatasetError(path + ": read failed after " + std::to_string(old_size) +
                         " bytes (" + zlib_message(gz.file) + ")");
    }
    bytes.resize(old_size + size_t(n));
    if (n == 0) break;
  }
  if (plain) *plain = gzdirect(gz.file) == 1;
  // A gzip stream cut short reads as a clean end of file; zlib only says so here.
  int code = Z_OK;
  gzerror(gz.file, &code);
  if (code != Z_OK) {
    throw DatasetError(path + ": gzip data is truncated or corrupt (" + zlib_message(gz.file) + ")");
  }
  return bytes;
}

void write_file_atomically(const std::string& path, const std::vector<uint8_t>& bytes) {
  PendingOutput out(path);
  out.close_fd();  // zlib writes the temporary by name
  const std::string& tmp = out.temp_path();
  GzCloser gz{gzopen(tmp.c_str(), has_gz_suffix(path) ? "wb6" : "wbT")};
  if (!gz.file) throw DatasetError(tmp + ": cannot create (" + std::strerror(errno) + ")");
  size_t done = 0;
  while (done < bytes.size()) {
    const unsigned chunk = unsigned(std::min<size_t>(bytes.size() - done, 1 << 20));
    if (gzwrite(gz.file, bytes.data() + done, chunk) != int(chunk))
      throw DatasetError(path + ": write failed (" + zlib_message(gz.file) + ")");
    done += chunk;
  }
  const int rc = gzclose(gz.file);
  gz.file = nullptr;
  if (rc != Z_OK)
    throw DatasetError(path + ": write failed when closing (zlib code " + std::to_string(rc) + ")");
  try {
    out.commit();
  } catch (const std::runtime_error& e) {
    throw DatasetError(e.what());
  }
}

}  // namespace spikecore::dataset::detail
