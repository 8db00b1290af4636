// Figures of residents' concerns (issue 12): received, resolved, on time on both clocks, rejected, out of scope,
// duplicates, open and the residents' ratings per unit, organisation, category and month, counted in SQL on
// SQLite and PostgreSQL, rolled up across the 2025 merger like the movement's report.

#include "services/demo.hpp"
#include "support/fixture.hpp"
#include "support/images.hpp"

#include <boost/json/serialize.hpp>

namespace danvan {
namespace {

using testing::ServiceTest;

// received, resolved, received on time, resolved on time, rejected, out of scope, duplicate, open, ratings.
using Figures = std::vector<int64_t>;

Figures Of(const ConcernFigureRow& r) {
  return {r.received, r.resolved, r.received_on_time, r.resolved_on_time, r.rejected, r.out_of_scope,
          r.duplicate, r.open,    r.rating_count};
}

class ConcernFigures : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    auto seeded = SeedDemo(services());
    ASSERT_TRUE(seeded.ok()) << seeded.error().message_en << " " << boost::json::serialize(seeded.error().details);
    ly_thai_to_ = UnitNamed("Phường Lý Thái Tổ", Date::FromYmd(2025, 1, 1));
    hang_bac_ = UnitNamed("Phường Hàng Bạc", Date::FromYmd(2025, 1, 1));
    district_ = UnitNamed("Quận Hoàn Kiếm", Date::FromYmd(2025, 1, 1));
    hoan_kiem_ = UnitNamed("Phường Hoàn Kiếm", Date::FromYmd(2025, 7, 1));
    ltt_committee_ = OrganisationNamed("Ủy ban nhân dân phường Lý Thái Tổ");
    ltt_front_ = OrganisationNamed("Ủy ban Mặt trận Tổ quốc Việt Nam phường Lý Thái Tổ");
    hk_committee_ = OrganisationNamed("Ủy ban nhân dân phường Hoàn Kiếm");
    // Each ward has its own categories; the same name across the merger makes one row of the figures.
    Category(ly_thai_to_, "t-ltt-vs", "Vệ sinh môi trường", ltt_committee_);
    Category(ly_thai_to_, "t-ltt-khac", "Đề nghị khác", ltt_front_);
    Category(hang_bac_, "t-hb-vs", "Vệ sinh môi trường", std::nullopt);
    Category(hoan_kiem_, "t-hk-vs", "Vệ sinh môi trường", hk_committee_);
    Story2025();
  }

  void Category(int64_t unit, const std::string& code, const std::string& name, std::optional<int64_t> org) {
    ConcernCategory c;
    c.unit_id = unit;
    c.code = code;
    c.name = name;
    c.default_organisation_id = org;
    auto made = services().concerns.CreateCategory(Admin(), c);
    ASSERT_TRUE(made.ok()) << made.error().message_en;
  }

  //! Vietnam's local time (+07:00).
  void At(int y, unsigned m, unsigned d, int hour, int minute = 0) {
    const TimePoint t = Date::FromYmd(y, m, d).days() + std::chrono::hours(hour - 7) + std::chrono::minutes(minute);
    clock_.Advance(std::chrono::duration_cast<std::chrono::seconds>(t - clock_.Now()));
  }

  SentConcern Send(int64_t unit, const std::string& category, const std::string& text) {
    NewConcern n;
    n.unit_id = unit;
    n.category_code = category;
    n.description = text;
    n.address = "Phố Hàng Khay";
    n.latitude = 21.0262;
    n.longitude = 105.8525;
    auto s = services().concerns.Send(n, Origin{fmt::format("198.51.100.{}", ++sent_), "req"});
    EXPECT_TRUE(s.ok()) << s.error().message_en;
    return s.ok() ? *s : SentConcern{};
  }

  void Step(const SentConcern& s, ConcernAction a, std::string reason = "", std::string duplicate_of = "") {
    ConcernStep step;
    step.action = a;
    step.reason_code = std::move(reason);
    step.duplicate_of_code = std::move(duplicate_of);
    if (a == ConcernAction::kResolve) {
      step.text = "Đã xử lý xong.";
      step.files.push_back(UploadedFile{"anh.jpg", testing::PhoneJpeg(32, 24)});
    }
    auto r = services().concerns.Act(Admin(), s.id, step);
    EXPECT_TRUE(r.ok()) << ToString(a) << ": " << r.error().message_en;
  }

  void Rate(const SentConcern& s, int stars) {
    auto r = services().concerns.Rate(s.code, s.pin, stars, "", Origin{"x", "req"});
    EXPECT_TRUE(r.ok()) << r.error().message_en;
  }

