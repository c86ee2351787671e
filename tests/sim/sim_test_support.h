// Helpers of the spikecore-sim tests that build their own images and data
// sets: run a command, write an MNIST-shaped IDX test split.
#pragma once

#include <sys/wait.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace spikecore::sim::testing {

struct CommandResult {
  int status = -1;     // exit status, -1 if it did not exit normally
  std::string output;  // stdout and stderr together
};

inline CommandResult run_command(const std::string& command) {
  CommandResult r;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return r;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) r.output.append(buf, n);
  const int status = pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// data_dir/mnist/t10k-{images-idx3,labels-idx1}-ubyte: one 28x28 image per
// entry of `pixel_values`, every pixel of it that value; labels 0, 1, 2, ...
inline void write_mnist_test_split(const std::filesystem::path& data_dir,
                                   const std::vector<uint8_t>& pixel_values) {
  auto be32 = [](std::ofstream& f, uint32_t v) {
    const char b[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
    f.write(b, 4);
  };
  std::filesystem::create_directories(data_dir / "mnist");
  std::ofstream images(data_dir / "mnist/t10k-images-idx3-ubyte", std::ios::binary);
  for (uint32_t v : {0x803u, uint32_t(pixel_values.size()), 28u, 28u}) be32(images, v);
  for (uint8_t v : pixel_values) images << std::string(784, char(v));
  std::ofstream labels(data_dir / "mnist/t10k-labels-idx1-ubyte", std::ios::binary);
  for (uint32_t v : {0x801u, uint32_t(pixel_values.size())}) be32(labels, v);
  for (size_t i = 0; i < pixel_values.size(); ++i) labels << char(i % 10);
}

}  // namespace spikecore::sim::testing
