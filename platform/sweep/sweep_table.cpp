#include "platform/sweep/sweep_table.h"

#include <algorithm>
#include <cmath>

#include "common/atomic_file.h"
#include "platform/sim/svg_charts.h"

namespace spikecore::sweep {
namespace {

using nlohmann::json;
using sim::svg::escape;
using sim::svg::format;

const char* const kMetrics[] = {"accuracy", "agreement", "timesteps_simulated", "cores_used", "chips",
                                "cycles_per_inference", "latency_us_modeled", "energy_uj_modeled",
                                "synaptic_events_per_inference"};

double metric(const json& r, const char* name) {
  const json& v = r["metrics"][name];
  return v.is_number() ? v.get<double>() : NAN;
}

std::string csv_field(const json& v) {
  std::string text = v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump();
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string scatter_svg(const std::vector<json>& records, const std::vector<size_t>& pareto) {
  const double left = 80, top = 30, w = 560, h = 340, width = left + w + 190, height = top + h + 60;
  double e_lo = INFINITY, e_hi = -INFINITY, l_lo = INFINITY, l_hi = -INFINITY;
  double a_lo = INFINITY, a_hi = -INFINITY;
  for (const json& r : records) {
    const double e = metric(r, "energy_uj_modeled"), l = metric(r, "latency_us_modeled"),
                 a = metric(r, "agreement");
    e_lo = std::min(e_lo, e), e_hi = std::max(e_hi, e), l_lo = std::min(l_lo, l), l_hi = std::max(l_hi, l);
    if (std::isfinite(a)) a_lo = std::min(a_lo, a), a_hi = std::max(a_hi, a);
  }
  if (!(e_hi > e_lo)) e_hi = e_lo + 1;
  if (!(l_hi > l_lo)) l_hi = l_lo + 1;
  auto px = [&](double e) { return left + w * (e - e_lo) / (e_hi - e_lo) * 0.9 + w * 0.05; };
  auto py = [&](double l) { return top + h - (h * (l - l_lo) / (l_hi - l_lo) * 0.9 + h * 0.05); };
  std::string s = format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                         "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"11\">\n"
                         "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
                         width, height, width, height);
  s += format("<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#999\"/>\n",
              left, top, w, h);
  s += format("<text x=\"%.0f\" y=\"18\" font-size=\"13\" font-weight=\"bold\">sweep: energy vs latency "
              "per inference (modeled), colour = agreement, Pareto points circled</text>\n", left);
  s += format("<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">energy per inference, uJ (modeled): "
              "%.3g .. %.3g</text>\n", left + w / 2, top + h + 22, e_lo, e_hi);
  s += format("<text x=\"18\" y=\"%.0f\" text-anchor=\"middle\" transform=\"rotate(-90 18 %.0f)\">"
              "latency per inference, us (modeled): %.3g .. %.3g</text>\n",
              top + h / 2, top + h / 2, l_lo, l_hi);
  for (size_t i = 0; i < records.size(); ++i) {
    const double a = metric(records[i], "agreement");
    const double f = std::isfinite(a) && a_hi > a_lo ? (a - a_lo) / (a_hi - a_lo) : 1.0;
    const double x = px(metric(records[i], "energy_uj_modeled")),
                 y = py(metric(records[i], "latency_us_modeled"));
    const bool best = std::find(pareto.begin(), pareto.end(), i) != pareto.end();
    s += format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" stroke=\"#333\" stroke-width=\"0.5\">"
                "<title>", x, y, sim::svg::scale_colour(0.25 + 0.75 * f, "green").c_str()) +
         escape(records[i]["key"].get<std::string>() + ": " + records[i]["values"].dump()) +
         format(", agreement %.4f</title></circle>\n", a);
    if (best)
      s += format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"9\" fill=\"none\" stroke=\"#c44e52\" "
                  "stroke-width=\"1.5\"/>\n", x, y);
  }
  const double lx = left + w + 16;
  s += format("<circle cx=\"%.0f\" cy=\"%.0f\" r=\"5\" fill=\"%s\"/><text x=\"%.0f\" y=\"%.0f\">"
              "agreement %.4f</text>\n", lx, top + 10, sim::svg::scale_colour(1.0, "green").c_str(),
              lx + 10, top + 14, a_hi);
  s += format("<circle cx=\"%.0f\" cy=\"%.0f\" r=\"5\" fill=\"%s\"/><text x=\"%.0f\" y=\"%.0f\">"
              "agreement %.4f</text>\n", lx, top + 30, sim::svg::scale_colour(0.25, "green").c_str(),
              lx + 10, top + 34, a_lo);
  s += format("<circle cx=\"%.0f\" cy=\"%.0f\" r=\"9\" fill=\"none\" stroke=\"#c44e52\"/><text x=\"%.0f\" "
              "y=\"%.0f\">Pareto point</text>\n", lx, top + 54, lx + 14, top + 58);
  return s + "</svg>\n";
}

}  // namespace

std::vector<size_t> pareto_points(const std::vector<json>& records) {
  std::vector<size_t> out;
  for (size_t i = 0; i < records.size(); ++i) {
    const double e = metric(records[i], "energy_uj_modeled"), l = metric(records[i], "latency_us_modeled");
    const double a = std::isfinite(metric(records[i], "agreement")) ? metric(records[i], "agreement") : 0;
    bool beaten = false;
    for (size_t k = 0; k < records.size() && !beaten; ++k) {
      if (k == i) continue;
      const double e2 = metric(records[k], "energy_uj_modeled"), l2 = metric(records[k], "latency_us_modeled");
      const double a2 = std::isfinite(metric(records[k], "agreement")) ? metric(records[k], "agreement") : 0;
      beaten = e2 <= e && l2 <= l && a2 >= a && (e2 < e || l2 < l || a2 > a);
    }
    if (!beaten) out.push_back(i);
  }
  return out;
}

void write_table(const SweepSpec& spec, const std::vector<json>& records, const std::string& out_dir) {
  const std::vector<size_t> pareto = pareto_points(records);
  std::string csv = "point";
  for (const std::string& axis : spec.axes) csv += "," + axis;
  for (const char* m : kMetrics) csv += std::string(",") + m;
  csv += ",pareto\n";
  json table = json::array();
  for (size_t i = 0; i < records.size(); ++i) {
    const json& r = records[i];
    const bool best = std::find(pareto.begin(), pareto.end(), i) != pareto.end();
    csv += r["key"].get<std::string>();
    for (const std::string& axis : spec.axes)
      csv += "," + csv_field(r["values"].contains(axis) ? r["values"][axis] : json());
    for (const char* m : kMetrics) csv += "," + csv_field(r["metrics"][m]);
    csv += best ? ",yes\n" : ",no\n";
    json row = {{"point", r["key"]}, {"values", r["values"]}, {"metrics", r["metrics"]}, {"pareto", best}};
    table.push_back(row);
  }
  json doc = {{"sweep", spec.path}, {"backend", spec.backend},
              {"samples", {{"dataset", spec.dataset}, {"split", spec.split}, {"first", spec.first},
                           {"count", spec.count}}},
              {"axes", spec.axes}, {"points", table}};
  write_file_atomically(out_dir + "/sweep.csv", csv);
  write_file_atomically(out_dir + "/sweep.json", doc.dump(1) + "\n");
  write_file_atomically(out_dir + "/sweep.svg", scatter_svg(records, pareto));
}

}  // namespace spikecore::sweep
