#include "storage/statement_cache.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

namespace danvan {

void StatementCache::Reset(detail::CachedStatementBase& entry) const {
  if (dialect_ != Dialect::kSqlite) return;  // libpq has the whole result already; nothing is held
  auto* backend = static_cast<soci::sqlite3_statement_backend*>(entry.statement().get_backend());
  if (backend == nullptr || backend->stmt_ == nullptr) return;
  // What sqlite3_statement_backend::reset() does (not exported by the library).
  if (sqlite_api::sqlite3_reset(backend->stmt_) == SQLITE_OK) backend->databaseReady_ = true;
}

}  // namespace danvan
