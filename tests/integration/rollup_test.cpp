// History is never rewritten, and a report can roll it up (issue 3): the demo's 2022 models of Lý Thái Tổ still
// read Lý Thái Tổ, Quận Hoàn Kiếm, while GET /api/v1/reports/models-by-unit?roll_up=true counts them under
// phường Hoàn Kiếm once the 2025 merger is in force; a ward split between successors keeps its records.

#include "services/demo.hpp"
#include "support/fixture.hpp"

#include <boost/json/serialize.hpp>

namespace danvan {
namespace {

using testing::ServiceTest;

class RollUp : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    auto seeded = SeedDemo(services());
    ASSERT_TRUE(seeded.ok()) << seeded.error().message_en << " " << boost::json::serialize(seeded.error().details);
    ly_thai_to_ = Unit("phuong ly thai to", "Phường Lý Thái Tổ", Date::FromYmd(2022, 10, 13));
    district_ = Unit("quan hoan kiem", "Quận Hoàn Kiếm", Date::FromYmd(2022, 10, 13));
    hang_bac_ = Unit("phuong hang bac", "Phường Hàng Bạc", Date::FromYmd(2022, 10, 13));
    hoan_kiem_ = Unit("phuong hoan kiem", "Phường Hoàn Kiếm", Date::FromYmd(2025, 7, 1));
    ha_noi_ = Unit("thanh pho ha noi", "Thành phố Hà Nội", Date::FromYmd(2025, 7, 1));
  }

  int64_t Unit(const std::string& folded, const std::string& name, Date as_of) {
    UnitQuery q;
    q.folded_text = folded;
    q.as_of = as_of;
    const auto units = services().territory.ListUnits(q);
    EXPECT_TRUE(units.ok());
    if (units.ok())
      for (const auto& u : units->items)
        if (u.name == name) return u.id;
    ADD_FAILURE() << name;
    return 0;
  }

  ModelsByUnitReport Report(const Caller& caller, int64_t unit, std::optional<int> year, bool roll_up,
                            const std::string& as_of = "01/01/2026") {
    auto r = services().reports.ModelsByUnit(caller, ModelsByUnitQuery{unit, year, as_of, roll_up});
    EXPECT_TRUE(r.ok()) << r.error().code << " " << r.error().message_en;
    return r.ok() ? r.value() : ModelsByUnitReport{};
  }

  static const UnitTally* Row(const ModelsByUnitReport& r, const std::string& name) {
    for (const auto& row : r.rows)
      if (row.unit.unit.name == name) return &row;
    return nullptr;
  }

  int64_t ly_thai_to_ = 0, district_ = 0, hang_bac_ = 0, hoan_kiem_ = 0, ha_noi_ = 0;
};

