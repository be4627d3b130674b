#pragma once
// Small pieces shared by the fold's handler files (store/fold*.cc).
#include <cstdint>
#include <initializer_list>
#include <string>

#include "events/event.h"
#include "store/db.h"
#include "util/result.h"

namespace ta::store::fold_helpers {

// Events carry "not set" as 0 for ids like pids; the projections store NULL.
inline void bind_int_or_null(Statement& st, int index, std::int64_t v) {
  if (v == 0)
    st.bind_null(index);
  else
    st.bind_int(index, v);
}

inline std::int64_t seq_of(const events::Event& e) { return static_cast<std::int64_t>(e.seq); }

// A string field of untyped event data, or "" when absent or not a string.
inline std::string text_field(const events::Json& data, const char* key) {
  auto it = data.find(key);
  return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Prepares each statement from its SQL, in order; the first failure stops it.
struct StatementSql {
  Statement* st;
  const char* sql;
};
inline Status prepare_each(Database& db, std::initializer_list<StatementSql> items) {
  for (const auto& item : items) {
    auto st = db.prepare(item.sql);
    if (!st) return st.error();
    *item.st = std::move(*st);
  }
  return ok_status();
}

}  // namespace ta::store::fold_helpers
