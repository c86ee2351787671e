#include "platform/sim/svg_charts.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>

namespace spikecore::sim::svg {

std::string escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
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

std::string format(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  char small[256];
  const int n = std::vsnprintf(small, sizeof small, fmt, args);
  va_end(args);
  if (n < int(sizeof small)) return std::string(small, size_t(std::max(0, n)));
  std::string big(size_t(n) + 1, '\0');
  va_start(args, fmt);
  std::vsnprintf(big.data(), big.size(), fmt, args);
  va_end(args);
  big.resize(size_t(n));
  return big;
}

std::string scale_colour(double fraction, const std::string& hue) {
  struct Rgb {
    double r, g, b;
  };
  Rgb dark{8, 48, 107};  // blue
  if (hue == "red") dark = {165, 15, 21};
  else if (hue == "green") dark = {0, 90, 50};
  else if (hue == "orange") dark = {166, 54, 3};
  else if (hue == "purple") dark = {63, 0, 125};
  const double f = std::clamp(std::isfinite(fraction) ? fraction : 0.0, 0.0, 1.0);
  // From a faint tint (so that a small non-zero value is visible) to dark.
  const double lo = 0.93, t = lo * (1 - f);
  auto mix = [&](double c) { return int(std::lround(c + (255 - c) * t)); };
  return format("#%02x%02x%02x", mix(dark.r), mix(dark.g), mix(dark.b));
}

std::string category_colour(size_t k) {
  static const char* const palette[] = {"#4c72b0", "#55a868", "#c44e52", "#8172b2", "#ccb974",
                                        "#64b5cd", "#dd8452", "#937860", "#da8bc3", "#8c8c8c"};
  return palette[k % (sizeof palette / sizeof *palette)];
}

std::string mesh_svg(const MeshPicture& p) {
  const double cell = std::clamp(640.0 / std::max(1u, p.cols), 8.0, 36.0);
  const double left = 28, top = 8;
  const double grid_w = cell * p.cols, grid_h = cell * p.rows;
  const double legend_y = top + grid_h + 22;
  const double height = legend_y + 18.0 * double((p.legend.size() + 2) / 3) + 4;
  const double width = std::max(left + grid_w + 10, 660.0);
  std::string s = format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                         "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"10\">\n",
                         width, height, width, height);
  for (unsigned y = 0; y < p.rows; ++y)
    for (unsigned x = 0; x < p.cols; ++x) {
      const size_t i = size_t(y) * p.cols + x;
      const std::string& fill = i < p.fills.size() ? p.fills[i] : std::string();
      s += format("<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\" "
                  "stroke=\"#d0d0d0\" stroke-width=\"0.5\">",
                  left + x * cell, top + y * cell, cell, cell, fill.empty() ? "#ffffff" : fill.c_str());
      if (i < p.tooltips.size() && !p.tooltips[i].empty())
        s += "<title>" + escape(p.tooltips[i]) + "</title>";
      s += "</rect>\n";
    }
  // Axis labels: every column and row on one chip, every 4th on a board.
  const unsigned every = p.cols > 20 ? 4 : 1;
  for (unsigned x = 0; x < p.cols; x += every)
    s += format("<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\" fill=\"#666\">%u</text>\n",
                left + (x + 0.5) * cell, top + grid_h + 11, x);
  for (unsigned y = 0; y < p.rows; y += every)
    s += format("<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\" fill=\"#666\">%u</text>\n",
                left - 4, top + (y + 0.7) * cell, y);
  if (p.group_cols && p.group_rows) {
    for (unsigned x = 0; x <= p.cols; x += p.group_cols)
      s += format("<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#333\" "
                  "stroke-width=\"2\"/>\n", left + x * cell, top, left + x * cell, top + grid_h);
    for (unsigned y = 0; y <= p.rows; y += p.group_rows)
      s += format("<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#333\" "
                  "stroke-width=\"2\"/>\n", left, top + y * cell, left + grid_w, top + y * cell);
  }
  for (size_t k = 0; k < p.legend.size(); ++k) {
    const double lx = left + double(k % 3) * 210, ly = legend_y + double(k / 3) * 18;
    s += format("<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\" "
                "stroke=\"#999\" stroke-width=\"0.5\"/>", lx, ly - 10, p.legend[k].colour.c_str());
    s += format("<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">", lx + 16, ly) +
         escape(p.legend[k].label) + "</text>\n";
  }
  return s + "</svg>\n";
}

std::string bar_chart_svg(const std::vector<std::string>& labels, const std::vector<double>& values,
                          const std::vector<std::string>& colours, const std::string& unit) {
  const double label_w = 170, bar_w = 380, row = 22, top = 6;
  const double most = values.empty() ? 0 : *std::max_element(values.begin(), values.end());
  const double height = top + row * double(labels.size()) + 6, width = label_w + bar_w + 150;
  std::string s = format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                         "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"11\">\n",
                         width, height, width, height);
  for (size_t i = 0; i < labels.size(); ++i) {
    const double y = top + row * double(i);
    const double v = i < values.size() ? values[i] : 0;
    const double w = most > 0 ? bar_w * v / most : 0;
    s += format("<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", label_w - 6, y + 14) +
         escape(labels[i]) + "</text>\n";
    s += format("<rect x=\"%.0f\" y=\"%.1f\" width=\"%.2f\" height=\"16\" fill=\"%s\"/>\n", label_w,
                y + 2, std::max(w, v > 0 ? 1.0 : 0.0),
                i < colours.size() ? colours[i].c_str() : "#4c72b0");
    const std::string shown = v == 0 ? "0" : std::fabs(v) >= 100 ? format("%.0f", v)
                                            : std::fabs(v) >= 1   ? format("%.2f", v)
                                                                  : format("%.4f", v);
    s += format("<text x=\"%.1f\" y=\"%.1f\">", label_w + w + 6, y + 14) + escape(shown + " " + unit) +
         "</text>\n";
  }
  return s + "</svg>\n";
}

