#pragma once
// Running the reference test vectors (fixtures/reference/vectors/*.jsonl)
// through the screen classifiers. Each vector line holds an input capture,
// parameters and expectations; these helpers load them, put real temporary
// directories where the vectors say {WORKSPACE}, {ROOT}, {TMPDIR} or
// {GRANDPARENT}, and compare every expectation key with what we conclude.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/provider_profile.h"
#include "tests/support/temp_dir.h"

namespace ta::vectors {

using Json = nlohmann::json;

struct Vector {
  std::string category;  // the file's stem: "pane_states", …
  std::string id;
  Json input;
  Json params;
  Json expected;
};

// Every vector of fixtures/reference/vectors/<category>.jsonl, in file order.
std::vector<Vector> load_category(const std::string& category);

// Real directories standing in for the vectors' placeholders, laid out the
// way the vectors' notes describe (symlinks and foreign directories that
// "exist on disk" included).
class Sandbox {
 public:
  Sandbox();
  std::string substitute(const std::string& text) const;
  Json substitute(const Json& j) const;
  const std::string& workspace() const { return workspace_; }

 private:
  test::TempDir base_;
  std::string root_, workspace_, tmpdir_;
};

// What running one vector found: every expectation key that did not hold.
struct Outcome {
  std::vector<std::string> mismatches;
  bool passed() const { return mismatches.empty(); }
  std::string str() const;
};

// Compares expectations with actual values, and makes sure every key of
// `expected` is either compared or deliberately set aside.
class Expectations {
 public:
  explicit Expectations(const Json& expected) : expected_(expected) {}
  // Compares expected[key] (when present) with `actual`; "_min" keys and
  // "not_" keys are handled by their own calls.
  void equal(const std::string& key, const Json& actual);
  void at_least(const std::string& key, double actual);
  void near(const std::string& key, double actual);
  void contains(const std::string& key, const std::string& actual);
  void not_equal(const std::string& key, const Json& actual);
  void one_of(const std::string& key, const Json& actual);
  // Keys about the delivery machinery around the classifier (which tmux
  // command ran, buffer names…): not decided by a screen classifier.
  void set_aside(const std::string& key);
  Outcome finish();

 private:
  const Json& expected_;
  std::vector<std::string> seen_;
  Outcome out_;
};

// The profile a vector means: its provider, else the CLI its pane runs,
// else the patterns of every real CLI.
std::shared_ptr<const config::ProviderProfile> profile_for(const Json& params);

// Runs one vector of a category this project classifies.
Outcome run_vector(const Vector& v, const Sandbox& sandbox);

}  // namespace ta::vectors
