// spikecore-dis: prints a SpikeCore image (.scimg) as canonical assembly.
#include <exception>
#include <iostream>

#include "common/atomic_file.h"
#include "common/version.h"
#include "isa/assembler.h"
#include "isa/image.h"
#include "isa/tools/single_file_cli.h"

int main(int argc, char** argv) {
  if (spikecore::print_version_if_asked(argc, argv, "spikecore-dis")) return 0;
  const auto parsed = spikecore::tools::parse_single_file_command(
      argc, argv, "spikecore-dis",
      "Usage: spikecore-dis FILE.scimg [-o FILE.s]\n"
      "Checks an image and prints it as canonical SpikeCore assembly;\n"
      "spikecore-as turns that text back into the same image, byte for byte.\n"
      "Exit status: 0 success, 1 invalid image or I/O error, 2 usage error.",
      "write the assembly here (atomically) instead of stdout", "no image given");
  if (const int* status = std::get_if<int>(&parsed)) return *status;
  const auto& command = std::get<spikecore::tools::SingleFileCommand>(parsed);
  if (command.output)
    if (const int status = spikecore::tools::refuse_output_onto_input("spikecore-dis", command.input, *command.output))
      return status;
  try {
    const std::string text =
        spikecore::isa::print_assembly(spikecore::isa::load_image(command.input));
    if (!command.output) {
      std::cout << text;
      std::cout.flush();
      return std::cout ? 0 : 1;
    }
    spikecore::write_file_atomically(*command.output, text);
  } catch (const std::exception& e) {
    std::cerr << "spikecore-dis: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
