// Progress of a long run: a bar on a terminal, plain periodic lines otherwise.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "platform/sim/sim_options.h"

namespace spikecore::sim {

class Progress {
 public:
  Progress(std::string label, size_t total, ProgressMode mode);
  // `done` samples finished and `in_flight` (a fraction of a sample per worker,
  // from its steps) under way. Cheap; redraws at most a few times per second.
  void update(size_t done, double in_flight = 0.0);
  void finish();             // final line (only if anything was shown)

 private:
  void draw(size_t done, double in_flight, bool final);

  std::string label_;
  size_t total_;
  bool bar_ = false, lines_ = false, shown_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
  size_t last_done_ = 0;
};

}  // namespace spikecore::sim
