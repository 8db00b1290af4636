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

  //! The id of the unit of exactly that name in force on `as_of`; a test failure when there is none.
  int64_t UnitNamed(const std::string& name, Date as_of) {
    UnitQuery q;
    q.folded_text = FoldForSearch(name);
    q.as_of = as_of;
    auto page = services_->territory.ListUnits(q);  // kept alive for the loop
    if (page.ok())
      for (const auto& u : page->items)
        if (u.name == name) return u.id;
    ADD_FAILURE() << "no unit " << name;
    return 0;
  }

  //! The id of the organisation of exactly that name; a test failure when there is none.
  int64_t OrganisationNamed(const std::string& name) {
    OrganisationQuery q;
    q.folded_text = FoldForSearch(name);
    auto page = services_->community.ListOrganisations(q);
    if (page.ok())
      for (const auto& o : page->items)
        if (o.name == name) return o.id;
    ADD_FAILURE() << "no organisation " << name;
    return 0;
  }

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
