#include "platform/sweep/point_runner.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include "common/atomic_file.h"
#include "common/install_layout.h"
#include "common/read_file.h"
#include "isa/hardware_description.h"

extern char** environ;

namespace spikecore::sweep {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// The environment without the launcher's MPI variables: a spikecore-sim run
// by a sweep rank must not think it is a rank itself.
std::vector<std::string> child_environment() {
  std::vector<std::string> out;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string v = *e;
    bool mpi = false;
    for (const char* prefix : {"OMPI_", "PMIX_", "PMI_", "SLURM_", "OPAL_"})
      mpi = mpi || v.rfind(prefix, 0) == 0;
    if (!mpi) out.push_back(v);
  }
  return out;
}

// The last n non-empty lines of a tool's output, joined by "; ".
std::string last_lines(const std::string& text, size_t n) {
  std::vector<std::string> lines;
  size_t begin = 0;
  while (begin < text.size()) {
    const size_t end = std::min(text.find('\n', begin), text.size());
    if (end > begin) lines.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  std::string out;
  for (size_t i = lines.size() > n ? lines.size() - n : 0; i < lines.size(); ++i)
    out += (out.empty() ? "" : "; ") + lines[i];
  return out;
}

// Runs TOOL (beside this program) with args; its output goes to `log`.
void run_tool(const std::string& tool, const std::vector<std::string>& args, const std::string& log) {
  const std::string exe = executable_prefix() + "/bin/" + tool;
  std::vector<std::string> argv_text = {exe};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv, envp;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env = child_environment();
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&files, 1, 2);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, exe.c_str(), &files, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&files);
  if (rc != 0) throw std::runtime_error("cannot start " + exe + ": " + std::strerror(rc));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return;
  std::string output, why;
  read_whole_file(log, output, why);
  throw std::runtime_error(tool + (WIFEXITED(status) ? " exited with status " + std::to_string(WEXITSTATUS(status))
                                                     : " was killed by signal " + std::to_string(WTERMSIG(status))) +
                           ": " + last_lines(output, 3));
}

std::string unquoted(const std::string& json_value) {
  const json v = json::parse(json_value);
  return v.is_string() ? v.get<std::string>() : v.dump();
}

json load_json(const std::string& path) {
  std::string text, why;
  if (!read_whole_file(path, text, why)) throw std::runtime_error(path + ": " + why);
  return json::parse(text);
}

}  // namespace

std::string point_file(const std::string& out_dir, const Point& p) {
  return out_dir + "/points/" + p.key + ".json";
}

bool point_done(const std::string& out_dir, const Point& p) {
  try {
    const json j = load_json(point_file(out_dir, p));
    return j.value("key", "") == p.key && j.value("status", "") == "ok";
  } catch (const std::exception&) {
    return false;  // absent, or cut short: run it again
  }
}

std::string describe(const Point& p) {
  std::string out;
  for (const auto& [axis, v] : p.values) out += (out.empty() ? "" : " ") + axis + "=" + unquoted(v);
  return out;
}

void run_point(const SweepSpec& spec, const Point& p, const std::string& out_dir) {
  const auto start = std::chrono::steady_clock::now();
  const std::string work = out_dir + "/work/" + p.key;
  fs::create_directories(work);
  fs::create_directories(out_dir + "/points");
  const std::string model = unquoted(p.values.at("model"));
  const std::string dataset = p.values.count("dataset") ? unquoted(p.values.at("dataset")) : spec.dataset;

  // The hardware description: the default chip with the point's hw.* keys.
  json hw = json::object();
  for (const auto& [axis, v] : p.values)
    if (axis.rfind("hw.", 0) == 0) {
      const size_t dot = axis.find('.', 3);
      hw[axis.substr(3, dot - 3)][axis.substr(dot + 1)] = json::parse(v);
    }
  const std::string hw_path = work + "/hw.json";
  if (!hw.empty()) {
    try {
      isa::parse_hardware_description(hw.dump(), "the point's hw.* keys");
    } catch (const isa::HardwareDescriptionError& e) {
      throw std::runtime_error(e.what());
    }
    write_file_atomically(hw_path, hw.dump(1) + "\n");
  }

  std::vector<std::string> compile = {model, "-o", work + "/model.scimg", "--report",
                                      work + "/mapping.json", "--quiet", "--calib-dataset",
                                      dataset == "fashion-mnist" ? "fashion-mnist" : "mnist"};
  for (const auto& [axis, v] : p.values) {
    if (axis == "model" || axis == "dataset" || axis.rfind("hw.", 0) == 0) continue;
    std::string flag = "--" + axis;
    for (char& c : flag) c = c == '_' ? '-' : c;
    compile.insert(compile.end(), {flag, unquoted(v)});
  }
  if (!hw.empty()) compile.insert(compile.end(), {"--hw", hw_path});
  run_tool("spikecore-compile", compile, work + "/compile.log");

  std::vector<std::string> sim = {"--image", work + "/model.scimg", "--dataset", dataset,
                                  "--split", spec.split, "--first", std::to_string(spec.first),
                                  "--count", std::to_string(spec.count), "--backend", spec.backend,
                                  "--json", work + "/results.json", "--progress", "none"};
  if (spec.reference) sim.insert(sim.end(), {"--reference", model});
  if (!hw.empty()) sim.insert(sim.end(), {"--hw", hw_path});
  run_tool("spikecore-sim", sim, work + "/sim.log");

  const json results = load_json(work + "/results.json");
  const json mapping = load_json(work + "/mapping.json");
  const json& s = results["summary"];
  const double clock = results.value("clock_mhz_modeled", 0.0);
  const double cycles = s.value("cycles_per_inference_mean", 0.0);
  json record;
  record["key"] = p.key;
  record["status"] = "ok";
  json values = json::object();
  for (const auto& [axis, v] : p.values) values[axis] = json::parse(v);
  record["values"] = values;
  record["metrics"] = {
      {"accuracy", s["accuracy"]},
      {"agreement", s["agreement"]},
      {"timesteps_simulated", results["timesteps"]},
      {"cores_used", mapping.contains("cores") ? mapping["cores"].size() : 0},
      {"chips", mapping.contains("board") ? mapping["board"].value("chips", 1) : 1},
      {"cycles_per_inference", cycles},
      {"latency_us_modeled", clock > 0 ? cycles / clock : 0.0},
      {"energy_uj_modeled", s["energy_per_inference_uj_modeled"]},
      {"synaptic_events_per_inference", s["synaptic_events_per_inference_mean"]}};
  record["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  write_file_atomically(point_file(out_dir, p), record.dump(1) + "\n");
  fs::remove_all(work);
  std::error_code ignored;
  fs::remove(out_dir + "/work", ignored);  // only when no other point is running
}

}  // namespace spikecore::sweep
