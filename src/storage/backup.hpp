#pragma once
//! Backup and restore of the SQLite database through SQLite's online backup API, safe while the
//! server runs. (PostgreSQL: pg_dump/pg_restore, see docs/operations.md.)

#include "core/error.hpp"

#include <string>

namespace danvan {

//! Copies the live database at `db_path` to `target` (written beside it, then renamed into place),
//! and checks the copy with PRAGMA integrity_check. Returns the number of pages copied.
Result<int> BackupSqlite(const std::string& db_path, const std::string& target);

//! Replaces the content of the database at `db_path` by that of `source`, after checking that the
//! source is a sound danvan database.
Status RestoreSqlite(const std::string& db_path, const std::string& source);

//! "ok", or the first problem PRAGMA integrity_check finds.
Result<std::string> IntegrityCheck(const std::string& db_path);

}  // namespace danvan
