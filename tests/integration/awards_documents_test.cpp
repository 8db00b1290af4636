// Commendation's documents on a real database, read back the way a person reads them (pdftotext -layout, pdffonts,
// pdfinfo): the demo's decisions in the Party and the state format, a decision's preview with a blank number, a
// certificate and its QR link, printing all the certificates of a decision as a background job with its progress,
// the generated dossier of a proposal (submission, achievement report, the council's minutes), the ceremony's
// program; and who may read each.

#include "services/demo.hpp"
#include "support/fixture.hpp"
#include "support/pdf_tools.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <thread>

namespace danvan {
namespace {

using testing::EmbedsLiberationSerif;
using testing::InOrder;
using testing::PdfFile;
using testing::ServiceTest;

constexpr const char* kPortrait = "595.276 x 841.89 pts (A4)";
constexpr const char* kLandscape = "841.89 x 595.276 pts (A4)";

class AwardDocuments : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    auto seeded = SeedDemo(services());
    ASSERT_TRUE(seeded.ok()) << seeded.error().message_en << " " << boost::json::serialize(seeded.error().details);
    ly_thai_to_ = UnitNamed("Phường Lý Thái Tổ", "ly thai to");
    hang_bac_ = UnitNamed("Phường Hàng Bạc", "hang bac");
    DecisionQuery q;
    q.unit_id = ly_thai_to_;
    const auto page = services().awards.ListDecisions(Admin(), q);
    ASSERT_TRUE(page.ok());
    for (const auto& d : page->items)
      decisions_[d.symbol] = services().awards.GetDecision(Admin(), d.id).value();
    ASSERT_EQ(decisions_.size(), 3u);
  }

  int64_t UnitNamed(const std::string& name, const std::string& folded) {
    UnitQuery q;
    q.folded_text = folded;
    q.as_of = Date::FromYmd(2022, 10, 13);
    const auto units = services().territory.ListUnits(q);
    for (const auto& u : units->items)
      if (u.name == name) return u.id;
    ADD_FAILURE() << name;
    return 0;
  }

  Caller Officer() { return CallerWith({RoleGrant{0, Role::kUnitAdmin, ly_thai_to_, std::nullopt}}, 7001); }
  Caller Signer() { return CallerWith({RoleGrant{0, Role::kSigner, ly_thai_to_, std::nullopt}}, 7002); }
  Caller Viewer() { return CallerWith({RoleGrant{0, Role::kViewer, ly_thai_to_, std::nullopt}}, 7004); }
  Caller OtherWard() { return CallerWith({RoleGrant{0, Role::kUnitAdmin, hang_bac_, std::nullopt}}, 7010); }

  const Decision& Party() { return decisions_.at("1-QĐ/ĐU"); }
  const Decision& Committee() { return decisions_.at("1/QĐ-UBND"); }
  const Decision& Front() { return decisions_.at("1/QĐ-MTTQ"); }

  //! A new issuer's proposal for two collectives, taken to awaiting signature by the officer.
  Proposal AwaitingSignature(const std::string& symbol) {
    auto issuer = services().awards.CreateIssuer(
        Officer(), IssuerInput{ly_thai_to_, std::nullopt, "Ủy ban nhân dân phường (" + symbol + ")", "peoples_committee_chair", "",
                               symbol, "Hoàn Kiếm"});
    EXPECT_TRUE(issuer.ok()) << issuer.error().message_en;
    int64_t type = 0;
    const auto types = services().awards.AwardTypes();
    for (const auto& t : types.value())
      if (t.code == "giay_khen_ubnd_tap_the") type = t.id;
    ProposalInput in{ly_thai_to_, issuer->id, std::nullopt, 2024, "Khen thưởng các tổ dân vận năm 2024",
                     {NomineeInput{type, std::nullopt, std::nullopt, std::nullopt, "Tổ dân vận số 11", "Vận động giữ gìn vệ sinh"},
                      NomineeInput{type, std::nullopt, std::nullopt, std::nullopt, "Tổ dân vận số 12", "Hòa giải ở cơ sở"}}};
    auto p = services().awards.CreateProposal(Officer(), in);
    EXPECT_TRUE(p.ok()) << p.error().message_en;
    for (const char* action : {"submit", "accept", "record_vote", "forward"}) {
      p = services().awards.Transition(Officer(), p->id, action, "", std::nullopt);
      EXPECT_TRUE(p.ok()) << action << ": " << p.error().message_en;
    }
    return p.value();
  }

