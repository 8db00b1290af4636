#pragma once
// A migrated test database with every service wired, and helpers to make callers.

#include "core/time.hpp"
#include "core/vietnamese.hpp"
#include "services/services.hpp"
#include "storage/migrations.hpp"
#include "support/test_db.hpp"

#include <gtest/gtest.h>

namespace danvan::testing {

//! A clock the test moves by hand.
class ManualClock final : public Clock {
 public:
  TimePoint Now() const override { return now_; }
  void Advance(std::chrono::seconds s) { now_ += s; }

 private:
  TimePoint now_ = std::chrono::sys_days{std::chrono::year{2022} / 10 / 13} + std::chrono::hours(2);
};

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = test_db_.Open();
    auto migrated = Migrate(*db_);
    ASSERT_TRUE(migrated.ok()) << migrated.error().message_en;
    services_ = std::make_unique<Services>(*db_, clock_);
  }

  Services& services() { return *services_; }
  Database& db() { return *db_; }

  //! A caller holding exactly these grants (no user row behind it: for service-level permission tests).
  static Caller CallerWith(std::vector<RoleGrant> grants, int64_t user_id = 999) {
    Caller c;
    c.principal.user_id = user_id;
    c.principal.username = "test";
    c.principal.grants = std::move(grants);
    c.request_id = "test";
    return c;
  }

  static Caller Admin() { return CallerWith({RoleGrant{0, Role::kSystemAdmin, std::nullopt, std::nullopt}}); }

  int64_t AuditCount() {
    auto v = services_->audit.Verify(*db_);
    EXPECT_TRUE(v.ok() && v->ok);
    return v.ok() ? v->count : -1;
  }

  TestDatabase test_db_;
  ManualClock clock_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Services> services_;
};

}  // namespace danvan::testing
