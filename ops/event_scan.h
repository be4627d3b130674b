#pragma once
// Reading the event log on to its current end, stepping over corrupt lines
// (the events after one are as much the log as those before): the loop the
// log's readers in ops/ share.
#include "events/reader.h"

namespace ta::ops {

// Calls `on_event(e)` for each complete event from the reader's position to
// the current end; stops early when it returns false. The number of
// corrupt lines stepped over.
template <class OnEvent>
std::size_t scan_events(events::LogReader& reader, OnEvent&& on_event) {
  std::size_t corrupt = 0;
  events::Event e;
  for (auto next = reader.next(e); next != events::LogReader::Next::end; next = reader.next(e)) {
    if (next == events::LogReader::Next::corrupt) {
      reader.skip_corrupt();
      ++corrupt;
      continue;
    }
    if (!on_event(e)) break;
  }
  return corrupt;
}

}  // namespace ta::ops
