// spikecore-compile: TorchScript MLP -> SpikeCore image (+ assembly, reports).
#include <boost/program_options.hpp>

#include <cstdint>
#include <iostream>
#include <set>
#include <tuple>

#include "common/version.h"
#include "isa/hardware_description.h"
#include "isa/isa.h"
#include "compiler/diagnostics.h"
#include "common/atomic_file.h"
#include "common/output_paths.h"
#include "common/cli_numbers.h"
#include "common/command_line_error.h"
#include "compiler/ir_printer.h"
#include "compiler/pipeline.h"
#include "compiler/report.h"

namespace po = boost::program_options;
using namespace spikecore::compiler;
using spikecore::parse_whole_number;

namespace {

constexpr int kExitCompileError = 1;
constexpr int kExitUsage = 2;

std::string pass_list() {
  std::string s = "import";
  for (const PassInfo& p : passes()) s += std::string(", ") + p.name;
  return s + ", all";
}


bool parse_dimensions(const std::string& text, unsigned max_width, unsigned max_height,
                      unsigned& w, unsigned& h) {
  const auto x = text.find('x');
  if (x == std::string::npos) return false;
  uint64_t width = 0, height = 0;
  if (!parse_whole_number(text.substr(0, x), 1, max_width, width) ||
      !parse_whole_number(text.substr(x + 1), 1, max_height, height))
    return false;
  w = unsigned(width);
  h = unsigned(height);
  return true;
}

bool parse_mesh(const std::string& text, unsigned& w, unsigned& h) {
  return parse_dimensions(text, 256, 256, w, h) && w * h <= 256;
}

}  // namespace

