#pragma once
// Who holds an flock on a file, asked without taking it: taking the lock
// to test it (even for a moment) makes a process that starts then and
// tries it see a holder that is not there.
#include <optional>
#include <string>

namespace ta {

// The pid that placed an exclusive flock on `path` (from /proc/locks); 0
// when nobody holds one; nullopt when the kernel cannot tell us (no
// /proc/locks, `path` cannot be stat'ed, or the holder is in another pid
// namespace): the caller then has to probe otherwise.
std::optional<int> flock_holder(const std::string& path);

// One line of /proc/locks: the pid of an exclusive FLOCK on the file with
// device `major:minor` and inode `ino`; -1 when one is held by a pid we
// cannot see; 0 when the line is about something else. Blocked waiters
// ("->") are not holders.
int flock_holder_in_line(const std::string& line, unsigned major, unsigned minor,
                         unsigned long long ino);

}  // namespace ta
