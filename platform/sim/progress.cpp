#include "platform/sim/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace spikecore::sim {

namespace {
// Runs shorter than this finish without any progress output.
constexpr double kQuietSeconds = 2.0;
constexpr double kBarRedrawSeconds = 0.2;
constexpr double kLineIntervalSeconds = 5.0;
}  // namespace

Progress::Progress(std::string label, size_t total, ProgressMode mode)
    : label_(std::move(label)), total_(total) {
  const bool tty = isatty(STDERR_FILENO);
  bar_ = mode == ProgressMode::kBar || (mode == ProgressMode::kAuto && tty);
  lines_ = mode == ProgressMode::kLines || (mode == ProgressMode::kAuto && !tty);
  start_ = last_draw_ = std::chrono::steady_clock::now();
}

void Progress::update(size_t done, double in_flight) {
  last_done_ = done;
  if (!bar_ && !lines_) return;
  const auto now = std::chrono::steady_clock::now();
  const double since_start = std::chrono::duration<double>(now - start_).count();
  const double since_draw = std::chrono::duration<double>(now - last_draw_).count();
  if (since_start < kQuietSeconds) return;
  if (since_draw < (bar_ ? kBarRedrawSeconds : kLineIntervalSeconds) && shown_) return;
  last_draw_ = now;
  draw(done, in_flight, false);
}

void Progress::finish() {
  if (shown_) draw(last_done_, 0.0, true);
}

void Progress::draw(size_t done, double in_flight, bool final) {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double progressed = std::min(double(total_), double(done) + in_flight);
  const double rate = elapsed > 0 ? progressed / elapsed : 0.0;
  const double eta = rate > 0 ? (double(total_) - progressed) / rate : 0.0;
  const int rate_digits = rate < 1.0 ? 3 : 1;  // a long sample runs at 0.014/s
  shown_ = true;
  if (bar_) {
    constexpr int kWidth = 30;
    const int filled = total_ ? int(kWidth * progressed / double(total_)) : kWidth;
    std::fprintf(stderr, "\r%s [%.*s%*s] %zu/%zu  %.*f/s  eta %.0fs ", label_.c_str(), filled,
                 "##############################", kWidth - filled, "", done, total_,
                 rate_digits, rate, eta);
    if (final) std::fputc('\n', stderr);
  } else {
    std::fprintf(stderr, "%s: %zu/%zu samples (%.0f%%), %.*f samples/s, eta %.0f s\n",
                 label_.c_str(), done, total_, total_ ? 100.0 * progressed / double(total_) : 100.0,
                 rate_digits, rate,
                 final ? 0.0 : eta);
  }
  std::fflush(stderr);
}

}  // namespace spikecore::sim
