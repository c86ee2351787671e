// Test helpers: a temporary directory removed at the end of the test, raw file
// writes, and an assertion on the text of a thrown DatasetError.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace spikecore::dataset::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void write_raw(const std::string& path, const std::vector<uint8_t>& bytes);
void write_gzip(const std::string& path, const std::vector<uint8_t>& bytes);
std::vector<uint8_t> read_raw(const std::string& path);

// Big-endian 32-bit words, as IDX headers store them.
std::vector<uint8_t> be32(std::initializer_list<uint32_t> words);

// Runs `action`, expects a DatasetError whose message holds every one of `parts`.
void expect_dataset_error(const std::function<void()>& action, const std::vector<std::string>& parts);

// Directory with the project's data (SPIKECORE_DATA_DIR, else <source>/data).
std::string project_data_dir();

}  // namespace spikecore::dataset::testing
