// spikecore-as: assembles SpikeCore assembly (.s) into an image (.scimg).
#include <boost/program_options.hpp>
#include <iostream>

#include "isa/assembler.h"
#include "isa/image.h"

namespace po = boost::program_options;

int main(int argc, char** argv) {
  po::options_description visible(
      "Usage: spikecore-as FILE.s [-o FILE.scimg]\n"
      "Assembles SpikeCore assembly into a checked, checksummed image.\n"
      "Syntax: docs/isa.md, section \"Assembly\". Every error is printed as\n"
      "FILE:LINE:COL: error: MESSAGE. Exit status: 0 success, 1 assembly or I/O\n"
      "error (no image is written), 2 usage error.\n\nOptions");
  visible.add_options()("help,h", "show this help and exit")(
      "output,o", po::value<std::string>(),
      "image to write (default: FILE with .s replaced by .scimg)");
  po::options_description all;
  all.add(visible).add_options()("input", po::value<std::string>());
  po::positional_options_description positional;
  positional.add("input", 1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "spikecore-as: " << e.what() << "\n(see spikecore-as --help)\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << visible << '\n';
    return 0;
  }
  if (!vm.count("input")) {
    std::cerr << "spikecore-as: no input file given\n(see spikecore-as --help)\n";
    return 2;
  }
  const std::string input = vm["input"].as<std::string>();
  std::string output;
  if (vm.count("output")) {
    output = vm["output"].as<std::string>();
  } else {
    const bool has_s = input.size() > 2 && input.compare(input.size() - 2, 2, ".s") == 0;
    output = (has_s ? input.substr(0, input.size() - 2) : input) + ".scimg";
  }
  try {
    spikecore::isa::save_image(output, spikecore::isa::assemble_file(input));
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
