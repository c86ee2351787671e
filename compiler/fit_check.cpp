#include "compiler/fit_check.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "compiler/conv_tiling.h"
#include "compiler/tiling.h"
#include "isa/isa.h"

namespace spikecore::compiler {
namespace {

// Feasibility does not depend on rates; a uniform guess keeps the search fast.
bool fits(const std::vector<unsigned>& widths, unsigned cores) {
  TilingProblem p;
  p.widths = widths;
  p.cores = cores;
  for (unsigned w : widths) p.rates.push_back(std::vector<double>(w, 0.1));
  return choose_tilings(p).has_value();
}

std::string row(const std::string& a, const std::string& b, const std::string& c,
                const std::string& d, const std::string& e, const std::string& f) {
  char line[160];
  std::snprintf(line, sizeof line, "  %-12s %10s %10s %14s %12s %16s", a.c_str(), b.c_str(),
                c.c_str(), d.c_str(), e.c_str(), f.c_str());
  return line;
}

}  // namespace

LayerDemand conv_layer_demand(const std::string& name, const isa::ConvGeometry& g) {
  LayerDemand d;
  d.layer = name;
  d.conv = true;
  d.fan_in = g.kernel_channels() * g.kernel_h * g.kernel_w;
  d.neurons = unsigned(g.out_c) * g.out_h * g.out_w;
  d.inputs = unsigned(g.in_c) * g.in_h * g.in_w;
  d.weight_bytes = (unsigned long)g.weight_count();
  if (const auto shape = best_conv_tile_shape(g)) {
    d.min_cores = shape->tiles();
    d.fan_in_splits = shape->input_parts;
  }
  return d;
}

FitReport check_fit(const std::vector<unsigned>& widths, const std::vector<std::string>& names,
                    unsigned cores, const std::vector<LayerDemand>& conv_layers) {
  FitReport r;
  r.cores = cores;
  r.input_neurons = widths.empty() ? 0 : widths[0];
  for (unsigned w : widths) r.neuron_slots += w;
  unsigned conv_cores = 0;
  if (!conv_layers.empty()) {
    // widths[0] is the last conv layer's output; the chip's input is the image.
    r.input_neurons = conv_layers.front().inputs;
    r.neuron_slots += r.input_neurons;
    r.neuron_slots -= widths.empty() ? 0 : widths[0];
  }
  for (const LayerDemand& d : conv_layers) {
    conv_cores += d.min_cores;
    r.neuron_slots += d.neurons;
    r.layers.push_back(d);
  }
  r.min_cores = conv_cores;
  for (size_t l = 0; l + 1 < widths.size(); ++l) {
    LayerDemand d;
    d.layer = l < names.size() ? names[l] : "layer" + std::to_string(l);
    d.fan_in = widths[l];
    d.neurons = widths[l + 1];
    d.weight_bytes = (unsigned long)widths[l] * widths[l + 1];
    d.min_cores = ~0u;
    for (const TileShape& s : legal_tile_shapes(widths[l], widths[l + 1])) {
      if (s.tiles() < d.min_cores) {
        d.min_cores = s.tiles();
        d.fan_in_splits = s.row_groups;
      }
    }
    if (d.min_cores == ~0u) d.min_cores = 0;
    r.min_cores += d.min_cores;
    r.layers.push_back(d);
  }
  // The dense layers get the cores the conv tiles leave.
  const unsigned left = conv_cores <= cores ? cores - conv_cores : 0;
  r.fits = left > 0 && fits(widths, left);
  if (!r.fits && widths.size() > 2) {
    unsigned widest = 0;
    for (size_t i = 1; i + 1 < widths.size(); ++i) widest = std::max(widest, widths[i]);
    auto capped = [&](unsigned cap) {
      std::vector<unsigned> w = widths;
      for (size_t i = 1; i + 1 < w.size(); ++i) w[i] = std::min(w[i], cap);
      return w;
    };
    unsigned lo = 0, hi = widest;  // fits(capped(lo)) holds for lo > 0 once found
    while (lo < hi) {
      const unsigned mid = (lo + hi + 1) / 2;
      if (left > 0 && fits(capped(mid), left))
        lo = mid;
      else
        hi = mid - 1;
    }
    r.largest_hidden_width = lo;
  }
  return r;
}

std::string FitReport::table() const {
  std::ostringstream out;
  out << row("layer", "fan-in", "neurons", "weight bytes", "min cores", "fan-in split") << '\n';
  out << row("input", "-", std::to_string(input_neurons), "-", "-", "-") << '\n';
  unsigned long bytes = 0;
  for (const LayerDemand& d : layers) {
    bytes += d.weight_bytes;
    const std::string split = d.conv ? std::to_string(d.fan_in_splits) + " input parts"
                                     : std::to_string(d.fan_in_splits) + " x <=" +
                                           std::to_string(isa::kAxonsPerCore);
    out << row(d.layer, std::to_string(d.fan_in), std::to_string(d.neurons),
               std::to_string(d.weight_bytes), std::to_string(d.min_cores), split)
        << '\n';
  }
  out << row("needed", "", std::to_string(neuron_slots), std::to_string(bytes),
             std::to_string(min_cores) + "+", "")
      << '\n';
  out << row("available", "", std::to_string((unsigned long)cores * isa::kNeuronSlots),
             std::to_string((unsigned long)cores * isa::kWeightSramBytes), std::to_string(cores),
             "")
      << "\n  (per core: " << isa::kWeightSramBytes << " weight bytes, " << isa::kNeuronSlots
      << " neuron slots, " << isa::kAxonsPerCore << " axons, " << isa::kRouteEntries
      << " route entries, " << isa::kProgramWords << " program words; one layer tile per core)";
  return out.str();
}

}  // namespace spikecore::compiler
