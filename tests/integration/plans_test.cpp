// The year's plans (issue 13): the five tasks as sections with targets, counted from the records as of any day or
// reported by hand with evidence; outreach activities that feed them; the carry-over into the next year; the roll-up
// across the 2025 merger; a fixed number of statements whatever the data; on SQLite and PostgreSQL.

#include "services/demo.hpp"
#include "support/fixture.hpp"
#include "support/images.hpp"
#include "support/xlsx_tools.hpp"

#include <boost/json/serialize.hpp>

namespace danvan {
namespace {

using testing::ServiceTest;

class Plans : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    auto seeded = SeedDemo(services());
    ASSERT_TRUE(seeded.ok()) << seeded.error().message_en << " " << boost::json::serialize(seeded.error().details);
    ly_thai_to_ = UnitNamed("Phường Lý Thái Tổ", Date::FromYmd(2022, 10, 13));
    hang_bac_ = UnitNamed("Phường Hàng Bạc", Date::FromYmd(2022, 10, 13));
    tdv3_ = OrganisationNamed("Tổ dân vận số 3");
  }

  int64_t CreatePlan(const Caller& caller, int64_t unit, int year, std::vector<TargetInput> targets,
                     std::optional<int64_t> org = std::nullopt) {
    PlanInput in;
    in.unit_id = unit;
    in.organisation_id = org;
    in.year = year;
    in.targets = std::move(targets);
    auto p = services().plans.CreatePlan(caller, in);
    EXPECT_TRUE(p.ok()) << p.error().code << " " << p.error().message_en;
    return p.ok() ? p->plan.id : 0;
  }

  int64_t Activity(int64_t unit, const std::string& kind, const std::string& held_on, int64_t attendance,
                   std::optional<int64_t> org = std::nullopt, const Caller& caller = Admin()) {
    ActivityInput in;
    in.unit_id = unit;
    in.organisation_id = org;
    in.kind_code = kind;
    in.held_on = held_on;
    in.place = "Nhà văn hóa tổ dân phố số 3";
    in.topic = "Tuyên truyền phòng, chống dịch Covid-19";
    in.attendance = attendance;
    auto a = services().plans.CreateActivity(caller, in);
    EXPECT_TRUE(a.ok()) << a.error().code << " " << a.error().message_en;
    return a.ok() ? a->activity.id : 0;
  }

  PlanView Get(int64_t plan, const std::string& as_of, const Caller& caller = Admin()) {
    auto v = services().plans.GetPlan(caller, plan, as_of);
    EXPECT_TRUE(v.ok()) << v.error().code << " " << v.error().message_en;
    return v.ok() ? *v : PlanView{};
  }

  static const TargetProgress& Target(const PlanView& v, const std::string& kind) {
    for (const auto& s : v.sections)
      for (const auto& t : s.targets)
        if (t.target.kind_code == kind) return t;
    static const TargetProgress none;
    ADD_FAILURE() << "no target " << kind;
    return none;
  }

  TargetReport Report(int64_t target, const std::string& on, double value, const Caller& caller = Admin()) {
    TargetReportInput in;
    in.reported_on = on;
    in.value = value;
    in.evidence = "Danh sách đoàn viên, hội viên mới kết nạp";
    auto r = services().plans.ReportTarget(caller, target, in);
    EXPECT_TRUE(r.ok()) << r.error().code << " " << r.error().message_en;
    return r.ok() ? *r : TargetReport{};
  }

  //! The clock moved to a day (09:00 in Vietnam).
  void Today(int y, unsigned m, unsigned d) {
    const TimePoint t = Date::FromYmd(y, m, d).days() + std::chrono::hours(2);
    clock_.Advance(std::chrono::duration_cast<std::chrono::seconds>(t - clock_.Now()));
  }

  static Caller Member(int64_t unit, int64_t org) {
    return CallerWith({RoleGrant{0, Role::kUnitMember, unit, org}}, 31);
  }

  int64_t ly_thai_to_ = 0, hang_bac_ = 0, tdv3_ = 0;
};

