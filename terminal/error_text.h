#pragma once
// The text of an error line with what changes from frame to frame taken
// out, so one failed request reads the same on every redraw: retry
// countdowns ("retrying in 5s", "Retrying in 12s"), attempt counters
// ("attempt 4/10", "Reconnecting... 2/5"), elapsed times ("(3s • esc to
// interrupt)", "12m 18s"), timestamps and spinner glyphs. What stays (the
// cause, status codes, the CLI's wording) is what tells two errors apart.
#include <string>
#include <string_view>

namespace ta::terminal {

// Lower-cased, variable parts replaced by '#', spinner/bullet glyphs
// removed, runs of blanks collapsed to one space.
std::string normalise_error_text(std::string_view text);

}  // namespace ta::terminal