  DecisionInput Signing(int64_t proposal_id) {
    return DecisionInput{proposal_id, "15/10/2024", "", {"Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022"}, "Văn phòng UBND phường",
                         "Như Điều 3; Lưu: VT.", "KT.", "Phó Chủ tịch", "Trần Văn Bình"};
  }

  //! Polls a job until it is no longer running; the `done` values seen, in order.
  std::vector<size_t> Follow(PrintJobs& jobs, const Caller& caller, const std::string& id, PrintJobView& last) {
    std::vector<size_t> seen;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    for (;;) {
      auto v = jobs.Get(caller, id);
      EXPECT_TRUE(v.ok()) << v.error().code;
      if (!v.ok()) return seen;
      if (seen.empty() || seen.back() != v->done) seen.push_back(v->done);
      last = *v;
      if (v->state != PrintJobState::kRunning || std::chrono::steady_clock::now() > deadline) return seen;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }

  int64_t ly_thai_to_ = 0, hang_bac_ = 0;
  std::map<std::string, Decision> decisions_;
};

TEST_F(AwardDocuments, ThePartyCommitteesDecisionPrintsInThePartyFormatWithItsAnnex) {
  auto pdf = services().awards.DecisionPdf(Viewer(), Party().id);
  ASSERT_TRUE(pdf.ok()) << pdf.error().code << ": " << pdf.error().message_en;
  PdfFile file(*pdf);
  EXPECT_EQ(file.Info("Page size"), kPortrait);
  EXPECT_TRUE(EmbedsLiberationSerif(file.Fonts()));
  const std::string first = file.Text(1, 1);
  // The header's two columns, then the title, the authority, the bases, the articles, recipients beside the signer.
  EXPECT_TRUE(InOrder(first, {"ĐẢNG BỘ QUẬN HOÀN KIẾM", "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG ỦY PHƯỜNG LÝ THÁI TỔ", "*",
                              "Số 1-QĐ/ĐU", "Hoàn Kiếm, ngày 12 tháng 10 năm 2022", "QUYẾT ĐỊNH", "Về việc Công nhận và thưởng",
                              "BAN THƯỜNG VỤ ĐẢNG ỦY PHƯỜNG LÝ THÁI TỔ", "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
                              "Xét đề nghị của Hội đồng Thi đua – Khen thưởng phường.", "QUYẾT ĐỊNH:", "Điều 1.",
                              "10 tập thể và 03 cá nhân có tên tại Phụ lục", "Điều 2.", "1.490.000 đồng", "10.281.000 đồng", "Điều 3.",
                              "Văn phòng Đảng ủy, các chi bộ và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành"}));
  const std::string all = file.Text();
  EXPECT_TRUE(InOrder(all, {"Điều 3.", "Nơi nhận", "T/M ĐẢNG ỦY", "- Như Điều 3;", "BÍ THƯ", "- Lưu Văn phòng Đảng ủy.",
                            "Nguyễn Văn Dũng", "PHỤ LỤC", "(Kèm theo Quyết định số 1-QĐ/ĐU ngày 12 tháng 10 năm 2022)", "STT",
                            Party().beneficiaries.front().name, Party().beneficiaries.back().name, "Tổng cộng",
                            "10.281.000"}))
      << "10 × 894.000 + 3 × 447.000";
  EXPECT_GE(file.Pages(), 2) << "the annex starts a page";
}

TEST_F(AwardDocuments, ThePeoplesCommitteesDecisionPrintsInTheStateFormat) {
  auto pdf = services().awards.DecisionPdf(Signer(), Committee().id);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message_en;
  PdfFile file(*pdf);
  EXPECT_TRUE(EmbedsLiberationSerif(file.Fonts()));
  EXPECT_TRUE(InOrder(file.Text(), {"ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "PHƯỜNG LÝ THÁI TỔ",
                                    "Độc lập - Tự do - Hạnh phúc", "Số: 1/QĐ-UBND", "QUYẾT ĐỊNH",
                                    "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG LÝ THÁI TỔ", "Căn cứ Luật Thi đua, khen thưởng;",
                                    "QUYẾT ĐỊNH:", "Điều 1.", "12 tập thể", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                                    "Vũ Bích Hiền", "PHỤ LỤC", Committee().beneficiaries.front().name}));
  // Any grant on the ward reads it; another ward does not learn that it exists.
  EXPECT_TRUE(services().awards.DecisionPdf(Viewer(), Committee().id).ok());
  EXPECT_EQ(services().awards.DecisionPdf(OtherWard(), Committee().id).error().code, "decision_not_found");
  EXPECT_EQ(services().awards.DecisionPdf(Viewer(), 999999).error().code, "decision_not_found");
}

TEST_F(AwardDocuments, APreviewShowsTheDecisionWithABlankNumberAndWritesNothing) {
  const auto p = AwaitingSignature("XT");
  const int64_t audit = AuditCount();
  auto pdf = services().awards.PreviewDecisionPdf(Signer(), Signing(p.id));
  ASSERT_TRUE(pdf.ok()) << pdf.error().code << ": " << pdf.error().message_en;
  PdfFile file(*pdf);
  const std::string text = file.Text();
  EXPECT_TRUE(InOrder(text, {"ỦY BAN NHÂN DÂN", "Số:", "/QĐ-XT", "Hoàn Kiếm, ngày 15 tháng 10 năm 2024",
                             "Về việc Khen thưởng các tổ dân vận năm 2024", "QUYẾT ĐỊNH:", "02 tập thể", "2.340.000 đồng",
                             "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình", "PHỤ LỤC", "Tổ dân vận số 11", "1.404.000",
                             "Tổ dân vận số 12", "Tổng cộng", "2.808.000"}));
  EXPECT_EQ(text.find("1/QĐ-XT"), std::string::npos) << "no number is taken:\n" << text;
  EXPECT_EQ(AuditCount(), audit) << "nothing written";
  EXPECT_EQ(services().awards.GetProposal(Officer(), p.id)->status, ProposalStatus::kAwaitingSignature);

  // The same permission and validation as issuing.
  EXPECT_EQ(services().awards.PreviewDecisionPdf(Officer(), Signing(p.id)).error().code, "forbidden");
  EXPECT_EQ(services().awards.PreviewDecisionPdf(OtherWard(), Signing(p.id)).error().code, "proposal_not_found");
  auto bad = Signing(p.id);
  bad.decided_on = "31/02/2024";
  EXPECT_EQ(services().awards.PreviewDecisionPdf(Signer(), bad).error().code, "invalid_date");
  bad = Signing(p.id);
  bad.signer_name.clear();
  EXPECT_EQ(services().awards.PreviewDecisionPdf(Signer(), bad).error().code, "signer_required");

  // Issuing afterwards takes the first number: the preview took none.
  auto issued = services().awards.IssueDecision(Signer(), Signing(p.id));
  ASSERT_TRUE(issued.ok()) << issued.error().message_en;
  EXPECT_EQ(issued->symbol, "1/QĐ-XT");
  EXPECT_EQ(services().awards.PreviewDecisionPdf(Signer(), Signing(p.id)).error().code, "invalid_transition")
      << "a decided proposal has nothing left to preview";
}

TEST_F(AwardDocuments, ACertificateIsALandscapePageWhoseQrLeadsToThePublicVerifyPage) {
  // The public address is a setting (server.public_url).
  AwardService awards(db(), services().repos, *services().award_repo, services().audit, clock_,
                      AwardSettings{"https://danvan.example.vn"});
  const auto& b = Committee().beneficiaries.front();
  ASSERT_TRUE(b.certificate_id);
  auto pdf = awards.CertificatePdf(Viewer(), *b.certificate_id);
  ASSERT_TRUE(pdf.ok()) << pdf.error().code << ": " << pdf.error().message_en;
  PdfFile file(*pdf);
  EXPECT_EQ(file.Pages(), 1);
  EXPECT_EQ(file.Info("Page size"), kLandscape);
  EXPECT_TRUE(EmbedsLiberationSerif(file.Fonts()));
  EXPECT_TRUE(InOrder(file.Text(), {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG LÝ THÁI TỔ",
                                    "GIẤY KHEN", "Tặng", b.name, "Phường Lý Thái Tổ", "Dân vận khéo"}));
  EXPECT_TRUE(InOrder(file.Text(), {"Quyết định số 1/QĐ-UBND ngày 12/10/2022", "https://danvan.example.vn/verify/" + b.certificate_public_id}));
  // The Party's recognition prints as such.
  auto party = services().awards.CertificatePdf(Viewer(), *Party().beneficiaries.front().certificate_id);
  ASSERT_TRUE(party.ok());
  EXPECT_TRUE(InOrder(PdfFile(*party).Text(), {"ĐẢNG CỘNG SẢN VIỆT NAM", "BAN THƯỜNG VỤ ĐẢNG ỦY PHƯỜNG LÝ THÁI TỔ",
                                               "GIẤY CÔNG NHẬN", Party().beneficiaries.front().name,
                                               "http://127.0.0.1:8080/verify/"}));

  EXPECT_EQ(awards.CertificatePdf(OtherWard(), *b.certificate_id).error().code, "certificate_not_found");
  ASSERT_TRUE(services().awards.RevokeDecision(Signer(), Committee().id, "20/11/2022", "Khen thưởng sai đối tượng").ok());
  EXPECT_EQ(awards.CertificatePdf(Viewer(), *b.certificate_id).error().code, "certificate_revoked");
  EXPECT_EQ(services().print_jobs.Start(Officer(), Committee().id).error().code, "decision_revoked");
}

TEST_F(AwardDocuments, PrintingADecisionsCertificatesIsAJobWithProgressAndOnePagePerBeneficiary) {
  auto& jobs = services().print_jobs;
  auto started = jobs.Start(Officer(), Front().id);
  ASSERT_TRUE(started.ok()) << started.error().code << ": " << started.error().message_en;
  EXPECT_EQ(started->total, 13u);
  EXPECT_EQ(started->decision_symbol, "1/QĐ-MTTQ");
  // Two more behind it: the last cannot be done while 26 pages are still to render before it.
  auto second = jobs.Start(Viewer(), Party().id);
  auto third = jobs.Start(Signer(), Committee().id);
  ASSERT_TRUE(second.ok() && third.ok());
  EXPECT_EQ(third->state, PrintJobState::kRunning);
  auto early = jobs.Pdf(Signer(), third->id);
  EXPECT_EQ(early.error().code, "print_job_not_done");

  PrintJobView last;
  const auto seen = Follow(jobs, Officer(), third->id, last);
  EXPECT_EQ(last.state, PrintJobState::kDone) << (last.error ? last.error->message_en : "");
  EXPECT_EQ(last.done, 12u);
  EXPECT_EQ(last.total, 12u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end())) << "progress only grows";
  EXPECT_EQ(seen.back(), 12u);

