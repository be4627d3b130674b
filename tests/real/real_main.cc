// The real-CLI tier's main: without the pinned CLIs it runs no test and
// says so loudly, once, with the reason (exit 77, which ctest counts as
// skipped, never as passed); `make test` prints the line again at the end.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>

#include "tests/real/real_support.h"

int main(int argc, char** argv) {
  auto clis = ta::test::locate_real_clis();
  if (!clis.skip_reason.empty()) {
    const std::string line = "SKIPPED real-CLI tier: " + clis.skip_reason;
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
    if (std::FILE* f = std::fopen(REAL_TIER_SKIP_FILE, "w")) {
      std::fprintf(f, "%s\n", line.c_str());
      std::fclose(f);
    }
    return 77;
  }
  doctest::Context context(argc, argv);
  return context.run();
}
