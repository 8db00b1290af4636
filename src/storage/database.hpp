#pragma once
//! The database: a pool of SOCI sessions on SQLite or PostgreSQL, and transactions over them.
//! Services see only Tx (opaque here) and the repository interfaces; SOCI stays inside storage/.

#include "core/config.hpp"
#include "core/error.hpp"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class connection_pool;
}

namespace danvan {

enum class Dialect { kSqlite, kPostgres };

class Tx;              // defined in storage/tx.hpp
class StatementCache;  // defined in storage/statement_cache.hpp

enum class TxMode {
  kRead,   //!< a read-only snapshot
  kSingleRead,  //!< exactly one read statement: no BEGIN/COMMIT, the statement is its own snapshot
  kWrite,  //!< takes the write lock at once (SQLite BEGIN IMMEDIATE), so writers never deadlock
  kDryRun,  //!< as kWrite, but always rolled back: to report what a change would do
};

class Database {
 public:
  //! Opens the pool for `sqlite:PATH` (creating the file and its folder) or `postgresql://…`.
  static Result<std::unique_ptr<Database>> Open(const DatabaseConfig& config);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return dialect_; }
  //! The URL with any password removed, for logs.
  const std::string& display_url() const { return display_url_; }
  //! The SQLite file's path, empty for PostgreSQL.
  const std::string& sqlite_path() const { return sqlite_path_; }

  //! Runs fn in a transaction; commits when it returns ok, rolls back otherwise.
  //! Database failures come back as kUnavailable or kConflict errors, never as exceptions.
  Status Run(TxMode mode, const std::function<Status(Tx&)>& fn);

  template <class T>
  Result<T> Run(TxMode mode, const std::function<Result<T>(Tx&)>& fn) {
    std::optional<Result<T>> out;
    auto st = Run(mode, [&](Tx& tx) -> Status {
      out.emplace(fn(tx));
      if (!out->ok()) return Error(out->error());
      return OkStatus();
    });
    if (!st) return std::move(st).error();
    return std::move(*out);
  }

  //! A trivial round trip, for readiness checks.
  Status Ping();

  int pool_size() const { return pool_size_; }
  //! Statements sent to the database so far (BEGIN and COMMIT included): tests use it to prove that a
  //! list costs a fixed number of queries.
  int64_t statements_run() const { return statements_.load(std::memory_order_relaxed); }
  int pool_in_use() const { return in_use_.load(std::memory_order_relaxed); }

 private:
  Database() = default;

  Dialect dialect_ = Dialect::kSqlite;
  std::string display_url_;
  std::string sqlite_path_;
  int pool_size_ = 0;
  std::atomic<int> in_use_{0};
  std::atomic<int64_t> statements_{0};
  std::unique_ptr<soci::connection_pool> pool_;
  std::vector<std::unique_ptr<StatementCache>> caches_;  //!< one per pooled connection, by pool position
};

}  // namespace danvan
