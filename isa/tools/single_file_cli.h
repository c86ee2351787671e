// The command line that spikecore-as and spikecore-dis share:
// TOOL FILE [-o OUT] [--help]; usage errors exit with status 2.
#pragma once

#include <boost/program_options.hpp>

#include <iostream>
#include <optional>
#include <string>
#include <variant>

#include "common/command_line_error.h"
#include "common/output_paths.h"

namespace spikecore::tools {

struct SingleFileCommand {
  std::string input;
  std::optional<std::string> output;  // -o, when given
};

// Returns the command, or the exit status to stop with: 0 after --help,
// 2 after a usage error (printed with a pointer to --help).
inline std::variant<SingleFileCommand, int> parse_single_file_command(
    int argc, char** argv, const std::string& tool, const std::string& usage,
    const std::string& output_help, const std::string& missing_input) {
  namespace po = boost::program_options;
  po::options_description visible(usage + "\n\nOptions");
  visible.add_options()("help,h", "show this help and exit")
      ("version", "print the version and the git commit, and exit")(
      "output,o", po::value<std::string>(), output_help.c_str());
  po::options_description all;
  all.add(visible).add_options()("input", po::value<std::string>());
  po::positional_options_description positional;
  positional.add("input", 1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << tool << ": " << command_line_error_text(e, argc, argv) << "\n(see " << tool << " --help)\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << visible << '\n';
    return 0;
  }
  if (!vm.count("input")) {
    std::cerr << tool << ": " << missing_input << "\n(see " << tool << " --help)\n";
    return 2;
  }
  SingleFileCommand command{vm["input"].as<std::string>(), std::nullopt};
  if (vm.count("output")) command.output = vm["output"].as<std::string>();
  return command;
}

// 0 when `output` may be written, else 2 after saying that it is the input
// file itself (by file identity: symlinks and ./x count).
inline int refuse_output_onto_input(const std::string& tool, const std::string& input,
                                    const std::string& output) {
  try {
    require_outputs_apart({{"the input", input}}, {{"-o", output}});
  } catch (const OutputClobbersError& e) {
    std::cerr << tool << ": " << e.what() << '\n';
    return 2;
  }
  return 0;
}

}  // namespace spikecore::tools