namespace {

// A "nice" tick step for a span: 1, 2 or 5 times a power of ten.
double tick_step(double span, int ticks) {
  if (!(span > 0)) return 1;
  const double raw = span / ticks, p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * p) return m * p;
  return 10 * p;
}

}  // namespace

std::string line_chart_svg(const std::vector<double>& x, const std::vector<LineSeries>& series,
                           const std::string& x_label, const std::string& y_label,
                           std::optional<double> marker_x, const std::string& marker_label) {
  const double left = 64, top = 14, plot_w = 560, plot_h = 220, bottom = 56;
  const double width = left + plot_w + 170, height = top + plot_h + bottom;
  double x_lo = x.empty() ? 0 : *std::min_element(x.begin(), x.end());
  double x_hi = x.empty() ? 1 : *std::max_element(x.begin(), x.end());
  if (x_hi <= x_lo) x_hi = x_lo + 1;
  double y_lo = INFINITY, y_hi = -INFINITY;
  for (const LineSeries& l : series)
    for (double v : l.y)
      if (std::isfinite(v)) y_lo = std::min(y_lo, v), y_hi = std::max(y_hi, v);
  if (!std::isfinite(y_lo)) y_lo = 0, y_hi = 1;
  const double y_step = tick_step(std::max(y_hi - y_lo, 1e-9), 5);
  y_lo = std::floor(y_lo / y_step) * y_step;
  y_hi = std::max(y_lo + y_step, std::ceil(y_hi / y_step) * y_step);
  auto px = [&](double v) { return left + plot_w * (v - x_lo) / (x_hi - x_lo); };
  auto py = [&](double v) { return top + plot_h * (1 - (v - y_lo) / (y_hi - y_lo)); };

  std::string s = format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                         "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"11\">\n",
                         width, height, width, height);
  s += format("<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" "
              "stroke=\"#999\"/>\n", left, top, plot_w, plot_h);
  for (double v = y_lo; v <= y_hi + y_step / 2; v += y_step) {
    s += format("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>\n", left,
                py(v), left + plot_w, py(v));
    s += format("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n", left - 5, py(v) + 4, v);
  }
  const double x_step = tick_step(x_hi - x_lo, 8);
  for (double v = std::ceil(x_lo / x_step) * x_step; v <= x_hi + x_step / 1e6; v += x_step)
    s += format("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%g</text>\n", px(v),
                top + plot_h + 15, v);
  s += format("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", left + plot_w / 2,
              top + plot_h + 34) + escape(x_label) + "</text>\n";
  s += format("<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 14 %.1f)\">",
              top + plot_h / 2, top + plot_h / 2) + escape(y_label) + "</text>\n";
  if (marker_x) {
    s += format("<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#c44e52\" "
                "stroke-dasharray=\"4 3\"/>\n", px(*marker_x), top, px(*marker_x), top + plot_h);
    // Labelled on the side with room for it.
    const bool right_half = px(*marker_x) > left + plot_w / 2;
    s += format("<text x=\"%.1f\" y=\"%.0f\" fill=\"#c44e52\" text-anchor=\"%s\">",
                px(*marker_x) + (right_half ? -4 : 4), top + plot_h - 8, right_half ? "end" : "start") +
         escape(marker_label) + "</text>\n";
  }
  for (size_t k = 0; k < series.size(); ++k) {
    const LineSeries& l = series[k];
    std::string points;
    for (size_t i = 0; i < l.y.size() && i < x.size(); ++i)
      if (std::isfinite(l.y[i])) points += format("%.1f,%.1f ", px(x[i]), py(l.y[i]));
    s += "<polyline fill=\"none\" stroke=\"" + l.colour + "\" stroke-width=\"1.8\" points=\"" +
         points + "\"/>\n";
    if (x.size() <= 40)
      for (size_t i = 0; i < l.y.size() && i < x.size(); ++i)
        if (std::isfinite(l.y[i]))
          s += format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%g: %g</title>"
                      "</circle>\n", px(x[i]), py(l.y[i]), l.colour.c_str(), x[i], l.y[i]);
    s += format("<rect x=\"%.0f\" y=\"%.0f\" width=\"12\" height=\"3\" fill=\"%s\"/>", left + plot_w + 12,
                top + 8 + 18.0 * double(k), l.colour.c_str());
    s += format("<text x=\"%.0f\" y=\"%.0f\">", left + plot_w + 28, top + 13 + 18.0 * double(k)) +
         escape(l.name) + "</text>\n";
  }
  return s + "</svg>\n";
}

}  // namespace spikecore::sim::svg
