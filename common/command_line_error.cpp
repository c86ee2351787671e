#include "common/command_line_error.h"

#include <string_view>

namespace spikecore {

std::string argument_with_placeholder(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    for (size_t open = arg.find('%'); open != std::string_view::npos; open = arg.find('%', open + 1)) {
      const size_t close = arg.find('%', open + 1);
      if (close == std::string_view::npos) break;
      const std::string_view name = arg.substr(open + 1, close - open - 1);
      if (!name.empty() && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string_view::npos)
        return std::string(arg);
    }
  }
  return {};
}

std::string command_line_error_text(const std::exception& e, int argc, const char* const* argv) {
  const std::string arg = argument_with_placeholder(argc, argv);
  if (!arg.empty()) return "invalid command line near '" + arg + "'";
  const std::string text = e.what();
  // Boost's wording does not say what a user typed wrong.
  if (text == "too many positional options have been specified on the command line")
    return "unexpected argument: every argument must be a --flag or the value of one "
           "(a stray word, or a flag's value split by a space?)";
  return text;
}

}  // namespace spikecore
