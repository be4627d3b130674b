// Canonical dumps and row-by-row comparison of the projection tables
// (declared in store/replay.h).
#include <sqlite3.h>

#include <cstdio>

#include "events/event.h"
#include "store/replay.h"
#include "store/schema.h"

namespace ta::store {

namespace {

std::string render_value(const Statement& st, int col) {
  switch (st.column_type(col)) {
    case SQLITE_NULL:
      return "null";
    case SQLITE_INTEGER:
      return std::to_string(st.column_int(col));
    case SQLITE_FLOAT: {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.17g", st.column_real(col));
      return buf;
    }
    case SQLITE_BLOB: {
      static const char* hex = "0123456789abcdef";
      std::string out = "x'";
      for (unsigned char c : st.column_blob(col)) {
        out += hex[c >> 4];
        out += hex[c & 15];
      }
      return out + "'";
    }
    default:
      return events::Json(st.column_text(col))
          .dump(-1, ' ', false, events::Json::error_handler_t::replace);
  }
}

// Orders two values the way SQLite's ORDER BY does with BINARY collation:
// NULL, then numbers, then text, then blobs.
int compare_values(const Statement& a, const Statement& b, int col) {
  auto rank = [](int type) {
    switch (type) {
      case SQLITE_NULL: return 0;
      case SQLITE_INTEGER:
      case SQLITE_FLOAT: return 1;
      case SQLITE_TEXT: return 2;
      default: return 3;
    }
  };
  int ta = a.column_type(col), tb = b.column_type(col);
  if (rank(ta) != rank(tb)) return rank(ta) < rank(tb) ? -1 : 1;
  switch (rank(ta)) {
    case 0:
      return 0;
    case 1: {
      if (ta == SQLITE_INTEGER && tb == SQLITE_INTEGER) {
        auto x = a.column_int(col), y = b.column_int(col);
        return x < y ? -1 : x > y ? 1 : 0;
      }
      double x = a.column_real(col), y = b.column_real(col);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    default: {
      auto bytes = [col](const Statement& s, int type) {
        return type == SQLITE_TEXT ? s.column_text(col) : std::string(s.column_blob(col));
      };
      // char_traits<char>::compare orders bytes as unsigned, like memcmp.
      int c = bytes(a, ta).compare(bytes(b, tb));
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
  }
}

std::string quote_ident(const std::string& name) { return "\"" + name + "\""; }

// A table's rows in primary key order, with the key columns' positions.
struct OrderedRows {
  Statement st;
  std::vector<std::string> columns;
  std::vector<int> key_cols;
};

Result<OrderedRows> select_ordered(Database& db, const TableInfo& info) {
  std::string order;
  for (auto& k : info.primary_key) order += (order.empty() ? "" : ", ") + quote_ident(k);
  auto st = db.prepare("SELECT * FROM " + quote_ident(info.name) + " ORDER BY " + order);
  if (!st) return st.error();
  OrderedRows out{std::move(*st), {}, {}};
  for (int c = 0; c < out.st.column_count(); ++c) out.columns.push_back(out.st.column_name(c));
  for (auto& k : info.primary_key)
    for (size_t c = 0; c < out.columns.size(); ++c)
      if (out.columns[c] == k) out.key_cols.push_back(static_cast<int>(c));
  return out;
}

// "msg_abc" or "msg_abc/2": key parts shown bare, since they name the row.
std::string row_key(const OrderedRows& r) {
  std::string key;
  for (int c : r.key_cols) {
    if (!key.empty()) key += '/';
    key += r.st.column_type(c) == SQLITE_TEXT ? r.st.column_text(c) : render_value(r.st, c);
  }
  return key;
}

// Runs `body` inside a read transaction unless one is already open.
template <class F>
auto in_read_transaction(Database& db, F body) -> decltype(body()) {
  bool own = !db.in_transaction();
  if (own) {
    if (auto st = db.exec("BEGIN"); !st) return st.error();
  }
  auto result = body();
  if (own) (void)db.exec("COMMIT");
  return result;
}

}  // namespace

Result<std::string> dump_tables(Database& db) {
  return in_read_transaction(db, [&]() -> Result<std::string> {
    std::string out;
    for (const auto& info : projection_tables()) {
      auto rows = select_ordered(db, info);
      if (!rows) return rows.error();
      out += "# " + info.name + " (";
      for (size_t c = 0; c < rows->columns.size(); ++c) out += (c ? ", " : "") + rows->columns[c];
      out += ")\n";
      for (;;) {
        auto row = rows->st.step();
        if (!row) return row.error();
        if (!*row) break;
        for (int c = 0; c < rows->st.column_count(); ++c) {
          if (c) out += '\t';
          out += render_value(rows->st, c);
        }
        out += '\n';
      }
    }
    return out;
  });
}

Result<std::uint64_t> projected_seq(Database& db) {
  auto meta = read_meta(db);
  if (!meta) return meta.error();
  return *meta ? (*meta)->last_seq : 0;
}

Result<std::vector<std::string>> diff(Database& live, Database& replay) {
  using Lines = std::vector<std::string>;
  return in_read_transaction(live, [&]() -> Result<Lines> {
    return in_read_transaction(replay, [&]() -> Result<Lines> {
      Lines out;
      for (const auto& info : projection_tables()) {
        auto l = select_ordered(live, info);
        if (!l) return l.error();
        auto r = select_ordered(replay, info);
        if (!r) return r.error();
        if (l->columns != r->columns) {
          out.push_back(info.name + ": columns differ (the live database has another schema)");
          continue;
        }
        auto lrow = l->st.step();
        auto rrow = r->st.step();
        for (;;) {
          if (!lrow) return lrow.error();
          if (!rrow) return rrow.error();
          if (!*lrow && !*rrow) break;
          int cmp = 0;
          if (!*lrow) {
            cmp = 1;
          } else if (!*rrow) {
            cmp = -1;
          } else {
            for (int c : l->key_cols)
              if ((cmp = compare_values(l->st, r->st, c)) != 0) break;
          }
          if (cmp < 0) {
            out.push_back(info.name + " " + row_key(*l) + ": row only in live");
            lrow = l->st.step();
            continue;
          }
          if (cmp > 0) {
            out.push_back(info.name + " " + row_key(*r) + ": row only in replay");
            rrow = r->st.step();
            continue;
          }
          for (size_t c = 0; c < l->columns.size(); ++c) {
            std::string lv = render_value(l->st, static_cast<int>(c));
            std::string rv = render_value(r->st, static_cast<int>(c));
            if (lv != rv)
              out.push_back(info.name + " " + row_key(*l) + ": " + l->columns[c] + ": live " +
                            lv + " vs replay " + rv);
          }
          lrow = l->st.step();
          rrow = r->st.step();
        }
      }
      return out;
    });
  });
}

}  // namespace ta::store
