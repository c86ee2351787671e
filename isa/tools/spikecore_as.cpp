// spikecore-as: assembles SpikeCore assembly (.s) into an image (.scimg).
#include <exception>
#include <iostream>

#include "common/version.h"
#include "isa/assembler.h"
#include "isa/image.h"
#include "isa/tools/single_file_cli.h"

namespace {

// FILE.s -> FILE.scimg; any other name gets .scimg appended.
std::string default_image_path(const std::string& input) {
  const bool has_s = input.size() > 2 && input.compare(input.size() - 2, 2, ".s") == 0;
  return (has_s ? input.substr(0, input.size() - 2) : input) + ".scimg";
}

}  // namespace

int main(int argc, char** argv) {
  if (spikecore::print_version_if_asked(argc, argv, "spikecore-as")) return 0;
  const auto parsed = spikecore::tools::parse_single_file_command(
      argc, argv, "spikecore-as",
      "Usage: spikecore-as FILE.s [-o FILE.scimg]\n"
      "Assembles SpikeCore assembly into a checked, checksummed image.\n"
      "Syntax: docs/isa.md, section \"Assembly\". Every error is printed as\n"
      "FILE:LINE:COL: error: MESSAGE. Exit status: 0 success, 1 assembly or I/O\n"
      "error (no image is written), 2 usage error.",
      "image to write (default: FILE with .s replaced by .scimg)", "no input file given");
  if (const int* status = std::get_if<int>(&parsed)) return *status;
  const auto& command = std::get<spikecore::tools::SingleFileCommand>(parsed);
  const std::string output = command.output.value_or(default_image_path(command.input));
  if (const int status = spikecore::tools::refuse_output_onto_input("spikecore-as", command.input, output))
    return status;
  try {
    spikecore::isa::save_image(output, spikecore::isa::assemble_file(command.input));
  } catch (const spikecore::isa::AssemblyError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << d.to_string() << '\n';
    std::cerr << "spikecore-as: " << e.diagnostics().size() << " error"
              << (e.diagnostics().size() == 1 ? "" : "s") << ", no image written\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "spikecore-as: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
