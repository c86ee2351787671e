#include "platform/sim/verdict.h"

#include <cstdio>
#include <stdexcept>

namespace spikecore::sim {
namespace {

// One bar: met when `margin` (how far the measured value is on the good side
// of the bar) is not negative, with a tolerance for the rounding of percentages
// computed from counts (1980 / 2000 x 100 is 98.99999999999999).
void check_bar(Verdict& v, double margin, const char* met_format, const char* missed_format,
               double measured, double bar) {
  const bool met = margin > -5e-9;
  if (!met) v.status = Verdict::Status::kFail;
  char line[160];
  std::snprintf(line, sizeof line, met ? met_format : missed_format, measured, bar,
                met ? margin : -margin);
  v.checks.push_back(line);
}

}  // namespace

Verdict judge(const VerdictBars& bars, const Summary& s) {
  Verdict v;
  if (!bars.any()) return v;
  if (s.agreement < 0)
    throw std::logic_error("a verdict needs the PyTorch reference (--reference)");
  v.agreement_pct = 100.0 * s.agreement;
  v.accuracy_drop_pts = 100.0 * (s.reference_accuracy - s.accuracy);
  v.status = Verdict::Status::kPass;
  if (const auto bar = bars.min_agreement_pct)
    check_bar(v, v.agreement_pct - *bar,
              "agreement with PyTorch top-1 %.2f %% >= %.2f %% (%.2f points above)",
              "agreement with PyTorch top-1 %.2f %% < %.2f %% (%.2f points short)",
              v.agreement_pct, *bar);
  if (const auto bar = bars.max_accuracy_drop_pts)
    check_bar(v, *bar - v.accuracy_drop_pts,
              "accuracy drop from PyTorch %.2f points <= %.2f (%.2f to spare)",
              "accuracy drop from PyTorch %.2f points > %.2f (%.2f too many)",
              v.accuracy_drop_pts, *bar);
  return v;
}

const char* status_name(Verdict::Status status) {
  switch (status) {
    case Verdict::Status::kPass: return "pass";
    case Verdict::Status::kFail: return "fail";
    case Verdict::Status::kNone: break;
  }
  return "none";
}

}  // namespace spikecore::sim
