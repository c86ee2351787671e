// A main() for the harnesses in builds without libFuzzer (gcc, the sanitizer
// build): feeds every file named on the command line, or found under a named
// directory, through LLVMFuzzerTestOneInput once. ctest runs it over each
// harness's seed corpus and crash regressions, so CI replays them without
// running the fuzzer. A crash aborts as it would under libFuzzer; this driver
// prints the file name first so the failure says which input it was.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

namespace fs = std::filesystem;

std::vector<uint8_t> read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s: cannot open\n", path.c_str());
    std::exit(2);
  }
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

// Files in a directory tree, sorted so runs are reproducible.
std::vector<fs::path> inputs_under(const fs::path& root) {
  std::vector<fs::path> files;
  if (!fs::is_directory(root)) return {root};
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file() && entry.path().filename().string()[0] != '.')
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
    return 2;
  }
  size_t replayed = 0;
  for (int i = 1; i < argc; ++i) {
    if (!fs::exists(argv[i])) {
      std::fprintf(stderr, "%s: no such file or directory\n", argv[i]);
      return 2;
    }
    for (const fs::path& file : inputs_under(argv[i])) {
      std::fprintf(stderr, "replay: %s\n", file.c_str());
      const std::vector<uint8_t> bytes = read_bytes(file);
      // An empty vector's data() may be null; libFuzzer never passes null.
      const uint8_t empty = 0;
      LLVMFuzzerTestOneInput(bytes.empty() ? &empty : bytes.data(), bytes.size());
      ++replayed;
    }
  }
  std::printf("replayed %zu inputs\n", replayed);
  return 0;
}
