#include "store/event_stream.h"

namespace ta::store {

namespace {

constexpr std::uint64_t kInlineEvents = 4096;  // read on the caller's thread first
constexpr size_t kChunkEvents = 1024;
constexpr size_t kMaxQueuedChunks = 8;  // bounds memory when folding is the slower side

}  // namespace

EventStream::EventStream(std::string events_dir, std::uint64_t after_seq, bool skip_corrupt)
    : reader_(std::move(events_dir)), after_seq_(after_seq), skip_corrupt_(skip_corrupt) {}

EventStream::~EventStream() {
  {
    std::lock_guard<std::mutex> lk(mu_);
    stop_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Status EventStream::open() { return reader_.seek_after(after_seq_); }

EventStream::Next EventStream::read_one(events::Event& out,
                                        std::vector<events::Corruption>& skipped,
                                        events::Corruption& stop) {
  for (;;) {
    auto n = reader_.next(out);
    if (n == events::LogReader::Next::end) return Next::end;
    if (n == events::LogReader::Next::event) {
      // The reader passes over seqs up to the seek point; never hand them out.
      if (out.seq <= after_seq_) continue;
      return Next::event;
    }
    const auto& c = reader_.corruption();
    // The reader also reports bad lines it passes while seeking; a line
    // before after_seq was already stepped over by the fold that got there.
    if (c.expected_seq > after_seq_) {
      if (!skip_corrupt_) {
        stop = c;
        return Next::corrupt;
      }
      skipped.push_back(c);
    }
    reader_.skip_corrupt();
  }
}

EventStream::Next EventStream::next(events::Event& out) {
  if (!thread_.joinable()) {
    if (delivered_ < kInlineEvents) {
      auto n = read_one(out, skipped_, stopped_at_);
      if (n == Next::event) ++delivered_;
      return n;
    }
    start_read_ahead();
  }
  for (;;) {
    if (current_valid_) {
      if (current_pos_ < current_.events.size()) {
        out = std::move(current_.events[current_pos_++]);
        return Next::event;
      }
      if (current_.last) {
        // The thread has finished; the stream stays at its end.
        if (*current_.last == Next::corrupt) stopped_at_ = current_.corruption;
        return *current_.last;
      }
      current_valid_ = false;
    }
    {
      std::unique_lock<std::mutex> lk(mu_);
      changed_.wait(lk, [this] { return !queue_.empty(); });
      current_ = std::move(queue_.front());
      queue_.pop_front();
    }
    changed_.notify_all();
    current_pos_ = 0;
    current_valid_ = true;
    skipped_.insert(skipped_.end(), current_.skipped.begin(), current_.skipped.end());
  }
}

void EventStream::start_read_ahead() {
  thread_ = std::thread([this] { read_ahead(); });
}

void EventStream::read_ahead() {
  for (;;) {
    Chunk chunk;
    chunk.events.reserve(kChunkEvents);
    while (chunk.events.size() < kChunkEvents) {
      events::Event e;
      auto n = read_one(e, chunk.skipped, chunk.corruption);
      if (n != Next::event) {
        chunk.last = n;
        break;
      }
      chunk.events.push_back(std::move(e));
    }
    bool finished = chunk.last.has_value();
    {
      std::unique_lock<std::mutex> lk(mu_);
      changed_.wait(lk, [this] { return stop_ || queue_.size() < kMaxQueuedChunks; });
      if (stop_) return;
      queue_.push_back(std::move(chunk));
    }
    changed_.notify_all();
    if (finished) return;
  }
}

}  // namespace ta::store