TEST_F(RollUp, TheRecordsKeepTheirUnitAndTheReportCountsThemUnderTheSuccessor) {
  // Not rolled up: the 2022 campaign's nineteen models count under Lý Thái Tổ, in Quận Hoàn Kiếm.
  const auto plain = Report(Admin(), district_, 2022, false);
  EXPECT_FALSE(plain.roll_up);
  const auto* ltt = Row(plain, "Phường Lý Thái Tổ");
  ASSERT_NE(ltt, nullptr);
  EXPECT_EQ(ltt->unit.parent_name, "Quận Hoàn Kiếm");
  EXPECT_EQ(ltt->models, 19);
  EXPECT_EQ(ltt->registered, 18) << "all but the draft";
  EXPECT_EQ(ltt->recognised, 13) << "ten collectives and three individuals (three of them since carried over)";
  EXPECT_EQ(ltt->by_status.at("recognised") + ltt->by_status.at("carried_over"), 13);
  EXPECT_EQ(ltt->by_status.at("draft"), 1);
  EXPECT_EQ(ltt->by_status.at("stopped"), 1);
  EXPECT_EQ(ltt->by_status.at("not_recognised"), 1);
  EXPECT_GE(ltt->certificates, 13) << "at least the Party committee's thirteen";
  EXPECT_TRUE(ltt->rolled_up_from.empty());
  EXPECT_EQ(Row(plain, "Phường Hoàn Kiếm"), nullptr);

  // Rolled up on 01/01/2026: the same records count under phường Hoàn Kiếm, and say where they come from.
  const auto rolled = Report(Admin(), district_, 2022, true);
  EXPECT_TRUE(rolled.roll_up);
  EXPECT_EQ(Row(rolled, "Phường Lý Thái Tổ"), nullptr);
  const auto* hk = Row(rolled, "Phường Hoàn Kiếm");
  ASSERT_NE(hk, nullptr);
  EXPECT_EQ(hk->unit.parent_name, "Thành phố Hà Nội");
  EXPECT_EQ(hk->models, ltt->models);
  EXPECT_EQ(hk->recognised, ltt->recognised);
  EXPECT_EQ(hk->registered, ltt->registered);
  EXPECT_EQ(hk->certificates, ltt->certificates);
  ASSERT_EQ(hk->rolled_up_from.size(), 1u);
  EXPECT_EQ(hk->rolled_up_from[0].unit.name, "Phường Lý Thái Tổ");
  EXPECT_EQ(hk->rolled_up_from[0].parent_name, "Quận Hoàn Kiếm");
  EXPECT_EQ(rolled.total.models, plain.total.models);
  EXPECT_EQ(rolled.total.certificates, plain.total.certificates);

  // History is not rewritten: the model still reads Lý Thái Tổ, Quận Hoàn Kiếm.
  ModelQuery q;
  q.unit_id = ly_thai_to_;
  q.year = 2022;
  q.limit = 200;
  const auto models = services().movement.ListModels(Admin(), q);
  ASSERT_TRUE(models.ok());
  ASSERT_EQ(models->total, 19);
  const auto model = services().movement.GetModel(Admin(), models->items.front().id);
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(model->unit_id, ly_thai_to_);
  const auto unit = services().territory.GetUnit(model->unit_id);
  ASSERT_TRUE(unit.ok());
  EXPECT_EQ(unit->unit.name, "Phường Lý Thái Tổ");
  ASSERT_FALSE(unit->ancestors.empty());
  EXPECT_EQ(unit->ancestors.front().name, "Quận Hoàn Kiếm");

  // Before the merger took effect there was nothing to roll into.
  const auto before = Report(Admin(), district_, 2022, true, "30/06/2025");
  ASSERT_NE(Row(before, "Phường Lý Thái Tổ"), nullptr);
  EXPECT_EQ(Row(before, "Phường Hoàn Kiếm"), nullptr);
  EXPECT_EQ(before.as_of, Date::FromYmd(2025, 6, 30));
}

TEST_F(RollUp, TheNewWardSeesItsPredecessorsRecordsOnlyWhenRolledUp) {
  const auto own = Report(Admin(), hoan_kiem_, std::nullopt, false);
  EXPECT_EQ(own.total.models, 0) << "phường Hoàn Kiếm has no records of its own yet";
  EXPECT_TRUE(own.rows.empty());

  // 2023: Lý Thái Tổ's three carried-over models and Hàng Bạc's adoption of "Bữa cơm nghĩa tình".
  const auto rolled = Report(Admin(), hoan_kiem_, 2023, true);
  ASSERT_EQ(rolled.rows.size(), 1u);
  const auto& hk = rolled.rows[0];
  EXPECT_EQ(hk.unit.unit.id, hoan_kiem_);
  EXPECT_EQ(hk.models, 4);
  EXPECT_EQ(hk.adopted, 1);
  ASSERT_EQ(hk.rolled_up_from.size(), 2u);
  EXPECT_EQ(hk.rolled_up_from[0].unit.name, "Phường Hàng Bạc") << "Vietnamese order";
  EXPECT_EQ(hk.rolled_up_from[1].unit.name, "Phường Lý Thái Tổ");

  // Without a date, today in Vietnam: the fixture's clock is 13/10/2022, before the merger.
  const auto today = services().reports.ModelsByUnit(Admin(), ModelsByUnitQuery{ly_thai_to_, 2022, "", true});
  ASSERT_TRUE(today.ok());
  EXPECT_EQ(today->as_of, Date::FromYmd(2022, 10, 13));
  ASSERT_EQ(today->rows.size(), 1u);
  EXPECT_EQ(today->rows[0].unit.unit.name, "Phường Lý Thái Tổ");
  clock_.Advance(std::chrono::hours(24 * 365 * 4));
  const auto later = services().reports.ModelsByUnit(Admin(), ModelsByUnitQuery{ly_thai_to_, 2022, "", true});
  ASSERT_TRUE(later.ok());
  ASSERT_EQ(later->rows.size(), 1u);
  EXPECT_EQ(later->rows[0].unit.unit.name, "Phường Hoàn Kiếm");
}