TEST_F(Plans, FiveSectionsInOrderWithTheirTargets) {
  const auto plan = CreatePlan(Admin(), ly_thai_to_, 2022,
                               {{"models_registered", 14, ""}, {"propaganda_sessions", 4, ""}, {"new_members", 30, ""}});
  const auto v = Get(plan, "");
  ASSERT_EQ(v.sections.size(), 5u);
  std::vector<std::string> tasks;
  for (const auto& s : v.sections) tasks.push_back(s.task.code);
  EXPECT_EQ(tasks, (std::vector<std::string>{"tuyen_truyen", "dan_van_chinh_quyen", "phong_trao", "mat_tran_doan_the", "can_bo"}));
  EXPECT_EQ(v.sections[0].targets.size(), 1u);  // propaganda
  EXPECT_EQ(v.sections[2].targets.size(), 1u);  // the movement
  EXPECT_EQ(v.sections[3].targets.size(), 1u);  // new members: reported by hand
  EXPECT_EQ(v.targets, 3);
  EXPECT_EQ(v.plan.title, "Kế hoạch công tác dân vận năm 2022");
  EXPECT_EQ(v.unit_name, "Phường Lý Thái Tổ");
  EXPECT_TRUE(v.can_edit);
}

TEST_F(Plans, CountedTargetsFollowTheRecordsAsOfADay) {
  const auto plan = CreatePlan(Admin(), ly_thai_to_, 2022,
                               {{"models_recognised", 13, ""}, {"models_registered", 10, ""},
                                {"propaganda_sessions", 2, ""}, {"propaganda_reach", 200, ""}, {"dialogues", 1, ""}});
  Activity(ly_thai_to_, "propaganda", "05/03/2022", 50);
  Activity(ly_thai_to_, "propaganda", "20/08/2022", 120);
  Activity(ly_thai_to_, "dialogue", "01/09/2022", 35);
  Activity(hang_bac_, "propaganda", "01/04/2022", 999);   // another ward: not counted
  Activity(ly_thai_to_, "propaganda", "20/12/2021", 77);  // last year: not counted

  // The demo's council met on 10/10/2022 and recognised its models; registrations were made on 13/10/2022.
  ModelsByUnitQuery q{ly_thai_to_, 2022, "13/10/2022", false};
  const auto report = services().reports.ModelsByUnit(Admin(), q);
  ASSERT_TRUE(report.ok());
  ASSERT_GT(report->total.recognised, 0);

  const auto june = Get(plan, "30/06/2022");
  EXPECT_EQ(june.as_of, Date::FromYmd(2022, 6, 30));
  EXPECT_EQ(Target(june, "propaganda_sessions").value, 1.0);
  EXPECT_EQ(Target(june, "propaganda_reach").value, 50.0);
  EXPECT_EQ(Target(june, "dialogues").value, 0.0);
  EXPECT_EQ(Target(june, "models_recognised").value, 0.0);
  EXPECT_FALSE(Target(june, "propaganda_sessions").met);
  EXPECT_DOUBLE_EQ(Target(june, "propaganda_sessions").percent, 50.0);

  const auto before_council = Get(plan, "09/10/2022");
  EXPECT_EQ(Target(before_council, "models_recognised").value, 0.0);
  const auto after_council = Get(plan, "10/10/2022");
  EXPECT_EQ(Target(after_council, "models_recognised").value, static_cast<double>(report->total.recognised));

  const auto now = Get(plan, "13/10/2022");
  EXPECT_EQ(Target(now, "propaganda_sessions").value, 2.0);
  EXPECT_EQ(Target(now, "propaganda_reach").value, 170.0);
  EXPECT_EQ(Target(now, "dialogues").value, 1.0);
  EXPECT_EQ(Target(now, "models_registered").value, static_cast<double>(report->total.registered));
  EXPECT_TRUE(Target(now, "propaganda_sessions").met);
  EXPECT_TRUE(Target(now, "dialogues").met);
  EXPECT_FALSE(Target(now, "propaganda_reach").met);
  // A day after the year reads as its last day.
  EXPECT_EQ(Get(plan, "15/02/2023").as_of, Date::FromYmd(2022, 12, 31));
}

