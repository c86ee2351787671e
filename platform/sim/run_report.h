// Everything a spikecore-sim run found, and the two ways it is shown: the
// summary table on stdout and the JSON file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "platform/sim/run_activity.h"
#include "platform/sim/sample_outcome.h"
#include "platform/sim/saturation_by_layer.h"
#include "platform/sim/sim_options.h"

namespace spikecore::sim {

struct RunReport {
  SimOptions options;
  std::string model_name;
  uint32_t timesteps = 0;
  std::string images_path, labels_path;
  double clock_mhz = 0;  // modeled clock (systemc backend)
  std::string hardware_json;  // the hardware description used (isa::to_json)
  std::vector<SampleOutcome> samples;        // ascending index
  std::vector<int> float_reference;          // PyTorch top-1 per sample (empty: none)
  std::vector<int> int8_reference;           // int8 ceiling (T -> infinity) top-1 per sample
  // The exact integer reference (golden/network_reference.h) at the run's T:
  // top-1 per sample, and whether the chip's scores equal its scores (they
  // must: a difference is a bug). Empty with the reason when the image has
  // no layer table to build it from.
  std::vector<int> exact_reference;
  std::vector<bool> exact_match;
  // Per sample: int16 clipping of the membrane changed the class (the exact
  // reference run without clipping picks another). Only samples that clipped
  // are rerun; empty when there is no exact reference.
  std::vector<bool> clipping_changed_class;
  std::string exact_reference_unavailable;
  std::vector<LayerSaturations> saturations_by_layer;  // over every sample
  RunActivity activity;  // per core, router, neuron and step, over every sample
  double wall_seconds = 0;  // simulation only (all workers; under MPI until every rank's results are in)
  unsigned mpi_ranks = 1;
  std::vector<std::string> notes;            // printed under the table
};

struct Summary {
  size_t count = 0;
  double accuracy = 0;             // predicted == label
  double reference_accuracy = -1;  // PyTorch float top-1 == label (-1: no reference)
  double agreement = -1;           // predicted == PyTorch float top-1
  double int8_accuracy = 0, int8_agreement = 0;  // vs the int8 ceiling (T -> infinity)
  double exact_accuracy = -1, exact_agreement = -1;  // vs the exact reference (-1: none)
  size_t exact_mismatches = 0;  // samples whose scores differ from the exact reference
  size_t clipping_changed_class = 0;  // samples whose class int16 clipping changed
  double cycles_mean = 0, cycles_p50 = 0, cycles_p99 = 0;
  double synaptic_ops_mean = 0, flits_mean = 0, hops_mean = 0, stalls_mean = 0;
  double energy_uj_mean = 0;  // modeled
  uint64_t total_cycles = 0, total_synaptic_ops = 0;
  uint64_t acc_saturations = 0, soma_saturations = 0, soma_floor_clips = 0;
};

Summary summarize(const RunReport& report);
// The chip links' counters summed over every sample (a board on the systemc backend).
std::vector<ChipLinkCounts> chip_link_totals(const RunReport& report);
const char* direction_name(uint32_t port);  // hw::Router port: "north", "east", ...
void print_summary(const RunReport& report, const Summary& s);
struct Verdict;
// The results JSON's layout version: 2 added "schema_version" and "verdict".
constexpr int kResultsSchemaVersion = 2;
// Writes the JSON contract of docs/simulator.md atomically (temp + rename).
void write_json(const std::string& path, const RunReport& report, const Summary& s,
                const Verdict& verdict);

}  // namespace spikecore::sim
