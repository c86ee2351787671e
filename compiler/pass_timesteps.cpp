// timesteps: the default number of time steps stored in the image. Simulates
// the validation digits (the training split's last 1000, which spikecore-train
// leaves out: a model agrees better with itself on digits it learned, by up to
// 1.4 points measured) on the golden model for T = 8, 12, 16, 24, ... and keeps
// the smallest T whose class agrees with the float model's top-1 on at least
// the target: 99.5 % (99 % and half a point for the estimate's spread on 1000
// digits), or the int8 ceiling's own agreement less half a point when that is
// lower (the best T when none reaches it). --timesteps overrides it.
#include <algorithm>
#include <cstdio>

#include "compiler/codegen.h"
#include "compiler/ir_eval.h"
#include "compiler/pipeline.h"
#include "dataset/dataset.h"
#include "golden/golden_model.h"

namespace spikecore::compiler {

void select_timesteps(Module& module, PassContext& ctx) {
  const CompileOptions& opt = ctx.options();
  std::vector<unsigned> candidates = opt.timestep_candidates;
  if (opt.timesteps) candidates = {*opt.timesteps};
  // Spikes need one step per layer to reach the output (docs/isa.md section 2).
  const unsigned depth = unsigned(module.graph.layer_chain().size());
  if (opt.timesteps && *opt.timesteps <= depth)
    ctx.progress("timesteps: warning: T=" + std::to_string(*opt.timesteps) +
                 " leaves the output layer no step to integrate (the network is " +
                 std::to_string(depth) + " layers deep); use T > " + std::to_string(depth));
  const dataset::Dataset& calib = ctx.calibration();
  // A split too small to hold validation digits (under 5) is used whole.
  const size_t first = dataset::validation_count(calib.size()) ? dataset::validation_begin(calib) : 0;
  const unsigned samples =
      unsigned(std::min<size_t>(opt.timestep_samples, calib.size() - first));

  const isa::ChipConfig chip = build_chip(module);
  std::vector<int> float_class(samples);
  unsigned ceiling_agrees = 0;
  for (unsigned i = 0; i < samples; ++i) {
    const uint8_t* pixels = calib.images.image(first + i);
    float_class[i] = argmax_lowest(evaluate_float(module.graph, pixels));
    ceiling_agrees +=
        isa::reference_class(chip.host, pixels, calib.images.image_size()) == float_class[i];
  }
  module.timestep_ceiling = samples ? double(ceiling_agrees) / samples : 0.0;
  const double target = std::min(opt.agreement_target + opt.validation_margin,
                                 module.timestep_ceiling - opt.ceiling_margin);
  module.timestep_target = target;
  if (!opt.timesteps) {
    char line[200];
    std::snprintf(line, sizeof line,
                  "timesteps: int8 ceiling agrees with float top-1 on %.2f%%; target %.2f%% "
                  "(the lower of %.1f%% and the ceiling less %.1f points)",
                  100 * module.timestep_ceiling, 100 * target,
                  100 * (opt.agreement_target + opt.validation_margin), 100 * opt.ceiling_margin);
    ctx.progress(line);
  }

  golden::GoldenModel model(chip);
  golden::RunResult result;
  module.timestep_curve.clear();
  for (unsigned t : candidates) {
    TimestepPoint p;
    p.timesteps = t;
    for (unsigned i = 0; i < samples; ++i) {
      model.run(calib.images.image(first + i), t, result);
      p.agreement += result.predicted_class == float_class[i];
      p.accuracy += result.predicted_class == calib.labels[first + i];
    }
    if (samples) {
      p.agreement /= samples;
      p.accuracy /= samples;
    }
    char line[160];
    std::snprintf(line, sizeof line,
                  "timesteps: T=%-4u agreement with float top-1 %.2f%%, accuracy %.2f%% "
                  "(%u validation digits, training split %zu..%zu)",
                  t, 100 * p.agreement, 100 * p.accuracy, samples, first, first + samples - 1);
    ctx.progress(line);
    module.timestep_curve.push_back(p);
    if (!opt.timesteps && p.agreement >= target) break;
  }
  // The first point meeting the target, else the best agreement (smallest T on ties).
  const TimestepPoint* chosen = nullptr;
  for (const TimestepPoint& p : module.timestep_curve)
    if (p.agreement >= target) {
      chosen = &p;
      break;
    }
  if (!chosen)
    for (const TimestepPoint& p : module.timestep_curve)
      if (!chosen || p.agreement > chosen->agreement) chosen = &p;
  module.timesteps = chosen ? chosen->timesteps : 32;
  if (!opt.timesteps && chosen && chosen->agreement < target) {
    char text[256];
    std::snprintf(text, sizeof text,
                  "no T among the candidates reached %.2f%% agreement with float top-1; "
                  "stored the best, T=%u with %.2f%% (pass --timesteps T to choose)",
                  100 * target, chosen->timesteps, 100 * chosen->agreement);
    module.warnings.push_back(text);
  }
}

}  // namespace spikecore::compiler
