// timesteps: the default number of time steps stored in the image. Simulates
// calibration images on the golden model for T = 8, 16, 32, ... and keeps the
// smallest T whose class agrees with the float model's top-1 on at least the
// target fraction (or the best T when none does). --timesteps overrides it.
#include <algorithm>
#include <cstdio>

#include "compiler/codegen.h"
#include "compiler/ir_eval.h"
#include "compiler/pipeline.h"
#include "golden/golden_model.h"

namespace spikecore::compiler {

void select_timesteps(Module& module, PassContext& ctx) {
  const CompileOptions& opt = ctx.options();
  std::vector<unsigned> candidates = opt.timestep_candidates;
  if (opt.timesteps) candidates = {*opt.timesteps};
  // Spikes need one step per layer to reach the output (docs/isa.md section 2).
  const unsigned depth = unsigned(module.graph.dense_chain().size());
  if (opt.timesteps && *opt.timesteps <= depth)
    ctx.progress("timesteps: warning: T=" + std::to_string(*opt.timesteps) +
                 " leaves the output layer no step to integrate (the network is " +
                 std::to_string(depth) + " layers deep); use T > " + std::to_string(depth));
  const dataset::Dataset& calib = ctx.calibration();
  const unsigned samples =
      unsigned(std::min<size_t>(opt.timestep_samples, calib.size()));

  std::vector<int> float_class(samples);
  for (unsigned i = 0; i < samples; ++i)
    float_class[i] = argmax_lowest(evaluate_float(module.graph, calib.images.image(i)));

  golden::GoldenModel model(build_chip(module));
  golden::RunResult result;
  module.timestep_curve.clear();
  for (unsigned t : candidates) {
    TimestepPoint p;
    p.timesteps = t;
    for (unsigned i = 0; i < samples; ++i) {
      model.run(calib.images.image(i), t, result);
      p.agreement += result.predicted_class == float_class[i];
      p.accuracy += result.predicted_class == calib.labels[i];
    }
    if (samples) {
      p.agreement /= samples;
      p.accuracy /= samples;
    }
    char line[160];
    std::snprintf(line, sizeof line,
                  "timesteps: T=%-4u agreement with float top-1 %.2f%%, accuracy %.2f%% "
                  "(%u calibration images)",
                  t, 100 * p.agreement, 100 * p.accuracy, samples);
    ctx.progress(line);
    module.timestep_curve.push_back(p);
    if (!opt.timesteps && p.agreement >= opt.agreement_target) break;
  }
  // The first point meeting the target, else the best agreement (smallest T on ties).
  const TimestepPoint* chosen = nullptr;
  for (const TimestepPoint& p : module.timestep_curve)
    if (p.agreement >= opt.agreement_target) {
      chosen = &p;
      break;
    }
  if (!chosen)
    for (const TimestepPoint& p : module.timestep_curve)
      if (!chosen || p.agreement > chosen->agreement) chosen = &p;
  module.timesteps = chosen ? chosen->timesteps : 32;
  if (!opt.timesteps && chosen && chosen->agreement < opt.agreement_target) {
    char text[256];
    std::snprintf(text, sizeof text,
                  "no T among the candidates reached %.0f%% agreement with float top-1; "
                  "stored the best, T=%u with %.2f%% (pass --timesteps T to choose)",
                  100 * opt.agreement_target, chosen->timesteps, 100 * chosen->agreement);
    module.warnings.push_back(text);
  }
}

}  // namespace spikecore::compiler
