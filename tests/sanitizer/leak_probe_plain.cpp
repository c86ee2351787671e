// Sanitizer-build probe without SystemC: leaks one allocation on purpose
// when asked, so a test can show that LeakSanitizer still reports leaks.
//   leak_probe_plain leak|no-leak
#include <cstdio>
#include <cstring>

namespace {

// Not inlined, so the report's stack names it.
__attribute__((noinline)) void leak_on_purpose() {
  // Many blocks: a pointer or two may still sit in a register or a stack
  // slot that LeakSanitizer scans; the rest are unreachable.
  for (int i = 0; i < 32; ++i) {
    char* volatile lost = new char[4242];
    std::snprintf(lost, 4242, "leaked on purpose");
    if (i == 0) std::puts(lost);
    lost = nullptr;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 || (std::strcmp(argv[1], "leak") != 0 && std::strcmp(argv[1], "no-leak") != 0)) {
    std::fprintf(stderr, "usage: %s leak|no-leak\n", argv[0]);
    return 2;
  }
  if (std::strcmp(argv[1], "leak") == 0) leak_on_purpose();
  return 0;
}
