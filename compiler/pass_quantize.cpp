// quantize: calibrates on the training split and quantizes every dense layer
// (quantize.h), then measures float and int8-reference accuracy for the report.
#include <algorithm>
#include <cmath>

#include "compiler/diagnostics.h"
#include "compiler/ir_eval.h"
#include "compiler/pipeline.h"
#include "compiler/quantize.h"
#include "isa/chip_config.h"

namespace spikecore::compiler {
namespace {

struct Accuracy {
  double float_accuracy = 0, reference_accuracy = 0, agreement = 0;
};

Accuracy measure(const Graph& g, const isa::HostConfig& host, const dataset::Dataset& data,
                 unsigned count) {
  Accuracy a;
  for (unsigned i = 0; i < count; ++i) {
    const uint8_t* pixels = data.images.image(i);
    const int float_class = argmax_lowest(evaluate_float(g, pixels));
    const int ref_class = isa::reference_class(host, pixels, data.images.image_size());
    a.float_accuracy += float_class == data.labels[i];
    a.reference_accuracy += ref_class == data.labels[i];
    a.agreement += ref_class == float_class;
  }
  if (count) {
    a.float_accuracy /= count;
    a.reference_accuracy /= count;
    a.agreement /= count;
  }
  return a;
}

// Far below the 99 % a healthy model reaches (docs/compiler.md): something
// other than rounding went wrong, most often one layer's scale.
constexpr double kLowReferenceAgreement = 0.90;

// Names the layer whose scale is most out of proportion with its weights
// (the largest |w| against the 99.9th percentile), and the remedies.
std::string low_agreement_warning(const std::vector<Node*>& chain, double agreement,
                                  unsigned samples) {
  const Node* worst = nullptr;
  ScaleDiagnosis worst_d;
  double worst_ratio = 0;
  for (const Node* n : chain) {
    const ScaleDiagnosis d = diagnose_scale(n->weight, n->quant->input_lambda, *n->quant);
    const double ratio = d.p999 > 0 ? d.largest / d.p999 : 0;
    if (!worst || ratio > worst_ratio) {
      worst = n;
      worst_d = d;
      worst_ratio = ratio;
    }
  }
  char text[640];
  std::snprintf(text, sizeof text,
                "the int8 reference agrees with float top-1 on only %.1f%% of %u images "
                "(a healthy model reaches 99%%). Likely cause: layer '%s', whose scale is set "
                "by weight [%zu, %zu] (|w| %.3g, %.0fx the layer's 99.9th percentile), so "
                "%.1f%% of its weights round to 0. Remedies: --weight-percentile 99.9 (clip "
                "the outliers), or retrain with weight decay or weight clipping",
                100 * agreement, samples, worst->layer.c_str(), worst_d.largest_row,
                worst_d.largest_column, worst_d.largest / worst->quant->input_lambda,
                worst_ratio, 100 * worst_d.zero_fraction);
  return text;
}

// A layer's bias per output neuron: a conv layer's per-channel bias repeated
// over its feature map (one folded from an input normalisation is per output
// already).
Tensor neuron_bias(const Graph& g, const Node& n) {
  const size_t outputs = g.layer_outputs(n);
  if (n.bias.data.size() == outputs) return n.bias;
  Tensor b;
  b.shape = {int64_t(outputs)};
  const size_t per_channel = n.bias.data.empty() ? 0 : outputs / n.bias.data.size();
  for (size_t i = 0; i < outputs; ++i) b.data.push_back(per_channel ? n.bias.data[i / per_channel] : 0.0f);
  return b;
}

}  // namespace

void quantize(Module& module, PassContext& ctx) {
  const CompileOptions& opt = ctx.options();
  const dataset::Dataset& calib = ctx.calibration();
  const unsigned count = ctx.calibration_count();
  auto chain = module.graph.layer_chain();
  ctx.progress("quantize: calibrating on " + std::to_string(count) + " images of " +
               calib.name + "/" + calib.split);

  CalibrationInfo& info = module.calibration;
  info.dataset = calib.name;
  info.split = calib.split;
  info.samples = count;
  info.percentile = opt.percentile;
  info.output_percentile = opt.output_percentile;
  const size_t pixels = calib.images.image_size();
  info.input_mean_rate.assign(pixels, 0.0);

  std::vector<std::vector<float>> positive(chain.size());
  std::vector<std::vector<std::vector<float>>> pre_all(count);
  for (unsigned s = 0; s < count; ++s) {
    const uint8_t* img = calib.images.image(s);
    for (size_t i = 0; i < pixels; ++i) info.input_mean_rate[i] += img[i] / 255.0 / count;
    evaluate_float(module.graph, img, &pre_all[s]);
    for (size_t l = 0; l < chain.size(); ++l)
      for (float v : pre_all[s][l])
        if (v > 0) positive[l].push_back(v);
  }

  double input_lambda = 1.0;
  std::vector<double> input_rates = info.input_mean_rate;
  for (size_t l = 0; l < chain.size(); ++l) {
    Node& n = *chain[l];
    const bool output = l + 1 == chain.size();
    double lambda = percentile(positive[l], output ? opt.output_percentile : opt.percentile);
    if (lambda <= 0) {
      // No positive activation on the calibration data: the layer is silent.
      lambda = 1.0;
      ctx.progress("quantize: warning: layer '" + n.layer +
                   "' has no positive pre-activation on the calibration data");
    }
    // A clamped ReLU (ReLU6) stops at its ceiling: the rate must saturate there too.
    if (n.ceiling && lambda > *n.ceiling) lambda = *n.ceiling;
    ScaleRule rule;
    rule.weight_percentile = opt.weight_percentile;
    // A dense weight belongs to one input; a kernel weight to many.
    if (n.is_dense())
      for (double r : input_rates) rule.active_inputs.push_back(r > 0);
    QuantParams q = quantize_layer(n.weight, neuron_bias(module.graph, n), input_lambda, lambda,
                                   unsigned(l + 1), rule);
    if (q.clipped_weights)
      ctx.progress("quantize: layer '" + n.layer + "': " + std::to_string(q.clipped_weights) +
                   " weight(s) clipped to +-127 (on inputs never active in calibration, or " +
                   "above --weight-percentile)");
    q.mean_rate.assign(module.graph.layer_outputs(n), 0.0);
    for (unsigned s = 0; s < count; ++s)
      for (size_t j = 0; j < q.mean_rate.size(); ++j)
        q.mean_rate[j] += std::clamp(pre_all[s][l][j] / lambda, 0.0, 1.0) / count;
    input_rates = q.mean_rate;
    n.quant = std::move(q);
    input_lambda = lambda;
  }

  isa::HostConfig host;
  for (const Node* n : chain) host.reference.push_back(reference_layer(module.graph, *n));
  const dataset::Dataset* eval = ctx.evaluation();
  const bool held_out = eval && opt.eval_count > 0;
  const dataset::Dataset& data = held_out ? *eval : calib;
  const unsigned eval_count =
      held_out ? unsigned(std::min<size_t>(opt.eval_count, eval->size())) : count;
  ctx.progress("quantize: measuring float and int8-reference accuracy on " +
               std::to_string(eval_count) + " images of " + data.name + "/" + data.split);
  const Accuracy a = measure(module.graph, host, data, eval_count);
  info.float_accuracy = a.float_accuracy;
  info.reference_accuracy = a.reference_accuracy;
  info.reference_agreement = a.agreement;
  info.eval_split = data.name + "/" + data.split;
  info.eval_samples = eval_count;
  if (a.agreement < kLowReferenceAgreement)
    module.warnings.push_back(low_agreement_warning(chain, a.agreement, eval_count));
}

}  // namespace spikecore::compiler
