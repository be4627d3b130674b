#include "util/strings.h"

namespace ta {

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

std::vector<std::string> split_fields(std::string_view line, char separator,
                                      std::size_t max_fields) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (out.size() + 1 < max_fields) {
    auto at = line.find(separator, start);
    if (at == std::string_view::npos) break;
    out.emplace_back(line.substr(start, at - start));
    start = at + 1;
  }
  if (max_fields > 0) out.emplace_back(line.substr(start));
  return out;
}

}  // namespace ta
