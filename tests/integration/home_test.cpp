// The home page (GET /api/v1/home): one block per role on the demo ward, a city block with every ward side by side
// rolled up across the 2025 merger, the charts' figures — each checked against the service that owns the figure —
// and a fixed number of statements whatever the amount of data.

#include "services/demo.hpp"
#include "support/fixture.hpp"

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace danvan {
namespace {

using testing::ServiceTest;

class HomeTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    auto seeded = SeedDemo(services());
    ASSERT_TRUE(seeded.ok()) << seeded.error().message_en << " " << boost::json::serialize(seeded.error().details);
    ly_thai_to_ = UnitNamed("Phường Lý Thái Tổ", Date::FromYmd(2022, 10, 13));
    ha_noi_ = UnitNamed("Thành phố Hà Nội", Date::FromYmd(2025, 7, 1));
    hoan_kiem_ = UnitNamed("Phường Hoàn Kiếm", Date::FromYmd(2025, 7, 1));
    tdv3_ = OrganisationNamed("Tổ dân vận số 3");
  }

  Home HomeOf(const Caller& caller, const std::string& as_of = "") {
    auto h = services().home.Get(caller, as_of);
    EXPECT_TRUE(h.ok()) << h.error().code << " " << h.error().message_en;
    return h.ok() ? *h : Home{};
  }

  static const HomeBlock* Block(const Home& h, HomeBlock::Kind kind) {
    for (const auto& b : h.blocks)
      if (b.kind == kind) return &b;
    return nullptr;
  }

  Caller Officer() { return CallerWith({RoleGrant{0, Role::kUnitAdmin, ly_thai_to_, std::nullopt}}, 7301); }
  Caller Member() { return CallerWith({RoleGrant{0, Role::kUnitMember, ly_thai_to_, tdv3_}}, 7302); }

  int64_t ly_thai_to_ = 0, ha_noi_ = 0, hoan_kiem_ = 0, tdv3_ = 0;
};

TEST_F(HomeTest, TheOfficerSeesTheCampaignRegistrationsProposalsConcernsAndCharts) {
  const auto home = HomeOf(Officer());
  EXPECT_EQ(home.as_of, Date::FromYmd(2022, 10, 13));
  EXPECT_EQ(home.year, 2022);
  ASSERT_EQ(home.blocks.size(), 1u) << "one grant, one block; a ward is no city";
  const auto& b = home.blocks[0];
  EXPECT_EQ(b.kind, HomeBlock::Kind::kOfficer);
  EXPECT_EQ(b.unit.id, ly_thai_to_);

  // The current campaign is the ward's, and what is still expected is the registration's "missing" rows.
  ASSERT_TRUE(b.campaign.has_value());
  EXPECT_EQ(b.campaign->unit_id, ly_thai_to_);
  const auto reg = services().movement.Registration(Officer(), b.campaign->id);
  ASSERT_TRUE(reg.ok());
  size_t missing = 0;
  for (const auto& r : reg->rows) missing += r.state == "missing";
  EXPECT_EQ(b.registrations.size(), missing);
  for (const auto& r : b.registrations) EXPECT_EQ(r.state, "missing") << r.organisation.name;
  EXPECT_EQ(b.deadline_passed, reg->deadline_passed);

  // Proposals waiting for the officer: the demo's went all the way to a decision.
  ProposalQuery pq;
  pq.unit_id = ly_thai_to_;
  int64_t waiting = 0;
  for (auto s : {ProposalStatus::kSubmitted, ProposalStatus::kInReview, ProposalStatus::kVoted}) {
    pq.status = s;
    waiting += services().awards.ListProposals(Officer(), pq)->total;
  }
  EXPECT_EQ(b.proposals.total, waiting);

  // Concerns due within a day or overdue: the staff's due_soon queue, counted the same.
  StaffConcernQuery cq;
  cq.unit_id = ly_thai_to_;
  cq.queue = "due_soon";
  const auto due = services().concerns.List(Officer(), cq);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(b.concerns.total, due->total);
  for (const auto& c : b.concerns.items) ASSERT_TRUE(c.due_at.has_value()) << c.code;

  // Charts: the models of the ward per field and level add up to the report's models, field by field.
  ASSERT_TRUE(home.charts.has_value());
  const auto& models = home.charts->models;
  EXPECT_EQ(models.unit_id, ly_thai_to_);
  const auto report = services().reports.ModelsByUnit(Officer(), ModelsByUnitQuery{ly_thai_to_, std::nullopt, "", true});
  ASSERT_TRUE(report.ok());
  EXPECT_GE(report->total.models, 19);
  EXPECT_EQ(models.total, report->total.models);
  int64_t sum = 0, at_a_level = 0;
  for (const auto& c : models.cells) {
    sum += c.models;
    if (!c.level.empty()) at_a_level += c.models;
    EXPECT_GT(c.models, 0);
  }
  EXPECT_EQ(sum, models.total);
  EXPECT_GE(at_a_level, 13) << "the thirteen recognised in 2022 at least";
  EXPECT_EQ(models.fields.size(), 4u) << "the four official fields";
  ASSERT_FALSE(models.levels.empty());
  for (const auto& l : models.levels) {
    if (!l.code.empty()) {
      EXPECT_FALSE(l.name.empty()) << l.code;
    }
  }
  for (const auto& f : models.fields) {
    ModelQuery q;
    q.unit_id = ly_thai_to_;
    q.field = f.code;
    q.limit = 1;
    const auto listed = services().movement.ListModels(Officer(), q);
    ASSERT_TRUE(listed.ok());
    int64_t in_field = 0;
    for (const auto& c : models.cells)
      if (c.field == f.code) in_field += c.models;
    EXPECT_EQ(in_field, listed->total) << f.code;
  }

  // Concerns per month of 2022: twelve months, the report's total.
  const auto& months = home.charts->concerns;
  ASSERT_EQ(months.rows.size(), 12u);
  EXPECT_EQ(months.rows.front().key, "2022-01");
  EXPECT_EQ(months.rows.back().key, "2022-12");
  ConcernFiguresQuery fq;
  fq.unit_id = ly_thai_to_;
  fq.year = 2022;
  const auto figures = services().reports.ConcernFigures(Officer(), fq);
  ASSERT_TRUE(figures.ok());
  EXPECT_GT(figures->total.received, 0) << "the demo's 2022 concerns";
  int64_t received = 0, on_time = 0;
  for (const auto& m : months.rows) {
    received += m.received;
    on_time += m.received_on_time;
  }
  EXPECT_EQ(received, figures->total.received);
  EXPECT_EQ(on_time, figures->total.received_on_time);
}