  // Eight concerns of 2025: four in Lý Thái Tổ and one in Hàng Bạc before the merger, three in phường Hoàn Kiếm
  // after it. Receiving takes 8 working hours, resolving 40 (Mon–Fri 08:00–12:00, 13:30–17:00).
  void Story2025() {
    At(2025, 3, 3, 9);  // Monday
    const auto quick = Send(ly_thai_to_, "t-ltt-vs", "Rác tồn đọng đầu ngõ Hàng Khay");
    At(2025, 3, 3, 9, 30);
    const auto slow = Send(ly_thai_to_, "t-ltt-vs", "Phế thải xây dựng đổ trên vỉa hè phố Lý Thái Tổ");
    At(2025, 3, 3, 10);
    Step(quick, ConcernAction::kReceive);  // on time
    At(2025, 3, 4, 10);
    Step(quick, ConcernAction::kResolve);  // on time
    At(2025, 3, 5, 9);
    Step(slow, ConcernAction::kReceive);  // due Tuesday 10:00: late
    Rate(quick, 5);
    At(2025, 3, 20, 10);
    Step(slow, ConcernAction::kResolve);  // due Monday 10/03 12:00: late
    At(2025, 3, 21, 10);
    Rate(slow, 2);

    At(2025, 3, 31, 20);  // 13:00 UTC: March either way
    const auto refused = Send(ly_thai_to_, "t-ltt-khac", "Đề nghị (không rõ nội dung)");
    At(2025, 4, 1, 6);  // 31/03 23:00 UTC, but April in Vietnam
    const auto complaint = Send(ly_thai_to_, "t-ltt-khac", "Khiếu nại quyết định xử phạt");
    At(2025, 4, 1, 10);
    Step(complaint, ConcernAction::kOutOfScope, "complaint");  // acknowledged on time
    At(2025, 4, 2, 10);
    Step(refused, ConcernAction::kReject, "insufficient_information");  // due Wednesday 08:30: late

    At(2025, 5, 5, 9);
    Send(hang_bac_, "t-hb-vs", "Rác ở chợ Hàng Bạc");  // nobody owns it, nobody has received it

    At(2025, 9, 8, 9);
    const auto reopened = Send(hoan_kiem_, "t-hk-vs", "Thùng rác tràn ở phố Đinh Tiên Hoàng");
    At(2025, 9, 8, 9, 15);
    Step(reopened, ConcernAction::kReceive);
    At(2025, 9, 8, 10);
    const auto twin = Send(hoan_kiem_, "t-hk-vs", "Rác tràn thùng phố Đinh Tiên Hoàng");
    At(2025, 9, 8, 11);
    Step(twin, ConcernAction::kMarkDuplicate, "", reopened.code);  // acknowledges it, on time
    At(2025, 9, 9, 10);
    Step(reopened, ConcernAction::kResolve);
    At(2025, 9, 10, 10);
    auto r = services().concerns.Reopen(reopened.code, reopened.pin, "Rác lại tràn", Origin{"x", "req"});
    EXPECT_TRUE(r.ok()) << r.error().message_en;

    // Resolved late, reopened, resolved again on time: the last answer is what counts.
    At(2025, 10, 6, 9);
    const auto again = Send(hoan_kiem_, "t-hk-vs", "Cống bốc mùi phố Hàng Khay");
    At(2025, 10, 6, 9, 30);
    Step(again, ConcernAction::kReceive);
    At(2025, 10, 15, 10);
    Step(again, ConcernAction::kResolve);  // due Monday 13/10 11:30: late
    At(2025, 10, 16, 10);
    r = services().concerns.Reopen(again.code, again.pin, "Vẫn còn mùi", Origin{"x", "req"});
    EXPECT_TRUE(r.ok()) << r.error().message_en;
    At(2025, 10, 17, 10);
    Step(again, ConcernAction::kResolve);  // on time
  }

  ConcernFiguresReport Figures2025(const Caller& caller, int64_t unit, const std::string& group_by, bool roll_up = true,
                                   const std::string& as_of = "01/12/2026") {
    ConcernFiguresQuery q;
    q.unit_id = unit;
    q.year = 2025;
    q.group_by = group_by;
    q.roll_up = roll_up;
    q.as_of = as_of;
    auto r = services().reports.ConcernFigures(caller, q);
    EXPECT_TRUE(r.ok()) << r.error().code << " " << r.error().message_en;
    return r.ok() ? *r : ConcernFiguresReport{};
  }

  static const ConcernFigureRow* Row(const ConcernFiguresReport& r, const std::string& label) {
    for (const auto& row : r.rows)
      if (row.label == label) return &row;
    ADD_FAILURE() << "no row " << label;
    return nullptr;
  }

