// The roll-up rule (docs/decisions.md): records follow a unit's only succession in force, step after step; a unit
// split between several successors keeps them.

#include "domain/territory.hpp"

#include <gtest/gtest.h>

namespace danvan {
namespace {

Succession From(int64_t from, int64_t to, Share share, Date on) {
  Succession s;
  s.from_unit_id = from;
  s.to_unit_id = to;
  s.share = share;
  s.effective_date = on;
  return s;
}

const Date kMerger = Date::FromYmd(2025, 7, 1);

TEST(RollUp, FollowsTheOnlySuccessionInForce) {
  const std::vector<Succession> all = {From(1, 10, Share::kWhole, kMerger)};
  EXPECT_EQ(RollUp(1, all, Date::FromYmd(2026, 1, 1)).unit_id, 10);
  EXPECT_EQ(RollUp(1, all, kMerger).unit_id, 10) << "in force on its effective date";
  EXPECT_EQ(RollUp(1, all, Date::FromYmd(2025, 6, 30)).unit_id, 1) << "not yet in force";
  EXPECT_EQ(RollUp(10, all, Date::FromYmd(2026, 1, 1)).unit_id, 10) << "a unit without successor stays";
}

TEST(RollUp, ChainsAndTakesASinglePartShare) {
  const std::vector<Succession> all = {From(1, 10, Share::kPart, kMerger),
                                       From(10, 20, Share::kWhole, Date::FromYmd(2030, 1, 1))};
  EXPECT_EQ(RollUp(1, all, Date::FromYmd(2026, 1, 1)).unit_id, 10);
  EXPECT_EQ(RollUp(1, all, Date::FromYmd(2030, 1, 1)).unit_id, 20);
  EXPECT_TRUE(RollUp(1, all, Date::FromYmd(2030, 1, 1)).split_into.empty());
}

TEST(RollUp, ASplitUnitKeepsItsRecordsAndSaysWhereItWent) {
  const std::vector<Succession> all = {From(1, 10, Share::kPart, kMerger), From(1, 11, Share::kPart, kMerger)};
  const auto r = RollUp(1, all, Date::FromYmd(2026, 1, 1));
  EXPECT_EQ(r.unit_id, 1);
  EXPECT_EQ(r.split_into, (std::vector<int64_t>{10, 11}));
}

TEST(RollUp, ACycleFromABadImportEnds) {
  const std::vector<Succession> all = {From(1, 2, Share::kWhole, kMerger), From(2, 1, Share::kWhole, kMerger)};
  const auto r = RollUp(1, all, Date::FromYmd(2026, 1, 1));
  EXPECT_TRUE(r.unit_id == 1 || r.unit_id == 2);
}

}  // namespace
}  // namespace danvan
