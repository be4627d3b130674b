#pragma once
// Every event of a log, in order, failing the current test on a corrupt line.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "events/reader.h"

namespace ta::test {

inline std::vector<events::Event> read_all_events(const std::string& dir) {
  events::LogReader r(dir);
  std::vector<events::Event> out;
  events::Event e;
  for (;;) {
    auto n = r.next(e);
    if (n == events::LogReader::Next::end) break;
    REQUIRE_MESSAGE(n == events::LogReader::Next::event, r.corruption().describe());
    out.push_back(e);
  }
  return out;
}

}  // namespace ta::test
