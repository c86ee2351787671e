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
  void update(size_t done);  // cheap; redraws at most a few times per second
  void finish();             // final line (only if anything was shown)

 private:
  void draw(size_t done, bool final);

  std::string label_;
  size_t total_;
  bool bar_ = false, lines_ = false, shown_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
  size_t last_done_ = 0;
};

}  // namespace spikecore::sim