int main(int argc, char** argv) {
  if (spikecore::print_version_if_asked(argc, argv, "spikecore-compile")) return 0;
  CompileOptions opt;
  std::string model, output, asm_path, report_path, mesh = "16x8", hw_path,
              board = "auto";
  std::vector<std::string> print_after;
  std::string timesteps, calib_count = "2000", seed = "1", place_effort = "100";
  bool quiet = false;

  po::options_description visible(
      "Usage: spikecore-compile MODEL.pt -o MODEL.scimg [options]\n\n"
      "Compiles a TorchScript MLP or CNN (Linear/ReLU, Conv2d/BatchNorm2d/AvgPool2d, exported\n"
      "with torch.jit.script or torch.jit.trace; input float32 [N,1,28,28] = pixel/255,\n"
      "output [N,10]) into a\n"
      "SpikeCore image. Every stage can be printed with --print-after.\n\n"
      "Exit status: 0 compiled; 1 the model cannot be compiled (or a file cannot be read or\n"
      "written: the message names it); 2 a usage error.\n\nOptions");
  visible.add_options()
      ("help,h", "show this help")
      ("version", "print the version and the git commit, and exit")
      ("output,o", po::value(&output), "image file to write (.scimg), written atomically")
      ("asm", po::value(&asm_path), "also write the SpikeCore assembly (.s)")
      ("report", po::value(&report_path),
       "print the mapping table and write it as JSON to this file")
      ("calib-dataset", po::value(&opt.calib_dataset)->default_value("mnist"),
       "calibration data: mnist | fashion-mnist (training split)")
      ("calib-count", po::value(&calib_count)->default_value("2000"),
       "calibration images (the first N of the training split)")
      ("data-dir", po::value(&opt.data_dir),
       "data directory (default: $SPIKECORE_DATA_DIR, else ./data when it holds mnist/, else "
       "the source tree's data/)")
      ("timesteps", po::value(&timesteps),
       "default time steps stored in the image (default: the smallest of 8,12,16,24,32,48,"
       "64,96,128 whose golden-model class agrees with float top-1 on >= 99.5% of the validation "
       "digits (the training split's last 1000, which spikecore-train does not train on), or on the int8 ceiling's agreement less 0.5 points when that is lower)")
      ("percentile", po::value(&opt.percentile)->default_value(98.0),
       "threshold balancing: lambda = this percentile of positive pre-activations "
       "(hidden layers)")
      ("output-percentile", po::value(&opt.output_percentile)->default_value(100.0),
       "the same for the output layer (its threshold only splits charge into count and V)")
      ("weight-percentile", po::value(&opt.weight_percentile)->default_value(100.0),
       "weight scale: this percentile of |w| over weights on inputs active in calibration "
       "(100: their maximum; lower clips outliers)")
      ("initial-input", po::value(&opt.input_initial_fraction)->default_value(0.5),
       "input neurons start at V = floor(this x 255) (0.5: spike counts rounded, not floored)")
      ("initial-hidden", po::value(&opt.hidden_initial_fraction)->default_value(0.5),
       "hidden neurons start at V = floor(this x threshold)")
      ("print-after", po::value(&print_after)->composing(),
       ("print the IR after a pass (repeatable): " + pass_list()).c_str())
      ("seed", po::value(&seed)->default_value("1"), "placement seed")
      ("place-effort", po::value(&place_effort)->default_value("100"),
       "placement annealing: 100 x this many moves per placed object (0 = greedy only, "
       "at most 10000)")
      ("mesh", po::value(&mesh)->default_value("16x8"), "chip mesh WxH")
      ("board", po::value(&board)->default_value("auto"),
       "chips of the board, WxH (at most 8x8), or auto: the smallest board the model fits on")
      ("hw", po::value(&hw_path)->value_name("FILE.json"),
       "hardware description (the same file as spikecore-sim --hw): the chip's mesh comes "
       "from it (docs/microarchitecture.md)")
      ("quiet,q", po::bool_switch(&quiet), "no progress lines on stderr");
  po::options_description hidden;
  hidden.add_options()("model", po::value(&model));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("model", 1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "spikecore-compile: " << spikecore::command_line_error_text(e, argc, argv) << "\n(see --help)\n";
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << visible << "\nPasses, in order:\n  import\n";
    for (const PassInfo& p : passes()) std::cout << "  " << p.name << " - " << p.summary << '\n';
    std::cout << "\nExample:\n  spikecore-compile models/mnist_mlp.pt -o out/mnist_mlp.scimg "
                 "--asm out/mnist_mlp.s --report out/mapping.json --print-after all\n";
    return 0;
  }
  if (model.empty() || output.empty()) {
    std::cerr << "spikecore-compile: " << (model.empty() ? "no model given" : "no -o IMAGE given")
              << "\nUsage: spikecore-compile MODEL.pt -o MODEL.scimg [options] (see --help)\n";
    return kExitUsage;
  }
  for (const std::string& p : print_after)
    if (!is_pass_name(p)) {
      std::cerr << "spikecore-compile: --print-after " << p << ": no such pass; passes are "
                << pass_list() << '\n';
      return kExitUsage;
    }
  if (!parse_mesh(mesh, opt.mesh_width, opt.mesh_height)) {
    std::cerr << "spikecore-compile: --mesh " << mesh << ": expected WxH with W*H <= 256\n";
    return kExitUsage;
  }
  if (board != "auto" && !parse_dimensions(board, spikecore::isa::kMaxBoardWidth,
                                            spikecore::isa::kMaxBoardHeight, opt.board_width,
                                            opt.board_height)) {
    std::cerr << "spikecore-compile: --board " << board << ": expected auto or WxH chips, at most "
              << spikecore::isa::kMaxBoardWidth << "x" << spikecore::isa::kMaxBoardHeight << '\n';
    return kExitUsage;
  }
  if (!hw_path.empty()) {
    if (!vm["mesh"].defaulted()) {
      std::cerr << "spikecore-compile: give the mesh either with --mesh or in --hw, not both\n";
      return kExitUsage;
    }
    try {
      const spikecore::isa::HardwareDescription hw =
          spikecore::isa::load_hardware_description(hw_path);
      opt.mesh_width = hw.mesh_width;
      opt.mesh_height = hw.mesh_height;
      opt.hardware = hw;
      if (hw.board_given) {
        if (!vm["board"].defaulted()) {
          std::cerr << "spikecore-compile: give the board either with --board or in --hw, not "
                       "both\n";
          return kExitUsage;
        }
        opt.board_width = hw.board_width;
        opt.board_height = hw.board_height;
      }
    } catch (const spikecore::isa::HardwareDescriptionError& e) {
      std::cerr << "spikecore-compile: error: --hw " << e.what() << '\n';
      return 1;
    }
  }
  uint64_t number = 0;
  if (vm.count("timesteps")) {
    if (!parse_whole_number(timesteps, 1, 65535, number)) {
      std::cerr << "spikecore-compile: --timesteps " << timesteps << ": expected 1..65535\n";
      return kExitUsage;
    }
    opt.timesteps = unsigned(number);
  }
  if (!parse_whole_number(calib_count, 1, UINT32_MAX, number)) {
    std::cerr << "spikecore-compile: --calib-count " << calib_count
              << ": expected a whole number of images >= 1\n";
    return kExitUsage;
  }
  opt.calib_count = unsigned(number);
  if (!parse_whole_number(seed, 0, UINT64_MAX, opt.seed)) {
    std::cerr << "spikecore-compile: --seed " << seed << ": expected a whole number >= 0\n";
    return kExitUsage;
  }
  if (!parse_whole_number(place_effort, 0, 10000, number)) {
    std::cerr << "spikecore-compile: --place-effort " << place_effort
              << ": expected a whole number in 0..10000\n";
    return kExitUsage;
  }
  opt.placement_effort = unsigned(number);
  // Written as !(in range) so that NaN is rejected too.
  for (const auto& [flag, value, max] :
       {std::tuple{"--percentile", opt.percentile, 100.0},
        std::tuple{"--output-percentile", opt.output_percentile, 100.0},
        std::tuple{"--initial-input", opt.input_initial_fraction, 1.0},
        std::tuple{"--initial-hidden", opt.hidden_initial_fraction, 1.0}})
    if (!(value >= 0.0 && value <= max)) {
      std::cerr << "spikecore-compile: " << flag << " " << value << ": expected 0.." << max << '\n';
      return kExitUsage;
    }
  if (!(opt.weight_percentile > 0.0 && opt.weight_percentile <= 100.0)) {
    std::cerr << "spikecore-compile: --weight-percentile " << opt.weight_percentile
              << ": expected more than 0 and at most 100\n";
    return kExitUsage;
  }
  for (const auto& [flag, path] : {std::pair<const char*, const std::string&>{"-o", output},
                                   {"--asm", asm_path}, {"--report", report_path}})
    if (!path.empty())
      if (const std::string why = spikecore::unwritable_output_reason(path); !why.empty()) {
        std::cerr << "spikecore-compile: " << flag << " " << path << ": " << why
                  << "; nothing was compiled\n";
        return kExitCompileError;
      }
  try {
    spikecore::require_outputs_apart({{"the model", model}, {"--hw", hw_path}},
                                     {{"-o", output}, {"--asm", asm_path}, {"--report", report_path}});
  } catch (const spikecore::OutputClobbersError& e) {
    std::cerr << "spikecore-compile: " << e.what() << '\n';
    return kExitUsage;
  }
  opt.model_path = model;
  opt.image_path = output;
  if (!quiet) opt.progress = [](const std::string& line) { std::cerr << "[spikecore-compile] " << line << std::endl; };

  const std::set<std::string> printed(print_after.begin(), print_after.end());
  auto after_pass = [&](const std::string& pass, const Module& module) {
    if (!printed.count(pass) && !printed.count("all")) return;
    std::cout << "; *** IR after " << pass << " ***\n" << print_module(module, pass) << '\n';
  };

  try {
    Module module = compile(opt, after_pass);
    if (!quiet && !module.graph.dropped_final_op.empty())
      std::cerr << module.graph.dropped_final_loc.to_string() << ": note: dropped forward()'s final "
                << module.graph.dropped_final_op
                << ": the chip's read-out takes the argmax of the scores, which it does not change\n";
    std::cout << quantization_report(module);
    for (const std::string& w : module.warnings) std::cerr << "spikecore-compile: warning: " << w << '\n';
    if (!asm_path.empty()) spikecore::write_file_atomically(asm_path, module.assembly);
    if (!report_path.empty()) {
      std::cout << '\n' << mapping_report(module);
      spikecore::write_file_atomically(report_path, mapping_json(module).dump(2) + "\n");
    }
    std::cerr << "spikecore-compile: wrote " << output
              << (asm_path.empty() ? "" : ", " + asm_path)
              << (report_path.empty() ? "" : ", " + report_path) << " (default_timesteps "
              << module.timesteps << ")\n";
  } catch (const CompileError& e) {
    for (const Diagnostic& d : e.diagnostics()) std::cerr << d.to_string() << '\n';
    std::cerr << "spikecore-compile: " << e.error_count() << " error(s); no image written\n";
    return kExitCompileError;
  } catch (const std::exception& e) {
    std::cerr << "spikecore-compile: error: " << e.what() << "\n";
    return kExitCompileError;
  }
  return 0;
}
