// The deliberate leak of the sanitizer-build probes (tests/sanitizer/).
#pragma once

#include <cstdio>

namespace spikecore::sanitizer_probe {

// Not inlined, so LeakSanitizer's report names it. Many blocks: a pointer or
// two may still sit in a register or a stack slot that LeakSanitizer scans;
// the rest are unreachable.
__attribute__((noinline)) inline void leak_on_purpose(const char* label) {
  for (int i = 0; i < 32; ++i) {
    char* volatile lost = new char[4242];
    std::snprintf(lost, 4242, "leaked on purpose %s", label);
    if (i == 0) std::puts(lost);
    lost = nullptr;
  }
}

}  // namespace spikecore::sanitizer_probe
