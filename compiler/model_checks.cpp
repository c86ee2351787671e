#include "compiler/model_checks.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>
#include <sstream>

#include "compiler/conv_tiling.h"
#include "compiler/fit_check.h"

namespace spikecore::compiler {
namespace {

constexpr unsigned kImagePixels = 28 * 28;
constexpr unsigned kClasses = 10;
constexpr unsigned kMaxBadValuesShown = 5;

std::string describe(const Node& n) {
  std::string s = n.op.empty() ? op_name(n.kind) : n.op;
  if (!n.detail.empty()) s += " (" + n.detail + ")";
  return s;
}

// What to do instead, for operations users commonly put in an MLP.
std::string hint(const std::string& op) {
  static const std::vector<std::pair<std::vector<std::string>, std::string>> hints = {
      {{"aten::conv1d", "aten::conv3d"},
       "only 2-D convolutions (nn.Conv2d) are imported; flatten the image and use Linear "
       "layers"},
      {{"aten::conv2d", "aten::_convolution"},
       "nn.Conv2d is imported with any kernel, stride and padding, dilation 1"},
      {{"aten::avg_pool2d"}, "nn.AvgPool2d is imported with ceil_mode=False"},
      {{"aten::max_pool2d", "aten::max_pool1d"},
       "only nn.AvgPool2d pooling is imported: a maximum has no exact spiking form, and "
       "reading a trained max-pool network's pooling as averages agrees with its top-1 on only "
       "96.9-98.2 % of digits (docs/compiler.md, \"Max pooling\"); use nn.AvgPool2d "
       "(F.avg_pool2d) and retrain"},
      {{"aten::adaptive_avg_pool2d"},
       "only nn.AvgPool2d pooling is imported: give the pooling a fixed kernel and stride"},
      {{"aten::sigmoid", "aten::tanh", "aten::hardsigmoid"},
       "a saturating activation has no spiking equivalent (a neuron's rate runs from 0 to "
       "its layer's lambda): use nn.Hardtanh(0, 1) or nn.ReLU6, which the chip computes "
       "exactly, and retrain"},
      {{"aten::gelu", "aten::elu", "aten::leaky_relu", "aten::softplus", "aten::silu",
        "aten::selu", "aten::mish", "aten::prelu", "aten::celu"},
       "its negative or smooth part has no spiking equivalent (a neuron's rate cannot be "
       "negative): use nn.ReLU or nn.ReLU6 and retrain"},
      {{"aten::softmax", "aten::log_softmax"},
       "a softmax or log_softmax over the class scores is compiled only as forward()'s last "
       "operation (dropped: the read-out takes the argmax, which it does not change); inside "
       "the network it has no spiking equivalent"},
      {{"aten::batch_norm"},
       "BatchNorm1d is folded into a Linear layer next to it, BatchNorm2d is imported after a "
       "Conv2d; other BatchNorms are not supported"},
  };
  for (const auto& [ops, text] : hints)
    if (std::find(ops.begin(), ops.end(), op) != ops.end()) return "; " + text;
  return "";
}

// Nodes computed from the result of an unsupported operation: their own
// problems are consequences and would only bury the real one.
std::set<int> downstream_of_unsupported(const Graph& g) {
  std::set<int> bad, tainted;
  for (const Node& n : g.nodes) {
    bool from_bad = false;
    for (int in : n.inputs) from_bad |= bad.count(in) > 0;
    if (n.kind == OpKind::kUnsupported || n.kind == OpKind::kConv2d ||
        (n.kind == OpKind::kAvgPool2d && !n.is_layer())) {
      bad.insert(n.id);
      if (from_bad) tainted.insert(n.id);
    } else if (from_bad) {
      bad.insert(n.id);
      tainted.insert(n.id);
    }
  }
  return tainted;
}

bool all_users_unsupported(const Graph& g, int id) {
  const auto users = g.users(id);
  if (users.empty()) return false;
  for (int u : users)
    if (g.find(u)->kind != OpKind::kUnsupported) return false;
  return true;
}

void check_values(const Node& n, const Tensor& t, const char* what, std::vector<Diagnostic>& out) {
  unsigned bad = 0;
  std::ostringstream list;
  for (size_t i = 0; i < t.data.size(); ++i) {
    if (std::isfinite(t.data[i])) continue;
    if (bad < kMaxBadValuesShown) {
      list << (bad ? ", " : "") << what << '[';
      if (t.shape.size() == 2)
        list << i / size_t(t.shape[1]) << "][" << i % size_t(t.shape[1]);
      else
        list << i;
      list << "] = " << (std::isnan(t.data[i]) ? "NaN" : (t.data[i] > 0 ? "+Inf" : "-Inf"));
    }
    ++bad;
  }
  if (!bad) return;
  std::ostringstream msg;
  msg << bad << " non-finite " << what << (bad == 1 ? " value: " : " values: ") << list.str();
  if (bad > kMaxBadValuesShown) msg << ", ...";
  msg << " in the " << t.shape_string() << " " << what
      << " tensor; retrain or fix the checkpoint";
  out.push_back(error_at(n, msg.str()));
}

// A layer applied twice (self.fc2 used two times in forward) would need the
// same weights on two sets of neurons; a layer of zero width has no neurons.
// Both are said plainly, before the fit check (which would call a 0-width
// layer "does not fit") or code generation (which would fail inside).
bool check_layers_distinct_and_nonempty(const std::vector<const Node*>& chain,
                                        std::vector<Diagnostic>& out) {
  bool usable = true;
  std::map<std::string, const Node*> first_use;
  for (const Node* n : chain) {
    if (n->weight.dim(0) == 0 || n->weight.dim(1) == 0) {
      out.push_back(error_at(*n, "has " + std::to_string(n->weight.dim(1)) + " inputs and " +
                                     std::to_string(n->weight.dim(0)) +
                                     " outputs: every layer needs at least one of each"));
      usable = false;
    }
    if (n->layer.empty()) continue;
    const auto [it, first] = first_use.emplace(n->layer, n);
    if (first) continue;
    const SourceLocation& at = it->second->loc;
    out.push_back(error_at(
        *n, "is applied a second time in forward() (first " +
                (at.line ? "at line " + std::to_string(at.line) : "as %" + it->second->name) +
                "): on the chip every use of a layer needs neurons and weights of its own; "
                "give each use its own nn.Linear"));
    usable = false;
  }
  return usable;
}

// Why a conv or pooling layer cannot be mapped onto cores, or "".
std::string conv_layer_problem(const Graph& g, const Node& n) {
  const Window& w = *n.window;
  const isa::ConvGeometry geo = g.conv_geometry(n);
  if (n.kind == OpKind::kConvRelu && w.groups != 1 &&
      !(w.groups == geo.in_c && geo.out_c == geo.in_c))
    return "groups=" + std::to_string(w.groups) +
           ": only groups=1 and depthwise convolutions (groups = in_channels = out_channels) "
           "are mapped";
  if (w.stride_h != w.stride_w || w.pad_h != w.pad_w)
    return "stride (" + std::to_string(w.stride_h) + ", " + std::to_string(w.stride_w) +
           ") and padding (" + std::to_string(w.pad_h) + ", " + std::to_string(w.pad_w) +
           "): the chip's CONV takes one stride and one padding for both axes";
  if (geo.empty()) return "expects a [C, H, W] input";
  std::string why = isa::validate(geo);
  if (why.empty()) why = conv_tiling_limit(geo);
  if (why.empty() && !best_conv_tile_shape(geo))
    why = "no tile of it fits a core (256 axons, 256 weight bytes, 64 accumulators)";
  return why;
}

// The conv and pooling layers' demands (conv_tiling.h), and the dense part's
// widths and names, of a layer chain.
struct ChainWidths {
  std::vector<LayerDemand> conv;
  std::vector<unsigned> widths;
  std::vector<std::string> names;
};

ChainWidths chain_widths(const Graph& g, const std::vector<const Node*>& chain) {
  ChainWidths c;
  for (const Node* n : chain) {
    const std::string name = n->layer.empty() ? n->name : n->layer;
    if (n->is_conv_layer()) {
      c.conv.push_back(conv_layer_demand(name, g.conv_geometry(*n)));
      continue;
    }
    if (c.widths.empty()) c.widths.push_back(g.layer_inputs(*n));
    c.widths.push_back(g.layer_outputs(*n));
    c.names.push_back(name);
  }
  return c;
}

}  // namespace

FitReport model_fit(const Graph& graph, unsigned cores) {
  const ChainWidths c = chain_widths(graph, graph.layer_chain());
  return check_fit(c.widths, c.names, cores, c.conv);
}

const char* supported_operations() {
  return "SpikeCore compiles MLPs and CNNs made of: Conv2d layers (nn.Conv2d, F.conv2d; any "
         "kernel up to 8x8, stride up to 4, padding, dilation 1, groups 1 or depthwise) each "
         "followed by ReLU, with BatchNorm2d between them folded in; AvgPool2d after a ReLU "
         "(nn.AvgPool2d, F.avg_pool2d); a flatten between the conv stack and the Linear layers; "
         "flatten / view / reshape of the [N, 1, 28, 28] input "
         "(nn.Flatten, torch.flatten(x, 1), x.view(x.size(0), -1), x.reshape(-1, 784)); "
         "Linear layers (nn.Linear, F.linear, x @ W.t() + b, addmm); ReLU after every hidden "
         "Linear (nn.ReLU, torch.relu, F.relu, x.relu(), or clamped: nn.ReLU6, "
         "nn.Hardtanh(0, c), torch.clamp(x, 0, c)); BatchNorm1d after a Linear and constant "
         "scales and shifts such as input normalisation (x - 0.1307) / 0.3081 (folded into "
         "the Linear next to them); Dropout in eval mode, nn.Identity; a final softmax or "
         "log_softmax (dropped: the argmax does not change). The last Linear gives "
         "the 10 class scores.";
}

std::vector<Diagnostic> check_model(const Graph& g, const TargetSize& target) {
  const unsigned cores = target.cores_per_chip * target.chips;
  std::vector<Diagnostic> out;
  const std::set<int> tainted = downstream_of_unsupported(g);
  bool unsupported = false;
  for (const Node& n : g.nodes) {
    const bool consequence = tainted.count(n.id) > 0;
    switch (n.kind) {
      case OpKind::kUnsupported:
        out.push_back(error_at(n, "unsupported operation " + describe(n) + hint(n.op)));
        unsupported = true;
        break;
      case OpKind::kConv2d:
        check_values(n, n.weight, "weight", out);
        check_values(n, n.bias, "bias", out);
        unsupported = true;
        if (!consequence)
          out.push_back(error_at(n, "Conv2d without a ReLU right after it: SpikeCore neurons "
                                    "fire non-negative rates, so every Conv2d must be followed "
                                    "by ReLU (a BatchNorm2d or an average pooling between "
                                    "them is folded)"));
        break;
      case OpKind::kConvRelu:
      case OpKind::kAvgPool2d:
        if (n.kind == OpKind::kConvRelu) {
          check_values(n, n.weight, "weight", out);
          check_values(n, n.bias, "bias", out);
        }
        if (!n.is_layer()) {
          unsupported = true;
          if (consequence) break;
          const Window& w = *n.window;
          if (!w.count_include_pad && w.pad_h + w.pad_w > 0)
            out.push_back(error_at(n, "AvgPool2d with padding and count_include_pad=False "
                                      "divides the border windows by fewer inputs, which one "
                                      "kernel of equal weights cannot do: use "
                                      "count_include_pad=True (the default) or no padding"));
          else
            out.push_back(error_at(n, "AvgPool2d of a value that is not spikes: put it after "
                                      "the ReLU (Conv2d -> ReLU -> AvgPool2d)"));
          break;
        }
        if (const std::string why = conv_layer_problem(g, n); !why.empty() && !consequence) {
          out.push_back(error_at(n, std::string(n.kind == OpKind::kConvRelu ? "Conv2d" : "AvgPool2d") +
                                        " -> " + Tensor{n.shape, {}}.shape_string() + ": " + why));
          unsupported = true;
        }
        break;
      case OpKind::kLinear:
        check_values(n, n.weight, "weight", out);
        check_values(n, n.bias, "bias", out);
        unsupported = true;
        if (consequence || all_users_unsupported(g, n.id)) break;
        out.push_back(error_at(n, "hidden Linear layer without a ReLU after it: SpikeCore "
                                  "neurons fire non-negative rates, so every hidden Linear "
                                  "must be followed by ReLU"));
        break;
      case OpKind::kRelu:
        unsupported = true;
        if (!consequence)
          out.push_back(error_at(n, "ReLU that does not follow a Linear or Conv2d layer"));
        break;
      case OpKind::kFlatten:
      case OpKind::kReshape:
        unsupported = true;
        if (!consequence)
          out.push_back(error_at(n, describe(n) + " between layers: only the input image may "
                                    "be flattened/reshaped (the host does it)"));
        break;
      case OpKind::kScaleShift:
        unsupported = true;
        if (!consequence)
          out.push_back(error_at(n, describe(n) + " by constants that is not next to a Linear "
                                    "layer, so it cannot be folded into one (a scale or shift "
                                    "directly before or after a Linear is folded)"));
        break;
      case OpKind::kMatMul:
      case OpKind::kAddConst:
        unsupported = true;
        if (!consequence)
          out.push_back(error_at(n, describe(n) + " that is not part of a Linear layer"));
        break;
      case OpKind::kDenseRelu:
      case OpKind::kDenseBias:
        check_values(n, n.weight, "weight", out);
        check_values(n, n.bias, "bias", out);
        break;
      default:
        break;
    }
  }

  // Every Linear, merged or not, so that size problems show up next to the
  // unsupported operations instead of after they are fixed.
  std::vector<const Node*> chain;
  for (const Node& n : g.nodes)
    if (n.is_layer() || n.kind == OpKind::kLinear) chain.push_back(&n);
  const bool shapes_usable = check_layers_distinct_and_nonempty(chain, out);
  if (chain.empty() && !unsupported)
    out.push_back(error("the model has no Linear layer: nothing to run on SpikeCore"));
  if (!chain.empty()) {
    const Node* first = chain.front();
    const Node* source = first->inputs.empty() ? nullptr : g.find(first->inputs[0]);
    const bool sized_by_input = !tainted.count(first->id);
    if (source && source->kind == OpKind::kInput && !first->is_conv_layer()) {
      out.push_back(error_at(*first, "applies a Linear layer to the [1, 28, 28] image without "
                                     "flattening it first (add nn.Flatten() or "
                                     "torch.flatten(x, 1))"));
    } else if (source && source->kind == OpKind::kHostFlatten &&
               first->weight.dim(1) != int64_t(kImagePixels)) {
      out.push_back(error_at(
          *first, "takes " + std::to_string(first->weight.dim(1)) +
                      " input features; SpikeCore feeds 28 x 28 = 784 pixels (input contract "
                      "float32 [N, 1, 28, 28] = pixel / 255)"));
    }
    const Node* last = chain.back();
    if (g.output == last->id && last->weight.dim(0) != int64_t(kClasses)) {
      out.push_back(error_at(*last, "returns " + std::to_string(last->weight.dim(0)) +
                                        " scores; the SpikeCore read-out expects 10 classes "
                                        "(a [N, 10] output)"));
    }
    bool consistent = sized_by_input && shapes_usable;
    auto inputs_of = [&](const Node* n) {
      return n->kind == OpKind::kLinear ? unsigned(n->weight.dim(1)) : g.layer_inputs(*n);
    };
    auto outputs_of = [&](const Node* n) {
      return n->kind == OpKind::kLinear ? unsigned(n->weight.dim(0)) : g.layer_outputs(*n);
    };
    for (size_t i = 1; i < chain.size(); ++i) {
      if (inputs_of(chain[i]) == outputs_of(chain[i - 1])) continue;
      consistent = false;
      if (!tainted.count(chain[i]->id))
        out.push_back(error_at(*chain[i], "takes " + std::to_string(inputs_of(chain[i])) +
                                              " inputs but the layer before it ('" +
                                              chain[i - 1]->layer + "') produces " +
                                              std::to_string(outputs_of(chain[i - 1]))));
    }
    for (const Node* n : chain)
      consistent &= !n->is_conv_layer() || conv_layer_problem(g, *n).empty();

    const ChainWidths parts = chain_widths(g, chain);
    const std::vector<unsigned>& widths = parts.widths;
    if (widths.empty() && !unsupported)
      out.push_back(error("the model has no Linear layer after its conv layers: the 10 class "
                          "scores come from a final Linear"));
    const FitReport fit =
        consistent && !widths.empty() ? check_fit(widths, parts.names, cores, parts.conv)
                                      : FitReport{};
    if (consistent && !fit.fits) {
      std::ostringstream msg;
      msg << "the model does not fit on " << cores << " cores";
      if (target.chips > 1 || target.largest_board)
        msg << " (" << (target.largest_board ? "the largest board, " : "a board of ")
            << target.board_width << "x" << target.board_height << " chips of "
            << target.cores_per_chip << " cores)";
      msg << ":\n" << fit.table();
      const unsigned chips_needed =
          (fit.min_cores + target.cores_per_chip - 1) / target.cores_per_chip;
      if (target.largest_board || target.chips > 1 || chips_needed > 1)
        msg << "\n  it needs at least " << chips_needed << " chips of " << target.cores_per_chip
            << " cores" << (target.largest_board ? "" : " (--board auto picks a board that fits)");
      if (fit.largest_hidden_width && *fit.largest_hidden_width > 0) {
        msg << "\n  what would fit: hidden layers of at most " << *fit.largest_hidden_width
            << " neurons (";
        for (size_t i = 0; i < widths.size(); ++i)
          msg << (i ? "-" : "")
              << (i == 0 || i + 1 == widths.size() ? widths[i]
                                                   : std::min(widths[i], *fit.largest_hidden_width));
        msg << ")";
      } else if (fit.largest_hidden_width) {
        msg << "\n  what would fit: no hidden width fits; reduce the number of layers";
      }
      Diagnostic d = error(msg.str());
      d.layer = "";
      out.push_back(d);
    }
  }
  if (unsupported) out.push_back(note(supported_operations()));
  // Without a Python location (nn.Sequential layers), name the model file.
  for (Diagnostic& d : out)
    if (!d.loc.known()) d.loc.file = g.source;
  return out;
}

}  // namespace spikecore::compiler
