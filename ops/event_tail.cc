#include "ops/event_tail.h"

#include <algorithm>

namespace ta::ops {

std::optional<std::deque<PickedLine>> last_matching(events::LogReader& reader,
                                                    const TailScan& scan) {
  std::deque<PickedLine> picked;  // oldest first
  std::uint64_t hi = scan.through;
  std::uint64_t width = std::max<std::uint64_t>(scan.count, 1024);
  std::uint64_t seen = 0;
  events::Event e;
  while (picked.size() < scan.count && hi > scan.after) {
    std::uint64_t lo = hi - std::min(width, hi - scan.after);
    std::deque<PickedLine> window;
    reader.seek_after(lo);
    for (;;) {
      auto r = reader.next(e);
      if (r == events::LogReader::Next::end) break;
      if (r == events::LogReader::Next::corrupt) {
        if (scan.on_corrupt) scan.on_corrupt(reader.corruption());
        reader.skip_corrupt();
        continue;
      }
      if (e.seq > hi) break;
      if (++seen % kStopCheckEvery == 0 && scan.stop_requested && scan.stop_requested())
        return std::nullopt;
      if (!scan.filter.matches(e)) continue;
      window.push_back({e.seq, scan.render(e)});
      if (window.size() > scan.count) window.pop_front();
    }
    while (!window.empty() && picked.size() < scan.count) {
      picked.push_front(std::move(window.back()));
      window.pop_back();
    }
    hi = lo;
    width = width > (1ull << 40) ? width : width * 4;
  }
  return picked;
}

}  // namespace ta::ops
