#pragma once
// Named SQL of the migration runner.

#include <string_view>

namespace danvan::sql {

inline constexpr std::string_view kCreateMigrationsTable = R"~(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  checksum   TEXT NOT NULL,
  applied_at TEXT NOT NULL
))~";

inline constexpr std::string_view kCountMigrationsTableSqlite = R"~(
SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations')~";

inline constexpr std::string_view kCountMigrationsTablePostgres = R"~(
SELECT COUNT(*)::INTEGER FROM information_schema.tables
WHERE table_schema = current_schema() AND table_name = 'schema_migrations')~";

inline constexpr std::string_view kLockMigrationsPostgres = R"~(SELECT pg_advisory_xact_lock(7242019))~";

inline constexpr std::string_view kSelectMigrations = R"~(
SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version)~";

inline constexpr std::string_view kInsertMigration = R"~(
INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (:version, :name, :checksum, :at))~";

}  // namespace danvan::sql
