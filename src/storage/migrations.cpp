#include "storage/migrations.hpp"

#include "core/crypto.hpp"
#include "core/time.hpp"
#include "storage/sql/migrations_sql.hpp"
#include "storage/row.hpp"
#include "storage/tx.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <map>
#include <regex>
#include <stdexcept>

namespace danvan {
namespace {

const std::vector<MigrationFile>& Files(Dialect d) {
  return d == Dialect::kSqlite ? Embedded_sqlite() : Embedded_postgres();
}

struct Recorded {
  std::string name;
  std::string checksum;
  std::string applied_at;
};

// Reads what the database recorded; without the table (a new database) that is nothing.
std::map<int, Recorded> ReadRecorded(Tx& tx, bool create_table) {
  if (create_table) tx.ExecuteScript(std::string(sql::kCreateMigrationsTable));
  std::map<int, Recorded> out;
  if (!create_table) {
    int tables = 0;
    tx.session() << (tx.dialect() == Dialect::kSqlite ? sql::kCountMigrationsTableSqlite
                                                       : sql::kCountMigrationsTablePostgres),
        soci::into(tables);
    if (tables == 0) return out;
  }
  soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectMigrations);
  for (const auto& row : rows) {
    out[static_cast<int>(RowInt(row, 0))] = Recorded{row.get<std::string>(1), row.get<std::string>(2), row.get<std::string>(3)};
  }
  return out;
}

std::vector<MigrationState> Combine(Dialect dialect, const std::map<int, Recorded>& recorded) {
  std::map<int, MigrationState> states;
  for (const auto& f : Files(dialect)) {
    auto [version, name] = ParseMigrationName(f.file_name);
    MigrationState s;
    s.version = version;
    s.name = name;
    s.checksum = Sha256Hex(f.sql);
    states[version] = s;
  }
  for (const auto& [version, r] : recorded) {
    auto& s = states[version];
    s.version = version;
    if (s.name.empty()) s.name = r.name;
    s.applied = true;
    s.applied_at = r.applied_at;
    s.applied_checksum = r.checksum;
  }
  std::vector<MigrationState> out;
  for (auto& [_, s] : states) out.push_back(std::move(s));
  return out;
}

Status CheckHistory(const std::vector<MigrationState>& states) {
  for (const auto& s : states) {
    if (s.applied && s.checksum.empty())
      return MakeError(ErrorKind::kConflict, "database_newer_than_program",
                       fmt::format("Cơ sở dữ liệu đã có migration số {} ({}) mà chương trình này không biết: hãy "
                                   "dùng bản danvan mới hơn.",
                                   s.version, s.name),
                       fmt::format("The database has migration {} ({}) that this program does not know: use a "
                                   "newer danvan.",
                                   s.version, s.name));
    if (s.mismatch())
      return MakeError(ErrorKind::kConflict, "migration_checksum_mismatch",
                       fmt::format("Migration số {} ({}) đã áp dụng khác với tệp cùng số trong chương trình "
                                   "(checksum {} ≠ {}). Không được sửa migration đã phát hành.",
                                   s.version, s.name, s.applied_checksum.substr(0, 12), s.checksum.substr(0, 12)),
                       fmt::format("Applied migration {} ({}) differs from the file of the same number "
                                   "(checksum {} ≠ {}). Released migrations must never be edited.",
                                   s.version, s.name, s.applied_checksum.substr(0, 12), s.checksum.substr(0, 12)))
          .WithDetail("version", s.version);
  }
  return OkStatus();
}

}  // namespace

std::pair<int, std::string> ParseMigrationName(const std::string& file_name) {
  static const std::regex kPattern(R"(^V(\d{3,})__([a-z0-9_]+)\.sql$)");
  std::smatch m;
  if (!std::regex_match(file_name, m, kPattern))
    throw std::logic_error("migration file name must look like V001__name.sql: " + file_name);
  return {std::stoi(m[1].str()), m[2].str()};
}

Result<std::vector<MigrationState>> MigrationStatus(Database& db) {
  return db.Run<std::vector<MigrationState>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<MigrationState>> {
    return Combine(tx.dialect(), ReadRecorded(tx, /*create_table=*/false));
  });
}

Status CheckMigrated(Database& db) {
  auto states = DANVAN_TRY(MigrationStatus(db));
  DANVAN_TRY(CheckHistory(states));
  for (const auto& s : states)
    if (!s.applied)
      return MakeError(ErrorKind::kUnavailable, "database_not_migrated",
                       fmt::format("Cơ sở dữ liệu chưa áp dụng migration số {} ({}).", s.version, s.name),
                       fmt::format("The database lacks migration {} ({}).", s.version, s.name));
  return OkStatus();
}

Result<int> Migrate(Database& db) {
  // One transaction for the whole run: a crash leaves the schema as it was, and concurrent starters
  // (several nodes on one PostgreSQL) wait on the lock instead of applying twice.
  return db.Run<int>(TxMode::kWrite, [&](Tx& tx) -> Result<int> {
    if (tx.dialect() == Dialect::kPostgres) tx.session() << sql::kLockMigrationsPostgres;
    const auto states = Combine(tx.dialect(), ReadRecorded(tx, /*create_table=*/true));
    DANVAN_TRY(CheckHistory(states));
    int applied = 0;
    for (const auto& f : Files(tx.dialect())) {
      auto [version, name] = ParseMigrationName(f.file_name);
      bool done = false;
      for (const auto& s : states)
        if (s.version == version && s.applied) done = true;
      if (done) continue;
      tx.ExecuteScript(f.sql);
      const std::string checksum = Sha256Hex(f.sql);
      const std::string now = FormatUtc(std::chrono::system_clock::now());
      tx.session() << sql::kInsertMigration, soci::use(version), soci::use(name), soci::use(checksum),
          soci::use(now);
      spdlog::info("migration applied version={} name={}", version, name);
      ++applied;
    }
    return applied;
  });
}

}  // namespace danvan
