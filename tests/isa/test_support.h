// Helpers shared by the ISA tests: seeded random chip configurations that
// pass check(), the hand-written example network, temporary directories,
// file and process helpers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "isa/chip_config.h"

namespace spikecore::isa::test {

// A random chip that passes check(): random mesh, cores, programs, routes,
// neuron parameters, host layout and reference layers (names that need
// quoting included). The same seed gives the same chip.
ChipConfig random_chip(uint32_t seed);

// tests/isa/data/<name>.
std::string data_path(const std::string& name);
// The 2 -> 2 -> 2 example network of tests/isa/data/tiny_2_2_2.s.
ChipConfig tiny_chip();

// A fresh empty directory, removed with its files when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  std::vector<std::string> list() const;

 private:
  std::string path_;
};

std::vector<uint8_t> read_bytes(const std::string& path);
std::string read_text(const std::string& path);
void write_text(const std::string& path, const std::string& text);
void write_bytes(const std::string& path, const std::vector<uint8_t>& bytes);

// Runs a shell command; returns its exit status (-1 if it did not exit).
int run_command(const std::string& command);
// Absolute path of a built tool (build/bin/<name>).
std::string tool(const std::string& name);

}  // namespace spikecore::isa::test