TEST_F(Plans, ConcernTargetsAgreeWithTheConcernFigures) {
  const auto plan = CreatePlan(Admin(), ly_thai_to_, 2022,
                               {{"concerns_received", 10, ""}, {"concerns_resolved_on_time", 90, ""},
                                {"concerns_received_on_time", 95, ""}, {"satisfaction", 4, ""}});
  ConcernFiguresQuery q;
  q.unit_id = ly_thai_to_;
  q.year = 2022;
  q.as_of = "31/12/2022";
  const auto figures = services().reports.ConcernFigures(Admin(), q);
  ASSERT_TRUE(figures.ok()) << figures.error().message_en;
  const auto& total = figures->total;
  ASSERT_GT(total.received, 0) << "the demo sends concerns to Lý Thái Tổ in 2022";
  ASSERT_GT(total.resolved, 0);

  const auto v = Get(plan, "31/12/2022");
  EXPECT_EQ(Target(v, "concerns_received").value, static_cast<double>(total.received));
  ASSERT_TRUE(Target(v, "concerns_resolved_on_time").value.has_value());
  EXPECT_NEAR(*Target(v, "concerns_resolved_on_time").value, 100.0 * total.resolved_on_time / total.resolved, 1e-9);
  ASSERT_TRUE(total.rating_mean.has_value());
  ASSERT_TRUE(Target(v, "satisfaction").value.has_value());
  EXPECT_NEAR(*Target(v, "satisfaction").value, *total.rating_mean, 0.005) << "the figures round the mean to 2 places";

  // Before the first concern of the year nothing is measured: no share of nothing, no mean of no rating.
  const auto january = Get(plan, "01/01/2022");
  EXPECT_EQ(Target(january, "concerns_received").value, 0.0);
  EXPECT_FALSE(Target(january, "concerns_resolved_on_time").value.has_value());
  EXPECT_FALSE(Target(january, "satisfaction").value.has_value());
}

TEST_F(Plans, HandReportedTargetsTakeTheLatestReportOnOrBeforeTheDay) {
  const auto plan = CreatePlan(Admin(), ly_thai_to_, 2022, {{"new_members", 30, ""}});
  const auto target = Target(Get(plan, ""), "new_members").target.id;
  EXPECT_FALSE(Target(Get(plan, ""), "new_members").value.has_value());
  Report(target, "30/06/2022", 12);
  TargetReportInput with_photo;
  with_photo.reported_on = "30/09/2022";
  with_photo.value = 31;
  with_photo.evidence = "Biên bản kết nạp quý III";
  with_photo.files.push_back(UploadedFile{"bien-ban.jpg", testing::PhoneJpeg(), false});
  ASSERT_TRUE(services().plans.ReportTarget(Admin(), target, with_photo).ok());

  EXPECT_FALSE(Target(Get(plan, "29/06/2022"), "new_members").value.has_value());
  EXPECT_EQ(Target(Get(plan, "01/07/2022"), "new_members").value, 12.0);
  const auto now = Target(Get(plan, "13/10/2022"), "new_members");
  EXPECT_EQ(now.value, 31.0);
  EXPECT_TRUE(now.met);
  ASSERT_EQ(now.reports.size(), 2u);
  ASSERT_TRUE(now.latest_report.has_value());
  ASSERT_EQ(now.latest_report->files.size(), 1u);
  EXPECT_EQ(now.latest_report->files[0].media_type, "image/jpeg");
  auto file = services().plans.File(Admin(), now.latest_report->files[0].id, false);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->bytes.find("DemoPhone"), std::string::npos) << "photos are re-encoded without their metadata";
}

