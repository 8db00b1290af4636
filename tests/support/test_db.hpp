#pragma once
// A fresh database for one test, on the backend DANVAN_TEST_DB names: "sqlite" (a new file in a temp
// folder) or "postgresql" (a new schema in the cluster that PG* variables point to, e.g. pg_virtualenv's).

#include "core/crypto.hpp"
#include "storage/database.hpp"
#include "storage/tx.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace danvan::testing {

inline std::string Backend() {
  const char* v = std::getenv("DANVAN_TEST_DB");
  return v ? v : "sqlite";
}

class TestDatabase {
 public:
  TestDatabase() {
    EnsureCrypto();
    const std::string name = "t_" + ToHex(RandomBytes(6));
    if (Backend() == "postgresql") {
      DatabaseConfig admin;
      admin.url = "postgresql://";
      admin.pool_size = 1;
      auto db = Database::Open(admin);
      if (!db) throw std::runtime_error("cannot reach PostgreSQL: " + db.error().message_en);
      admin_ = std::move(db).value();
      schema_ = name;
      auto st = admin_->Run(TxMode::kWrite, [&](Tx& tx) -> Status {
        tx.ExecuteScript("CREATE SCHEMA " + schema_);
        return OkStatus();
      });
      if (!st) throw std::runtime_error("cannot create schema: " + st.error().message_en);
      config.url = "postgresql:///?options=-csearch_path%3D" + schema_;
    } else {
      dir_ = std::filesystem::temp_directory_path() / ("danvan-test-" + name);
      std::filesystem::create_directories(dir_);
      config.url = "sqlite:" + (dir_ / "danvan.db").string();
    }
    config.pool_size = 4;
  }

  ~TestDatabase() {
    if (admin_) {
      (void)admin_->Run(TxMode::kWrite, [&](Tx& tx) -> Status {
        tx.ExecuteScript("DROP SCHEMA " + schema_ + " CASCADE");
        return OkStatus();
      });
    }
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  std::unique_ptr<Database> Open() const {
    auto db = Database::Open(config);
    if (!db) throw std::runtime_error("cannot open test database: " + db.error().message_en);
    return std::move(db).value();
  }

  bool is_sqlite() const { return !dir_.empty(); }
  const std::filesystem::path& dir() const { return dir_; }

  DatabaseConfig config;

 private:
  std::filesystem::path dir_;
  std::string schema_;
  std::unique_ptr<Database> admin_;
};

}  // namespace danvan::testing
