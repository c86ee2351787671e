// The one-page HTML run report of spikecore-sim --html: verdict and summary,
// the mapping, heat maps of the mesh, per-layer rates, one sample's raster,
// cycles per step, energy by event type and the compiler's agreement-vs-T
// curve. Self-contained: inline SVG and CSS, no scripts, nothing fetched.
#pragma once

#include <string>
#include <vector>

#include "isa/chip_config.h"
#include "platform/sim/run_report.h"
#include "platform/sim/verdict.h"

namespace spikecore::sim {

// What the HTML report reads of spikecore-compile --report's mapping JSON.
struct CompileReportFacts {
  std::string path, model;
  struct Point {
    unsigned timesteps = 0;
    double agreement = 0, accuracy = 0;  // fractions, on the compiler's validation images
  };
  std::vector<Point> timestep_curve;
  double timestep_target = -1, int8_ceiling = -1;
  struct Layer {
    std::string name;
    unsigned neurons = 0, cores = 0, weight_bytes = 0;
  };
  std::vector<Layer> layers;
};

// Parses the mapping JSON text; throws std::runtime_error naming `path` and
// the key that is missing or of the wrong kind.
CompileReportFacts parse_compile_report(const std::string& text, const std::string& path);

struct HtmlReportInput {
  const RunReport* report = nullptr;
  const Summary* summary = nullptr;
  const Verdict* verdict = nullptr;
  const isa::ChipConfig* chip = nullptr;
  std::string raster_svg;      // the raster sample's picture (render_raster_svg)
  std::string raster_caption;  // what sample it is
  const CompileReportFacts* compile_report = nullptr;  // null: --compile-report not given
};

std::string render_html_report(const HtmlReportInput& in);

}  // namespace spikecore::sim