  auto pdf = jobs.Pdf(Viewer(), third->id);
  ASSERT_TRUE(pdf.ok()) << pdf.error().code;
  PdfFile file(*pdf);
  EXPECT_EQ(file.Pages(), 12) << "one page per beneficiary";
  EXPECT_EQ(file.Info("Page size"), kLandscape);
  EXPECT_TRUE(EmbedsLiberationSerif(file.Fonts()));
  std::vector<std::string> names;
  for (const auto& b : Committee().beneficiaries) names.push_back(b.name);
  EXPECT_TRUE(InOrder(file.Text(), names)) << "in the decision's order";
  EXPECT_TRUE(InOrder(file.Text(5, 5), {"GIẤY KHEN", Committee().beneficiaries[4].name, "/verify/" + Committee().beneficiaries[4].certificate_public_id}));

  // Its creator and whoever reads the decision see it; another ward does not learn that it exists.
  EXPECT_TRUE(jobs.Get(Signer(), third->id).ok());
  EXPECT_EQ(jobs.Get(OtherWard(), third->id).error().code, "print_job_not_found");
  EXPECT_EQ(jobs.Pdf(OtherWard(), third->id).error().code, "print_job_not_found");
  EXPECT_EQ(jobs.Get(Officer(), "no-such-job").error().code, "print_job_not_found");
  EXPECT_EQ(jobs.Start(OtherWard(), Front().id).error().code, "decision_not_found");

