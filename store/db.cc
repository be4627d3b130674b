#include "store/db.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "util/fs.h"

namespace ta::store {

// Statement ------------------------------------------------------------------

Statement::Statement(Statement&& o) noexcept : stmt_(o.stmt_), db_(o.db_) {
  o.stmt_ = nullptr;
}

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    stmt_ = o.stmt_;
    db_ = o.db_;
    o.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind_int(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind_text(int index, std::string_view value) {
  // SQLITE_STATIC: callers keep the text alive for the statement's run.
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::bind_text_or_null(int index, std::string_view value) {
  if (value.empty()) return bind_null(index);
  return bind_text(index, value);
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Error Statement::failure(int rc) const {
  const char* sql = sqlite3_sql(stmt_);
  std::string what = "statement \"" + std::string(sql ? sql : "?").substr(0, 60) + "\" failed";
  return db_->failure(what, rc);
}

Result<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  auto err = failure(rc);
  sqlite3_reset(stmt_);
  return err;
}

Status Statement::run() {
  for (;;) {
    auto r = step();
    if (!r) {
      reset();
      return r.error();
    }
    if (!*r) break;
  }
  reset();
  return ok_status();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int Statement::column_count() const { return sqlite3_column_count(stmt_); }

std::string Statement::column_name(int col) const {
  const char* n = sqlite3_column_name(stmt_, col);
  return n ? n : "";
}

int Statement::column_type(int col) const { return sqlite3_column_type(stmt_, col); }

bool Statement::column_is_null(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

std::int64_t Statement::column_int(int col) const { return sqlite3_column_int64(stmt_, col); }

double Statement::column_real(int col) const { return sqlite3_column_double(stmt_, col); }

std::string Statement::column_text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  if (!t) return {};
  return std::string(reinterpret_cast<const char*>(t),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::string_view Statement::column_blob(int col) const {
  const void* b = sqlite3_column_blob(stmt_, col);
  if (!b) return {};
  return std::string_view(static_cast<const char*>(b),
                          static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

// Database -------------------------------------------------------------------

namespace {

// SQLite gives its -wal and -shm files the main file's permissions, so
// creating the main file 0600 first keeps all three private.
// Never through a link: a planted state.db link would make SQLite write, and
// this chmod widen or narrow, a file outside the workspace.
Status create_private_file(const std::string& path) {
  auto fd = open_regular_no_follow(path, O_WRONLY | O_CREAT);
  if (!fd) return fd.error();
  struct stat st {};
  // An older file may be wider; fchmod acts on what was opened, not on a name.
  if (::fstat(fd->get(), &st) == 0 && (st.st_mode & 077) != 0 && st.st_uid == ::geteuid())
    ::fchmod(fd->get(), 0600);
  return ok_status();
}

// SQLite opens these beside the database by name: none may be a link either.
Status check_database_files(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    if (auto st = check_regular_or_absent(path + suffix); !st) return st;
  return ok_status();
}

// Memory statistics put a global mutex on every SQLite allocation; nothing
// here reads them. This only takes effect before SQLite's first use in the
// process, and is harmless (SQLITE_MISUSE, ignored) after it.
void configure_sqlite_once() {
  static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)configured;
}

}  // namespace

Result<std::unique_ptr<Database>> Database::open(const std::string& path, OpenOptions opts) {
  configure_sqlite_once();
  bool memory = path == ":memory:";
  int flags = SQLITE_OPEN_NOMUTEX;
#ifdef SQLITE_OPEN_NOFOLLOW
  flags |= SQLITE_OPEN_NOFOLLOW;
#endif
  if (!memory) {
    if (auto st = check_database_files(path); !st) return st.error();
  }
  if (opts.mode == OpenOptions::Mode::read_only) {
    if (!memory && !file_exists(path))
      return make_error("the projection database " + path + " does not exist yet");
    flags |= SQLITE_OPEN_READONLY;
  } else {
    flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (!memory) {
      if (auto st = create_private_file(path); !st) return st.error();
    }
  }
  std::unique_ptr<Database> db(new Database(path, opts));
  int rc = sqlite3_open_v2(path.c_str(), &db->db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db->db_ ? sqlite3_errmsg(db->db_) : sqlite3_errstr(rc);
    return make_error("cannot open the database " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db->db_, 1);
  if (auto st = db->configure(); !st) return st.error();
  return db;
}

Status Database::configure() {
  sqlite3_busy_timeout(db_, opts_.busy_timeout_ms);
  switch (opts_.mode) {
    case OpenOptions::Mode::read_write:
      return exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768;");
    case OpenOptions::Mode::read_only:
      return ok_status();
    case OpenOptions::Mode::scratch:
      return exec(
          "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;"
          "PRAGMA temp_store=MEMORY;");
  }
  return ok_status();
}

Database::~Database() { sqlite3_close_v2(db_); }

Error Database::failure(std::string_view what, int rc) const {
  std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  if ((rc & 0xff) == SQLITE_BUSY)
    msg += " (another process holds the database; retry when it is done)";
  if (disk_full(rc)) return make_error(disk_full_sentence(path_, msg));
  return make_error(std::string(what) + " in " + path_ + ": " + msg);
}

bool Database::disk_full(int rc) const {
  // SQLite reports a write that hit ENOSPC as a plain "disk I/O error";
  // the errno it saw says what really happened.
  int err = db_ ? sqlite3_system_errno(db_) : 0;
  return (rc & 0xff) == SQLITE_FULL || err == ENOSPC || err == EDQUOT;
}

std::string disk_full_sentence(const std::string& db_path, const std::string& said) {
  auto slash = db_path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : db_path.substr(0, slash);
  return "the disk holding " + dir + " is full (SQLite: " + said + " in " + db_path +
         "); free space there and run the command again: the event log keeps every accepted "
         "event, and state.db is rebuilt from it";
}

Status Database::exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return ok_status();
  std::string msg = err ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  if (disk_full(rc)) return make_error(disk_full_sentence(path_, msg));
  return make_error("\"" + s.substr(0, 60) + "\" failed in " + path_ + ": " + msg);
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK)
    return failure("cannot prepare \"" + std::string(sql.substr(0, 60)) + "\"", rc);
  return Statement(stmt, this);
}

Result<std::int64_t> Database::query_int(std::string_view sql, std::int64_t if_no_row) {
  auto st = prepare(sql);
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return if_no_row;
  return st->column_int(0);
}

bool Database::table_exists(const std::string& name) {
  auto st = prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?1");
  if (!st) return false;
  st->bind_text(1, name);
  auto row = st->step();
  return row.ok() && *row;
}

std::int64_t Database::changes() const { return sqlite3_changes64(db_); }

bool Database::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

// Transaction ----------------------------------------------------------------

Result<Transaction> Transaction::begin(Database& db) {
  if (auto st = db.exec("BEGIN IMMEDIATE"); !st) return st.error();
  return Transaction(&db);
}

Transaction::~Transaction() { rollback(); }

Status Transaction::commit() {
  if (!db_) return make_error("transaction already finished");
  auto st = db_->exec("COMMIT");
  if (!st) {
    rollback();
    return st;
  }
  db_ = nullptr;
  return ok_status();
}

void Transaction::rollback() {
  if (!db_) return;
  if (db_->in_transaction()) (void)db_->exec("ROLLBACK");
  db_ = nullptr;
}

void remove_database_files(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) ::unlink((path + suffix).c_str());
}

std::string sqlite_library_version() { return sqlite3_libversion(); }

}  // namespace ta::store
