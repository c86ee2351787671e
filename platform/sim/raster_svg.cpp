#include "platform/sim/raster_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "platform/sim/svg_charts.h"

namespace spikecore::sim {
namespace {

using svg::escape;

std::string fmt(const char* f, double a, double b = 0, double c = 0, double d = 0) {
  char buf[160];
  std::snprintf(buf, sizeof buf, f, a, b, c, d);
  return buf;
}

const char* role_name(isa::LayerRole r) {
  switch (r) {
    case isa::LayerRole::kInput: return "input";
    case isa::LayerRole::kOutput: return "output";
    default: return "hidden";
  }
}

const char* role_colour(isa::LayerRole r) {
  switch (r) {
    case isa::LayerRole::kInput: return "#4c72b0";
    case isa::LayerRole::kOutput: return "#c44e52";
    default: return "#55a868";
  }
}

// The channels x height x width of layer l of the layer table when it is a
// feature map: a conv layer's output, or the input of the first conv layer.
// An MLP's input layer of a square number of pixels (784) is the image too:
// drawn as the digit, not as 784 rows.
struct FeatureMap {
  unsigned channels = 0, height = 0, width = 0;
};
FeatureMap feature_map(const isa::HostConfig& host, size_t l) {
  const auto& ref = host.reference;
  if (l == 0 && !ref.empty() && !ref.front().conv.empty())
    return {ref.front().conv.in_c, ref.front().conv.in_h, ref.front().conv.in_w};
  if (l > 0 && l - 1 < ref.size() && !ref[l - 1].conv.empty())
    return {ref[l - 1].conv.out_c, ref[l - 1].conv.out_h, ref[l - 1].conv.out_w};
  if (host.layers[l].role == isa::LayerRole::kInput) {
    const size_t n = host.layers[l].neurons.size();
    const auto side = unsigned(std::lround(std::sqrt(double(n))));
    if (n >= 16 && size_t(side) * side == n) return {1, side, side};
  }
  return {};
}

// One square per neuron, channel by channel; the more spikes, the darker.
std::string feature_map_svg(const FeatureMap& m, const std::vector<unsigned>& counts, double left,
                            double top, double cell, unsigned per_row, const char* colour) {
  std::string svg;
  const unsigned most = counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
  for (unsigned c = 0; c < m.channels; ++c) {
    const double x0 = left + (c % per_row) * cell * (m.width + 1);
    const double y0 = top + (c / per_row) * cell * (m.height + 1);
    svg += fmt("<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" "
               "stroke=\"#ccc\" stroke-width=\"0.5\"/>\n",
               x0, y0, cell * m.width, cell * m.height);
    for (unsigned yx = 0; yx < m.height * m.width; ++yx) {
      const size_t i = (size_t(c) * m.height * m.width) + yx;
      if (i >= counts.size() || counts[i] == 0) continue;
      svg += fmt("<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" ",
                 x0 + (yx % m.width) * cell, y0 + double(yx / m.width) * cell, cell, cell);
      svg += std::string("fill=\"") + colour + "\" fill-opacity=\"" +
             fmt("%.3f", double(counts[i]) / double(most)) + "\"/>\n";
    }
  }
  return svg;
}

}  // namespace

std::string render_raster_svg(const isa::HostConfig& host, const golden::SpikeRecord& spikes,
                              const RasterCaption& caption) {
  const size_t steps = spikes.step_begin.empty() ? 0 : spikes.step_begin.size() - 1;
  constexpr double kLeft = 170, kTop = 60, kRight = 50, kBottom = 50;
  constexpr double kBandGap = 14, kPlotWidth = 760;
  const double cell_w = steps ? kPlotWidth / double(steps) : kPlotWidth;

  // Each band gets a height that keeps small layers readable and large ones
  // compact; a feature map (a conv layer's input or output) is drawn as one
  // picture per channel of its neurons' spike counts over the whole run.
  struct Band {
    const isa::LayerInfo* layer;
    double y, row_h;
    FeatureMap map;  // channels 0: a time raster
    double cell = 0, height = 0;
    unsigned per_row = 0;
  };
  std::vector<Band> bands;
  std::unordered_map<uint32_t, std::pair<size_t, size_t>> where;  // gid -> (band, row)
  double y = kTop;
  for (size_t l = 0; l < host.layers.size(); ++l) {
    const isa::LayerInfo& layer = host.layers[l];
    const double n = double(std::max<size_t>(1, layer.neurons.size()));
    Band b{&layer, y, std::clamp(320.0 / n, 0.5, 12.0), feature_map(host, l)};
    if (b.map.channels) {
      // As large as 6 px cells allow, channels side by side, wrapped if need be.
      b.cell = std::clamp(kPlotWidth / (double(b.map.channels) * (b.map.width + 1)), 2.0, 6.0);
      b.per_row = std::max(1u, unsigned(kPlotWidth / (b.cell * (b.map.width + 1))));
      const unsigned rows = (b.map.channels + b.per_row - 1) / b.per_row;
      b.height = rows * b.cell * (b.map.height + 1);
    } else {
      b.height = b.row_h * n;
    }
    bands.push_back(b);
    for (size_t i = 0; i < layer.neurons.size(); ++i) {
      const auto& ref = layer.neurons[i];
      where[uint32_t(ref.core) * isa::kNeuronSlots + ref.slot] = {bands.size() - 1, i};
    }
    y += b.height + kBandGap;
  }
  const double height = y - kBandGap + kBottom + 46;  // + the legend
  const double width = kLeft + kPlotWidth + kRight;

  std::string svg;
  svg += fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" ", width,
             height);
  svg += fmt("viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\">\n", width, height);
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  svg += fmt("<text x=\"%.0f\" y=\"24\" font-size=\"16\" font-weight=\"bold\">", kLeft) +
         escape(caption.title) + "</text>\n";
  svg += fmt("<text x=\"%.0f\" y=\"42\" font-size=\"12\" fill=\"#555\">", kLeft) +
         escape(caption.subtitle) + "</text>\n";

