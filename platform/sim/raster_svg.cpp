#include "platform/sim/raster_svg.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

namespace spikecore::sim {
namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

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

}  // namespace

std::string render_raster_svg(const isa::HostConfig& host, const golden::SpikeRecord& spikes,
                              const RasterCaption& caption) {
  const size_t steps = spikes.step_begin.empty() ? 0 : spikes.step_begin.size() - 1;
  constexpr double kLeft = 170, kTop = 60, kRight = 50, kBottom = 50;
  constexpr double kBandGap = 14, kPlotWidth = 760;
  const double cell_w = steps ? kPlotWidth / double(steps) : kPlotWidth;

  // Each band gets a height that keeps small layers readable and large ones compact.
  struct Band {
    const isa::LayerInfo* layer;
    double y, row_h;
  };
  std::vector<Band> bands;
  std::unordered_map<uint32_t, std::pair<size_t, size_t>> where;  // gid -> (band, row)
  double y = kTop;
  for (const isa::LayerInfo& layer : host.layers) {
    const double n = double(std::max<size_t>(1, layer.neurons.size()));
    const double row_h = std::clamp(320.0 / n, 0.5, 12.0);
    bands.push_back({&layer, y, row_h});
    for (size_t i = 0; i < layer.neurons.size(); ++i) {
      const auto& ref = layer.neurons[i];
      where[uint32_t(ref.core) * isa::kNeuronSlots + ref.slot] = {bands.size() - 1, i};
    }
    y += row_h * n + kBandGap;
  }
  const double height = y - kBandGap + kBottom;
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
  for (size_t t = 0; t < steps; ++t)
    for (uint32_t k = spikes.step_begin[t]; k < spikes.step_begin[t + 1]; ++k) {
      const auto it = where.find(spikes.ids[k]);
      if (it == where.end()) continue;
      const Band& b = bands[it->second.first];
      ++band_spikes[it->second.first];
      svg += fmt("<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" ", kLeft + t * cell_w,
                 b.y + double(it->second.second) * b.row_h, std::max(1.0, cell_w * 0.8),
                 std::max(0.5, b.row_h * 0.9));
      svg += std::string("fill=\"") + role_colour(b.layer->role) + "\"/>\n";
    }

  for (size_t i = 0; i < bands.size(); ++i) {
    const Band& b = bands[i];
    const double h = b.row_h * double(std::max<size_t>(1, b.layer->neurons.size()));
    svg += fmt("<rect x=\"%.0f\" y=\"%.2f\" width=\"%.0f\" height=\"%.2f\" fill=\"none\" "
               "stroke=\"#999\" stroke-width=\"0.5\"/>\n",
               kLeft, b.y, kPlotWidth, h);
    svg += fmt("<text x=\"%.0f\" y=\"%.2f\" font-size=\"12\" text-anchor=\"end\">", kLeft - 8,
               b.y + h / 2) +
           escape(b.layer->name) + " (" + role_name(b.layer->role) + ")</text>\n";
    svg += fmt("<text x=\"%.0f\" y=\"%.2f\" font-size=\"10\" fill=\"#555\" text-anchor=\"end\">",
               kLeft - 8, b.y + h / 2 + 13) +
           std::to_string(b.layer->neurons.size()) + " neurons, " +
           std::to_string(band_spikes[i]) + " spikes</text>\n";
    // Output rows are classes: name each one so the winning row reads at a glance.
    if (b.layer->role == isa::LayerRole::kOutput && b.row_h >= 8)
      for (size_t r = 0; r < b.layer->neurons.size(); ++r)
        svg += fmt("<text x=\"%.0f\" y=\"%.2f\" font-size=\"9\" fill=\"#555\">class %.0f</text>\n",
                   kLeft + kPlotWidth + 4, b.y + (double(r) + 0.8) * b.row_h, double(r));
  }
  // Step axis: a tick every few steps.
  const size_t tick = std::max<size_t>(1, steps / 8);
  const double axis_y = y - kBandGap + 16;
  for (size_t t = 0; t <= steps; t += tick)
    svg += fmt("<text x=\"%.2f\" y=\"%.2f\" font-size=\"10\" text-anchor=\"middle\">%.0f</text>\n",
               kLeft + double(t) * cell_w, axis_y, double(t));
  svg += fmt("<text x=\"%.0f\" y=\"%.2f\" font-size=\"12\" text-anchor=\"middle\">time step</text>\n",
             kLeft + kPlotWidth / 2, axis_y + 18);
  svg += "</svg>\n";
  return svg;
}

}  // namespace spikecore::sim