  PrintJobView first;
  Follow(jobs, Officer(), started->id, first);
  EXPECT_EQ(first.state, PrintJobState::kDone);
  EXPECT_EQ(PdfFile(jobs.Pdf(Officer(), started->id).value()).Pages(), 13);
}

TEST_F(AwardDocuments, PrintJobsAreBounded) {
  PrintJobs jobs(services().awards, PrintJobLimits{1, 1, std::chrono::seconds(3600)});
  auto first = jobs.Start(Officer(), Front().id);
  ASSERT_TRUE(first.ok());
  // The same decision asked again while its job runs: that job, not a second one (nor a refusal).
  auto again = jobs.Start(Viewer(), Front().id);
  ASSERT_TRUE(again.ok()) << again.error().code;
  if (again->id != first->id) {
    EXPECT_NE(jobs.Get(Officer(), first->id)->state, PrintJobState::kRunning) << "a second job while the first runs";
  }
  auto refused = jobs.Start(Officer(), Party().id);
  ASSERT_FALSE(refused.ok()) << "one job at a time";
  EXPECT_EQ(refused.error().code, "print_queue_full");
  PrintJobView last;
  Follow(jobs, Officer(), first->id, last);
  ASSERT_EQ(last.state, PrintJobState::kDone);
  // Once done, another may start; only the newest finished job is kept.
  auto second = jobs.Start(Officer(), Party().id);
  ASSERT_TRUE(second.ok()) << second.error().code;
  Follow(jobs, Officer(), second->id, last);
  ASSERT_EQ(last.state, PrintJobState::kDone);
  EXPECT_EQ(jobs.Get(Officer(), first->id).error().code, "print_job_not_found") << "the older finished job is dropped";
  EXPECT_TRUE(jobs.Pdf(Officer(), second->id).ok());
}

