#pragma once
// The shape of a team asked for on the command line rather than written by
// hand: `init --leader claude --workers codex:2,claude:1` and the quick
// start (`team-agent claude [ARGS…]`). Pure: the worker list parsed and
// named, the team named after its folder, and the spec text that results.
#include <string>
#include <vector>

#include "util/result.h"

namespace ta::ops {

// "codex:2" — two workers of one provider.
struct WorkerGroup {
  std::string provider;
  int count = 1;
};

// The most workers one --workers group may ask for; more is taken for a typo.
inline constexpr int kMaxWorkersPerGroup = 50;

// Each item is one --workers value, itself a comma separated list of
// PROVIDER[:COUNT]. An Error (exit 2) saying in one sentence what is wrong
// with the first bad entry (an unknown provider, a count that is no number
// or out of 1..kMaxWorkersPerGroup, an empty entry).
Result<std::vector<WorkerGroup>> parse_workers(const std::vector<std::string>& items);

// The workers' ids: PROVIDER-N, numbered per provider across the groups in
// order (codex:1,claude:1,codex:1 → codex-1, claude-1, codex-2).
struct NamedWorker {
  std::string id;
  std::string provider;
};
std::vector<NamedWorker> name_workers(const std::vector<WorkerGroup>& groups);

// A team name (1-32 of [a-z0-9_-]) from a folder's path: its last component
// lower-cased, any other character made '-', runs of '-' folded, trimmed;
// "team" when nothing is left.
std::string team_name_for_folder(const std::string& path);

struct TeamShape {
  std::string team;
  std::string leader_provider;
  std::vector<std::string> leader_args;  // passed on to the leader's CLI
  std::vector<WorkerGroup> workers;
};

// The team.json text of `shape` (2-space JSON ending in a newline).
std::string team_shape_text(const TeamShape& shape);

}  // namespace ta::ops
