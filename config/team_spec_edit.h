#pragma once
// Edits of a team spec's text for `add-agent` and `remove-agent`: one
// worker added to or removed from "agents", everything else kept in its
// order, and the result validated as a whole before anyone writes it.
#include <string>
#include <string_view>

#include "config/team_spec.h"
#include "util/result.h"

namespace ta::config {

struct NewWorker {
  std::string id;
  std::string provider;
  std::string role;   // empty: none
  std::string model;  // empty: the provider's default
};

// The spec text with `w` appended to "agents". An Error (code 2) when the
// id is taken or unsafe, or the result is not a valid spec (an unknown
// provider, …): one sentence saying why.
Result<std::string> spec_with_worker(std::string_view text, const NewWorker& w);

// The spec text without the worker `id`. An Error when it is not a worker.
Result<std::string> spec_without_worker(std::string_view text, const std::string& id);

}  // namespace ta::config
