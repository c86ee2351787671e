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
    const auto ref = isa::reference_scores(host, pixels, data.images.image_size());
    const int ref_class =
        int(std::max_element(ref.begin(), ref.end()) - ref.begin());  // first max = lowest
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

}  // namespace

void quantize(Module& module, PassContext& ctx) {
  const CompileOptions& opt = ctx.options();
  const dataset::Dataset& calib = ctx.calibration();
  const unsigned count = ctx.calibration_count();
  auto chain = module.graph.dense_chain();
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
    QuantParams q = quantize_layer(n.weight, n.bias, input_lambda, lambda, unsigned(l + 1));
    q.mean_rate.assign(size_t(n.weight.dim(0)), 0.0);
    for (unsigned s = 0; s < count; ++s)
      for (size_t j = 0; j < q.mean_rate.size(); ++j)
        q.mean_rate[j] += std::clamp(pre_all[s][l][j] / lambda, 0.0, 1.0) / count;
    n.quant = std::move(q);
    input_lambda = lambda;
  }

  isa::HostConfig host;
  for (const Node* n : chain) host.reference.push_back(reference_layer(n->layer, n->weight, *n->quant));
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
}

}  // namespace spikecore::compiler