  int64_t ly_thai_to_ = 0, hang_bac_ = 0, district_ = 0, hoan_kiem_ = 0;
  int64_t ltt_committee_ = 0, ltt_front_ = 0, hk_committee_ = 0;
  int sent_ = 0;
};

TEST_F(ConcernFigures, TheNewWardCountsTheConcernsOfTheWardsMergedIntoItPerUnit) {
  const auto r = Figures2025(Admin(), hoan_kiem_, "unit");
  EXPECT_EQ(r.unit_name, "Phường Hoàn Kiếm");
  EXPECT_EQ(r.group_by, "unit");
  EXPECT_EQ(r.from, "2025-01-01");
  EXPECT_EQ(r.to, "2025-12-31");
  EXPECT_TRUE(r.roll_up);
  //            recv res r.ot s.ot rej oos dup open ratings
  EXPECT_EQ(Of(r.total), (Figures{8, 3, 5, 2, 1, 1, 1, 2, 2}));
  EXPECT_EQ(r.total.key, "total");
  EXPECT_EQ(r.total.label, "Tổng cộng");
  ASSERT_TRUE(r.total.rating_mean);
  EXPECT_DOUBLE_EQ(*r.total.rating_mean, 3.5);
  // Every record counts under the unit that stands for it: one row, naming the wards it counts.
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].key, std::to_string(hoan_kiem_));
  EXPECT_EQ(r.rows[0].label, "Phường Hoàn Kiếm");
  EXPECT_EQ(r.rows[0].includes, (std::vector<std::string>{"Phường Hàng Bạc", "Phường Hoàn Kiếm", "Phường Lý Thái Tổ"}));
  EXPECT_EQ(Of(r.rows[0]), Of(r.total));

  // Not rolled up: only what was sent in the new ward itself.
  const auto own = Figures2025(Admin(), hoan_kiem_, "unit", false);
  EXPECT_EQ(Of(own.total), (Figures{3, 1, 3, 1, 0, 0, 1, 1, 0}));
  EXPECT_FALSE(own.total.rating_mean);
  ASSERT_EQ(own.rows.size(), 1u);
  EXPECT_TRUE(own.rows[0].includes.empty());
  // Before the merger was in force, the old wards were not part of it.
  EXPECT_EQ(Figures2025(Admin(), hoan_kiem_, "unit", true, "30/06/2025").total.received, 3);

  // The old district's subtree: a row per ward, as the records were made.
  const auto district = Figures2025(Admin(), district_, "unit", false);
  ASSERT_EQ(district.rows.size(), 2u);
  EXPECT_EQ(district.rows[0].label, "Phường Hàng Bạc");
  EXPECT_EQ(Of(district.rows[0]), (Figures{1, 0, 0, 0, 0, 0, 0, 1, 0}));
  EXPECT_EQ(district.rows[1].label, "Phường Lý Thái Tổ");
  EXPECT_EQ(Of(district.rows[1]), (Figures{4, 2, 2, 1, 1, 1, 0, 0, 2}));
  EXPECT_EQ(district.total.received, 5);
}

TEST_F(ConcernFigures, PerOrganisationTheOwnerNowAndNobodysLast) {
  const auto r = Figures2025(Admin(), hoan_kiem_, "organisation");
  ASSERT_EQ(r.rows.size(), 4u);
  // Vietnamese order of the names, "nobody yet" last.
  EXPECT_EQ(r.rows[0].label, "Ủy ban Mặt trận Tổ quốc Việt Nam phường Lý Thái Tổ");
  EXPECT_EQ(r.rows[0].key, std::to_string(ltt_front_));
  EXPECT_EQ(Of(r.rows[0]), (Figures{2, 0, 1, 0, 1, 1, 0, 0, 0}));
  EXPECT_EQ(r.rows[1].label, "Ủy ban nhân dân phường Hoàn Kiếm");
  EXPECT_EQ(Of(r.rows[1]), (Figures{3, 1, 3, 1, 0, 0, 1, 1, 0}));
  EXPECT_EQ(r.rows[2].label, "Ủy ban nhân dân phường Lý Thái Tổ");
  EXPECT_EQ(Of(r.rows[2]), (Figures{2, 2, 1, 1, 0, 0, 0, 0, 2}));
  ASSERT_TRUE(r.rows[2].rating_mean);
  EXPECT_DOUBLE_EQ(*r.rows[2].rating_mean, 3.5);
  EXPECT_EQ(r.rows[3].key, "none");
  EXPECT_EQ(r.rows[3].label, "Chưa có tổ chức xử lý");
  EXPECT_EQ(Of(r.rows[3]), (Figures{1, 0, 0, 0, 0, 0, 0, 1, 0}));
  EXPECT_EQ(Of(r.total), (Figures{8, 3, 5, 2, 1, 1, 1, 2, 2}));
}

