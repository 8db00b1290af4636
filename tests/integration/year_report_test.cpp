// The year report of the movement (issue 13, docs/year-report.md): each figure equals what the service that owns it
// counts; the PDF prints every part and every figure in the state format with Liberation Serif embedded; the text is
// kept, audited and only for who manages the movement; the records roll up across the 2025 merger; a fixed number
// of statements whatever the data. On SQLite and PostgreSQL.

#include "documents/pdf/format.hpp"
#include "services/demo.hpp"
#include "support/fixture.hpp"
#include "support/pdf_tools.hpp"

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

namespace danvan {
namespace {

using testing::InOrder;
using testing::PdfFile;
using testing::ServiceTest;

class YearReportTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    auto seeded = SeedDemo(services());
    ASSERT_TRUE(seeded.ok()) << seeded.error().message_en << " " << boost::json::serialize(seeded.error().details);
    ly_thai_to_ = UnitNamed("Phường Lý Thái Tổ", Date::FromYmd(2022, 10, 13));
    tdv3_ = OrganisationNamed("Tổ dân vận số 3");
  }

  Caller Officer() { return CallerWith({RoleGrant{0, Role::kUnitAdmin, ly_thai_to_, std::nullopt}}, 7401); }
  Caller Viewer() { return CallerWith({RoleGrant{0, Role::kViewer, ly_thai_to_, std::nullopt}}, 7402); }

  YearReport Report(const Caller& caller, int64_t unit, int year) {
    auto r = services().year_reports.Get(caller, YearReportQuery{unit, year, true});
    EXPECT_TRUE(r.ok()) << r.error().code << " " << r.error().message_en;
    return r.ok() ? *r : YearReport{};
  }

  UnitTally ModelsTotal(int64_t unit, int year) {
    ModelsByUnitQuery q;
    q.unit_id = unit;
    q.year = year;
    q.roll_up = true;
    auto r = services().reports.ModelsByUnit(Admin(), q);
    EXPECT_TRUE(r.ok()) << r.error().message_en;
    return r.ok() ? r->total : UnitTally{};
  }

  YearReportInput Input(int year) {
    YearReportInput in;
    in.unit_id = ly_thai_to_;
    in.year = year;
    in.number = "27";
    in.reported_on = "20/12/2022";
    in.situation = "Phường có 13 tổ dân phố, đời sống Nhân dân ổn định.";
    in.highlights = "Phong trào được các tổ dân vận hưởng ứng rộng rãi.";
    in.assessment = "Ưu điểm: cách làm sáng tạo.\nHạn chế: nhân rộng còn chậm.";
    in.directions = "Tiếp tục nhân rộng mô hình “Dân vận khéo” trên các lĩnh vực.";
    in.recipients = "Ban Dân vận Quận ủy (để báo cáo)\nLưu: VT";
    in.signer_capacity = "TM.";
    in.signer_title = "Chủ tịch";
    in.signer_name = "Nguyễn Văn An";
    return in;
  }

  int64_t ly_thai_to_ = 0, tdv3_ = 0;
};

std::string N(int64_t n) { return documents::FormatMoney(n); }

