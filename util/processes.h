#pragma once
// The live processes of this machine as /proc shows them, and ending a set
// of them: SIGTERM, a bounded wait, then SIGKILL. Only processes we may read
// (/proc/<pid>/environ of the same user, or all as root) show their
// environment; the rest show an empty one and so carry no marker.
#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ta {

struct ProcessInfo {
  pid_t pid = 0;
  pid_t ppid = 0;
  pid_t pgid = 0;
  pid_t sid = 0;
  unsigned long long start_ticks = 0;  // field 22 of /proc/<pid>/stat: tells a reused pid apart
  char state = '?';                    // R, S, Z, …; a zombie has already ended
  std::string command;                 // the command line, arguments joined by spaces
  std::map<std::string, std::string> env;  // only the variables asked for
};

// Every process but ourselves, with the values of `env_names` from its
// environment (unreadable environments leave `env` empty). Zombies are left out.
std::vector<ProcessInfo> list_processes(const std::set<std::string>& env_names);

// The whole of a /proc file (their size is unknown until read); empty when
// it cannot be read: the process went (a read then fails with ESRCH, which
// an ifstream turns into an exception), or it is not ours to read.
std::string read_proc_file(const std::string& path);

// The start time of a running process (field 22 of /proc/<pid>/stat, in
// clock ticks since boot); 0 when it is gone, a zombie, or unreadable.
// With the pid it names one process for good: a reused pid starts later.
unsigned long long process_start_ticks(pid_t pid);

// Every pid /proc lists now.
std::vector<pid_t> proc_pids();

// Whether `pid` is `ancestor` or descends from it in `all`.
bool descends_from(const std::vector<ProcessInfo>& all, pid_t pid, pid_t ancestor);

// The pids of the processes connected to `pid`'s Unix sockets (its peers),
// other than `pid` itself; empty when the kernel cannot say (no sock_diag).
// A connection `pid` made to another's named socket (a syslog, D-Bus or
// ssh-agent it uses) is left out: there `pid` is the client, nobody
// depends on it. Clients of its listening sockets (accepted or waiting)
// and the other ends of unnamed pairs are its peers.
std::set<pid_t> unix_socket_peers(pid_t pid);

// How one process was ended.
struct EndedProcess {
  ProcessInfo process;
  std::string signal;  // "SIGTERM" or "SIGKILL"; empty: it had already gone
  // Still running after SIGKILL and a wait: not ours to signal (another
  // user's), or stuck in the kernel. The caller says it could not end it.
  bool still_running = false;
};

// Ends `targets`: SIGTERM to each (to its whole process group when every
// member of that group is in `targets`, so a child it forked goes with it,
// never a stranger), waits up to `grace` for them to go, then SIGKILLs the
// rest and waits for those too. A pid is signalled only while it still
// has the start time it was listed with. Returns one entry per target.
std::vector<EndedProcess> end_processes(const std::vector<ProcessInfo>& targets,
                                        std::chrono::milliseconds grace);

}  // namespace ta
