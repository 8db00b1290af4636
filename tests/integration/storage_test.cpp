// Storage and the audit log on a real database: the same cases on SQLite and on PostgreSQL.

#include "core/time.hpp"
#include "services/audit.hpp"
#include "services/services.hpp"
#include "services/system.hpp"
#include "storage/backup.hpp"
#include "storage/migrations.hpp"
#include "storage/tx.hpp"
#include "support/test_db.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

namespace danvan {
namespace {

using testing::TestDatabase;

class FixedClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::sys_days{std::chrono::year{2022} / 10 / 13}; }
};

TEST(Migrations, ApplyOnceAndReportStatus) {
  TestDatabase t;
  auto db = t.Open();
  EXPECT_EQ(CheckMigrated(*db).error().code, "database_not_migrated");
  auto first = Migrate(*db);
  ASSERT_TRUE(first.ok()) << first.error().message_en;
  EXPECT_GE(first.value(), 1);
  auto again = Migrate(*db);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value(), 0);
  auto status = MigrationStatus(*db);
  ASSERT_TRUE(status.ok());
  for (const auto& s : status.value()) {
    EXPECT_TRUE(s.applied) << s.name;
    EXPECT_FALSE(s.mismatch()) << s.name;
  }
  EXPECT_TRUE(CheckReady(*db).ok());
}

TEST(Migrations, AnEditedMigrationIsRefused) {
  TestDatabase t;
  auto db = t.Open();
  ASSERT_TRUE(Migrate(*db).ok());
  // Pretend migration 1 was applied from a different file.
  ASSERT_TRUE(db->Run(TxMode::kWrite, [](Tx& tx) -> Status {
                  tx.session() << "UPDATE schema_migrations SET checksum = 'deadbeefdeadbeef' WHERE version = 1";
                  return OkStatus();
                }).ok());
  auto refused = Migrate(*db);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "migration_checksum_mismatch");
  EXPECT_NE(refused.error().message_vi.find("Migration số 1"), std::string::npos) << refused.error().message_vi;
  EXPECT_FALSE(CheckReady(*db).ok());
}

TEST(Migrations, ADatabaseNewerThanTheProgramIsRefused) {
  TestDatabase t;
  auto db = t.Open();
  ASSERT_TRUE(Migrate(*db).ok());
  ASSERT_TRUE(db->Run(TxMode::kWrite, [](Tx& tx) -> Status {
                  tx.session() << "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
                                  "VALUES (999, 'future', 'x', '2030-01-01T00:00:00.000Z')";
                  return OkStatus();
                }).ok());
  auto refused = Migrate(*db);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "database_newer_than_program");
}

TEST(AuditLog, RecordsChainsAndVerifies) {
  TestDatabase t;
  auto db = t.Open();
  ASSERT_TRUE(Migrate(*db).ok());
  FixedClock clock;
  Services services(*db, clock);
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(db->Run(TxMode::kWrite, [&](Tx& tx) -> Status {
                    services.audit.Record(tx, Actor{"user:1", "req-" + std::to_string(i)},
                                          AuditEvent{i % 2 ? "unit:a" : "unit:b", "unit", std::to_string(i), "create",
                                                     std::nullopt, R"({"name":"Tổ dân vận số 3"})"});
                    return OkStatus();
                  }).ok());
  }
  auto v = services.audit.Verify(*db);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok);
  EXPECT_EQ(v->count, 5);

  // Someone edits a row behind the application's back: verification names the entry.
  ASSERT_TRUE(db->Run(TxMode::kWrite, [](Tx& tx) -> Status {
                  tx.session() << "UPDATE audit_log SET actor = 'user:666' WHERE chain = 'unit:b' AND seq = 2";
                  return OkStatus();
                }).ok());
  auto tampered = services.audit.Verify(*db);
  ASSERT_TRUE(tampered.ok());
  EXPECT_FALSE(tampered->ok);
  ASSERT_TRUE(tampered->broken.has_value());
  EXPECT_NE(tampered->broken->find("chain unit:b seq 2"), std::string::npos) << *tampered->broken;
}

