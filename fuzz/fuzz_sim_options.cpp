// spikecore-sim command-line harness: the input is argv after the program
// name, arguments separated by NUL bytes. Any command line either parses,
// prints --help, or throws UsageError; the parsed options respect the ranges
// the simulator relies on.
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/fuzz_support.h"
#include "platform/sim/sim_options.h"

namespace {

std::vector<std::string> split_on_nul(const uint8_t* data, size_t size) {
  std::vector<std::string> args;
  std::string current;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      args.push_back(current);
      current.clear();
    } else {
      current.push_back(char(data[i]));
    }
  }
  if (!current.empty()) args.push_back(current);
  return args;
}

// --help writes to std::cout; silence it so fuzzing logs stay readable.
struct SilenceCout {
  std::ostringstream sink;
  std::streambuf* saved = std::cout.rdbuf(sink.rdbuf());
  ~SilenceCout() { std::cout.rdbuf(saved); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace spikecore::sim;
  std::vector<std::string> args = split_on_nul(data, size);
  args.insert(args.begin(), "spikecore-sim");
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  argv.push_back(nullptr);

  SilenceCout silence;
  std::optional<SimOptions> options;
  try {
    options = parse_sim_options(int(args.size()), argv.data());
  } catch (const UsageError& e) {
    if (std::string(e.what()).empty()) spikecore::fuzz::fail("sim_options", "empty usage error");
    return 0;
  }
  if (!options) return 0;  // --help
  if (options->jobs < 1 || options->jobs > 64) spikecore::fuzz::fail("sim_options", "--jobs out of range");
  if (options->count && *options->count == 0) spikecore::fuzz::fail("sim_options", "--count 0 accepted");
  if (options->trace_step_end < options->trace_step_begin)
    spikecore::fuzz::fail("sim_options", "--trace-steps B < A accepted");
  return 0;
}
