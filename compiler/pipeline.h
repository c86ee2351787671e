// The compiler pipeline: import, model checks, then the named passes in order.
// Each pass is a function over the one Module; --print-after prints the module
// after any of them.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "isa/hardware_description.h"
#include "compiler/ir.h"
#include "dataset/dataset.h"

namespace spikecore::compiler {

struct CompileOptions {
  std::string model_path;
  std::string image_path;  // assemble writes the image here (atomically) when set
  std::string calib_dataset = "mnist";
  std::string data_dir;        // "" = the dataset library's default
  unsigned calib_count = 2000;  // calibration images: the first N of the training split
  double percentile = 98.0;     // lambda_l = this percentile of positive pre-activations (measured, docs/compiler.md)
  double output_percentile = 100.0;  // the same for the output layer (see docs/compiler.md)
  double weight_percentile = 100.0;  // weight scale: this percentile of |W| on active inputs
  // Input and hidden neurons start a sample at V = floor(fraction * threshold):
  // 0.5 rounds their spike counts instead of flooring them (docs/compiler.md).
  double input_initial_fraction = 0.5;
  double hidden_initial_fraction = 0.5;
  std::optional<unsigned> timesteps;  // overrides the timesteps pass's choice
  std::vector<unsigned> timestep_candidates = {8, 12, 16, 24, 32, 48, 64, 96, 128};
  // timesteps: the smallest candidate whose golden class agrees with float top-1
  // on the validation digits on agreement_target + validation_margin (1000
  // digits estimate held-out agreement only to about half a point), or on the
  // int8 ceiling's agreement less ceiling_margin when that is lower (no T can
  // beat the quantized network's own agreement).
  double agreement_target = 0.99;
  double validation_margin = 0.005;
  double ceiling_margin = 0.005;
  unsigned timestep_samples = 1000;  // validation digits (dataset::validation_begin on) the timesteps pass simulates
  unsigned eval_count = 2000;   // held-out images for the quantization report (0 = none)
  uint64_t seed = 1;            // placement
  unsigned mesh_width = 16, mesh_height = 8;
  // The board (chips); 0 x 0: auto, the smallest board the model fits on.
  unsigned board_width = 0, board_height = 0;
  // The hardware description compiled for (--hw; its mesh is mesh_width x
  // mesh_height): stored in the image, so that spikecore-sim models the same.
  isa::HardwareDescription hardware;
  unsigned placement_effort = 100;  // annealing moves per placed object / 100
  std::function<void(const std::string&)> progress;  // long steps report here
};

// Shared state of one compilation (loaded data sets, progress output).
class PassContext {
 public:
  explicit PassContext(const CompileOptions& options) : options_(options) {}
  const CompileOptions& options() const { return options_; }
  void progress(const std::string& line) const {
    if (options_.progress) options_.progress(line);
  }
  // The calibration split (loaded on first use; throws CompileError naming
  // the files and how to get them).
  const dataset::Dataset& calibration();
  // The held-out split of the same data set, or nullptr when it is missing.
  const dataset::Dataset* evaluation();
  unsigned calibration_count();  // min(calib_count, size of the split)

 private:
  const CompileOptions& options_;
  std::optional<dataset::Dataset> calibration_, evaluation_;
  bool evaluation_tried_ = false;
};

using PassFunction = void (*)(Module&, PassContext&);
struct PassInfo {
  const char* name;
  const char* summary;
  PassFunction run;
};
// The passes in pipeline order (after import).
const std::vector<PassInfo>& passes();
bool is_pass_name(const std::string& name);  // a pass, "import" or "all"

// The passes themselves (pass_*.cpp).
void canonicalize(Module& module, PassContext& ctx);
void merge_composites(Module& module, PassContext& ctx);
void annotate_target(Module& module, PassContext& ctx);
void partition(Module& module, PassContext& ctx);
void quantize(Module& module, PassContext& ctx);
void lower(Module& module, PassContext& ctx);
void place(Module& module, PassContext& ctx);
void route(Module& module, PassContext& ctx);
void select_timesteps(Module& module, PassContext& ctx);
void codegen(Module& module, PassContext& ctx);
void assemble(Module& module, PassContext& ctx);

// Import + checks + passes. `after_pass(name, module)` runs after import
// ("import") and after every pass. Throws CompileError (all diagnostics at
// once) before anything is written when the model cannot be compiled.
using AfterPass = std::function<void(const std::string& pass, const Module& module)>;
Module compile(const CompileOptions& options, const AfterPass& after_pass = {});

// Same, starting from an already imported graph (tests build graphs directly).
Module compile_graph(Graph graph, const CompileOptions& options,
                     const AfterPass& after_pass = {});

}  // namespace spikecore::compiler
