// Small inline-SVG pictures for the HTML run report: a mesh of cells, bars,
// and lines. Plain strings, no scripts, nothing fetched.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace spikecore::sim::svg {

// Escapes text for an XML/HTML body or attribute.
std::string escape(const std::string& text);
// printf into a std::string (the pictures are built from numbers).
std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

// A colour from white (0) to `hue`'s darkest (1): "#rrggbb". `hue` is one of
// "blue", "red", "green", "orange", "purple".
std::string scale_colour(double fraction, const std::string& hue);
// A distinct colour for category k (layers of a mapping).
std::string category_colour(size_t k);

struct LegendEntry {
  std::string colour, label;
};

// A grid of cols x rows cells (a chip's or a board's mesh), each with its
// fill colour ("" = not used: drawn empty) and a tooltip. Thick lines every
// group_cols x group_rows cells mark chip borders on a board.
struct MeshPicture {
  unsigned cols = 0, rows = 0;
  unsigned group_cols = 0, group_rows = 0;  // 0: one chip, no borders
  std::vector<std::string> fills;           // row-major, cols * rows
  std::vector<std::string> tooltips;        // row-major
  std::vector<LegendEntry> legend;
};
std::string mesh_svg(const MeshPicture& picture);

// Horizontal bars, one per label, values drawn to scale and printed.
std::string bar_chart_svg(const std::vector<std::string>& labels, const std::vector<double>& values,
                          const std::vector<std::string>& colours, const std::string& unit);

struct LineSeries {
  std::string name, colour;
  std::vector<double> y;  // one per x
};
// Lines over shared x values, with axes, ticks and an optional vertical
// marker (e.g. the chosen T).
std::string line_chart_svg(const std::vector<double>& x, const std::vector<LineSeries>& series,
                           const std::string& x_label, const std::string& y_label,
                           std::optional<double> marker_x = std::nullopt,
                           const std::string& marker_label = "");

}  // namespace spikecore::sim::svg