TEST(AuditLog, VerifiesAcrossPagesThatEndInsideAChain) {
  // Verification reads the log 1000 entries at a time; a page that ends inside a chain must go on from its last
  // entry, in that chain (short chain names: the bound text of the next page must not be read while it changes).
  TestDatabase t;
  auto db = t.Open();
  ASSERT_TRUE(Migrate(*db).ok());
  FixedClock clock;
  Services services(*db, clock);
  ASSERT_TRUE(db->Run(TxMode::kWrite, [&](Tx& tx) -> Status {
                  for (int i = 0; i < 2600; ++i)
                    services.audit.Record(tx, Actor{"user:1"},
                                          AuditEvent{fmt::format("unit:{}", i % 3 == 0 ? 5 : 17), "unit",
                                                     std::to_string(i), "create", std::nullopt, "{}"});
                  return OkStatus();
                }).ok());
  auto v = services.audit.Verify(*db);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->broken.value_or("");
  EXPECT_EQ(v->count, 2600);
}

TEST(AuditLog, AFailedChangeLeavesNoAuditEntry) {
  TestDatabase t;
  auto db = t.Open();
  ASSERT_TRUE(Migrate(*db).ok());
  FixedClock clock;
  Services services(*db, clock);
  auto st = db->Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    services.audit.Record(tx, Actor{}, AuditEvent{"system", "unit", "1", "create", std::nullopt, "{}"});
    return MakeError(ErrorKind::kInvalidInput, "refused", "bị từ chối", "refused");
  });
  EXPECT_FALSE(st.ok());
  auto v = services.audit.Verify(*db);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->count, 0);
}

TEST(AuditLog, ConcurrentWritersKeepOneUnbrokenChain) {
  TestDatabase t;
  auto db = t.Open();
  ASSERT_TRUE(Migrate(*db).ok());
  FixedClock clock;
  Services services(*db, clock);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int w = 0; w < 4; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < 25; ++i) {
        auto st = db->Run(TxMode::kWrite, [&](Tx& tx) -> Status {
          services.audit.Record(tx, Actor{"user:" + std::to_string(w)},
                                AuditEvent{"system", "probe", std::to_string(i), "create", std::nullopt, "{}"});
          return OkStatus();
        });
        if (!st.ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto v = services.audit.Verify(*db);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->broken.value_or("");
  EXPECT_EQ(v->count, 100);
}

TEST(Backup, CopiesAndRestoresTheSqliteFile) {
  TestDatabase t;
  if (!t.is_sqlite()) GTEST_SKIP() << "SQLite's backup API; PostgreSQL uses pg_dump (docs/operations.md)";
  auto db = t.Open();
  ASSERT_TRUE(Migrate(*db).ok());
  FixedClock clock;
  Services services(*db, clock);
  auto record = [&](const std::string& id) {
    return db->Run(TxMode::kWrite, [&](Tx& tx) -> Status {
      services.audit.Record(tx, Actor{}, AuditEvent{"system", "probe", id, "create", std::nullopt, "{}"});
      return OkStatus();
    });
  };
  ASSERT_TRUE(record("before-backup").ok());
  const auto path = t.config.url.substr(7);
  const auto copy = (t.dir() / "copy.db").string();
  auto pages = BackupSqlite(path, copy);
  ASSERT_TRUE(pages.ok()) << pages.error().message_en;
  EXPECT_GT(pages.value(), 0);
  EXPECT_EQ(IntegrityCheck(copy).value(), "ok");

  ASSERT_TRUE(record("after-backup").ok());
  EXPECT_EQ(services.audit.Verify(*db)->count, 2);
  auto restored = RestoreSqlite(path, copy);
  ASSERT_TRUE(restored.ok()) << restored.error().message_en;
  EXPECT_EQ(services.audit.Verify(*db)->count, 1);  // the live pool sees the restored content

  // A file that is not a danvan database is refused and changes nothing.
  const auto junk = (t.dir() / "junk.db").string();
  { std::ofstream(junk) << "not a database"; }
  auto refused = RestoreSqlite(path, junk);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "not_a_danvan_backup");
  EXPECT_EQ(services.audit.Verify(*db)->count, 1);
}

}  // namespace
}  // namespace danvan