TEST_F(YearReportTest, EveryFigureIsTheOwningServicesAndThePdfPrintsThemAll) {
  // A plan of 2022 with a counted target, so that the five tasks' table has a row.
  PlanInput plan{ly_thai_to_, std::nullopt, 2022, "Kế hoạch năm 2022", "", {{"models_registered", 4, ""}}};
  ASSERT_TRUE(services().plans.CreatePlan(Admin(), plan).ok());

  const auto r = Report(Officer(), ly_thai_to_, 2022);
  EXPECT_EQ(r.unit_name, "Phường Lý Thái Tổ");
  EXPECT_EQ(r.as_of, Date::FromYmd(2022, 10, 13)) << "today, within the year";
  EXPECT_TRUE(r.can_edit);
  EXPECT_EQ(r.text.id, 0) << "nothing saved: the draft";

  // Models: the totals are the movement report's.
  const auto total = ModelsTotal(ly_thai_to_, 2022);
  const auto& f = r.figures;
  ASSERT_GT(total.models, 0);
  EXPECT_EQ(f.fields_total.models(), total.models);
  EXPECT_EQ(f.fields_total.registered, total.registered);
  EXPECT_EQ(f.fields_total.recognised, total.recognised);
  EXPECT_EQ(f.fields_total.replicated, total.adopted);
  int64_t by_fields = 0;
  for (const auto& row : f.fields) by_fields += row.models();
  EXPECT_EQ(by_fields, total.models);
  // Rewards: one valid certificate per collective or individual rewarded.
  EXPECT_EQ(f.rewards_total.collectives + f.rewards_total.individuals, total.certificates);
  ASSERT_FALSE(f.rewards.empty()) << "the demo's decision of 2022";
  EXPECT_GT(f.rewards_total.amount, 0);
  // Levels: the field-and-level chart's cells at a level.
  ModelsByUnitQuery mq;
  mq.unit_id = ly_thai_to_;
  mq.year = 2022;
  mq.roll_up = true;
  const auto cells = services().reports.ModelsByFieldLevel(Admin(), mq);
  ASSERT_TRUE(cells.ok());
  int64_t at_levels = 0;
  for (const auto& c : cells->cells)
    if (!c.level.empty()) at_levels += c.models;
  EXPECT_EQ(f.recognised_at_levels, at_levels);
  // Concerns: the figures of the year.
  ConcernFiguresQuery cq;
  cq.unit_id = ly_thai_to_;
  cq.year = 2022;
  const auto concerns = services().reports.ConcernFigures(Admin(), cq);
  ASSERT_TRUE(concerns.ok());
  EXPECT_EQ(f.concerns.total.received, concerns->total.received);
  EXPECT_EQ(f.concerns.total.resolved, concerns->total.resolved);
  // The plan: its one target counted as the plan service counts it.
  ASSERT_TRUE(f.plan.has_value());
  const auto plans = services().plans.ListPlans(Admin(), ly_thai_to_, 2022);
  ASSERT_TRUE(plans.ok() && !plans->empty());
  const auto view = services().plans.GetPlan(Admin(), plans->front().id, "13/10/2022");
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(f.plan->targets, view->targets);
  EXPECT_EQ(f.plan->met, view->met);

  // The PDF: every part in order, the figures in their rows.
  const auto pdf = services().year_reports.Pdf(Officer(), YearReportQuery{ly_thai_to_, 2022, true});
  ASSERT_TRUE(pdf.ok()) << pdf.error().message_en;
  EXPECT_EQ(pdf->file_name, "bao-cao-tong-ket-2022.pdf");
  PdfFile file(pdf->bytes);
  const std::string text = file.Text();
  const auto& t = f.fields_total;
  std::vector<std::string> parts = {"ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "/BC-UBND",
                                    "BÁO CÁO", "Tổng kết phong trào thi đua “Dân vận khéo” năm 2022",
                                    "I. ĐẶC ĐIỂM TÌNH HÌNH", "II. KẾT QUẢ THỰC HIỆN",
                                    "1. Mô hình, điển hình theo lĩnh vực"};
  for (const auto& row : f.fields)
    parts.push_back(fmt::format("{} {} {} {} {} {}", row.name, N(row.collective), N(row.individual), N(row.registered),
                                N(row.recognised), N(row.replicated)));
  parts.push_back(fmt::format("Tổng cộng {} {} {} {} {}", N(t.collective), N(t.individual), N(t.registered),
                              N(t.recognised), N(t.replicated)));
  parts.push_back("2. Mô hình, điển hình được công nhận theo cấp");
  for (const auto& l : f.levels) parts.push_back(fmt::format("{} {}", l.name, N(l.models)));
  parts.push_back("3. Khen thưởng");
  for (const auto& w : f.rewards) {  // a long issuer's name wraps beside its figures: the figures, in order
    EXPECT_TRUE(InOrder(text, {w.issuer_name.substr(0, w.issuer_name.find(' ', 4))}));
    parts.push_back(fmt::format("{} {} {} {}", N(w.decisions), N(w.collectives), N(w.individuals),
                                documents::FormatMoney(w.amount)));
  }
  parts.push_back("4. Tiếp nhận, giải quyết phản ánh, kiến nghị của Nhân dân");
  if (f.concerns.total.received > 0)
    parts.push_back(fmt::format("Tổng cộng {} {} {} {}", N(f.concerns.total.received),
                                N(f.concerns.total.received_on_time), N(f.concerns.total.resolved),
                                N(f.concerns.total.resolved_on_time)));
  parts.push_back("5. Kết quả thực hiện năm nhiệm vụ so với chỉ tiêu");
  for (const auto& s : view->sections)
    for (const auto& p : s.targets) {  // the target's name wraps beside its figures: its first words, then the figures
      parts.push_back(p.kind.name_vi.substr(0, p.kind.name_vi.find(' ', 12)));
      ASSERT_TRUE(p.value.has_value());
      parts.push_back(fmt::format("4 {} {}% {}", N(static_cast<int64_t>(*p.value)), documents::FormatDecimal(p.percent, 1),
                                  p.met ? "Đạt" : "Chưa đạt"));
    }
  parts.insert(parts.end(), {"III. ĐÁNH GIÁ CHUNG", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN",
                             "CHỦ TỊCH"});
  EXPECT_TRUE(InOrder(text, parts));
  EXPECT_TRUE(testing::EmbedsLiberationSerif(file.Fonts()));
  EXPECT_EQ(file.Info("Page size").substr(0, 17), "595.276 x 841.89 ") << "A4 portrait";
}

