#include "util/flock_probe.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <fstream>
#include <sstream>

namespace ta {

int flock_holder_in_line(const std::string& line, unsigned major, unsigned minor,
                         unsigned long long ino) {
  std::istringstream in(line);
  std::string id, kind, mode, access, file;
  long pid = 0;
  if (!(in >> id >> kind)) return 0;
  if (kind == "->") return 0;  // waiting for the lock, not holding it
  if (!(in >> mode >> access >> pid >> file)) return 0;
  if (kind != "FLOCK" || access != "WRITE") return 0;
  unsigned maj = 0, min = 0;
  unsigned long long node = 0;
  // "fe:00:10962162": major and minor in hex, the inode in decimal.
  if (std::sscanf(file.c_str(), "%x:%x:%llu", &maj, &min, &node) != 3) return 0;
  if (maj != major || min != minor || node != ino) return 0;
  // A holder outside our pid namespace shows as 0 (or -1): held, by whom unknown.
  return pid > 0 ? static_cast<int>(pid) : -1;
}

std::optional<int> flock_holder(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  std::ifstream locks("/proc/locks");
  if (!locks) return std::nullopt;
  for (std::string line; std::getline(locks, line);)
    if (int pid = flock_holder_in_line(line, ::major(st.st_dev), ::minor(st.st_dev),
                                       static_cast<unsigned long long>(st.st_ino)))
      return pid > 0 ? std::optional<int>(pid) : std::nullopt;
  return 0;
}

}  // namespace ta
