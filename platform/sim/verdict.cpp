#include "platform/sim/verdict.h"

#include <cstdio>
#include <stdexcept>

namespace spikecore::sim {
namespace {

std::string format(const char* pattern, double a, double b, double c) {
  char buf[160];
  std::snprintf(buf, sizeof buf, pattern, a, b, c);
  return buf;
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
  if (bars.min_agreement_pct) {
    const double bar = *bars.min_agreement_pct, margin = v.agreement_pct - bar;
    // Compared at the precision printed, so that "99.00 % >= 99.00 %" is what it says.
    const bool met = margin > -5e-9;
    if (!met) v.status = Verdict::Status::kFail;
    v.checks.push_back(met ? format("agreement with PyTorch top-1 %.2f %% >= %.2f %% (%.2f points above)",
                                    v.agreement_pct, bar, margin)
                           : format("agreement with PyTorch top-1 %.2f %% < %.2f %% (%.2f points short)",
                                    v.agreement_pct, bar, -margin));
  }
  if (bars.max_accuracy_drop_pts) {
    const double bar = *bars.max_accuracy_drop_pts, margin = bar - v.accuracy_drop_pts;
    const bool met = margin > -5e-9;
    if (!met) v.status = Verdict::Status::kFail;
    v.checks.push_back(met ? format("accuracy drop from PyTorch %.2f points <= %.2f (%.2f to spare)",
                                    v.accuracy_drop_pts, bar, margin)
                           : format("accuracy drop from PyTorch %.2f points > %.2f (%.2f too many)",
                                    v.accuracy_drop_pts, bar, -margin));
  }
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