TEST_F(RollUp, AWardSplitBetweenSuccessorsKeepsItsRecords) {
  // Cửa Đông went partly into phường Hoàn Kiếm and partly into phường Ba Đình: a record of it cannot be placed.
  const int64_t cua_dong = Unit("phuong cua dong", "Phường Cửa Đông", Date::FromYmd(2022, 10, 13));
  auto org = services().community.CreateOrganisation(
      Admin(), {cua_dong, std::nullopt, "to_dan_van", "Tổ dân vận số 1 phường Cửa Đông", "01/01/2015"});
  ASSERT_TRUE(org.ok()) << org.error().message_en;
  CampaignInput c;
  c.unit_id = cua_dong;
  c.title = "Phong trào thi đua \"Dân vận khéo\" phường Cửa Đông năm 2022";
  c.starts_on = "01/01/2022";
  c.ends_on = "31/12/2022";
  c.launch_document = "Kế hoạch (thử)";
  c.registration_deadline = "31/12/2022";
  auto campaign = services().movement.CreateCampaign(Admin(), c);
  ASSERT_TRUE(campaign.ok()) << campaign.error().message_en;
  ModelInput m;
  m.campaign_id = campaign->id;
  m.field = "kinh_te";
  m.title = "Phố đi bộ không rác thải nhựa";
  m.owner_organisation_id = org->id;
  m.address = "Phường Cửa Đông, quận Hoàn Kiếm, Hà Nội";
  m.description = "Dữ liệu thử / test data.";
  m.goals = "Giảm rác thải nhựa.";
  auto model = services().movement.CreateModel(Admin(), m);
  ASSERT_TRUE(model.ok()) << model.error().message_en;

  const auto rolled = Report(Admin(), hoan_kiem_, 2022, true);
  const auto* split = Row(rolled, "Phường Cửa Đông");
  ASSERT_NE(split, nullptr);
  EXPECT_EQ(split->models, 1);
  ASSERT_EQ(split->split_into.size(), 2u);
  std::set<std::string> names = {split->split_into[0].unit.name, split->split_into[1].unit.name};
  EXPECT_EQ(names, (std::set<std::string>{"Phường Hoàn Kiếm", "Phường Ba Đình"}));
  const auto* hk = Row(rolled, "Phường Hoàn Kiếm");
  ASSERT_NE(hk, nullptr);
  EXPECT_EQ(hk->models, 19) << "Lý Thái Tổ's, and not Cửa Đông's";
  EXPECT_EQ(rolled.total.models, 20);
}

TEST_F(RollUp, WhoReadsAndWhatItCosts) {
  const Caller viewer = CallerWith({RoleGrant{0, Role::kViewer, ly_thai_to_, std::nullopt}}, 7201);
  EXPECT_EQ(Report(viewer, ly_thai_to_, 2022, false).total.models, 19);
  const Caller other_ward = CallerWith({RoleGrant{0, Role::kUnitAdmin, hang_bac_, std::nullopt}}, 7202);
  EXPECT_EQ(services().reports.ModelsByUnit(other_ward, ModelsByUnitQuery{ly_thai_to_, 2022, "", false}).error().code,
            "forbidden");
  EXPECT_EQ(services().reports.ModelsByUnit(viewer, ModelsByUnitQuery{hoan_kiem_, 2022, "", true}).error().code,
            "forbidden")
      << "Lý Thái Tổ's staff do not read the new ward's report";
  // The new ward's officer reads the records its predecessors handed on.
  const Caller new_ward = CallerWith({RoleGrant{0, Role::kUnitAdmin, hoan_kiem_, std::nullopt}}, 7203);
  EXPECT_EQ(Report(new_ward, hoan_kiem_, 2022, true).total.models, 19);
  EXPECT_EQ(services().reports.ModelsByUnit(Admin(), ModelsByUnitQuery{987654, 2022, "", false}).error().code,
            "unit_not_found");
  EXPECT_EQ(services().reports.ModelsByUnit(Admin(), ModelsByUnitQuery{ly_thai_to_, 2022, "31/02/2026", false}).error().code,
            "invalid_date");

  // A fixed number of statements whatever the number of units and records: one ward, or the whole city.
  auto cost = [&](int64_t unit) {
    const int64_t before = db().statements_run();
    const auto r = Report(Admin(), unit, std::nullopt, true);
    EXPECT_FALSE(r.rows.empty());
    return db().statements_run() - before;
  };
  const auto one = cost(ly_thai_to_);
  const auto city = Report(Admin(), ha_noi_, std::nullopt, true);
  EXPECT_GE(city.rows.size(), 2u);
  EXPECT_EQ(cost(ha_noi_), one);
}

}  // namespace
}  // namespace danvan
