#include "storage/backup.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <memory>

namespace danvan {
namespace {

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Connection = std::unique_ptr<sqlite3, Closer>;

Error SqliteError(const std::string& what, const std::string& path, const std::string& detail) {
  return MakeError(ErrorKind::kUnavailable, "sqlite_error", what + " thất bại (" + path + "): " + detail,
                   what + " failed (" + path + "): " + detail);
}

Result<Connection> Open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Connection db(raw);
  if (rc != SQLITE_OK)
    return SqliteError("Mở cơ sở dữ liệu / Opening the database", path, raw ? sqlite3_errmsg(raw) : "out of memory");
  sqlite3_busy_timeout(raw, 10'000);
  return db;
}

Status Copy(sqlite3* from, sqlite3* to, const std::string& path, int* pages) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) return SqliteError("Sao lưu / Backup", path, sqlite3_errmsg(to));
  int rc;
  do {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  if (pages) *pages = sqlite3_backup_pagecount(backup);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return SqliteError("Sao lưu / Backup", path, sqlite3_errstr(rc));
  return OkStatus();
}

Result<std::string> Integrity(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) != SQLITE_OK)
    return SqliteError("Kiểm tra / Integrity check", "", sqlite3_errmsg(db));
  std::string result = "ok";
  if (sqlite3_step(stmt) == SQLITE_ROW) result = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  return result;
}

bool HasMigrations(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  bool found = false;
  if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", -1,
                         &stmt, nullptr) == SQLITE_OK)
    found = sqlite3_step(stmt) == SQLITE_ROW;
  sqlite3_finalize(stmt);
  return found;
}

}  // namespace

Result<int> BackupSqlite(const std::string& db_path, const std::string& target) {
  if (!std::filesystem::exists(db_path))
    return MakeError(ErrorKind::kNotFound, "database_missing", "Không có tệp cơ sở dữ liệu: " + db_path,
                     "No database file: " + db_path);
  auto source = DANVAN_TRY(Open(db_path, SQLITE_OPEN_READONLY));
  const std::string partial = target + ".partial";
  std::filesystem::remove(partial);
  int pages = 0;
  {
    auto dest = DANVAN_TRY(Open(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
    DANVAN_TRY(Copy(source.get(), dest.get(), partial, &pages));
    const auto check = DANVAN_TRY(Integrity(dest.get()));
    if (check != "ok") return SqliteError("Kiểm tra bản sao / Checking the copy", partial, check);
    // The copy is a single self-contained file: leave WAL so that no -wal file is needed beside it.
    sqlite3_exec(dest.get(), "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  }
  std::error_code ec;
  std::filesystem::rename(partial, target, ec);
  if (ec) return SqliteError("Đổi tên / Renaming", target, ec.message());
  return pages;
}

Status RestoreSqlite(const std::string& db_path, const std::string& source_path) {
  if (!std::filesystem::is_regular_file(source_path))
    return MakeError(ErrorKind::kNotFound, "backup_missing", "Không có tệp sao lưu: " + source_path,
                     "No backup file: " + source_path);
  auto source = DANVAN_TRY(Open(source_path, SQLITE_OPEN_READONLY));
  const auto check = Integrity(source.get());
  if (!check.ok() || check.value() != "ok" || !HasMigrations(source.get()))
    return MakeError(ErrorKind::kInvalidInput, "not_a_danvan_backup",
                     "Tệp " + source_path + " không phải bản sao lưu danvan nguyên vẹn.",
                     "The file " + source_path + " is not a sound danvan backup.");
  std::error_code ec;
  const auto parent = std::filesystem::path(db_path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  auto dest = DANVAN_TRY(Open(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  return Copy(source.get(), dest.get(), db_path, nullptr);
}

Result<std::string> IntegrityCheck(const std::string& db_path) {
  auto db = DANVAN_TRY(Open(db_path, SQLITE_OPEN_READONLY));
  return Integrity(db.get());
}

}  // namespace danvan
