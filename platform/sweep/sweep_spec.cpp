#include "platform/sweep/sweep_spec.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "common/read_file.h"

namespace spikecore::sweep {
namespace {

using nlohmann::json;

const std::set<std::string> kCompileAxes = {"timesteps", "percentile", "output_percentile",
                                            "weight_percentile", "board", "place_effort", "seed",
                                            "calib_count"};

std::string point_key(const std::map<std::string, std::string>& values) {
  uint64_t h = 1469598103934665603ull;
  for (const auto& [k, v] : values)
    for (char c : k + "=" + v + ";") h = (h ^ uint8_t(c)) * 1099511628211ull;
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", (unsigned long long)h);
  return text;
}

}  // namespace

bool is_axis(const std::string& name) {
  return name == "model" || name == "dataset" || kCompileAxes.count(name) ||
         (name.rfind("hw.", 0) == 0 && std::count(name.begin(), name.end(), '.') == 2);
}

SweepSpec load_sweep(const std::string& path) {
  std::string text, why;
  if (!read_whole_file(path, text, why)) throw std::runtime_error(path + ": " + why);
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw std::runtime_error(path + ": not JSON (" + e.what() + ")");
  }
  auto fail = [&](const std::string& what) { return std::runtime_error(path + ": " + what); };
  if (!j.is_object()) throw fail("the top level must be an object");
  SweepSpec s;
  s.path = path;
  for (const auto& [key, value] : j.items())
    if (key != "grid" && key != "points" && key != "samples" && key != "backend" &&
        key != "reference" && key != "fixed")
      throw fail("unknown key \"" + key + "\" (expected grid, points, samples, backend, reference, fixed)");
  auto check_axis = [&](const std::string& where, const std::string& axis, const json& v) {
    if (!is_axis(axis))
      throw fail(where + ": \"" + axis + "\" is not an axis (model, dataset, timesteps, percentile, "
                 "output_percentile, weight_percentile, board, place_effort, seed, calib_count, "
                 "hw.SECTION.KEY)");
    if (!v.is_number() && !v.is_string())
      throw fail(where + "." + axis + ": expected a number or a string, got " + v.dump());
  };
  if (j.contains("samples")) {
    const json& m = j["samples"];
    if (!m.is_object()) throw fail("\"samples\" must be an object");
    for (const auto& [key, v] : m.items()) {
      if ((key == "dataset" || key == "split") && v.is_string())
        (key == "dataset" ? s.dataset : s.split) = v.get<std::string>();
      else if ((key == "first" || key == "count") && v.is_number_unsigned())
        (key == "first" ? s.first : s.count) = v.get<unsigned>();
      else
        throw fail("samples." + key + ": expected dataset/split (strings) or first/count (whole numbers)");
    }
    if (s.count == 0) throw fail("samples.count must be at least 1");
  }
  if (j.contains("backend")) {
    if (!j["backend"].is_string() || (j["backend"] != "systemc" && j["backend"] != "golden"))
      throw fail("\"backend\" must be \"systemc\" or \"golden\"");
    s.backend = j["backend"];
  }
  if (j.contains("reference")) {
    if (!j["reference"].is_boolean()) throw fail("\"reference\" must be true or false");
    s.reference = j["reference"];
  }
  if (j.contains("fixed")) {
    if (!j["fixed"].is_object()) throw fail("\"fixed\" must be an object of axis: value");
    for (const auto& [axis, v] : j["fixed"].items()) {
      check_axis("fixed", axis, v);
      s.fixed[axis] = v.dump();
    }
  }
  std::set<std::string> axes;
  std::vector<std::map<std::string, std::string>> expanded;
  if (j.contains("grid")) {
    const json& g = j["grid"];
    if (!g.is_object() || g.empty()) throw fail("\"grid\" must be an object of axis: [values]");
    expanded.push_back({});
    for (const auto& [axis, values] : g.items()) {  // nlohmann's object: keys sorted
      if (!values.is_array() || values.empty())
        throw fail("grid." + axis + ": expected a non-empty list of values");
      std::vector<std::map<std::string, std::string>> next;
      for (const auto& partial : expanded)
        for (const json& v : values) {
          check_axis("grid", axis, v);
          auto p = partial;
          p[axis] = v.dump();
          next.push_back(std::move(p));
        }
      expanded = std::move(next);
      axes.insert(axis);
    }
  }
  if (j.contains("points")) {
    const json& list = j["points"];
    if (!list.is_array()) throw fail("\"points\" must be a list of objects");
    for (size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_object()) throw fail("points[" + std::to_string(i) + "] must be an object");
      std::map<std::string, std::string> p;
      for (const auto& [axis, v] : list[i].items()) {
        check_axis("points[" + std::to_string(i) + "]", axis, v);
        p[axis] = v.dump();
        axes.insert(axis);
      }
      expanded.push_back(std::move(p));
    }
  }
  if (expanded.empty()) throw fail("no points: give \"grid\" and/or \"points\"");
  std::set<std::string> keys;
  for (auto& values : expanded) {
    for (const auto& [axis, v] : s.fixed) values.emplace(axis, v);  // a point's own value wins
    if (!values.count("model")) throw fail("a point has no \"model\" (give it in grid, points or fixed)");
    Point p{values, point_key(values)};
    if (!keys.insert(p.key).second) throw fail("two points are the same: " + json(values).dump());
    s.points.push_back(std::move(p));
  }
  for (const auto& [axis, v] : s.fixed) axes.insert(axis);
  s.axes.assign(axes.begin(), axes.end());
  return s;
}

}  // namespace spikecore::sweep