TEST_F(Plans, ThePlanAsASpreadsheetIsThePageRowByRowWithItsFiguresAsOfTheDay) {
  const auto plan = CreatePlan(Admin(), ly_thai_to_, 2022,
                               {{"propaganda_sessions", 2, ""}, {"new_members", 30, "Đoàn viên, hội viên mới"}});
  Activity(ly_thai_to_, "propaganda", "05/03/2022", 50);
  Activity(ly_thai_to_, "propaganda", "05/10/2022", 60);  // after the day asked for
  Report(Target(Get(plan, ""), "new_members").target.id, "30/06/2022", 12);
  const auto view = Get(plan, "30/09/2022");
  auto file = services().plans.ExportPlan(Admin(), plan, "30/09/2022");
  ASSERT_TRUE(file.ok()) << file.error().message_en;
  EXPECT_EQ(file->file_name, "ke-hoach-2022-2022-09-30.xlsx");
  const auto cells = testing::XlsxAsShown(file->bytes);
  ASSERT_EQ(cells.size(), 1u + 5u + 2u) << "the header, the five tasks, the two targets";
  EXPECT_EQ(cells[0], (std::vector<std::string>{"Nhiệm vụ, chỉ tiêu", "Đơn vị tính", "Chỉ tiêu", "Kết quả", "Tỷ lệ (%)",
                                                "Đánh giá", "Cách tính", "Báo cáo gần nhất", "Ghi chú",
                                                "Số liệu đến ngày"}));
  auto cell = [&](size_t r, size_t c) { return c < cells[r].size() ? cells[r][c] : std::string(); };
  size_t r = 1;
  for (const auto& section : view.sections) {
    EXPECT_EQ(cell(r, 0), section.task.name_vi);
    EXPECT_EQ(cell(r, 2), "") << "a task's row has no figures";
    ++r;
    for (const auto& t : section.targets) {
      EXPECT_EQ(cell(r, 0), t.kind.name_vi);
      EXPECT_EQ(cell(r, 1), t.kind.unit_vi);
      std::vector<std::string> figures;
      for (size_t c = 2; c < 10; ++c) figures.push_back(cell(r, c));
      if (t.target.kind_code == "propaganda_sessions")
        EXPECT_EQ(figures, (std::vector<std::string>{"2.00", "1.00", "50.00", "Chưa đạt", "Đếm từ hồ sơ", "", "",
                                                     "30/09/2022"}));
      else
        EXPECT_EQ(figures, (std::vector<std::string>{"30.00", "12.00", "40.00", "Chưa đạt", "Báo cáo kèm minh chứng",
                                                     "30/06/2022", "Đoàn viên, hội viên mới", "30/09/2022"}));
      ++r;
    }
  }
  EXPECT_EQ(r, cells.size());
  // The same rights as the page: another ward's officer gets nothing.
  const auto other = CallerWith({RoleGrant{0, Role::kUnitAdmin, hang_bac_, std::nullopt}});
  EXPECT_FALSE(services().plans.ExportPlan(other, plan, "").ok());
}

TEST_F(Plans, BadInputIsRefusedWithItsCodeAndWritesNothing) {
  const auto plan = CreatePlan(Admin(), ly_thai_to_, 2022, {{"new_members", 30, ""}, {"propaganda_sessions", 4, ""}});
  const auto view = Get(plan, "");
  const auto reported = Target(view, "new_members").target.id;
  const auto counted = Target(view, "propaganda_sessions").target.id;
  const auto audit = AuditCount();

  auto code = [](const auto& r) { return r.ok() ? std::string("ok") : r.error().code; };
  PlanInput again{ly_thai_to_, std::nullopt, 2022, "", "", {}};
  EXPECT_EQ(code(services().plans.CreatePlan(Admin(), again)), "plan_exists");
  PlanInput unknown{ly_thai_to_, std::nullopt, 2023, "", "", {{"no_such_kind", 1, ""}}};
  EXPECT_EQ(code(services().plans.CreatePlan(Admin(), unknown)), "unknown_target_kind");
  PlanInput twice{ly_thai_to_, std::nullopt, 2023, "", "", {{"dialogues", 1, ""}, {"dialogues", 2, ""}}};
  EXPECT_EQ(code(services().plans.CreatePlan(Admin(), twice)), "target_kind_in_plan");
  EXPECT_EQ(code(services().plans.AddTarget(Admin(), plan, {"concerns_resolved_on_time", 120, ""})), "invalid_target");
  EXPECT_EQ(code(services().plans.AddTarget(Admin(), plan, {"satisfaction", 6, ""})), "invalid_target");
  EXPECT_EQ(code(services().plans.AddTarget(Admin(), plan, {"new_members", 3, ""})), "target_kind_in_plan");

  TargetReportInput r{"01/06/2022", 5, "Biên bản", {}};
  EXPECT_EQ(code(services().plans.ReportTarget(Admin(), counted, r)), "target_counted");
  r.reported_on = "01/06/2021";
  EXPECT_EQ(code(services().plans.ReportTarget(Admin(), reported, r)), "report_outside_year");
  r.reported_on = "14/10/2022";  // tomorrow
  EXPECT_EQ(code(services().plans.ReportTarget(Admin(), reported, r)), "date_in_future");
  ActivityInput future{ly_thai_to_, std::nullopt, "propaganda", "20/10/2022", "Nhà văn hóa", "Tuyên truyền", 10, "", {}};
  EXPECT_EQ(code(services().plans.CreateActivity(Admin(), future)), "date_in_future");
  ActivityInput odd{ly_thai_to_, std::nullopt, "picnic", "01/10/2022", "Nhà văn hóa", "Tuyên truyền", 10, "", {}};
  EXPECT_EQ(code(services().plans.CreateActivity(Admin(), odd)), "unknown_activity_kind");
  ActivityInput elsewhere{hang_bac_, tdv3_, "propaganda", "01/10/2022", "Nhà văn hóa", "Tuyên truyền", 10, "", {}};
  EXPECT_EQ(code(services().plans.CreateActivity(Admin(), elsewhere)), "organisation_not_found");
  EXPECT_EQ(AuditCount(), audit) << "nothing refused is written";

  Report(reported, "01/06/2022", 5);
  auto deleted = services().plans.DeleteTarget(Admin(), reported);
  ASSERT_FALSE(deleted.ok());
  EXPECT_EQ(deleted.error().code, "target_has_reports");
  EXPECT_TRUE(services().plans.DeleteTarget(Admin(), counted).ok());
  EXPECT_EQ(Get(plan, "").targets, 1);
}

