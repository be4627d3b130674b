#include "mcp/line_splitter.h"

namespace ta::mcp {

std::vector<Line> LineSplitter::feed(std::string_view data) {
  std::vector<Line> out;
  while (!data.empty()) {
    size_t nl = data.find('\n');
    std::string_view piece = data.substr(0, nl);
    if (dropping_ > 0) {
      dropping_ += piece.size();
    } else if (partial_.size() + piece.size() > limit_) {
      dropping_ = partial_.size() + piece.size();
      partial_.clear();
      partial_.shrink_to_fit();
    } else {
      partial_.append(piece);
    }
    if (nl == std::string_view::npos) break;
    if (dropping_ > 0) {
      out.push_back(Line{"", dropping_});
      dropping_ = 0;
    } else {
      out.push_back(Line{std::move(partial_), 0});
      partial_.clear();
    }
    data.remove_prefix(nl + 1);
  }
  return out;
}

std::vector<Line> LineSplitter::finish() {
  std::vector<Line> out;
  if (dropping_ > 0) out.push_back(Line{"", dropping_});
  else if (!partial_.empty()) out.push_back(Line{std::move(partial_), 0});
  partial_.clear();
  dropping_ = 0;
  return out;
}

}  // namespace ta::mcp
