#pragma once
// Small helpers many test files need: shared, so that no two test files
// define the same name (unity builds compile several of them as one).
#include <filesystem>
#include <fstream>
#include <string>

namespace ta::test {

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Writes `text` to `path` (its directories made first), replacing what was there.
inline void write_text_file(const std::string& path, const std::string& text) {
  const auto dir = std::filesystem::path(path).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

}  // namespace ta::test