TEST_F(HomeTest, AMemberSeesItsModelsAndWhatIsAskedOfIt) {
  const auto home = HomeOf(Member());
  ASSERT_EQ(home.blocks.size(), 1u);
  const auto& b = home.blocks[0];
  EXPECT_EQ(b.kind, HomeBlock::Kind::kMember);
  ASSERT_TRUE(b.organisation.has_value());
  EXPECT_EQ(b.organisation->id, tdv3_);
  ModelQuery q;
  q.unit_id = ly_thai_to_;
  q.owner_organisation_id = tdv3_;
  const auto own = services().movement.ListModels(Member(), q);
  ASSERT_TRUE(own.ok());
  ASSERT_GE(own->total, 1) << "the Covid-19 model of Tổ dân vận số 3";
  EXPECT_EQ(b.models.total, own->total);
  for (const auto& m : b.models.items) EXPECT_EQ(m.owner_organisation_id, tdv3_) << m.title;
  // Its own registration row, and only it.
  ASSERT_TRUE(b.campaign.has_value());
  ASSERT_EQ(b.registrations.size(), 1u);
  EXPECT_EQ(b.registrations[0].organisation.id, tdv3_);
  for (const auto& c : b.concerns.items) EXPECT_EQ(c.organisation_id, tdv3_) << c.code;
  EXPECT_FALSE(b.proposals.total);
}

TEST_F(HomeTest, SignersCouncilMembersAndViewersGetTheirBlocks) {
  const Caller signer = CallerWith({RoleGrant{0, Role::kSigner, ly_thai_to_, std::nullopt}}, 7303);
  const auto s = HomeOf(signer);
  ASSERT_EQ(s.blocks.size(), 1u);
  EXPECT_EQ(s.blocks[0].kind, HomeBlock::Kind::kSigner);
  ProposalQuery pq;
  pq.unit_id = ly_thai_to_;
  pq.status = ProposalStatus::kAwaitingSignature;
  EXPECT_EQ(s.blocks[0].proposals.total, services().awards.ListProposals(signer, pq)->total);

  // The demo's council member sits on the 2022 council, whose session is closed: nothing open.
  auto found = db().Run<std::optional<UserRecord>>(TxMode::kRead, [&](Tx& tx) -> Result<std::optional<UserRecord>> {
    return services().repos.accounts->FindUserByName(tx, "hoidong.lythaito");
  });
  ASSERT_TRUE(found.ok() && found->has_value());
  const Caller council = CallerWith({RoleGrant{0, Role::kCouncilMember, ly_thai_to_, std::nullopt}}, (*found)->id);
  const auto c = HomeOf(council);
  ASSERT_EQ(c.blocks.size(), 1u);
  EXPECT_EQ(c.blocks[0].kind, HomeBlock::Kind::kCouncil);
  EXPECT_TRUE(c.blocks[0].sessions.empty());

  const auto v = HomeOf(CallerWith({RoleGrant{0, Role::kViewer, ly_thai_to_, std::nullopt}}, 7304));
  EXPECT_TRUE(v.blocks.empty()) << "a viewer acts on nothing";
  ASSERT_TRUE(v.charts.has_value()) << "but reads the figures";
  EXPECT_EQ(v.charts->models.unit_id, ly_thai_to_);

  // Several roles: a block for each, in the order of the grants.
  const auto both = HomeOf(CallerWith({RoleGrant{0, Role::kSigner, ly_thai_to_, std::nullopt},
                                       RoleGrant{0, Role::kUnitAdmin, ly_thai_to_, std::nullopt}},
                                      7305));
  ASSERT_EQ(both.blocks.size(), 2u);
  EXPECT_EQ(both.blocks[0].kind, HomeBlock::Kind::kSigner);
  EXPECT_EQ(both.blocks[1].kind, HomeBlock::Kind::kOfficer);

  EXPECT_EQ(services().home.Get(signer, "31/02/2026").error().code, "invalid_date");
}