  std::vector<size_t> band_spikes(bands.size(), 0);
  std::vector<std::vector<unsigned>> counts(bands.size());
  for (size_t i = 0; i < bands.size(); ++i) counts[i].assign(bands[i].layer->neurons.size(), 0);
  for (size_t t = 0; t < steps; ++t)
    for (uint32_t k = spikes.step_begin[t]; k < spikes.step_begin[t + 1]; ++k) {
      const auto it = where.find(spikes.ids[k]);
      if (it == where.end()) continue;
      const Band& b = bands[it->second.first];
      ++band_spikes[it->second.first];
      ++counts[it->second.first][it->second.second];
      if (b.map.channels) continue;
      svg += fmt("<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" ", kLeft + t * cell_w,
                 b.y + double(it->second.second) * b.row_h, std::max(1.0, cell_w * 0.8),
                 std::max(0.5, b.row_h * 0.9));
      svg += std::string("fill=\"") + role_colour(b.layer->role) + "\"/>\n";
    }

  for (size_t i = 0; i < bands.size(); ++i)
    if (bands[i].map.channels) svg += feature_map_svg(bands[i].map, counts[i], kLeft, bands[i].y,
                                                      bands[i].cell, bands[i].per_row,
                                                      role_colour(bands[i].layer->role));

