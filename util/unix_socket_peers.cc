// unix_socket_peers (util/processes.h): which processes are connected to a
// process's Unix sockets. The kernel knows each connected socket's peer
// (sock_diag, UNIX_DIAG_PEER) and the clients still waiting on a listening
// socket (UNIX_DIAG_ICONS); /proc/<pid>/fd says which process holds which
// socket ("socket:[inode]"). Which end is the client shows in the names
// (UNIX_DIAG_NAME): an accepted socket carries its listener's address, the
// connecting end usually none.
#include <dirent.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "util/processes.h"

namespace ta {

namespace {

using Inode = std::uint32_t;

// What the kernel says of every Unix socket: its peer, and for a listening
// socket the clients of connections not yet accepted.
struct UnixSockets {
  std::multimap<Inode, Inode> peer;        // socket -> its peer
  std::multimap<Inode, Inode> pending_of;  // listening socket -> client waiting on it
  std::set<Inode> named;                   // bound to an address (or accepted from one)
};

void read_attributes(const unix_diag_msg* m, int len, UnixSockets& out) {
  for (auto* a = reinterpret_cast<const rtattr*>(m + 1); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
    auto* data = static_cast<const Inode*>(RTA_DATA(a));
    if (a->rta_type == UNIX_DIAG_PEER && RTA_PAYLOAD(a) >= sizeof(Inode) && *data != 0)
      out.peer.emplace(m->udiag_ino, *data);
    if (a->rta_type == UNIX_DIAG_NAME && RTA_PAYLOAD(a) > 0) out.named.insert(m->udiag_ino);
    if (a->rta_type == UNIX_DIAG_ICONS)
      for (std::size_t i = 0; i < RTA_PAYLOAD(a) / sizeof(Inode); ++i)
        if (data[i] != 0) out.pending_of.emplace(m->udiag_ino, data[i]);
  }
}

// Reads the dump's replies; false on an error or a malformed reply.
bool read_dump(int fd, UnixSockets& out) {
  alignas(nlmsghdr) char buf[32768];
  for (;;) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    int len = static_cast<int>(n);
    for (auto* h = reinterpret_cast<nlmsghdr*>(buf); NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
      if (h->nlmsg_type == NLMSG_DONE) return true;
      if (h->nlmsg_type == NLMSG_ERROR) return false;
      if (h->nlmsg_len < NLMSG_LENGTH(sizeof(unix_diag_msg))) return false;
      auto* m = static_cast<const unix_diag_msg*>(NLMSG_DATA(h));
      read_attributes(m, static_cast<int>(h->nlmsg_len - NLMSG_LENGTH(sizeof *m)), out);
    }
  }
}

// Every Unix socket of the machine (of our network namespace); nothing when
// the kernel has no sock_diag for Unix sockets.
std::optional<UnixSockets> dump_unix_sockets() {
  int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (fd < 0) return std::nullopt;
  struct {
    nlmsghdr header;
    unix_diag_req request;
  } msg{};
  msg.header.nlmsg_len = sizeof msg;
  msg.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  msg.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  msg.request.sdiag_family = AF_UNIX;
  msg.request.udiag_states = ~0u;  // every state: listening, connected, …
  msg.request.udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_ICONS;
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  UnixSockets out;
  bool ok = ::sendto(fd, &msg, sizeof msg, 0, reinterpret_cast<sockaddr*>(&kernel),
                     sizeof kernel) == static_cast<ssize_t>(sizeof msg) &&
            read_dump(fd, out);
  ::close(fd);
  if (!ok) return std::nullopt;
  return out;
}

// The socket inodes among `pid`'s open files.
std::set<Inode> socket_inodes(pid_t pid) {
  std::set<Inode> out;
  std::string dir = "/proc/" + std::to_string(pid) + "/fd";
  DIR* d = ::opendir(dir.c_str());
  if (!d) return out;
  while (dirent* e = ::readdir(d)) {
    char target[64];
    ssize_t n = ::readlink((dir + "/" + e->d_name).c_str(), target, sizeof target - 1);
    if (n <= 0) continue;
    target[n] = '\0';
    if (std::strncmp(target, "socket:[", 8) == 0)
      out.insert(static_cast<Inode>(std::strtoul(target + 8, nullptr, 10)));
  }
  ::closedir(d);
  return out;
}

// Whether, on the connection between our socket and theirs, we are the
// client of a server of theirs: our end unnamed, theirs named.
bool we_are_client(const UnixSockets& all, Inode ours, Inode theirs) {
  return !all.named.count(ours) && all.named.count(theirs);
}

// The sockets at the other end of `mine`: their peers, the sockets whose
// peer is one of `mine` (the kernel may name the peer on one side only),
// and the clients waiting on a listening socket of `mine` (the queued
// server side has no inode until accepted, so the kernel names the client);
// not the servers `mine` connected to.
std::set<Inode> other_ends(const UnixSockets& all, const std::set<Inode>& mine) {
  std::set<Inode> out;
  for (auto [listening, client] : all.pending_of)
    if (mine.count(listening)) out.insert(client);
  for (auto [socket, peer] : all.peer) {
    if (mine.count(socket) && !we_are_client(all, socket, peer)) out.insert(peer);
    if (mine.count(peer) && !we_are_client(all, peer, socket)) out.insert(socket);
  }
  for (auto s : mine) out.erase(s);
  out.erase(0);
  return out;
}

}  // namespace

std::set<pid_t> unix_socket_peers(pid_t pid) {
  std::set<pid_t> out;
  auto mine = socket_inodes(pid);
  if (mine.empty()) return out;
  auto all = dump_unix_sockets();
  if (!all) return out;
  auto ends = other_ends(*all, mine);
  if (ends.empty()) return out;
  for (pid_t other : proc_pids()) {
    if (other == pid) continue;
    for (auto s : socket_inodes(other))
      if (ends.count(s)) {
        out.insert(other);
        break;
      }
  }
  return out;
}

}  // namespace ta