TEST_F(HomeTest, TheCityComparesEveryWardRolledUpAcrossTheMerger) {
  const Caller city = CallerWith({RoleGrant{0, Role::kUnitAdmin, ha_noi_, std::nullopt}}, 7306);
  const auto home = HomeOf(city, "01/01/2026");
  const auto* b = Block(home, HomeBlock::Kind::kCity);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->unit.id, ha_noi_);
  ASSERT_NE(Block(home, HomeBlock::Kind::kOfficer), nullptr) << "the city's officer has its officer block too";

  const auto report = services().reports.ModelsByUnit(city, ModelsByUnitQuery{ha_noi_, std::nullopt, "01/01/2026", true});
  ASSERT_TRUE(report.ok());
  const CityWard* hk = nullptr;
  std::set<std::string> names;
  for (const auto& w : b->wards) {
    names.insert(w.unit.name);
    if (w.unit.id == hoan_kiem_) hk = &w;
  }
  EXPECT_TRUE(names.count("Phường Ba Đình") && names.count("Phường Cửa Nam")) << "every ward of the day, without records too";
  EXPECT_FALSE(names.count("Phường Lý Thái Tổ")) << "rolled up into phường Hoàn Kiếm";
  ASSERT_NE(hk, nullptr);
  const UnitTally* expected = nullptr;
  for (const auto& r : report->rows)
    if (r.unit.unit.id == hoan_kiem_) expected = &r;
  ASSERT_NE(expected, nullptr);
  EXPECT_EQ(hk->models, expected->models);
  EXPECT_EQ(hk->recognised, expected->recognised);
  EXPECT_GE(hk->models, 19) << "Lý Thái Tổ's 2022 models at least";
  EXPECT_TRUE(std::count(hk->rolled_up_from.begin(), hk->rolled_up_from.end(), "Phường Lý Thái Tổ"));
  EXPECT_EQ(b->city_total.models, report->total.models);
  int64_t sum = 0;
  for (const auto& w : b->wards) sum += w.models;
  EXPECT_EQ(sum, b->city_total.models);

  // The concerns of 2026 per ward, as the concern figures count them.
  ConcernFiguresQuery fq;
  fq.unit_id = ha_noi_;
  fq.year = 2026;
  fq.as_of = "01/01/2026";
  const auto figures = services().reports.ConcernFigures(city, fq);
  ASSERT_TRUE(figures.ok());
  EXPECT_EQ(b->city_total.concerns_received, figures->total.received);
  int64_t received = 0;
  for (const auto& w : b->wards) received += w.concerns_received;
  EXPECT_EQ(received, figures->total.received);

  // The system administrator compares the wards of each province.
  const auto admin = HomeOf(Admin(), "01/01/2026");
  const auto* ab = Block(admin, HomeBlock::Kind::kCity);
  ASSERT_NE(ab, nullptr);
  EXPECT_EQ(ab->unit.id, ha_noi_);
  EXPECT_EQ(ab->city_total.models, b->city_total.models);
}

