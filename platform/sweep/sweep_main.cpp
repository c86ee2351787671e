// spikecore-sweep SWEEP.json: compile and simulate every point of a design-
// space sweep, on one process or spread over MPI ranks (docs/scaling.md).
#include <boost/program_options.hpp>

#include <chrono>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "common/read_file.h"
#include "common/version.h"
#include "platform/sim/mpi_session.h"
#include "platform/sweep/point_runner.h"
#include "platform/sweep/sweep_table.h"

namespace po = boost::program_options;
using namespace spikecore::sweep;
using spikecore::sim::MpiChannel;
using spikecore::sim::MpiPlacement;
using spikecore::read_whole_file;

namespace {

constexpr const char* kUsage =
    "Usage: spikecore-sweep SWEEP.json [--output DIR]\n"
    "\n"
    "Compiles and simulates every point of a sweep (a grid and/or a list of points over\n"
    "models, compiler options, hardware-description keys and data sets; docs/scaling.md)\n"
    "and writes DIR/sweep.csv, DIR/sweep.json and DIR/sweep.svg (energy vs latency,\n"
    "agreement as colour, Pareto points marked). Every finished point is kept in\n"
    "DIR/points/ as it finishes: run the same command again after an interruption and\n"
    "only the unfinished points run. Under mpirun rank 0 hands out the points to the\n"
    "other ranks one at a time as they become free.\n"
    "\n"
    "Example:\n"
    "  spikecore-sweep sweeps/timesteps_and_buffers.json --output out/sweep\n"
    "  mpirun -np 4 build/bin/spikecore-sweep sweeps/timesteps_and_buffers.json\n"
    "\n"
    "Exit status: 0 every point done; 1 an error (a point that failed is named, with its\n"
    "rank); 2 a usage error.\n";

constexpr int kReady = 1, kPoint = 2, kStop = 3, kDone = 4;

struct Finished {
  size_t done = 0, total = 0;
};

void say_done(const Point& p, size_t n, size_t total, const std::string& where, double seconds,
              const std::string& out_dir) {
  std::string metrics;
  try {
    std::string text, why;
    read_whole_file(point_file(out_dir, p), text, why);
    const auto m = nlohmann::json::parse(text)["metrics"];
    char line[200];
    std::snprintf(line, sizeof line, ": agreement %.2f %%, %.0f cycles, %.3f uJ (modeled)",
                  m["agreement"].is_number() ? 100 * m["agreement"].get<double>() : -1.0,
                  m["cycles_per_inference"].get<double>(), m["energy_uj_modeled"].get<double>());
    metrics = line;
  } catch (const std::exception&) {
  }
  std::printf("[%zu/%zu] %s %s%s%s, %.1f s\n", n, total, p.key.c_str(), describe(p).c_str(),
              metrics.c_str(), where.c_str(), seconds);
  std::fflush(stdout);
}

// One process: the points in order.
void run_here(const SweepSpec& spec, const std::vector<size_t>& todo, const std::string& out,
              Finished& f) {
  for (size_t i : todo) {
    const auto start = std::chrono::steady_clock::now();
    try {
      run_point(spec, spec.points[i], out);
    } catch (const std::exception& e) {
      throw std::runtime_error("point " + spec.points[i].key + " (" + describe(spec.points[i]) +
                               ") failed: " + e.what());
    }
    say_done(spec.points[i], ++f.done, f.total, "",
             std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), out);
  }
}

// Rank 0: hands out one point at a time to whichever rank asks; stops handing
// out after a failure and reports it once every rank has stopped.
void coordinate(MpiChannel& channel, const MpiPlacement& mpi, const SweepSpec& spec,
                const std::vector<size_t>& todo, const std::string& out, Finished& f) {
  std::deque<size_t> queue(todo.begin(), todo.end());
  std::vector<std::chrono::steady_clock::time_point> started(mpi.size);
  std::vector<size_t> running(mpi.size, SIZE_MAX);
  std::string failure;
  unsigned active = mpi.size - 1;
  while (active > 0) {
    const MpiChannel::Message m = channel.receive();
    if (m.tag == kDone) {
      const size_t i = running[m.source];
      running[m.source] = SIZE_MAX;
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started[m.source]).count();
      if (m.bytes.empty() || m.bytes[0] != '1') {
        if (failure.empty())
          failure = "point " + spec.points[i].key + " (" + describe(spec.points[i]) +
                    ") failed on rank " + std::to_string(m.source) + ": " + m.bytes.substr(1);
      } else {
        say_done(spec.points[i], ++f.done, f.total, " [rank " + std::to_string(m.source) + "]",
                 seconds, out);
      }
    }
    if (m.tag != kReady && m.tag != kDone) continue;
    if (queue.empty() || !failure.empty()) {
      channel.send(m.source, kStop, "");
      --active;
      continue;
    }
    running[m.source] = queue.front();
    started[m.source] = std::chrono::steady_clock::now();
    channel.send(m.source, kPoint, std::to_string(queue.front()));
    queue.pop_front();
  }
  if (!failure.empty()) throw std::runtime_error(failure);
}