TEST_F(AwardDocuments, AProposalsDossierIsGenerated) {
  const auto& party = Party();
  ASSERT_TRUE(party.proposal_id);
  const auto proposal = services().awards.GetProposal(Viewer(), *party.proposal_id).value();
  ASSERT_TRUE(proposal.council_session_id) << "the demo's Party proposal recorded the council's ballot";

  auto submission = services().awards.DossierPdf(Viewer(), proposal.id, DossierDocument::kSubmission);
  ASSERT_TRUE(submission.ok()) << submission.error().code << ": " << submission.error().message_en;
  PdfFile s(*submission);
  EXPECT_EQ(s.Info("Page size"), kPortrait);
  EXPECT_TRUE(EmbedsLiberationSerif(s.Fonts()));
  std::vector<std::string> nominees;
  for (const auto& n : proposal.nominees) nominees.push_back(n.name);
  std::vector<std::string> parts = {"ĐẢNG ỦY PHƯỜNG LÝ THÁI TỔ", "ĐẢNG CỘNG SẢN VIỆT NAM", "TỜ TRÌNH",
                                    "Về việc đề nghị công nhận và thưởng", "Kính gửi: Ban Thường vụ Đảng ủy phường Lý Thái Tổ",
                                    "Căn cứ", "Căn cứ kết quả họp xét và bỏ phiếu kín", "10 tập thể và 03 cá nhân", "STT"};
  // Names that fit their cell on one line (a long one wraps beside the next columns).
  parts.push_back("1 " + nominees.front());
  parts.push_back("13 " + nominees.back());
  for (const char* tail : {"Hồ sơ kèm theo:", "Báo cáo thành tích", "Biên bản họp", "Kính trình", "xem xét, quyết định",
                           "CHỦ TỊCH HỘI ĐỒNG"})
    parts.push_back(tail);
  EXPECT_TRUE(InOrder(s.Text(), parts));

  auto report = services().awards.DossierPdf(Viewer(), proposal.id, DossierDocument::kAchievements);
  ASSERT_TRUE(report.ok()) << report.error().message_en;
  PdfFile r(*report);
  EXPECT_TRUE(EmbedsLiberationSerif(r.Fonts()));
  EXPECT_TRUE(InOrder(r.Text(), {"BÁO CÁO THÀNH TÍCH", "Thành tích của 10 tập thể và 03 cá nhân", "1. " + nominees.front(),
                                 "Hình thức đề nghị: Công nhận mô hình", "Mô hình:", "Lĩnh vực:", "Thành tích:",
                                 "13. " + nominees.back()}));

  // The minutes are the session's: its readers (the ward's admins, signers and council members) read them here too.
  auto minutes = services().awards.DossierPdf(Officer(), proposal.id, DossierDocument::kMinutes);
  ASSERT_TRUE(minutes.ok()) << minutes.error().code << ": " << minutes.error().message_en;
  EXPECT_TRUE(InOrder(PdfFile(*minutes).Text(), {"BIÊN BẢN", "THÀNH PHẦN", "KẾT QUẢ CHẤM ĐIỂM", "KẾT QUẢ BỎ PHIẾU KÍN",
                                                 "Đồng ý", "KẾT LUẬN"}));
  EXPECT_EQ(services().awards.DossierPdf(Viewer(), proposal.id, DossierDocument::kMinutes).error().code, "forbidden");
  // The People's Committee's proposal had no council session recorded.
  const auto committee = services().awards.GetProposal(Viewer(), *Committee().proposal_id).value();
  EXPECT_EQ(services().awards.DossierPdf(Officer(), committee.id, DossierDocument::kMinutes).error().code, "no_council_minutes");
  EXPECT_TRUE(services().awards.DossierPdf(Officer(), committee.id, DossierDocument::kSubmission).ok());
  for (auto part : {DossierDocument::kSubmission, DossierDocument::kAchievements, DossierDocument::kMinutes})
    EXPECT_EQ(services().awards.DossierPdf(OtherWard(), proposal.id, part).error().code, "proposal_not_found");
}

