// Sanitizer-build probe without SystemC: leaks one allocation on purpose
// when asked, so a test can show that LeakSanitizer still reports leaks.
//   leak_probe_plain leak|no-leak
#include <cstdio>
#include <cstring>

#include "leak_on_purpose.h"

int main(int argc, char** argv) {
  if (argc != 2 || (std::strcmp(argv[1], "leak") != 0 && std::strcmp(argv[1], "no-leak") != 0)) {
    std::fprintf(stderr, "usage: %s leak|no-leak\n", argv[0]);
    return 2;
  }
  if (std::strcmp(argv[1], "leak") == 0) spikecore::sanitizer_probe::leak_on_purpose("");
  return 0;
}
