#include "events/log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <functional>

#include "events/codec.h"
#include "events/pane_text.h"
#include "events/reader.h"
#include "events/segment.h"
#include "events/segment_chain.h"
#include "events/types.h"
#include "util/clock.h"

namespace ta::events {

EventLog::EventLog(std::string dir, LogOptions opts) : dir_(std::move(dir)), opts_(std::move(opts)) {}
EventLog::~EventLog() = default;

Result<std::unique_ptr<EventLog>> EventLog::open(const std::string& dir, LogOptions opts) {
  if (auto st = make_dirs(dir, 0700); !st) return st.error();
  std::unique_ptr<EventLog> log(new EventLog(dir, std::move(opts)));
  auto lock = FileLock::acquire(dir + "/LOCK");
  if (!lock) return lock.error();
  // Appending after a segment that repeats another's seqs would fork the log.
  if (auto layout = read_log_layout(dir); layout.repeats)
    for (const auto& p : layout.problems)
      if (p.rfind("segment ", 0) == 0) return make_error("cannot append to the event log: " + p);
  if (auto st = log->find_last_seq(); !st) return st.error();
  log->note_lost_seqs();
  // An empty append writes log.recovered when find_last_seq cut a torn tail
  // or found seqs lost, in the same lock hold as the cut.
  auto r = log->append_locked(std::vector<Draft>{});
  if (!r) return r.error();
  return log;
}

void EventLog::note_lost_seqs() {
  // A floor far beyond the log is not a lost tail but a damaged witness:
  // the projections are rebuilt from the log; numbering goes on from it.
  constexpr std::uint64_t kMaxLost = 1000000;
  if (opts_.seq_floor <= last_seq_ || opts_.seq_floor - last_seq_ > kMaxLost) return;
  if (!recovery_) {
    auto size = file_size(segment_path(dir_, seg_));
    recovery_ = Recovery{segment_name(seg_), static_cast<std::uint64_t>(std::max(size, 0LL)), 0,
                         "", 0};
  }
  recovery_->lost_from = last_seq_ + 1;
  recovery_->lost_to = opts_.seq_floor;
  pending_recovery_ = true;
}

Status EventLog::find_last_seq() {
  auto segs = list_segments(dir_);
  seg_ = segs.empty() ? 1 : segs.back();
  offset_ = 0;
  last_seq_ = 0;
  keys_loaded_ = false;
  keys_.clear();
  if (segs.empty()) return ok_status();
  // Only the newest segment can end torn, and its last complete line tells
  // us the last seq: read from there, not the whole segment. Older segments
  // are only consulted when the newest holds no complete event yet.
  auto path = segment_path(dir_, seg_);
  auto start = last_line_start(path, UINT64_MAX);
  if (!start) return start.error();
  offset_ = *start;
  // Step back over every trailing line that is no event (garbage, or a
  // torn write that ended in a newline), so one cut takes them all and one
  // log.recovered names all of it.
  for (bool last = true; offset_ > 0; last = false) {
    auto is_event = line_is_event(path, offset_, last);
    if (!is_event) return is_event.error();
    if (*is_event) break;
    auto prev = last_line_start(path, offset_);
    if (!prev) return prev.error();
    if (*prev >= offset_) break;
    offset_ = *prev;
  }
  if (auto r = read_forward(false); !r) return r;
  // The last line was cut as torn: the last seq is on a line above it.
  while (last_seq_ == 0 && offset_ > 0) {
    auto end = offset_;
    auto prev = last_line_start(path, end);
    if (!prev) return prev.error();
    offset_ = *prev;
    if (auto r = read_forward(false); !r) return r;
    if (offset_ >= end && last_seq_ == 0) break;  // nothing readable above
  }
  for (auto it = segs.rbegin(); last_seq_ == 0 && it != segs.rend(); ++it) {
    if (*it == seg_) continue;
    auto path = segment_path(dir_, *it);
    auto size = file_size(path);
    if (size <= 0) continue;
    std::uint64_t last = 0;
    auto end = for_each_line(path, 0, static_cast<std::uint64_t>(size),
                             [&](std::string_view line, std::uint64_t) {
                               if (auto s = peek_seq(line)) last = std::max(last, *s);
                             });
    if (!end) return end.error();
    last_seq_ = last;
  }
  return ok_status();
}

Status EventLog::read_forward(bool collect_keys) {
  for (;;) {
    auto path = segment_path(dir_, seg_);
    long long size = file_size(path);
    if (size < 0) size = 0;
    auto segs = list_segments(dir_);
    bool newest = segs.empty() || segs.back() <= seg_;
    std::uint64_t bad_tail_start = 0;  // start of trailing lines without a valid seq
    bool bad_tail = false;
    auto end = for_each_line(path, offset_, static_cast<std::uint64_t>(size),
                             [&](std::string_view line, std::uint64_t start) {
                               auto s = peek_seq(line);
                               // Only the final line of the newest segment can be a torn
                               // write that happens to end in a newline; decode just that one.
                               bool last = start + line.size() + 1 >= static_cast<std::uint64_t>(size);
                               bool valid = s && (!newest || !last || decode_line(line).ok());
                               if (!valid) {
                                 if (!bad_tail) bad_tail_start = start;
                                 bad_tail = true;
                                 return;
                               }
                               bad_tail = false;
                               last_seq_ = std::max(last_seq_, *s);
                               if (collect_keys) {
                                 auto k = peek_key(line);
                                 if (!k.empty()) keys_.emplace(std::string(k), *s);
                               }
                             });
    if (!end) return end.error();
    offset_ = *end;
    if (!newest) {
      // A partial or bad line at the end of an older segment is mid-log
      // corruption: readers report it; appenders carry on after it.
      auto next = std::upper_bound(segs.begin(), segs.end(), seg_);
      seg_ = *next;
      offset_ = 0;
      continue;
    }
    std::uint64_t good = bad_tail ? bad_tail_start : offset_;
    if (good < static_cast<std::uint64_t>(size)) {
      // We hold the lock, so nobody is mid-write: this tail was torn by a crash.
      if (auto st = recover_tail(seg_, good, static_cast<std::uint64_t>(size)); !st) return st;
      offset_ = good;
    }
    return ok_status();
  }
}

Status EventLog::recover_tail(std::uint32_t seg, std::uint64_t good_size,
                              std::uint64_t size) {
  auto path = segment_path(dir_, seg);
  auto qdir = dir_ + "/quarantine";
  if (auto st = make_dirs(qdir, 0700); !st) return st;
  auto opened = open_regular_no_follow(path, O_RDWR);
  if (!opened) return opened.error();
  UniqueFd fd = std::move(*opened);
  std::string cut(size - good_size, '\0');
  ssize_t n = ::pread(fd.get(), cut.data(), cut.size(), static_cast<off_t>(good_size));
  if (n < 0) return make_error("cannot read " + path + ": " + errno_text(errno));
  cut.resize(static_cast<size_t>(n));
  std::string qname = segment_name(seg) + "." + std::to_string(good_size) + ".torn";
  for (int i = 1; file_exists(qdir + "/" + qname); ++i)
    qname = segment_name(seg) + "." + std::to_string(good_size) + "." + std::to_string(i) + ".torn";
  // Keep the cut bytes durable before they leave the segment.
  if (auto st = write_file_atomic(qdir + "/" + qname, cut); !st) return st;
  if (::ftruncate(fd.get(), static_cast<off_t>(good_size)) != 0 || ::fdatasync(fd.get()) != 0)
    return make_error("cannot truncate torn tail of " + path + ": " + errno_text(errno));
  recovery_ = Recovery{segment_name(seg), good_size, cut.size(), "quarantine/" + qname, 0};
  pending_recovery_ = true;
  return ok_status();
}

Status EventLog::catch_up() {
  auto path = segment_path(dir_, seg_);
  long long size = file_size(path);
  auto segs = list_segments(dir_);
  bool newest = segs.empty() || segs.back() <= seg_;
  if (newest && size >= 0 && static_cast<std::uint64_t>(size) == offset_) return ok_status();
  if (size >= 0 && static_cast<std::uint64_t>(size) < offset_) {
    // The segment shrank under us (edited or repaired by hand): start over.
    return find_last_seq();
  }
  return read_forward(keys_loaded_);
}

Status EventLog::load_keys() {
  keys_.clear();
  for (auto s : list_segments(dir_)) {
    if (s > seg_) break;
    auto path = segment_path(dir_, s);
    auto size = s == seg_ ? static_cast<long long>(offset_) : file_size(path);
    if (size <= 0) continue;
    auto r = for_each_line(path, 0, static_cast<std::uint64_t>(size),
                           [&](std::string_view line, std::uint64_t) {
                             auto k = peek_key(line);
                             if (k.empty()) return;
                             if (auto seq = peek_seq(line)) keys_.emplace(std::string(k), *seq);
                           });
    if (!r) return r.error();
  }
  keys_loaded_ = true;
  return ok_status();
}

Status EventLog::open_segment_for_append(std::uint32_t seg) {
  if (seg_fd_.valid() && seg_fd_number_ == seg) return ok_status();
  auto path = segment_path(dir_, seg);
  bool existed = file_exists(path);
  // Never through a link planted in events/: that would append elsewhere.
  auto opened = open_regular_no_follow(path, O_WRONLY | O_CREAT | O_APPEND);
  if (!opened) return opened.error();
  UniqueFd fd = std::move(*opened);
  if (!existed) {
    if (auto st = sync_dir(dir_); !st) return st;
  }
  seg_fd_ = std::move(fd);
  seg_fd_number_ = seg;
  return ok_status();
}

Status EventLog::write_lines(const std::string& buf) {
  if (offset_ > 0 && offset_ + buf.size() > opts_.segment_bytes) {
    ++seg_;
    offset_ = 0;
  }
  if (auto st = open_segment_for_append(seg_); !st) return st;
  auto path = segment_path(dir_, seg_);
  auto undo = [&](const std::string& what) {
    // Leave no partial line behind: the batch is all or nothing.
    if (::ftruncate(seg_fd_.get(), static_cast<off_t>(offset_)) != 0) {}
    return make_error("cannot append to the event log (" + path + "): " + what +
                      "; nothing was recorded");
  };
  if (auto st = write_all(seg_fd_.get(), buf); !st) return undo(st.error().message);
  if (opts_.sync && ::fdatasync(seg_fd_.get()) != 0) {
    int err = errno;
    if (err == ENOSPC || err == EDQUOT)
      return undo("the disk holding " + dir_ + " is full (" + errno_text(err) +
                  "); free space there and retry");
    return undo(errno_text(err));
  }
  offset_ += buf.size();
  return ok_status();
}

Result<std::vector<Appended>> EventLog::append(std::vector<Draft> batch) {
  return append(std::move(batch), AppendGuard());
}

Result<std::vector<Appended>> EventLog::append(std::vector<Draft> batch,
                                               const AppendGuard& guard) {
  for (auto& d : batch) {
    if (d.type.empty()) return make_error("an event needs a type");
    // Every appender passes here: no screen text reaches the log with a secret
    // in it, whichever code built the event.
    redact_pane_text(d.data);
    if (!d.key.empty() && !is_valid_key(d.key))
      return make_error("invalid idempotency key \"" + d.key +
                        "\": use 1-200 characters of letters, digits and ._:@/-");
  }
  auto lock = FileLock::acquire(dir_ + "/LOCK");
  if (!lock) return lock.error();
  return append_locked(std::move(batch), guard ? &guard : nullptr);
}

Result<std::vector<Appended>> EventLog::append_locked(std::vector<Draft> batch,
                                                     const AppendGuard* guard) {
  if (auto st = catch_up(); !st) return st.error();

  bool any_key = std::any_of(batch.begin(), batch.end(), [](auto& d) { return !d.key.empty(); });
  if ((any_key || guard) && !keys_loaded_) {
    if (auto st = load_keys(); !st) return st.error();
  }
  if (guard) {
    if (auto st = (*guard)([this](const std::string& key) { return recorded_under(key); }); !st)
      return st.error();
  }

  std::string ts = now_rfc3339();
  std::string buf;
  std::uint64_t next = last_seq_;
  auto encode = [&](const Draft& d) {
    Event e{++next, d.ts.empty() ? ts : d.ts, d.type, d.v, opts_.team, d.data, d.key};
    buf += encode_line(e);
    buf += '\n';
    return next;
  };
  std::uint64_t recovered_seq = 0;
  if (pending_recovery_) {
    auto& r = *recovery_;
    // Another appender may have gone past the lost range meanwhile.
    if (r.lost_to > 0 && next >= r.lost_to) r.lost_from = r.lost_to = 0;
    if (r.lost_to > 0) next = r.lost_to;
    recovered_seq = encode(to_draft(
      LogRecovered{r.segment, r.offset, r.bytes, r.quarantine, r.lost_from, r.lost_to}));
  }
  std::vector<Appended> out;
  out.reserve(batch.size());
  std::unordered_map<std::string, std::uint64_t> batch_keys;
  for (auto& d : batch) {
    if (!d.key.empty()) {
      auto it = keys_.find(d.key);
      if (it != keys_.end()) {
        out.push_back({it->second, true});
        continue;
      }
      auto bit = batch_keys.find(d.key);
      if (bit != batch_keys.end()) {
        out.push_back({bit->second, true});
        continue;
      }
      auto seq = encode(d);
      batch_keys.emplace(d.key, seq);
      out.push_back({seq, false});
    } else {
      out.push_back({encode(d), false});
    }
  }
  if (buf.empty()) return out;
  if (auto st = write_lines(buf); !st) return st.error();
  last_seq_ = next;
  if (keys_loaded_) keys_.insert(batch_keys.begin(), batch_keys.end());
  if (pending_recovery_) {
    pending_recovery_ = false;
    recovery_->recovered_seq = recovered_seq;
  }
  return out;
}

std::optional<Event> EventLog::recorded_under(const std::string& key) const {
  auto it = keys_.find(key);
  if (it == keys_.end()) return std::nullopt;
  LogReader reader(dir_);
  if (!reader.seek_after(it->second - 1)) return std::nullopt;
  Event e;
  for (auto r = reader.next(e); r != LogReader::Next::end; r = reader.next(e)) {
    if (r == LogReader::Next::corrupt) {
      reader.skip_corrupt();
      continue;
    }
    if (e.seq == it->second) return e;
    if (e.seq > it->second) break;
  }
  return std::nullopt;
}

Result<Appended> EventLog::append(Draft draft) {
  std::vector<Draft> one;
  one.push_back(std::move(draft));
  auto r = append(std::move(one));
  if (!r) return r.error();
  return r->front();
}

}  // namespace ta::events
