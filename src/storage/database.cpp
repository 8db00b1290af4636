#include "storage/database.hpp"

#include "storage/constraint_errors.hpp"
#include "storage/statement_cache.hpp"
#include "storage/tx.hpp"

#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <functional>
#include <mutex>

namespace danvan {
namespace sql {
// SQLite's transaction control, prepared once per connection like any other statement.
inline constexpr std::string_view kBegin = "BEGIN";
inline constexpr std::string_view kBeginImmediate = "BEGIN IMMEDIATE";
inline constexpr std::string_view kCommit = "COMMIT";
inline constexpr std::string_view kRollback = "ROLLBACK";
}  // namespace sql

namespace {

Error Unavailable(const std::string& what) {
  return MakeError(ErrorKind::kUnavailable, "database_unavailable",
                   "Cơ sở dữ liệu tạm thời không phục vụ được, vui lòng thử lại.",
                   "The database cannot serve the request now; please try again.")
      .WithDetail("reason", boost::json::string(what));
}

std::string HidePassword(const std::string& url) {
  // postgresql://user:secret@host/db → postgresql://user:***@host/db
  const auto scheme = url.find("://");
  const auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

// Keeps the pool's in-use count right however the scope is left.
class Lease {
 public:
  explicit Lease(std::atomic<int>& n) : n_(n) { n_.fetch_add(1, std::memory_order_relaxed); }
  ~Lease() { n_.fetch_sub(1, std::memory_order_relaxed); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

 private:
  std::atomic<int>& n_;
};

// Counts statements through SOCI's logger hook.
class CountingLogger final : public soci::logger_impl {
 public:
  explicit CountingLogger(std::atomic<int64_t>& n) : n_(n) {}
  void start_query(std::string const&) override { n_.fetch_add(1, std::memory_order_relaxed); }

 private:
  logger_impl* do_clone() const override { return new CountingLogger(n_); }
  std::atomic<int64_t>& n_;
};

}  // namespace

void Tx::ExecuteScript(const std::string& sql) {
  if (dialect_ == Dialect::kSqlite) {
    auto* backend = static_cast<soci::sqlite3_session_backend*>(session_.get_backend());
    char* message = nullptr;
    if (sqlite_api::sqlite3_exec(backend->conn_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : "unknown error";
      sqlite_api::sqlite3_free(message);
      throw soci::soci_error(text);
    }
    return;
  }
  auto* backend = static_cast<soci::postgresql_session_backend*>(session_.get_backend());
  PGresult* result = PQexec(backend->conn_, sql.c_str());
  const auto status = PQresultStatus(result);
  std::string text = PQresultErrorMessage(result);
  PQclear(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw soci::soci_error(text);
}

Result<std::unique_ptr<Database>> Database::Open(const DatabaseConfig& config) {
  // SQLite's memory statistics take one process-wide mutex on every allocation: workers queue on it
  // (docs/performance.md). Off, once, before SQLite initialises; later calls are refused harmlessly.
  // Multi-thread mode drops SQLite's per-connection mutexes: a connection is only ever used by the one thread
  // that holds it from the pool (and the backup's by its own), which is what that mode asks.
  static std::once_flag sqlite_configured;
  std::call_once(sqlite_configured, [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  });
  std::unique_ptr<Database> db(new Database());
  const std::string& url = config.url;
  db->display_url_ = HidePassword(url);
  db->pool_size_ = config.pool_size;
  std::string connect;
  const soci::backend_factory* backend = nullptr;
  if (url.rfind("sqlite:", 0) == 0) {
    db->dialect_ = Dialect::kSqlite;
    db->sqlite_path_ = url.substr(std::string_view("sqlite:").size());
    if (db->sqlite_path_.rfind("//", 0) == 0) db->sqlite_path_ = db->sqlite_path_.substr(2);
    if (db->sqlite_path_.empty())
      return MakeError(ErrorKind::kInvalidInput, "invalid_database_url", "Đường dẫn tệp SQLite trống.",
                       "The SQLite file path is empty.");
    std::error_code ec;
    const auto parent = std::filesystem::path(db->sqlite_path_).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    connect = "dbname=\"" + db->sqlite_path_ + "\"";
    backend = &soci::sqlite3;
  } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    db->dialect_ = Dialect::kPostgres;
    // SOCI 4.0 mangles some URIs ("postgresql:///"): let libpq parse it into keyword=value form.
    char* message = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &message);
    if (!options) {
      std::string why = message ? message : "cannot parse";
      PQfreemem(message);
      return MakeError(ErrorKind::kInvalidInput, "invalid_database_url", "Địa chỉ PostgreSQL không hợp lệ.",
                       "Invalid PostgreSQL URL.")
          .WithDetail("reason", boost::json::string(why));
    }
    for (PQconninfoOption* o = options; o->keyword; ++o) {
      if (!o->val) continue;
      std::string value;
      for (const char* c = o->val; *c; ++c) {
        if (*c == '\\' || *c == '\'') value.push_back('\\');
        value.push_back(*c);
      }
      connect += std::string(o->keyword) + "='" + value + "' ";
    }
    PQconninfoFree(options);
    if (connect.empty()) connect = "application_name='danvan'";
    backend = &soci::postgresql;
  } else {
    return MakeError(ErrorKind::kInvalidInput, "invalid_database_url",
                     "Địa chỉ cơ sở dữ liệu phải bắt đầu bằng sqlite: hoặc postgresql://",
                     "The database URL must start with sqlite: or postgresql://")
        .WithDetail("url", boost::json::string(db->display_url_));
  }

  db->pool_ = std::make_unique<soci::connection_pool>(static_cast<size_t>(config.pool_size));
  try {
    for (int i = 0; i < config.pool_size; ++i) {
      soci::session& s = db->pool_->at(static_cast<size_t>(i));
      s.open(*backend, connect);
      s.set_logger(new CountingLogger(db->statements_));
      db->caches_.push_back(std::make_unique<StatementCache>(s, db->dialect_));
      if (db->dialect_ == Dialect::kSqlite) {
        // The busy timeout first: switching to (or confirming) WAL reads the database and can meet a lock held by
        // another process (a server beside a command), which must be waited for, not failed at once.
        s << "PRAGMA busy_timeout = " + std::to_string(config.busy_timeout.count());
        // WAL lets readers run beside the writer; FULL makes an acknowledged commit survive power loss.
        s << "PRAGMA journal_mode = WAL";
        s << "PRAGMA synchronous = FULL";
        s << "PRAGMA foreign_keys = ON";
        // Negative: a size in KiB. The pages of a hot read stay; the rest is in the OS's file cache anyway.
        s << "PRAGMA cache_size = -" + std::to_string(config.sqlite_cache_kib);
      } else {
        s << "SET TIME ZONE 'UTC'";
        s << "SET client_min_messages = warning";
      }
    }
  } catch (const std::exception& e) {
    return MakeError(ErrorKind::kUnavailable, "database_unavailable",
                     "Không kết nối được cơ sở dữ liệu " + db->display_url_,
                     "Cannot connect to the database " + db->display_url_)
        .WithDetail("reason", boost::json::string(e.what()));
  }
  return db;
}

Database::~Database() = default;

Status Database::Run(TxMode mode, const std::function<Status(Tx&)>& fn) {
  Lease lease(in_use_);
  const std::size_t position = pool_->lease();
  // Hands the connection back however the scope is left.
  std::unique_ptr<soci::connection_pool, std::function<void(soci::connection_pool*)>> give_back(
      pool_.get(), [position](soci::connection_pool* pool) { pool->give_back(position); });
  soci::session& session = pool_->at(position);
  Tx tx(session, dialect_, *caches_[position], statements_);
  const bool sqlite = dialect_ == Dialect::kSqlite;
  bool open = false;
  try {
    if (mode == TxMode::kSingleRead) return fn(tx);  // autocommit: the one statement is its own transaction
    if (sqlite) {
      tx.Exec(mode == TxMode::kRead ? sql::kBegin : sql::kBeginImmediate);
    } else {
      session << (mode == TxMode::kRead ? "BEGIN READ ONLY" : "BEGIN");
    }
    open = true;
    Status st = fn(tx);
    const bool commit = st.ok() && mode != TxMode::kDryRun;
    if (sqlite) {
      tx.Exec(commit ? sql::kCommit : sql::kRollback);
    } else {
      session << (commit ? "COMMIT" : "ROLLBACK");
    }
    return st;
  } catch (const soci::soci_error& e) {
    if (open) {
      try {
        session << "ROLLBACK";
      } catch (const std::exception&) {
        // The connection may be gone; the server rolls the transaction back itself.
      }
    }
    if (auto mapped = ErrorForConstraint(e.what())) return std::move(*mapped);
    spdlog::error("database error: {}", e.what());
    return Unavailable(e.what());
  }
}

Status Database::Ping() {
  return Run(TxMode::kRead, [](Tx& tx) -> Status {
    int one = 0;
    tx.session() << "SELECT 1", soci::into(one);
    return OkStatus();
  });
}

}  // namespace danvan