TEST_F(AwardDocuments, TheCeremonysProgramListsItsSegmentsInOrder) {
  const auto events = services().awards.ListEvents(ly_thai_to_).value();
  ASSERT_EQ(events.size(), 1u);
  const auto event = services().awards.GetEvent(events.front().id).value();
  auto pdf = services().awards.ProgramPdf(event.id);
  ASSERT_TRUE(pdf.ok()) << pdf.error().code << ": " << pdf.error().message_en;
  PdfFile file(*pdf);
  EXPECT_EQ(file.Info("Page size"), kPortrait);
  EXPECT_TRUE(EmbedsLiberationSerif(file.Fonts()));
  const auto& first_award = *std::find_if(event.segments.begin(), event.segments.end(),
                                          [](const Segment& s) { return s.kind == SegmentKind::kAward; });
  ASSERT_EQ(first_award.recipients.size(), 13u);
  // The header names the ward under its district; the date line names the ward without its kind.
  EXPECT_TRUE(InOrder(file.Text(1, 1), {"QUẬN HOÀN KIẾM", "PHƯỜNG LÝ THÁI TỔ", "Lý Thái Tổ, ngày 13 tháng 10 năm 2022"}))
      << file.Text(1, 1);
  EXPECT_EQ(file.Text().find("phường Lý Thái Tổ, ngày"), std::string::npos);
  EXPECT_TRUE(InOrder(file.Text(), {
      "CHƯƠNG TRÌNH", "Ngày hội \"Dân vận khéo\" phường Lý Thái Tổ năm 2022", "Thời gian: 08:00 – 11:00, ngày 13 tháng 10 năm 2022",
      "Địa điểm:",
      "Kỷ niệm 92 năm Ngày truyền thống công tác dân vận của Đảng (15/10/1930 – 15/10/2022)",
      "Kỷ niệm 23 năm Ngày Dân vận của cả nước (15/10/1999 – 15/10/2022)",
      "1. 08:00 – Phát biểu chỉ đạo, chúc mừng", "Phạm Thị Thu Thủy", "Trưởng ban Dân vận Quận ủy Hoàn Kiếm",
      "2. Ban Thường vụ Quận ủy Hoàn Kiếm tặng hoa", "3. Phát biểu tiếp thu", "Nguyễn Văn Dũng",
      "4. Trao Quyết định số 1-QĐ/ĐU", "Nguyễn Văn Dũng", "Bí thư Đảng ủy phường Lý Thái Tổ",
      "Quyết định số 1-QĐ/ĐU ngày 12/10/2022 của Đảng ủy phường Lý Thái Tổ", "theo thứ tự lên sân khấu, 13",
      "1) " + first_award.recipients.front().name, "13) " + first_award.recipients.back().name,
      "5. Trao thưởng cho 12 tập thể", "Vũ Bích Hiền", "Quyết định số 1/QĐ-UBND",
      "6. Trao thưởng cho 13 tập thể", "Phạm Thị Ngà", "Quyết định số 1/QĐ-MTTQ",
      "7. Trao giấy khen cho Tổ dân vận số 3", "Phạm Thị Thu Thủy", "Quyết định số 1-QĐ/BDVQU", "1) Tổ dân vận số 3"}));
  EXPECT_EQ(services().awards.ProgramPdf(999999).error().code, "event_not_found");
}

}  // namespace
}  // namespace danvan