TEST_F(YearReportTest, TheOfficersTextIsKeptAuditedAndPrinted) {
  const auto audit = AuditCount();
  auto refused = services().year_reports.Save(Viewer(), Input(2022));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "forbidden");
  EXPECT_FALSE(Report(Viewer(), ly_thai_to_, 2022).can_edit);

  auto bad = Input(2022);
  bad.reported_on = "01/01/2025";
  auto out_of_range = services().year_reports.Save(Officer(), bad);
  ASSERT_FALSE(out_of_range.ok());
  EXPECT_EQ(out_of_range.error().code, "report_date_out_of_range");
  bad = Input(2022);
  bad.issuer_id = 999999;
  auto foreign = services().year_reports.Save(Officer(), bad);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code, "issuer_not_in_unit");
  EXPECT_EQ(Report(Officer(), ly_thai_to_, 2022).text.id, 0) << "nothing kept by the refusals";
  EXPECT_EQ(AuditCount(), audit) << "nothing refused is written";

  const auto saved = services().year_reports.Save(Officer(), Input(2022));
  ASSERT_TRUE(saved.ok()) << saved.error().code << " " << saved.error().message_en;
  EXPECT_NE(saved->text.id, 0);
  EXPECT_EQ(saved->text.situation, Input(2022).situation);
  EXPECT_EQ(saved->text.reported_on, Date::FromYmd(2022, 12, 20));
  auto again = Input(2022);
  again.number = "28";
  ASSERT_TRUE(services().year_reports.Save(Officer(), again).ok());
  const auto read = Report(Viewer(), ly_thai_to_, 2022);
  EXPECT_EQ(read.text.id, saved->text.id) << "one report per unit and year";
  EXPECT_EQ(read.text.number, "28");

  EXPECT_EQ(AuditCount(), audit + 2) << "created, then updated";

  const auto pdf = services().year_reports.Pdf(Viewer(), YearReportQuery{ly_thai_to_, 2022, true});
  ASSERT_TRUE(pdf.ok());
  const std::string text = PdfFile(pdf->bytes).Text();
  EXPECT_TRUE(InOrder(text, {"Số: 28/BC-UBND", "ngày 20 tháng 12 năm 2022", Input(2022).situation,
                             Input(2022).highlights, "1. Mô hình", "Ưu điểm: cách làm sáng tạo.",
                             "Hạn chế: nhân rộng còn chậm.", Input(2022).directions, "Ban Dân vận Quận ủy",
                             "Lưu: VT", "Nguyễn Văn An"}));

  // A preview prints unsaved text and keeps nothing.
  auto draft = Input(2022);
  draft.situation = "Bản nháp chưa lưu.";
  const auto preview = services().year_reports.Preview(Officer(), draft, true);
  ASSERT_TRUE(preview.ok());
  EXPECT_TRUE(InOrder(PdfFile(preview->bytes).Text(), {"Bản nháp chưa lưu."}));
  EXPECT_EQ(Report(Officer(), ly_thai_to_, 2022).text.situation, Input(2022).situation);
  EXPECT_FALSE(services().year_reports.Preview(Viewer(), draft, true).ok());
}