TEST_F(Plans, AnOrganisationsPlanCountsItsOwnRecordsAndItsMemberKeepsIt) {
  const Caller member = Member(ly_thai_to_, tdv3_);
  // The member may keep its organisation's plan and activities, not the ward's.
  PlanInput ward{ly_thai_to_, std::nullopt, 2022, "", "", {}};
  auto refused = services().plans.CreatePlan(member, ward);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "forbidden");
  const auto plan = CreatePlan(member, ly_thai_to_, 2022, {{"models_registered", 1, ""}, {"propaganda_sessions", 1, ""}}, tdv3_);
  ASSERT_NE(plan, 0);
  Activity(ly_thai_to_, "propaganda", "02/02/2022", 25, tdv3_, member);
  Activity(ly_thai_to_, "propaganda", "03/02/2022", 60);  // the ward's own: not the organisation's
  ActivityInput ward_activity{ly_thai_to_, std::nullopt, "propaganda", "04/02/2022", "Hội trường", "Tuyên truyền", 9, "", {}};
  EXPECT_FALSE(services().plans.CreateActivity(member, ward_activity).ok());

  const auto ward_plan = CreatePlan(Admin(), ly_thai_to_, 2022, {{"models_registered", 1, ""}, {"propaganda_sessions", 1, ""}});
  const auto org_view = Get(plan, "13/10/2022", member);
  const auto ward_view = Get(ward_plan, "13/10/2022");
  EXPECT_EQ(org_view.plan.organisation_name, "Tổ dân vận số 3");
  EXPECT_TRUE(org_view.can_edit);
  EXPECT_EQ(Target(org_view, "propaganda_sessions").value, 1.0);
  EXPECT_EQ(Target(ward_view, "propaganda_sessions").value, 2.0);
  ASSERT_TRUE(Target(org_view, "models_registered").value.has_value());
  EXPECT_GE(*Target(org_view, "models_registered").value, 1.0) << "Tổ dân vận số 3 registered a model";
  EXPECT_LT(*Target(org_view, "models_registered").value, *Target(ward_view, "models_registered").value);

  // The member reads the ward's plan but may not change it; another ward's staff do not learn it exists.
  EXPECT_FALSE(Get(ward_plan, "", member).can_edit);
  auto update = services().plans.UpdatePlan(member, ward_plan, "Khác", "");
  ASSERT_FALSE(update.ok());
  EXPECT_EQ(update.error().code, "forbidden");
  const Caller other = CallerWith({RoleGrant{0, Role::kUnitAdmin, hang_bac_, std::nullopt}}, 32);
  auto hidden = services().plans.GetPlan(other, ward_plan, "");
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().code, "plan_not_found");
}

