// The regression verdict of a run against PyTorch's float top-1: the bars a
// user sets (--min-agreement, --max-accuracy-drop) applied to the summary.
#pragma once

#include <string>
#include <vector>

#include "platform/sim/run_report.h"

namespace spikecore::sim {

// Exit status of a run whose verdict failed (its outputs are written first);
// 1 is an error, 2 a usage error (docs/simulator.md, "Exit status").
constexpr int kExitVerdictFailed = 3;

struct Verdict {
  enum class Status { kNone, kPass, kFail };
  Status status = Status::kNone;
  // One line per bar: what was measured, the bar, and by how much it was met
  // or missed ("agreement 98.67 % < 99.00 % (0.33 points short)").
  std::vector<std::string> checks;
  double agreement_pct = 0, accuracy_drop_pts = 0;
};

// Needs a summary with a PyTorch reference when any bar is set.
Verdict judge(const VerdictBars& bars, const Summary& summary);
const char* status_name(Verdict::Status status);  // "none", "pass", "fail"

}  // namespace spikecore::sim