TEST_F(YearReportTest, AWardMadeIn2025ReportsOn2022WithTheRecordsOfTheWardsItWasMadeFrom) {
  clock_.Advance(std::chrono::hours(24 * 365 * 4));  // late 2026: phường Hoàn Kiếm exists
  const auto hoan_kiem = UnitNamed("Phường Hoàn Kiếm", Date::FromYmd(2025, 7, 1));
  const auto merged = Report(Admin(), hoan_kiem, 2022);
  const auto own = Report(Admin(), ly_thai_to_, 2022);
  EXPECT_EQ(merged.as_of, Date::FromYmd(2022, 12, 31));
  EXPECT_GE(merged.figures.fields_total.models(), own.figures.fields_total.models());
  EXPECT_GT(own.figures.fields_total.models(), 0);
  EXPECT_EQ(merged.figures.fields_total.models(), ModelsTotal(hoan_kiem, 2022).models);
  EXPECT_EQ(merged.figures.rewards_total.amount >= own.figures.rewards_total.amount, true);
  auto alone = services().year_reports.Get(Admin(), YearReportQuery{hoan_kiem, 2022, false});
  ASSERT_TRUE(alone.ok());
  EXPECT_EQ(alone->figures.fields_total.models(), 0) << "without the roll-up the new ward had nothing in 2022";
}

TEST_F(YearReportTest, AFixedNumberOfStatementsWhateverTheData) {
  auto cost = [&](YearReport* out) {
    const int64_t before = db().statements_run();
    *out = Report(Officer(), ly_thai_to_, 2022);
    return db().statements_run() - before;
  };
  YearReport small;
  const auto demo = cost(&small);
  auto campaigns = services().movement.ListCampaigns(ly_thai_to_);
  ASSERT_TRUE(campaigns.ok());
  int64_t campaign = 0;
  for (const auto& c : *campaigns)
    if (c.starts_on.year() == 2022) campaign = c.id;
  ASSERT_NE(campaign, 0);
  for (int i = 0; i < 60; ++i) {
    ModelInput m;
    m.campaign_id = campaign;
    m.field = i % 2 ? "kinh_te" : "van_hoa_xa_hoi";
    m.title = fmt::format("Mô hình thử số {}", i);
    m.owner_organisation_id = tdv3_;
    m.address = "Phường Lý Thái Tổ, quận Hoàn Kiếm, Hà Nội";
    m.description = "Dữ liệu thử / test data.";
    m.goals = "Thử / test.";
    ASSERT_TRUE(services().movement.CreateModel(Admin(), m).ok());
  }
  YearReport big;
  EXPECT_EQ(cost(&big), demo) << "the same statements with sixty more models";
  EXPECT_EQ(big.figures.fields_total.models(), small.figures.fields_total.models() + 60);
}

}  // namespace
}  // namespace danvan
