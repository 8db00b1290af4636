#pragma once
//! A transaction in progress; only storage/ code includes this (it brings SOCI).

#include "storage/database.hpp"
#include "storage/row.hpp"
#include "storage/statement_cache.hpp"

#include <soci/soci.h>

#include <atomic>
#include <memory>
#include <string_view>

namespace danvan {

class Tx {
 public:
  Tx(soci::session& session, Dialect dialect, StatementCache& cache, std::atomic<int64_t>& statements)
      : session_(session), dialect_(dialect), cache_(cache), statements_(statements) {}
  soci::session& session() { return session_; }
  Dialect dialect() const { return dialect_; }

  //! Runs a script of several statements (migrations) through the driver's own API.
  void ExecuteScript(const std::string& sql);

  //! Runs a named query through the connection's prepared-statement cache and returns its rows. The argument
  //! types are the parameter types (int64_t, std::string, std::optional<…>); pass no temporaries of other types.
  template <class... A>
  Cursor Query(std::string_view sql, const A&... args) {
    return Run<A...>(sql, true, args...);
  }

  //! The same for a statement without rows (UPDATE, DELETE, transaction control).
  template <class... A>
  void Exec(std::string_view sql, const A&... args) {
    Run<A...>(sql, false, args...);
  }

 private:
  template <class... A>
  Cursor Run(std::string_view sql, bool rows, const A&... args) {
    using Entry = detail::CachedStatement<A...>;
    detail::CachedStatementBase* entry = cache_.Find<A...>(sql, rows);
    std::unique_ptr<detail::CachedStatementBase> own;
    if (entry->busy) {
      // The same SQL is still being read (a nested use): a statement of its own, prepared (and counted) now.
      own = std::make_unique<Entry>(session_, sql, rows);
      entry = own.get();
    } else if (entry->executed) {
      // The session's logger counts a statement when it is prepared; a re-run of a cached one counts here.
      statements_.fetch_add(1, std::memory_order_relaxed);
    }
    entry->executed = true;
    static_cast<Entry*>(entry)->Set(args...);
    entry->busy = true;
    Cursor cursor(&cache_, entry, std::move(own));
    entry->statement().execute(!rows);
    return cursor;
  }

  soci::session& session_;
  Dialect dialect_;
  StatementCache& cache_;
  std::atomic<int64_t>& statements_;
};

//! The id an `INSERT … RETURNING id` gave.
inline int64_t ReturnedId(Cursor rows) {
  if (const soci::row* r = rows.Next()) return RowInt(*r, 0);
  throw std::runtime_error("an INSERT … RETURNING id returned no row");
}

}  // namespace danvan
