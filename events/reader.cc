#include "events/reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "events/codec.h"
#include "events/segment.h"
#include "events/segment_chain.h"
#include "events/types.h"
#include "events/upcast.h"

namespace ta::events {

namespace {

constexpr size_t kChunk = 1 << 20;

// The first line's seq of a segment, or nothing if it has no readable first line.
std::optional<std::uint64_t> first_seq(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (!fd.valid()) return std::nullopt;
  char buf[64];
  ssize_t n = ::pread(fd.get(), buf, sizeof buf, 0);
  if (n <= 0) return std::nullopt;
  return peek_seq(std::string_view(buf, static_cast<size_t>(n)));
}

}  // namespace

std::string Corruption::describe() const {
  return "corrupt event log: segment " + segment + " line " + std::to_string(line) + " (seq " +
         std::to_string(expected_seq) + "): " + reason;
}

LogReader::LogReader(std::string dir) : dir_(std::move(dir)) {}

Status LogReader::seek_after(std::uint64_t seq) {
  auto segs = read_log_layout(dir_).chain;
  fd_.reset();
  buf_.clear();
  buf_pos_ = 0;
  file_pos_ = 0;
  line_no_ = 0;
  have_pending_bad_ = false;
  pending_event_.reset();
  resync_ = false;
  skip_until_ = seq;
  seg_ = segs.empty() ? 1 : segs.front();
  last_seq_ = 0;
  for (auto s : segs) {
    auto first = first_seq(segment_path(dir_, s));
    if (!first) continue;
    if (*first > seq + 1) break;
    seg_ = s;
    last_seq_ = *first - 1;
  }
  return ok_status();
}

bool LogReader::fill() {
  if (!fd_.valid()) {
    // Never through a link or into a FIFO planted in events/ (read as the end).
    int fd = ::open(segment_path(dir_, seg_).c_str(),
                    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return false;
    fd_.reset(fd);
  }
  if (buf_pos_ > 0) {
    buf_.erase(0, buf_pos_);
    buf_pos_ = 0;
  }
  // A writer that recovers a torn tail cuts the segment back. The partial
  // line we buffered is gone then: drop it and read what replaced it.
  struct stat st {};
  if (::fstat(fd_.get(), &st) == 0 && static_cast<std::uint64_t>(st.st_size) < file_pos_) {
    std::uint64_t partial_start = file_pos_ - buf_.size();
    buf_.clear();
    file_pos_ = partial_start;
    if (static_cast<std::uint64_t>(st.st_size) < partial_start)
      file_pos_ = static_cast<std::uint64_t>(st.st_size);  // lines already read were removed
  }
  size_t old = buf_.size();
  buf_.resize(old + kChunk);
  ssize_t n;
  do {
    n = ::pread(fd_.get(), buf_.data() + old, kChunk, static_cast<off_t>(file_pos_));
  } while (n < 0 && errno == EINTR);
  buf_.resize(old + static_cast<size_t>(std::max<ssize_t>(n, 0)));
  if (n <= 0) return false;
  file_pos_ += static_cast<std::uint64_t>(n);
  return true;
}

bool LogReader::newer_segment_exists() const {
  auto segs = read_log_layout(dir_).chain;
  return !segs.empty() && segs.back() > seg_;
}

bool LogReader::advance_segment() {
  auto segs = read_log_layout(dir_).chain;
  auto next = std::upper_bound(segs.begin(), segs.end(), seg_);
  if (next == segs.end()) return false;
  // The newer segment exists, so every append to this one has finished:
  // read whatever landed since our last look before moving on.
  if (fill()) return true;
  if (buf_pos_ < buf_.size()) {
    corruption_ = {segment_name(seg_), line_no_ + 1, last_seq_ + 1,
                   "incomplete last line (" + std::to_string(buf_.size() - buf_pos_) +
                       " bytes without a newline)"};
    have_pending_bad_ = true;
  }
  seg_ = *next;
  fd_.reset();
  buf_.clear();
  buf_pos_ = 0;
  file_pos_ = 0;
  line_no_ = 0;
  return true;
}

void LogReader::skip_corrupt() {
  if (!have_pending_bad_) return;
  have_pending_bad_ = false;
  resync_ = true;
}

namespace {

// log.recovered numbered past seqs lost with the log's tail names them.
bool documented_gap(const Event& e, std::uint64_t last_seq) {
  if (e.type != LogRecovered::kType || !e.data.is_object()) return false;
  auto from = e.data.value("lost_from", std::uint64_t{0});
  auto to = e.data.value("lost_to", std::uint64_t{0});
  return from == last_seq + 1 && to + 1 == e.seq && from <= to;
}

}  // namespace

LogReader::Next LogReader::next(Event& out) {
  if (seg_ == 0) seek_after(0);
  for (;;) {
    if (have_pending_bad_) return Next::corrupt;
    if (pending_event_) {
      // A seq gap was reported and skipped: hand out the event after the gap.
      out = std::move(*pending_event_);
      pending_event_.reset();
      last_seq_ = out.seq;
      return Next::event;
    }
    auto nl = buf_.find('\n', buf_pos_);
    if (nl == std::string::npos) {
      if (fill()) continue;
      if (advance_segment()) continue;
      return Next::end;
    }
    std::string_view line(buf_.data() + buf_pos_, nl - buf_pos_);
    buf_pos_ = nl + 1;
    ++line_no_;
    auto fast = peek_seq(line);
    if (fast && *fast <= skip_until_ && *fast > last_seq_) {
      last_seq_ = *fast;
      continue;
    }
    auto decoded = decode_line(line);
    if (!decoded) return undecodable(line.size(), decoded.error().message);
    return deliver(*decoded, line, out);
  }
}

LogReader::Next LogReader::flag_corruption(std::string reason) {
  corruption_ = {segment_name(seg_), line_no_, last_seq_ + 1, std::move(reason)};
  have_pending_bad_ = true;
  return Next::corrupt;
}

LogReader::Next LogReader::undecodable(std::size_t line_size, std::string reason) {
  // The last line of the log is only tentative: a writer that crashed
  // mid-line leaves it, and the next appender cuts it as a torn tail.
  // It is corruption only once something follows it.
  size_t line_start = buf_pos_ - line_size - 1;
  buf_pos_ = line_start;
  --line_no_;
  fill();  // compacts the buffer (the line now starts at buf_pos_) and reads anything newer
  auto end_of_line = buf_.find('\n', buf_pos_);
  bool more_after = end_of_line + 1 < buf_.size();
  if (!more_after && !newer_segment_exists()) return Next::end;
  buf_pos_ = end_of_line + 1;
  ++line_no_;
  return flag_corruption(std::move(reason));
}

LogReader::Next LogReader::deliver(Event& e, std::string_view line, Event& out) {
  if (e.seq <= last_seq_)
    return flag_corruption("seq " + std::to_string(e.seq) + " does not follow " +
                           std::to_string(last_seq_));
  if (e.seq != last_seq_ + 1 && !resync_ && !documented_gap(e, last_seq_)) {
    flag_corruption("seq jumps from " + std::to_string(last_seq_) + " to " +
                    std::to_string(e.seq) + " (events missing)");
    default_upcaster().upcast(e);
    raw_.assign(line);
    pending_event_ = std::move(e);
    return Next::corrupt;
  }
  resync_ = false;
  default_upcaster().upcast(e);
  raw_.assign(line);
  last_seq_ = e.seq;
  out = std::move(e);
  return Next::event;
}

Result<std::uint64_t> read_last_seq(const std::string& dir) {
  auto segs = read_log_layout(dir).chain;
  for (auto it = segs.rbegin(); it != segs.rend(); ++it) {
    auto path = segment_path(dir, *it);
    auto start = last_line_start(path, UINT64_MAX);
    if (!start) return start.error();
    // The seq sits at the start of the line: a short read is enough.
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (!fd.valid()) return make_error("cannot read " + path + ": " + errno_text(errno));
    char head[64];
    ssize_t n = ::pread(fd.get(), head, sizeof head, static_cast<off_t>(*start));
    if (n <= 0) continue;  // no complete line in this segment
    if (auto s = peek_seq(std::string_view(head, static_cast<size_t>(n)))) return *s;
  }
  return std::uint64_t{0};
}

}  // namespace ta::events
