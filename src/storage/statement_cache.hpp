#pragma once
//! Prepared statements kept per connection, so that a hot query is parsed and planned once, not on every use.
//! SOCI's `session << …` and `rowset` prepare and finalize each time; on SQLite that was 36–45 % of the CPU of a
//! read request (docs/performance.md). Only storage/ code includes this (it brings SOCI).
//!
//! Use it through Tx::Query / Tx::Exec with a named SQL constant (sql/*.hpp): the cache is keyed by the address of
//! the constant's text and the parameter types, so a key is one statement for the connection's life.

#include "storage/database.hpp"

#include <soci/soci.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <tuple>
#include <typeindex>
#include <unordered_map>
#include <utility>

namespace danvan {

namespace detail {

class CachedStatementBase {
 public:
  virtual ~CachedStatementBase() = default;
  soci::statement& statement() { return *statement_; }
  soci::row& row() { return row_; }
  bool busy = false;      //!< a cursor is reading it: a nested use of the same SQL gets a statement of its own
  bool executed = false;  //!< run at least once (its prepare was counted by the session's logger)

 protected:
  soci::row row_;
  std::optional<soci::statement> statement_;
};

//! One statement bound, once, to parameter slots that live as long as it; each run copies the values in.
template <class... P>
class CachedStatement final : public CachedStatementBase {
 public:
  CachedStatement(soci::session& session, std::string_view sql, bool rows) {
    Build(session, sql, rows, std::index_sequence_for<P...>{});
  }
  void Set(const P&... values) { params_ = std::tuple<P...>(values...); }

 private:
  template <std::size_t... I>
  void Build(soci::session& session, std::string_view sql, bool rows, std::index_sequence<I...>) {
    if (rows) {
      statement_.emplace((((session.prepare << sql), ..., soci::use(std::get<I>(params_))), soci::into(row_)));
    } else {
      statement_.emplace(((session.prepare << sql), ..., soci::use(std::get<I>(params_))));
    }
  }
  std::tuple<P...> params_;
};

}  // namespace detail

//! The statements of one pooled connection.
class StatementCache {
 public:
  StatementCache(soci::session& session, Dialect dialect) : session_(session), dialect_(dialect) {}

  template <class... P>
  detail::CachedStatementBase* Find(std::string_view sql, bool rows) {
    const Key key{sql.data(), std::type_index(typeid(detail::CachedStatement<P...>)), rows};
    auto it = entries_.find(key);
    if (it != entries_.end()) return it->second.get();
    auto made = std::make_unique<detail::CachedStatement<P...>>(session_, sql, rows);
    auto* out = made.get();
    entries_.emplace(key, std::move(made));
    return out;
  }

  //! Makes a statement that has not been read to its end let go of its read snapshot (SQLite keeps it
  //! otherwise until the statement is run again).
  void Reset(detail::CachedStatementBase& entry) const;

  Dialect dialect() const { return dialect_; }
  std::size_t size() const { return entries_.size(); }

 private:
  struct Key {
    const char* text;
    std::type_index types;
    bool rows;
    bool operator==(const Key& o) const { return text == o.text && types == o.types && rows == o.rows; }
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      return std::hash<const void*>()(k.text) ^ (k.types.hash_code() << 1) ^ static_cast<std::size_t>(k.rows);
    }
  };

  soci::session& session_;
  Dialect dialect_;
  std::unordered_map<Key, std::unique_ptr<detail::CachedStatementBase>, KeyHash> entries_;
};

//! The rows of a cached query, read one at a time. Valid until the next use of the same SQL.
class Cursor {
 public:
  Cursor(StatementCache* cache, detail::CachedStatementBase* entry, std::unique_ptr<detail::CachedStatementBase> own)
      : cache_(cache), entry_(entry), own_(std::move(own)) {}
  Cursor(Cursor&& o) noexcept
      : cache_(o.cache_), entry_(std::exchange(o.entry_, nullptr)), own_(std::move(o.own_)), done_(o.done_) {}
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  Cursor& operator=(Cursor&&) = delete;
  ~Cursor() { Release(); }

  //! The next row, or nullptr at the end.
  const soci::row* Next() {
    if (done_ || !entry_) return nullptr;
    if (entry_->statement().fetch()) return &entry_->row();
    done_ = true;
    return nullptr;
  }

 private:
  void Release() {
    if (!entry_) return;
    if (!done_) cache_->Reset(*entry_);
    entry_->busy = false;
    entry_ = nullptr;
  }

  StatementCache* cache_;
  detail::CachedStatementBase* entry_;
  std::unique_ptr<detail::CachedStatementBase> own_;  //!< a one-off statement when the cached one was busy
  bool done_ = false;
};

}  // namespace danvan