TEST_F(Plans, CarryOverCopiesTheTargetsWithLastYearsResult) {
  const auto plan = CreatePlan(Admin(), ly_thai_to_, 2022, {{"propaganda_sessions", 3, ""}, {"new_members", 20, ""}});
  Activity(ly_thai_to_, "propaganda", "05/03/2022", 50);
  Report(Target(Get(plan, ""), "new_members").target.id, "30/09/2022", 24);
  const auto audit = AuditCount();
  auto carried = services().plans.CarryOver(Admin(), plan);
  ASSERT_TRUE(carried.ok()) << carried.error().code;
  EXPECT_EQ(AuditCount(), audit + 1);
  EXPECT_EQ(carried->plan.plan.year, 2023);
  EXPECT_EQ(carried->plan.plan.carried_from_id, plan);
  EXPECT_EQ(carried->plan.targets, 2);
  ASSERT_EQ(carried->ended.size(), 2u);
  const auto& sessions = Target(carried->plan, "propaganda_sessions");
  EXPECT_EQ(sessions.target.target, 3.0);
  EXPECT_EQ(sessions.target.notes, "Năm 2022: đạt 1/3 buổi, còn thiếu 2.");
  EXPECT_TRUE(sessions.target.carried_from_id.has_value());
  EXPECT_EQ(Target(carried->plan, "new_members").target.notes, "Năm 2022: đạt 24/20 người.");
  EXPECT_EQ(carried->plan.plan.notes, "Chuyển tiếp từ kế hoạch năm 2022: đạt 1/2 chỉ tiêu.");
  auto twice = services().plans.CarryOver(Admin(), plan);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, "plan_exists");
}

TEST_F(Plans, TheRollUpAcrossTheMergerCountsTheWardsThatBecameOne) {
  Today(2026, 1, 15);
  const auto hoan_kiem = UnitNamed("Phường Hoàn Kiếm", Date::FromYmd(2025, 7, 1));
  Activity(ly_thai_to_, "propaganda", "10/03/2025", 40);  // before the merger, in Lý Thái Tổ
  Activity(hang_bac_, "propaganda", "11/03/2025", 30);    // in Hàng Bạc, merged too
  Activity(hoan_kiem, "propaganda", "15/09/2025", 80);    // after it
  const auto plan = CreatePlan(Admin(), hoan_kiem, 2025, {{"propaganda_sessions", 4, ""}, {"propaganda_reach", 100, ""}});
  const auto v = Get(plan, "");
  EXPECT_EQ(v.as_of, Date::FromYmd(2025, 12, 31));
  EXPECT_EQ(Target(v, "propaganda_sessions").value, 3.0);
  EXPECT_EQ(Target(v, "propaganda_reach").value, 150.0);
  // The old ward's own 2025 plan keeps its own records only.
  const auto old = CreatePlan(Admin(), ly_thai_to_, 2025, {{"propaganda_sessions", 1, ""}});
  EXPECT_EQ(Target(Get(old, ""), "propaganda_sessions").value, 1.0);
  // The activities list of the new ward shows the old wards' records too.
  ActivityQueryInput q;
  q.unit_id = hoan_kiem;
  q.year = 2025;
  auto page = services().plans.ListActivities(Admin(), q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 3);
}

TEST_F(Plans, ReadingAPlanTakesTheSameStatementsWhateverTheData) {
  const auto plan = CreatePlan(Admin(), ly_thai_to_, 2022,
                               {{"propaganda_sessions", 4, ""}, {"new_members", 30, ""}, {"concerns_received", 5, ""},
                                {"models_registered", 3, ""}, {"teams_consolidated", 2, ""}});
  auto cost = [&] {
    const int64_t before = db().statements_run();
    Get(plan, "13/10/2022");
    return db().statements_run() - before;
  };
  const auto small = cost();
  const auto view = Get(plan, "");
  for (int i = 0; i < 20; ++i) Activity(ly_thai_to_, i % 2 ? "propaganda" : "training", "01/05/2022", 10 + i);
  for (int i = 1; i <= 9; ++i) {
    Report(Target(view, "new_members").target.id, fmt::format("0{}/09/2022", i), i);
    Report(Target(view, "teams_consolidated").target.id, fmt::format("0{}/08/2022", i), i);
  }
  EXPECT_EQ(cost(), small);
}

}  // namespace
}  // namespace danvan
