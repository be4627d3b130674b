#pragma once
// Reads a file of the shared reference fixtures (TEST_FIXTURES_DIR, set by
// CMake for the test binaries) for the classifier tests.
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace ta::test {

inline std::string reference_fixture(const std::string& relative) {
  std::string path = std::string(TEST_FIXTURES_DIR) + "/" + relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read fixture " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace ta::test
