#pragma once
// Reading query results row by row, for the read-only queries over the
// projections: one loop over step() and one way to copy a run of text
// columns, instead of each query spelling them out.
#include <initializer_list>
#include <string>

#include "store/db.h"
#include "util/result.h"

namespace ta::store {

// Steps `st` to its end, handing each row to `on_row(st)`.
template <class F>
Status each_row(Statement& st, F&& on_row) {
  for (;;) {
    auto row = st.step();
    if (!row) return row.error();
    if (!*row) return ok_status();
    on_row(st);
  }
}

// Prepares `sql` (no parameters) and hands each row to `on_row(st)`.
template <class F>
Status each_row(Database& db, const char* sql, F&& on_row) {
  auto st = db.prepare(sql);
  if (!st) return st.error();
  return each_row(*st, on_row);
}

// Copies the text columns first, first+1, ... of the current row into `fields`, in order.
inline void text_columns(const Statement& st, int first, std::initializer_list<std::string*> fields) {
  for (std::string* f : fields) *f = st.column_text(first++);
}

}  // namespace ta::store
