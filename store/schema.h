#pragma once
// Schema v1 of the SQLite projections (.team/state.db). Every column is
// computed by the fold from event fields alone, so a rebuild from the log
// reproduces the database row for row.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "util/result.h"

namespace ta::store {

// Bump whenever the fold computes any row differently: a live database with
// another fold version is rebuilt from the log when a projector opens it.
constexpr int kFoldVersion = 10;

// Message states, in the order `status` lists them.
inline constexpr const char* kMessageStates[] = {"accepted", "deferred", "submitted", "failed",
                                                 "acknowledged"};

struct TableInfo {
  std::string name;
  std::vector<std::string> primary_key;  // columns, in key order
};

// Every projection table, in dump order.
const std::vector<TableInfo>& projection_tables();

// Creates the tables and indexes that do not exist yet, and the
// projection_meta row (last_seq 0, kFoldVersion) when missing.
Status create_schema(Database& db);
// Drops every table and index in the database, including ones older
// schemas had, so create_schema starts from nothing.
Status drop_all_tables(Database& db);

struct ProjectionMeta {
  std::uint64_t last_seq = 0;
  int fold_version = 0;
  std::string last_ts;  // ts of the event at last_seq
  std::string last_hash;  // its fingerprint; empty when not recorded (older fold versions)
};

// Reads projection_meta; nothing when the database has no projections yet.
Result<std::optional<ProjectionMeta>> read_meta(Database& db);

}  // namespace ta::store