TEST_F(ConcernFigures, PerCategoryTheSameNameAcrossTheMergerIsOneRow) {
  const auto r = Figures2025(Admin(), hoan_kiem_, "category");
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].label, "Đề nghị khác");
  EXPECT_EQ(r.rows[0].key, "t-ltt-khac");
  EXPECT_EQ(Of(r.rows[0]), (Figures{2, 0, 1, 0, 1, 1, 0, 0, 0}));
  EXPECT_EQ(r.rows[1].label, "Vệ sinh môi trường");
  EXPECT_EQ(r.rows[1].key, "t-hb-vs,t-hk-vs,t-ltt-vs");
  EXPECT_EQ(r.rows[1].includes, (std::vector<std::string>{"t-hb-vs", "t-hk-vs", "t-ltt-vs"}));
  EXPECT_EQ(Of(r.rows[1]), (Figures{6, 3, 4, 2, 0, 0, 1, 2, 2}));
}

TEST_F(ConcernFigures, PerMonthInVietnamsTimeEveryMonthOfTheYear) {
  const auto r = Figures2025(Admin(), hoan_kiem_, "month");
  ASSERT_EQ(r.rows.size(), 12u);
  EXPECT_EQ(r.rows[0].key, "2025-01");
  EXPECT_EQ(r.rows[0].label, "Tháng 1/2025");
  EXPECT_EQ(Of(r.rows[0]), (Figures{0, 0, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_FALSE(r.rows[0].rating_mean);
  // Sent 01/04 06:00 in Hà Nội is 31/03 in UTC: it counts in April.
  EXPECT_EQ(r.rows[2].key, "2025-03");
  EXPECT_EQ(Of(r.rows[2]), (Figures{3, 2, 1, 1, 1, 0, 0, 0, 2}));
  EXPECT_EQ(Of(r.rows[3]), (Figures{1, 0, 1, 0, 0, 1, 0, 0, 0}));
  EXPECT_EQ(Of(r.rows[4]), (Figures{1, 0, 0, 0, 0, 0, 0, 1, 0}));
  EXPECT_EQ(Of(r.rows[8]), (Figures{2, 0, 2, 0, 0, 0, 1, 1, 0}));
  EXPECT_EQ(Of(r.rows[9]), (Figures{1, 1, 1, 1, 0, 0, 0, 0, 0}));
  EXPECT_EQ(r.rows[11].label, "Tháng 12/2025");
  EXPECT_EQ(Of(r.total), (Figures{8, 3, 5, 2, 1, 1, 1, 2, 2}));

  // A range of days instead of a year: only its months, its concerns.
  ConcernFiguresQuery q;
  q.unit_id = hoan_kiem_;
  q.group_by = "month";
  q.from = "01/04/2025";
  q.to = "2025-05-31";
  q.as_of = "2026-01-01";
  auto spring = services().reports.ConcernFigures(Admin(), q);
  ASSERT_TRUE(spring.ok()) << spring.error().message_en;
  ASSERT_EQ(spring->rows.size(), 2u);
  EXPECT_EQ(spring->total.received, 2);
}

TEST_F(ConcernFigures, AsTheMovementsReportAnyGrantOnTheUnitAndCheckedParameters) {
  const Caller viewer = CallerWith({RoleGrant{0, Role::kViewer, hoan_kiem_, std::nullopt}});
  EXPECT_EQ(Figures2025(viewer, hoan_kiem_, "unit").total.received, 8);
  const Caller old_ward = CallerWith({RoleGrant{0, Role::kUnitAdmin, ly_thai_to_, std::nullopt}});
  ConcernFiguresQuery q;
  q.unit_id = hoan_kiem_;
  EXPECT_EQ(services().reports.ConcernFigures(old_ward, q).error().code, "forbidden");
  q.group_by = "street";
  auto bad = services().reports.ConcernFigures(Admin(), q);
  EXPECT_EQ(bad.error().code, "invalid_parameter");
  EXPECT_EQ(bad.error().details.at("parameter").as_string(), "group_by");
  q.group_by = "unit";
  q.year = 2025;
  q.from = "01/01/2025";
  EXPECT_EQ(services().reports.ConcernFigures(Admin(), q).error().code, "invalid_parameter");
  q.year.reset();
  q.to = "31/12/2024";
  EXPECT_EQ(services().reports.ConcernFigures(Admin(), q).error().code, "invalid_parameter");
  q.to.clear();
  q.unit_id = 999999;
  EXPECT_EQ(services().reports.ConcernFigures(Admin(), q).error().code, "unit_not_found");
}

}  // namespace
}  // namespace danvan
