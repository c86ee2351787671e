#include "compiler/pipeline.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "compiler/board_choice.h"
#include "compiler/diagnostics.h"
#include "compiler/ir_eval.h"
#include "compiler/model_checks.h"
#include "compiler/torchscript_import.h"
#include "torchref/torch_reference.h"

namespace spikecore::compiler {
namespace {

constexpr unsigned kImportCheckImages = 16;

// What LibTorch computes after the final softmax / log_softmax that import
// dropped (the IR's scores are the logits before it).
std::vector<double> apply_dropped_final_op(const Graph& g, const std::vector<float>& logits) {
  std::vector<double> scores(logits.begin(), logits.end());
  if (g.dropped_final_op.empty() || scores.empty()) return scores;
  const double top = *std::max_element(scores.begin(), scores.end());
  double sum = 0;
  for (double s : scores) sum += std::exp(s - top);
  for (double& s : scores)
    s = g.dropped_final_op == "softmax" ? std::exp(s - top) / sum : s - top - std::log(sum);
  return scores;
}

// The IR must compute what LibTorch computes: compare on a few images.
void verify_import(const Module& module, PassContext& ctx) {
  const dataset::Dataset& data = ctx.calibration();
  const unsigned n = unsigned(std::min<size_t>(kImportCheckImages, data.size()));
  torchref::ReferenceOutput ref;
  try {
    ref = torchref::TorchReference(module.model_path).run(data.images.pixels.data(), n);
  } catch (const torchref::TorchRefError& e) {
    throw CompileError(e.what());
  }
  for (unsigned i = 0; i < n; ++i) {
    const auto scores =
        apply_dropped_final_op(module.graph, evaluate_float(module.graph, data.images.image(i)));
    if (scores.size() != ref.classes)
      throw CompileError("internal error: the imported graph gives " +
                         std::to_string(scores.size()) + " scores, LibTorch " +
                         std::to_string(ref.classes));
    for (unsigned k = 0; k < ref.classes; ++k) {
      const double a = scores[k], b = ref.scores[size_t(i) * ref.classes + k];
      if (std::fabs(a - b) > 1e-3 * (1.0 + std::fabs(b)))
        throw CompileError("internal error: the imported graph disagrees with LibTorch's "
                           "forward on calibration image " + std::to_string(i) + ", class " +
                           std::to_string(k) + ": " + std::to_string(a) + " vs " +
                           std::to_string(b));
    }
  }
  ctx.progress("import: the IR reproduces LibTorch's forward on " + std::to_string(n) +
               " images");
}

void run_passes(Module& module, PassContext& ctx, const AfterPass& after_pass, bool torch_model) {
  const auto& all = passes();
  for (size_t i = 0; i < all.size(); ++i) {
    const std::string name = all[i].name;
    all[i].run(module, ctx);
    module.pass_log.push_back(name);
    if (after_pass) after_pass(name, module);
    if (name == "merge-composites") {
      auto diagnostics = check_model(module.graph, target_size(ctx.options()));
      if (!diagnostics.empty()) throw CompileError(std::move(diagnostics));
      if (torch_model) verify_import(module, ctx);
    }
  }
}

}  // namespace

const dataset::Dataset& PassContext::calibration() {
  if (!calibration_) {
    try {
      calibration_ = dataset::load(options_.calib_dataset, "train", options_.data_dir);
    } catch (const std::exception& e) {
      throw CompileError(std::string("calibration data: ") + e.what());
    }
    if (calibration_->size() == 0)
      throw CompileError("calibration data: " + calibration_->images_path + " holds no images");
    if (calibration_->images.image_size() != 28 * 28)
      throw CompileError("calibration data: " + calibration_->images_path +
                         " does not hold 28x28 images");
  }
  return *calibration_;
}

const dataset::Dataset* PassContext::evaluation() {
  if (!evaluation_tried_) {
    evaluation_tried_ = true;
    try {
      evaluation_ = dataset::load(options_.calib_dataset, "test", options_.data_dir);
    } catch (const std::exception& e) {
      progress(std::string("quantize: no held-out split (") + e.what() + ")");
    }
  }
  return evaluation_ ? &*evaluation_ : nullptr;
}

unsigned PassContext::calibration_count() {
  return unsigned(std::min<size_t>(options_.calib_count, calibration().size()));
}

const std::vector<PassInfo>& passes() {
  static const std::vector<PassInfo> list = {
      {"canonicalize", "drop no-ops, fold matmul+add into linear, input reshapes into host.flatten",
       canonicalize},
      {"merge-composites", "linear+relu -> dense_relu, final linear -> dense_bias",
       merge_composites},
      {"annotate-target", "mark host and SpikeCore operations", annotate_target},
      {"partition", "host (flatten, encode, read-out) | SpikeCore subgraph", partition},
      {"quantize", "int8 weights, int16 biases and thresholds (calibration data)", quantize},
      {"lower", "neuron groups, tiling, fan-in splitting, chunks and flows", lower},
      {"place", "tiles and chunks on the mesh, minimising packets x hops", place},
      {"route", "fan-out tables", route},
      {"timesteps", "default time steps from golden-model agreement", select_timesteps},
      {"codegen", "ChipConfig and SpikeCore assembly", codegen},
      {"assemble", "assemble the text back, check, write the image", assemble},
  };
  return list;
}

bool is_pass_name(const std::string& name) {
  if (name == "all" || name == "import") return true;
  for (const PassInfo& p : passes())
    if (name == p.name) return true;
  return false;
}

Module compile(const CompileOptions& options, const AfterPass& after_pass) {
  PassContext ctx(options);
  Module module;
  module.model_path = options.model_path;
  module.model_name = std::filesystem::path(options.model_path).stem().string();
  ctx.progress("import: loading " + options.model_path);
  module.graph = import_torchscript(options.model_path);
  if (after_pass) after_pass("import", module);
  run_passes(module, ctx, after_pass, true);
  return module;
}

Module compile_graph(Graph graph, const CompileOptions& options, const AfterPass& after_pass) {
  PassContext ctx(options);
  Module module;
  module.model_path = options.model_path;
  module.model_name = options.model_path.empty()
                          ? std::string("model")
                          : std::filesystem::path(options.model_path).stem().string();
  module.graph = std::move(graph);
  if (after_pass) after_pass("import", module);
  run_passes(module, ctx, after_pass, false);
  return module;
}

}  // namespace spikecore::compiler