// Ranks 1..N-1: ask, run, report, until told to stop.
void work(MpiChannel& channel, const SweepSpec& spec, const std::string& out) {
  channel.send(0, kReady, "");
  for (;;) {
    const MpiChannel::Message m = channel.receive();
    if (m.tag == kStop) return;
    const size_t i = std::stoul(m.bytes);
    std::string report = "1";
    try {
      run_point(spec, spec.points.at(i), out);
    } catch (const std::exception& e) {
      report = std::string("0") + e.what();
    }
    channel.send(0, kDone, report);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (spikecore::print_version_if_asked(argc, argv, "spikecore-sweep")) return 0;
  MpiPlacement mpi;
  try {
    mpi = spikecore::sim::mpi_placement_from_environment();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "spikecore-sweep: error: %s\n", e.what());
    return 1;
  }
  po::options_description options("Options");
  options.add_options()("help,h", "print this help and exit")(
      "version", "print the version and the git commit, and exit")(
      "output,o", po::value<std::string>()->value_name("DIR"),
      "where the points, the table and the picture go (default: out/sweep-STEM of SWEEP.json)");
  po::options_description hidden;
  hidden.add_options()("sweep", po::value<std::string>());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("sweep", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
    if (!vm.count("help") && !vm.count("sweep")) throw po::error("no SWEEP.json given");
  } catch (const po::error& e) {
    if (mpi.rank == 0) std::fprintf(stderr, "spikecore-sweep: %s (see --help)\n", e.what());
    return mpi.rank == 0 ? 2 : 0;
  }
  if (vm.count("help")) {
    if (mpi.rank == 0) std::cout << kUsage << "\n" << options << "\n";
    return 0;
  }
  const std::string sweep_path = vm["sweep"].as<std::string>();
  const std::string out = vm.count("output") ? vm["output"].as<std::string>()
                                             : "out/sweep-" + std::filesystem::path(sweep_path).stem().string();
  try {
    const SweepSpec spec = load_sweep(sweep_path);
    std::vector<size_t> todo;
    for (size_t i = 0; i < spec.points.size(); ++i)
      if (!point_done(out, spec.points[i])) todo.push_back(i);
    Finished f{spec.points.size() - todo.size(), spec.points.size()};
    if (mpi.rank == 0) {
      std::printf("spikecore-sweep: %zu points in %s", spec.points.size(), sweep_path.c_str());
      if (f.done) std::printf(", %zu already done in %s/points", f.done, out.c_str());
      if (mpi.distributed()) std::printf(", over %u worker rank(s)", mpi.size - 1);
      std::printf("\n");
      std::fflush(stdout);
    }
    if (!mpi.distributed()) {
      run_here(spec, todo, out, f);
    } else {
      if (mpi.size < 2) throw std::runtime_error("under MPI the sweep needs 2 or more ranks");
      MpiChannel channel(mpi);
      channel.start();
      try {
        if (mpi.rank == 0) coordinate(channel, mpi, spec, todo, out, f);
        else work(channel, spec, out);
      } catch (...) {
        channel.stop();
        throw;
      }
      channel.stop();
      if (mpi.rank > 0) return 0;
    }
    std::vector<nlohmann::json> records;
    for (const Point& p : spec.points) {
      std::string text, why;
      if (!read_whole_file(point_file(out, p), text, why))
        throw std::runtime_error(point_file(out, p) + ": " + why);
      records.push_back(nlohmann::json::parse(text));
    }
    write_table(spec, records, out);
    std::printf("spikecore-sweep: wrote %s/sweep.csv, %s/sweep.json, %s/sweep.svg\n", out.c_str(),
                out.c_str(), out.c_str());
  } catch (const std::exception& e) {
    // A worker rank's own failure (not a point's: those go to rank 0) ends the job.
    if (mpi.rank == 0) std::fprintf(stderr, "spikecore-sweep: error: %s\n", e.what());
    else std::fprintf(stderr, "spikecore-sweep: error: rank %u: %s\n", mpi.rank, e.what());
    return 1;
  }
  return 0;
}
