#pragma once
// A small RAII layer over the SQLite C API: one connection, prepared
// statements, transactions. Every failure comes back as a ta::Error that
// names the database file and what SQLite said.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "util/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ta::store {

class Database;

// A prepared statement. Bind parameters are 1-based, columns 0-based, as in
// SQLite. Bound text must stay alive until the next reset() or step() ends
// the row: it is bound without copying.
class Statement {
 public:
  Statement() = default;
  Statement(Statement&& o) noexcept;
  Statement& operator=(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind_int(int index, std::int64_t value);
  Statement& bind_text(int index, std::string_view value);
  // Binds NULL when `value` is empty: the projections store "not set" as NULL.
  Statement& bind_text_or_null(int index, std::string_view value);
  Statement& bind_null(int index);

  // Advances to the next row: true when a row is available, false when done.
  Result<bool> step();
  // Steps to completion (for statements returning no rows), then resets.
  Status run();
  // Ready to run again; clears the bindings.
  void reset();

  int column_count() const;
  std::string column_name(int col) const;
  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL.
  int column_type(int col) const;
  bool column_is_null(int col) const;
  std::int64_t column_int(int col) const;
  double column_real(int col) const;
  std::string column_text(int col) const;  // "" for NULL
  std::string_view column_blob(int col) const;

  sqlite3_stmt* handle() const { return stmt_; }

 private:
  friend class Database;
  Statement(sqlite3_stmt* stmt, const Database* db) : stmt_(stmt), db_(db) {}
  Error failure(int rc) const;

  sqlite3_stmt* stmt_ = nullptr;
  const Database* db_ = nullptr;
};

struct OpenOptions {
  enum class Mode {
    // WAL, synchronous=NORMAL, busy_timeout: the live projection database.
    read_write,
    // mode=ro: a reader that never blocks the projector.
    read_only,
    // Throwaway speed for a database being built from the log and renamed
    // into place (or discarded): no fsync and no rollback journal, so a
    // failed transaction leaves it unusable. It is rebuilt from the log if a
    // crash or an error loses it.
    scratch,
  };
  Mode mode = Mode::read_write;
  int busy_timeout_ms = 5000;
};

class Database {
 public:
  // Opens (creating, mode 0600, unless read-only) the database at `path`.
  // ":memory:" opens a private in-memory database.
  static Result<std::unique_ptr<Database>> open(const std::string& path, OpenOptions opts = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements that return no rows.
  Status exec(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);
  // Runs a query that returns one integer (e.g. a count); nothing when no row.
  Result<std::int64_t> query_int(std::string_view sql, std::int64_t if_no_row = 0);
  bool table_exists(const std::string& name);
  // Rows changed by the last INSERT/UPDATE/DELETE.
  std::int64_t changes() const;
  // Whether a transaction is open on this connection.
  bool in_transaction() const;

  const std::string& path() const { return path_; }
  bool read_only() const { return opts_.mode == OpenOptions::Mode::read_only; }
  sqlite3* handle() const { return db_; }

  // "<what> in <path>: <sqlite message>" for the last failure on this connection.
  Error failure(std::string_view what, int rc) const;
  // Whether the failed call `rc` ran out of disk space.
  bool disk_full(int rc) const;

 private:
  Database(std::string path, OpenOptions opts) : path_(std::move(path)), opts_(opts) {}
  Status configure();

  std::string path_;
  OpenOptions opts_;
  sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE … COMMIT; rolls back on destruction unless committed.
class Transaction {
 public:
  static Result<Transaction> begin(Database& db);
  Transaction(Transaction&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();

  Status commit();
  void rollback();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_ = nullptr;
};

// Removes a database file and its -wal, -shm and -journal companions.
void remove_database_files(const std::string& path);

// The version of the SQLite library linked in, for `doctor`.
std::string sqlite_library_version();

// One sentence for a database write that found the disk full: where, what
// SQLite said, what to do.
std::string disk_full_sentence(const std::string& db_path, const std::string& said);

}  // namespace ta::store