TEST_F(HomeTest, TheOfficersHomeShowsTheUnitsPlanOfTheYearAsThePlanServiceCountsIt) {
  EXPECT_FALSE(Block(HomeOf(Officer()), HomeBlock::Kind::kOfficer)->plan.has_value()) << "no plan of 2022 yet";
  PlanInput own{ly_thai_to_, std::nullopt, 2022, "", "", {{"models_registered", 4, ""}, {"dialogues", 2, ""}}};
  ASSERT_TRUE(services().plans.CreatePlan(Admin(), own).ok());
  PlanInput org{ly_thai_to_, tdv3_, 2022, "", "", {{"models_registered", 1, ""}}};
  ASSERT_TRUE(services().plans.CreatePlan(Admin(), org).ok());
  const auto home = HomeOf(Officer());
  const auto* b = Block(home, HomeBlock::Kind::kOfficer);
  ASSERT_TRUE(b->plan.has_value());
  EXPECT_FALSE(b->plan->plan.organisation_id.has_value()) << "the unit's own plan, not an organisation's";
  const auto view = services().plans.GetPlan(Admin(), b->plan->plan.id, "13/10/2022");
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(b->plan->targets, 2);
  EXPECT_EQ(b->plan->met, view->met);
  for (size_t i = 0; i < view->sections.size(); ++i)
    for (size_t j = 0; j < view->sections[i].targets.size(); ++j)
      EXPECT_EQ(b->plan->sections[i].targets[j].value, view->sections[i].targets[j].value);
}

TEST_F(HomeTest, AFixedNumberOfStatementsWhateverTheData) {
  const Caller everyone = CallerWith({RoleGrant{0, Role::kUnitAdmin, ly_thai_to_, std::nullopt},
                                      RoleGrant{0, Role::kUnitMember, ly_thai_to_, tdv3_},
                                      RoleGrant{0, Role::kSigner, ly_thai_to_, std::nullopt},
                                      RoleGrant{0, Role::kCouncilMember, ly_thai_to_, std::nullopt},
                                      RoleGrant{0, Role::kViewer, ha_noi_, std::nullopt}},
                                     7307);
  auto cost = [&](Home* out) {
    const int64_t before = db().statements_run();
    *out = HomeOf(everyone);
    return db().statements_run() - before;
  };
  Home small;
  const auto demo = cost(&small);
  ASSERT_EQ(small.blocks.size(), 5u) << "officer, member, signer, council, city";

  // Ten times the demo's models and thirty more concerns, owned by the member's organisation.
  const auto campaigns = services().movement.ListCampaigns(ly_thai_to_);
  ASSERT_TRUE(campaigns.ok() && !campaigns->empty());
  for (int i = 0; i < 200; ++i) {
    ModelInput m;
    m.campaign_id = campaigns->front().id;
    m.field = i % 2 ? "kinh_te" : "van_hoa_xa_hoi";
    m.title = fmt::format("Mô hình thử số {}", i);
    m.owner_organisation_id = tdv3_;
    m.address = "Phường Lý Thái Tổ, quận Hoàn Kiếm, Hà Nội";
    m.description = "Dữ liệu thử / test data.";
    m.goals = "Thử / test.";
    auto made = services().movement.CreateModel(Admin(), m);
    ASSERT_TRUE(made.ok()) << made.error().message_en;
  }
  ConcernCategory cat;
  cat.unit_id = ly_thai_to_;
  cat.code = "t-home";
  cat.name = "Thử trang chủ";
  cat.default_organisation_id = tdv3_;
  ASSERT_TRUE(services().concerns.CreateCategory(Admin(), cat).ok());
  for (int i = 0; i < 30; ++i) {
    NewConcern n;
    n.unit_id = ly_thai_to_;
    n.category_code = "t-home";
    n.description = fmt::format("Phản ánh thử số {} về vệ sinh ngõ phố.", i);
    n.address = "Phố Hàng Khay";
    n.channel = ConcernChannel::kWalkIn;
    auto sent = services().concerns.Intake(Admin(), n);
    ASSERT_TRUE(sent.ok()) << sent.error().message_en;
  }
  clock_.Advance(std::chrono::hours(24 * 10));  // the new concerns' clocks have run out

  Home big;
  EXPECT_EQ(cost(&big), demo) << "the same statements with ten times the models";
  EXPECT_EQ(big.charts->models.total, small.charts->models.total + 200);
  const auto* member = Block(big, HomeBlock::Kind::kMember);
  ASSERT_NE(member, nullptr);
  EXPECT_EQ(member->models.total, Block(small, HomeBlock::Kind::kMember)->models.total + 200);
  EXPECT_EQ(static_cast<int64_t>(member->models.items.size()), HomeService::kListLimit);
  EXPECT_GE(member->concerns.total, 30);
  const auto* officer = Block(big, HomeBlock::Kind::kOfficer);
  ASSERT_NE(officer, nullptr);
  EXPECT_GE(officer->concerns.total, 30) << "overdue now";
  EXPECT_EQ(static_cast<int64_t>(officer->concerns.items.size()), HomeService::kListLimit);
  EXPECT_TRUE(officer->concerns.items.front().overdue);
}

}  // namespace
}  // namespace danvan
