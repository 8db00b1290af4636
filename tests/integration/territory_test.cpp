// Territory on a real database: units as of a date, successions, the merger table, permissions.

#include "support/fixture.hpp"

#include <fstream>
#include <sstream>

namespace danvan {
namespace {

using testing::ServiceTest;

// The merger table the project ships (the demo ward imports the same file).
std::string MergerTable() {
  std::ifstream in(std::string(DANVAN_SOURCE_DIR) + "/src/services/demo/hoan-kiem-2025-merger.tsv");
  if (!in) {
    ADD_FAILURE() << "src/services/demo/hoan-kiem-2025-merger.tsv was not found in the checkout";
    return "";
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class Territory : public ServiceTest {
 protected:
  std::optional<AdminUnit> Named(const std::string& q, std::optional<Date> as_of = std::nullopt) {
    UnitQuery query;
    query.folded_text = q;
    query.as_of = as_of;
    auto page = services().territory.ListUnits(query);
    EXPECT_TRUE(page.ok());
    if (!page.ok() || page->items.empty()) return std::nullopt;
    return page->items.front();
  }
};

TEST_F(Territory, MergerTableImportsAsUnitsAndSuccessions) {
  auto dry = services().territory.ImportMergerTable(Admin(), MergerTable(), "Thành phố Hà Nội",
                                                    "Nghị quyết 1656/NQ-UBTVQH15", "01/07/2025", true);
  ASSERT_TRUE(dry.ok()) << dry.error().message_en;
  EXPECT_EQ(dry->rows, 21);
  EXPECT_EQ(dry->successions_created, 21);
  EXPECT_EQ(AuditCount(), 0) << "a dry run writes nothing";
  EXPECT_FALSE(Named("ly thai to").has_value());

  auto real = services().territory.ImportMergerTable(Admin(), MergerTable(), "Thành phố Hà Nội",
                                                     "Nghị quyết 1656/NQ-UBTVQH15", "01/07/2025", false);
  ASSERT_TRUE(real.ok());
  EXPECT_EQ(real->units_created, dry->units_created);
  EXPECT_EQ(AuditCount(), real->units_created + real->successions_created);

  // Importing again changes nothing.
  auto again = services().territory.ImportMergerTable(Admin(), MergerTable(), "Thành phố Hà Nội",
                                                      "Nghị quyết 1656/NQ-UBTVQH15", "01/07/2025", false);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->units_created + again->successions_created, 0);

  // What became of Lý Thái Tổ: the whole of it went into phường Hoàn Kiếm on 01/07/2025.
  auto ly_thai_to = Named("phuong ly thai to");
  ASSERT_TRUE(ly_thai_to);
  EXPECT_EQ(ly_thai_to->name, "Phường Lý Thái Tổ");
  auto fate = services().territory.Successors(ly_thai_to->id);
  ASSERT_TRUE(fate.ok());
  ASSERT_EQ(fate->successions.size(), 1u);
  EXPECT_EQ(fate->successions[0].share, Share::kWhole);
  EXPECT_EQ(fate->successions[0].legal_basis, "Nghị quyết 1656/NQ-UBTVQH15");
  EXPECT_EQ(fate->successions[0].effective_date.Vietnamese(), "01/07/2025");
  bool named_hoan_kiem = false;
  for (const auto& u : fate->units)
    if (u.id == fate->successions[0].to_unit_id) named_hoan_kiem = u.name == "Phường Hoàn Kiếm";
  EXPECT_TRUE(named_hoan_kiem);

  // Cửa Đông was split: part to Hoàn Kiếm, part to Ba Đình.
  auto cua_dong = Named("cua dong", Date::FromYmd(2022, 10, 13));
  ASSERT_TRUE(cua_dong);
  auto split = services().territory.Successors(cua_dong->id);
  ASSERT_TRUE(split.ok());
  EXPECT_EQ(split->successions.size(), 2u);
  for (const auto& s : split->successions) EXPECT_EQ(s.share, Share::kPart);
}

TEST_F(Territory, TheTreeAsOfADateShowsHistoryUnchanged) {
  ASSERT_TRUE(services().territory.ImportMergerTable(Admin(), MergerTable(), "Thành phố Hà Nội",
                                                     "Nghị quyết 1656/NQ-UBTVQH15", "01/07/2025", false).ok());
  auto district = Named("quan hoan kiem");
  ASSERT_TRUE(district);
  EXPECT_EQ(district->level, UnitLevel::kDistrict);

  UnitQuery in_2022;
  in_2022.parent_id = district->id;
  in_2022.as_of = Date::FromYmd(2022, 10, 13);
  auto wards_2022 = services().territory.ListUnits(in_2022);
  ASSERT_TRUE(wards_2022.ok());
  EXPECT_EQ(wards_2022->total, 18);  // the old wards of the table
  // Vietnamese order: "Chương Dương" < "Cửa Đông" < "Cửa Nam" < "Đồng Xuân" < "Hàng Bạc".
  std::vector<std::string> names;
  for (const auto& u : wards_2022->items) names.push_back(u.name);
  auto pos = [&](const std::string& n) { return std::find(names.begin(), names.end(), n) - names.begin(); };
  EXPECT_LT(pos("Phường Chương Dương"), pos("Phường Cửa Đông"));
  EXPECT_LT(pos("Phường Cửa Nam"), pos("Phường Đồng Xuân"));
  EXPECT_LT(pos("Phường Đồng Xuân"), pos("Phường Hàng Bạc"));

  UnitQuery today = in_2022;
  today.as_of = Date::FromYmd(2026, 11, 27);
  auto wards_today = services().territory.ListUnits(today);
  ASSERT_TRUE(wards_today.ok());
  EXPECT_EQ(wards_today->total, 0) << "the district and its wards ended on 01/07/2025";

  // The detail keeps the unit as it was, with its ancestors.
  auto ly = Named("ly thai to");
  auto detail = services().territory.GetUnit(ly->id);
  ASSERT_TRUE(detail.ok());
  ASSERT_EQ(detail->ancestors.size(), 2u);
  EXPECT_EQ(detail->ancestors[0].name, "Quận Hoàn Kiếm");
  EXPECT_EQ(detail->ancestors[1].name, "Thành phố Hà Nội");
  ASSERT_TRUE(detail->unit.valid_to);
  EXPECT_EQ(detail->unit.valid_to->Vietnamese(), "01/07/2025");

  // The public read of a unit is one statement with no transaction around it: the unit and its ancestors come
  // from one recursive query (the hot path of the throughput budget, docs/performance.md).
  const auto before = db().statements_run();
  ASSERT_TRUE(services().territory.GetUnit(ly->id).ok());
  EXPECT_EQ(db().statements_run() - before, 1);
  auto missing = services().territory.GetUnit(987654321);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "unit_not_found");
}

TEST_F(Territory, OnlySystemAdminsChangeTheMap) {
  NewUnit province{"HN", "Thành phố Hà Nội", "province", "thanh_pho", std::nullopt, "01/01/2008", ""};
  auto unit_admin = CallerWith({RoleGrant{0, Role::kUnitAdmin, 1, std::nullopt}});
  auto refused = services().territory.CreateUnit(unit_admin, province);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "forbidden");
  EXPECT_EQ(AuditCount(), 0);

