// Compile time of a model, pass by pass, as one JSON line: the import (loading
// the TorchScript archive) and every pass, timed at the pipeline's after-pass
// hook, so "excluding model loading" is the total minus the import. Nothing
// is written (no image path).
//
//   spikecore-bench-compile MODEL.pt
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

#include <nlohmann/json.hpp>

#include "common/version.h"
#include "compiler/pipeline.h"

int main(int argc, char** argv) {
  if (spikecore::print_version_if_asked(argc, argv, "spikecore-bench-compile")) return 0;
  using Clock = std::chrono::steady_clock;
  const std::string usage = std::string("usage: ") + argv[0] +
                            " MODEL.pt\nTimes every compiler pass on MODEL.pt; prints JSON.\n"
                            "Exit status: 0 success, 1 compile error, 2 usage error.\n";
  if (argc == 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
    std::fputs(usage.c_str(), stdout);
    return 0;
  }
  if (argc != 2 || argv[1][0] == '-') {
    std::fputs(usage.c_str(), stderr);
    return 2;
  }
  try {
    spikecore::compiler::CompileOptions options;
    options.model_path = argv[1];
    nlohmann::json passes = nlohmann::json::array();
    const Clock::time_point start = Clock::now();
    Clock::time_point last = start;
    spikecore::compiler::compile(options, [&](const std::string& pass, const auto&) {
      const Clock::time_point now = Clock::now();
      passes.push_back({{"pass", pass}, {"seconds", std::chrono::duration<double>(now - last).count()}});
      last = now;
    });
    const double total = std::chrono::duration<double>(last - start).count();
    const double import = passes.empty() ? 0.0 : passes[0]["seconds"].get<double>();
    nlohmann::json j;
    j["model"] = options.model_path;
    j["total_seconds"] = total;
    j["import_seconds"] = import;
    j["excluding_import_seconds"] = total - import;
    j["passes"] = passes;
    std::printf("%s\n", j.dump().c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "spikecore-bench-compile: error: %s\n", e.what());
    return 1;
  }
}