  for (size_t i = 0; i < bands.size(); ++i) {
    const Band& b = bands[i];
    const double h = b.height;
    if (!b.map.channels)
      svg += fmt("<rect x=\"%.0f\" y=\"%.2f\" width=\"%.0f\" height=\"%.2f\" fill=\"none\" "
               "stroke=\"#999\" stroke-width=\"0.5\"/>\n",
               kLeft, b.y, kPlotWidth, h);
    svg += fmt("<text x=\"%.0f\" y=\"%.2f\" font-size=\"12\" text-anchor=\"end\">", kLeft - 8,
               b.y + h / 2) +
           escape(b.layer->name) + " (" + role_name(b.layer->role) + ")</text>\n";
    svg += fmt("<text x=\"%.0f\" y=\"%.2f\" font-size=\"10\" fill=\"#555\" text-anchor=\"end\">",
               kLeft - 8, b.y + h / 2 + 13) +
           (b.map.channels ? std::to_string(b.map.channels) + " x " +
                                 std::to_string(b.map.height) + " x " +
                                 std::to_string(b.map.width) + " maps, "
                           : std::to_string(b.layer->neurons.size()) + " neurons, ") +
           std::to_string(band_spikes[i]) + " spikes</text>\n";
    // Output rows are classes: name each one so the winning row reads at a glance.
    if (b.layer->role == isa::LayerRole::kOutput && b.row_h >= 8)
      for (size_t r = 0; r < b.layer->neurons.size(); ++r)
        svg += fmt("<text x=\"%.0f\" y=\"%.2f\" font-size=\"9\" fill=\"#555\">class %.0f</text>\n",
                   kLeft + kPlotWidth + 4, b.y + (double(r) + 0.8) * b.row_h, double(r));
  }
  // Neuron-index ticks on the right of every time raster (output rows are
  // named by class instead).
  for (const Band& b : bands) {
    const size_t n = b.layer->neurons.size();
    if (b.map.channels || n == 0 || (b.layer->role == isa::LayerRole::kOutput && b.row_h >= 8))
      continue;
    const size_t step = n <= 4 ? 1 : std::max<size_t>(1, (n + 3) / 4);
    std::vector<size_t> marks;
    for (size_t i = 0; i < n; i += step) marks.push_back(i);
    if (marks.back() != n - 1) marks.push_back(n - 1);
    for (size_t i : marks) {
      const double ty = b.y + (double(i) + 0.5) * b.row_h;
      svg += fmt("<line x1=\"%.0f\" y1=\"%.2f\" x2=\"%.0f\" y2=\"%.2f\" stroke=\"#999\"/>", kLeft + kPlotWidth,
                 ty, kLeft + kPlotWidth + 3, ty);
      svg += fmt("<text x=\"%.0f\" y=\"%.2f\" font-size=\"9\" fill=\"#555\">%.0f</text>\n",
                 kLeft + kPlotWidth + 5, ty + 3, double(i));
    }
  }
  // Step axis: a tick every few steps.
  const size_t tick = std::max<size_t>(1, steps / 8);
  const double axis_y = y - kBandGap + 16;
  for (size_t t = 0; t <= steps; t += tick)
    svg += fmt("<text x=\"%.2f\" y=\"%.2f\" font-size=\"10\" text-anchor=\"middle\">%.0f</text>\n",
               kLeft + double(t) * cell_w, axis_y, double(t));
  svg += fmt("<text x=\"%.0f\" y=\"%.2f\" font-size=\"12\" text-anchor=\"middle\">time step</text>\n",
             kLeft + kPlotWidth / 2, axis_y + 18);
  // Legend: what the colours and the pictures mean.
  const double legend_y = axis_y + 40;
  const isa::LayerRole roles[] = {isa::LayerRole::kInput, isa::LayerRole::kHidden, isa::LayerRole::kOutput};
  for (int k = 0; k < 3; ++k) {
    const double lx = kLeft + 90.0 * k;
    svg += fmt("<rect x=\"%.0f\" y=\"%.0f\" width=\"10\" height=\"10\" ", lx, legend_y - 9);
    svg += std::string("fill=\"") + role_colour(roles[k]) + "\"/>";
    svg += fmt("<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\">", lx + 14, legend_y) +
           role_name(roles[k]) + " spike</text>\n";
  }
  svg += fmt("<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\" fill=\"#555\">", kLeft, legend_y + 16) +
         std::string("rows: one neuron each, index at the right; pictures (input image, feature "
                     "maps): spikes over the run, darker = more</text>\n");
  svg += "</svg>\n";
  return svg;
}

}  // namespace spikecore::sim