  auto created = services().territory.CreateUnit(Admin(), province);
  ASSERT_TRUE(created.ok()) << created.error().message_en;
  EXPECT_EQ(AuditCount(), 1);
}

TEST_F(Territory, BadUnitsAreRefusedWithTheField) {
  auto hn = services().territory.CreateUnit(Admin(), {"HN", "Thành phố Hà Nội", "province", "thanh_pho", std::nullopt, "01/01/2008", ""});
  ASSERT_TRUE(hn.ok());
  struct Case {
    NewUnit unit;
    std::string code;
  } cases[] = {
      {{"X", "Phường X", "commune", "phuong", std::nullopt, "01/01/2020", ""}, "invalid_parent"},
      {{"X", "Phường X", "commune", "quan", hn->id, "01/01/2020", ""}, "invalid_unit_kind"},
      {{"X'; DROP TABLE admin_units;--", "Phường X", "commune", "phuong", hn->id, "01/01/2020", ""}, "invalid_unit_code"},
      {{"X", "Phường X", "village", "phuong", hn->id, "01/01/2020", ""}, "invalid_unit_level"},
      {{"X", "Phường X", "commune", "phuong", hn->id, "31/02/2020", ""}, "invalid_date"},
      {{"X", "Phường X", "commune", "phuong", hn->id, "01/01/2020", "01/01/2019"}, "invalid_period"},
      {{"X", "Phường X", "commune", "phuong", 424242, "01/01/2020", ""}, "unit_not_found"},
      {{"X", "Phường X", "commune", "phuong", hn->id, "01/01/2000", ""}, "invalid_parent"},  // before its parent
  };
  for (const auto& c : cases) {
    auto r = services().territory.CreateUnit(Admin(), c.unit);
    ASSERT_FALSE(r.ok()) << c.code;
    EXPECT_EQ(r.error().code, c.code);
    EXPECT_FALSE(r.error().message_vi.empty());
  }
  EXPECT_EQ(AuditCount(), 1);

  // The same code on the same start date is a conflict.
  NewUnit ward{"HK", "Phường Hoàn Kiếm", "commune", "phuong", hn->id, "01/07/2025", ""};
  ASSERT_TRUE(services().territory.CreateUnit(Admin(), ward).ok());
  auto dup = services().territory.CreateUnit(Admin(), ward);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(dup.error().code, "unit_code_taken");
}

TEST_F(Territory, ListsCostTwoQueriesWhateverThePageSize) {
  auto hn = services().territory.CreateUnit(Admin(), {"HN", "Thành phố Hà Nội", "province", "thanh_pho", std::nullopt, "01/01/2008", ""});
  ASSERT_TRUE(hn.ok());
  for (int i = 0; i < 120; ++i)
    // append, not "P" + …: GCC 12 -Warray-bounds misreads the inlined insert of operator+(const char*, string&&)
    ASSERT_TRUE(services().territory.CreateUnit(Admin(), {std::string("P").append(std::to_string(i)),
                                                          std::string("Phường Số ").append(std::to_string(i)),
                                                          "commune", "phuong", hn->id, "01/01/2020", ""}).ok());
  UnitQuery q;
  q.parent_id = hn->id;
  q.limit = 1;
  const auto before_one = db().statements_run();
  ASSERT_TRUE(services().territory.ListUnits(q).ok());
  const auto cost_of_one = db().statements_run() - before_one;
  q.limit = 100;
  const auto before_hundred = db().statements_run();
  auto page = services().territory.ListUnits(q);
  EXPECT_EQ(db().statements_run() - before_hundred, cost_of_one);
  EXPECT_LE(cost_of_one, 4);  // BEGIN, COUNT, SELECT, COMMIT
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 120);
  EXPECT_EQ(page->items.size(), 100u);
  q.folded_text = "so 11";
  auto found = services().territory.ListUnits(q);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->total, 11);  // 11, 110–119
}

}  // namespace
}  // namespace danvan
