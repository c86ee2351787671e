// spikecore-dis: prints a SpikeCore image (.scimg) as canonical assembly.
#include <boost/program_options.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "isa/assembler.h"
#include "isa/image.h"

namespace po = boost::program_options;

int main(int argc, char** argv) {
  po::options_description visible(
      "Usage: spikecore-dis FILE.scimg [-o FILE.s]\n"
      "Checks an image and prints it as canonical SpikeCore assembly;\n"
      "spikecore-as turns that text back into the same image, byte for byte.\n"
      "Exit status: 0 success, 1 invalid image or I/O error, 2 usage error.\n\nOptions");
  visible.add_options()("help,h", "show this help and exit")(
      "output,o", po::value<std::string>(), "write the assembly here instead of stdout");
  po::options_description all;
  all.add(visible).add_options()("input", po::value<std::string>());
  po::positional_options_description positional;
  positional.add("input", 1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "spikecore-dis: " << e.what() << "\n(see spikecore-dis --help)\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << visible << '\n';
    return 0;
  }
  if (!vm.count("input")) {
    std::cerr << "spikecore-dis: no image given\n(see spikecore-dis --help)\n";
    return 2;
  }
  std::string text;
  try {
    text =
        spikecore::isa::print_assembly(spikecore::isa::load_image(vm["input"].as<std::string>()));
  } catch (const std::exception& e) {
    std::cerr << "spikecore-dis: " << e.what() << '\n';
    return 1;
  }
  if (!vm.count("output")) {
    std::cout << text;
    std::cout.flush();
    return std::cout ? 0 : 1;
  }
  const std::string path = vm["output"].as<std::string>();
  std::ofstream out(path, std::ios::binary);
  if (out) out << text;
  if (out) out.close();
  if (!out) {
    std::cerr << "spikecore-dis: cannot write '" << path << "': " << std::strerror(errno) << '\n';
    return 1;
  }
  return 0;
}
