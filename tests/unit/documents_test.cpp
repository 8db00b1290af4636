// Decisions, certificates and minutes as PDF, read back with poppler-utils: every part present and in order,
// in the right font, on the right paper.

#include "documents/pdf/canvas.hpp"
#include "documents/pdf/certificate.hpp"
#include "documents/pdf/decision.hpp"
#include "documents/pdf/minutes.hpp"
#include "documents/qr.hpp"
#include "support/pdf_tools.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

namespace danvan::documents {
namespace {

using testing::EmbedsLiberationSerif;
using testing::InOrder;
using testing::PdfFile;

// DANVAN_KEEP_PDF=dir keeps the generated files to look at.
void Keep(const std::string& name, const std::string& bytes) {
  if (const char* dir = std::getenv("DANVAN_KEEP_PDF")) std::ofstream(std::string(dir) + "/" + name, std::ios::binary) << bytes;
}

std::vector<Beneficiary> Beneficiaries(int n) {
  std::vector<Beneficiary> rows;
  for (int i = 1; i <= n; ++i)
    rows.push_back({i == 1 ? "Tổ dân vận số 3" : "Tập thể số " + std::to_string(i),
                    i % 2 ? "Tổ dân phố số " + std::to_string(i) + ", phường Lý Thái Tổ" : "Chi hội Phụ nữ, phường Lý Thái Tổ",
                    i % 3 ? 1'800'000 : 900'000});
  return rows;
}

DecisionDocument StateDecision() {
  DecisionDocument d;
  d.system = DocumentSystem::kState;
  d.issuer = {"", "Ủy ban nhân dân\nphường Lý Thái Tổ"};
  d.number = "12/QĐ-UBND";
  d.place = "Hoàn Kiếm";
  d.date = Date::FromYmd(2022, 10, 3);
  d.summary = "Về việc khen thưởng các tập thể có thành tích trong phong trào thi đua \"Dân vận khéo\" năm 2022";
  d.authority = "Chủ tịch Ủy ban nhân dân phường Lý Thái Tổ";
  d.legal_bases = {"Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
                   "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
                   "Xét đề nghị của Hội đồng Thi đua – Khen thưởng phường"};
  d.articles = {"Tặng Giấy khen cho 12 tập thể có thành tích xuất sắc trong phong trào thi đua \"Dân vận khéo\" năm "
                "2022 (có danh sách kèm theo).",
                "Mỗi tập thể được tặng Giấy khen kèm theo tiền thưởng theo danh sách tại Phụ lục.",
                "Văn phòng HĐND-UBND phường, các tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."};
  d.recipients = {"Như Điều 3", "Đảng ủy phường (để báo cáo)", "Lưu: VT"};
  d.signer = {"KT. Chủ tịch", "Phó Chủ tịch", "Nguyễn Văn An"};
  Annex annex;
  annex.rows = Beneficiaries(12);
  d.annex = annex;
  return d;
}

DecisionDocument PartyDecision() {
  DecisionDocument d = StateDecision();
  d.system = DocumentSystem::kParty;
  d.issuer = {"Đảng bộ quận Hoàn Kiếm", "Đảng ủy phường Lý Thái Tổ"};
  d.number = "12-QĐ/ĐU";
  d.summary = "về việc công nhận và khen thưởng mô hình \"Dân vận khéo\" năm 2022";
  d.authority = "Ban Thường vụ Đảng ủy phường Lý Thái Tổ";
  d.legal_bases = {"Căn cứ Điều lệ Đảng", "Căn cứ Quy chế làm việc của Đảng ủy phường khóa XXV, nhiệm kỳ 2020 - 2025"};
  d.signer = {"T/M Đảng ủy", "Bí thư", "Trần Thị Bình"};
  d.annex->rows = Beneficiaries(13);
  return d;
}

TEST(DecisionPdf, StateFormatHasEveryPartInOrder) {
  auto pdf = RenderDecisionPdf(StateDecision());
  ASSERT_TRUE(pdf.ok()) << pdf.error().message_en;
  Keep("decision-state.pdf", *pdf);
  PdfFile file(*pdf);
  EXPECT_EQ(file.Info("Page size"), "595.276 x 841.89 pts (A4)");
  EXPECT_EQ(file.Info("Title"), "Quyết định số 12/QĐ-UBND");
  const std::string first = file.Text(1, 1);
  // The header's two columns share lines: left (issuer, number) then right (national title, place and date).
  EXPECT_TRUE(InOrder(first, {"ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "PHƯỜNG LÝ THÁI TỔ",
                              "Độc lập - Tự do - Hạnh phúc", "Số: 12/QĐ-UBND", "Hoàn Kiếm, ngày 03 tháng 10 năm 2022",
                              "QUYẾT ĐỊNH", "Về việc khen thưởng", "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG LÝ THÁI TỔ",
                              "Căn cứ Luật Tổ chức chính quyền địa phương", "năm 2015;", "Căn cứ Luật Thi đua",
                              "Xét đề nghị của Hội đồng", "phường.", "QUYẾT ĐỊNH:", "Điều 1. Tặng Giấy khen",
                              "Điều 2.", "Điều 3.", "Nơi nhận:", "KT. CHỦ TỊCH", "- Như Điều 3;", "PHÓ CHỦ TỊCH",
                              "- Lưu: VT.", "Nguyễn Văn An"}));
  const std::string annex = file.Text(2, 0);
  EXPECT_TRUE(InOrder(annex, {"PHỤ LỤC", "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG",
                              "(Kèm theo Quyết định số 12/QĐ-UBND ngày 03 tháng 10 năm 2022)", "STT",
                              "Tên tập thể, cá nhân", "Số tiền (đồng)", "Tổ dân vận số 3", "1.800.000",
                              "Tập thể số 12", "Tổng cộng", "18.000.000"}));
  EXPECT_TRUE(EmbedsLiberationSerif(file.Fonts()));
}

TEST(DecisionPdf, PartyFormatHasItsOwnHeaderNumberAndSigner) {
  auto pdf = RenderDecisionPdf(PartyDecision());
  ASSERT_TRUE(pdf.ok()) << pdf.error().message_en;
  Keep("decision-party.pdf", *pdf);
  PdfFile file(*pdf);
  const std::string text = file.Text();
  EXPECT_TRUE(InOrder(text, {"ĐẢNG BỘ QUẬN HOÀN KIẾM", "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG ỦY PHƯỜNG LÝ THÁI TỔ", "*",
                             "Số 12-QĐ/ĐU", "Hoàn Kiếm, ngày 03 tháng 10 năm 2022", "QUYẾT ĐỊNH",
                             "về việc công nhận và khen thưởng", "BAN THƯỜNG VỤ ĐẢNG ỦY PHƯỜNG LÝ THÁI TỔ",
                             "- Căn cứ Điều lệ Đảng;", "QUYẾT ĐỊNH:", "Điều 1.", "Nơi nhận:", "T/M ĐẢNG ỦY", "BÍ THƯ",
                             "Trần Thị Bình", "PHỤ LỤC", "Tổng cộng"}));
  EXPECT_EQ(text.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos) << "a Party document has no state title";
  EXPECT_EQ(text.find("Số:"), std::string::npos) << "Party numbers have no colon";
  EXPECT_TRUE(EmbedsLiberationSerif(file.Fonts()));
}

TEST(DecisionPdf, ALongAnnexRepeatsItsHeaderOnEveryPage) {
  auto d = StateDecision();
  d.annex->rows = Beneficiaries(90);
  auto pdf = RenderDecisionPdf(d);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message_en;
  Keep("decision-long-annex.pdf", *pdf);
  PdfFile file(*pdf);
  const int pages = file.Pages();
  ASSERT_GE(pages, 4) << "decision, then an annex of 90 rows over several pages";
  for (int p = 2; p <= pages; ++p) {
    const std::string text = file.Text(p, p);
    EXPECT_TRUE(InOrder(text, {std::to_string(p), "STT", "Tên tập thể, cá nhân", "Số tiền (đồng)"})) << "page " << p;
  }
  EXPECT_TRUE(InOrder(file.Text(pages, pages), {"Tập thể số 90", "Tổng cộng", "135.000.000"}));
  EXPECT_EQ(file.Text(1, 1).find("STT"), std::string::npos) << "the annex starts on its own page";
}

TEST(DecisionPdf, MarkupInDataIsPrintedAsText) {
  auto d = StateDecision();
  d.articles = {"Tập thể <b>\"A & B\"</b> được khen thưởng."};
  d.annex.reset();
  auto pdf = RenderDecisionPdf(d);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message_en;
  EXPECT_NE(PdfFile(*pdf).Text().find("Tập thể <b>\"A & B\"</b> được khen thưởng."), std::string::npos);
}

TEST(DecisionPdf, AnUnbreakableWordWrapsByCharactersAndItsPageNumbersFollow) {
  // A summary of one word as long as the schema allows, and an article of one 150,000-character word: both wrap by
  // characters, the article over pages, and a new page (its number drawn in the margin) while a paragraph flows does
  // not confuse the flow (Pango once warned "PangoLayout changed since PangoLayoutIter was created" and lost lines).
  // 'z' and 'w' are no Vietnamese letters: every one printed is one of the words'.
  auto d = StateDecision();
  d.summary = std::string(1'000, 'w');
  d.articles = {"Điều mở đầu " + std::string(150'000, 'z') + " và lời kết của điều."};
  d.annex.reset();
  auto pdf = RenderDecisionPdf(d);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message_en;
  Keep("decision-long-word.pdf", *pdf);
  PdfFile file(*pdf);
  ASSERT_GE(file.Pages(), 10);
  const std::string text = file.Text();
  EXPECT_EQ(std::count(text.begin(), text.end(), 'w'), 1'000) << "every character of the summary is printed";
  EXPECT_EQ(std::count(text.begin(), text.end(), 'z'), 150'000) << "every character of the article is printed";
  EXPECT_TRUE(InOrder(text, {"Điều mở đầu", "và lời kết của điều.", "Nguyễn Văn An"}));
}

TEST(PdfMarkup, EscapeOffersABreakInsideAVeryLongWordOnly) {
  EXPECT_EQ(pdf::Escape("Phường Lý Thái Tổ & <b>"), "Phường Lý Thái Tổ &amp; &lt;b&gt;");
  const std::string word = pdf::Escape(std::string(200, 'a'));
  EXPECT_EQ(word.size(), 200u + 2 * 3) << "a zero-width space after each 80 characters";
  EXPECT_EQ(word.substr(80, 3), "\u200B");
  const std::string vietnamese = pdf::Escape(std::string(100, ' ') + "Nghị định 30/2020/NĐ-CP");
  EXPECT_EQ(vietnamese.find("\u200B"), std::string::npos);
}

TEST(DocumentFormat, WordsAndNumbersAsVietnameseDocumentsWriteThem) {
  EXPECT_EQ(PlaceAndDate("Hoàn Kiếm", Date::FromYmd(2022, 10, 13)), "Hoàn Kiếm, ngày 13 tháng 10 năm 2022");
  EXPECT_EQ(PlaceAndDate("Hà Nội", Date::FromYmd(2023, 2, 5)), "Hà Nội, ngày 05 tháng 02 năm 2023");
  EXPECT_EQ(PlaceAndDate("Hà Nội", Date::FromYmd(2023, 3, 5)), "Hà Nội, ngày 05 tháng 3 năm 2023");
  EXPECT_EQ(FormatMoney(1'800'000), "1.800.000");
  EXPECT_EQ(FormatMoney(900), "900");
  EXPECT_EQ(FormatMoney(0), "0");
  EXPECT_EQ(FormatDecimal(82.5, 2), "82,50");
  EXPECT_EQ(UpperVietnamese("phường Lý Thái Tổ, đường Đinh Tiên Hoàng"), "PHƯỜNG LÝ THÁI TỔ, ĐƯỜNG ĐINH TIÊN HOÀNG");
  EXPECT_TRUE(CheckFont("Liberation Serif").ok());
  auto missing = CheckFont("No Such Font Family");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "font_unavailable");
}

CertificateDocument Certificate(int i = 3) {
  CertificateDocument c;
  c.system = DocumentSystem::kState;
  c.issuer = "Chủ tịch Ủy ban nhân dân quận Hoàn Kiếm";
  c.beneficiary = "Tổ dân vận số " + std::to_string(i);
  c.beneficiary_detail = "Phường Lý Thái Tổ, quận Hoàn Kiếm";
  c.reason = "Đã có thành tích xuất sắc trong phong trào thi đua \"Dân vận khéo\" năm 2022";
  c.decision_number = "345/QĐ-UBND";
  c.decision_date = Date::FromYmd(2022, 10, 10);
  c.register_number = "Số sổ vàng: 15/GK";
  c.place = "Hoàn Kiếm";
  c.date = Date::FromYmd(2022, 10, 10);
  c.signer = {"KT. Chủ tịch", "Phó Chủ tịch", "Lê Văn Cường"};
  c.verify_url = "https://danvan.example.vn/verify/3f9c2a7e-" + std::to_string(i);
  return c;
}

TEST(CertificatePdf, LandscapeWithEveryPartAndAQrLink) {
  auto pdf = RenderCertificatePdf(Certificate());
  ASSERT_TRUE(pdf.ok()) << pdf.error().message_en;
  Keep("certificate.pdf", *pdf);
  PdfFile file(*pdf);
  EXPECT_EQ(file.Info("Page size"), "841.89 x 595.276 pts (A4)");
  EXPECT_TRUE(InOrder(file.Text(), {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                    "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN HOÀN KIẾM", "GIẤY KHEN", "Tặng", "Tổ dân vận số 3",
                                    "Phường Lý Thái Tổ, quận Hoàn Kiếm", "Đã có thành tích xuất sắc",
                                    "Hoàn Kiếm, ngày 10 tháng 10 năm 2022", "Quyết định số 345/QĐ-UBND ngày 10/10/2022",
                                    "KT. CHỦ TỊCH", "Số sổ vàng: 15/GK", "PHÓ CHỦ TỊCH", "Quét mã để xác minh",
                                    "https://danvan.example.vn/verify/3f9c2a7e-3", "Lê Văn Cường"}));
  EXPECT_NE(pdf->find("https://danvan.example.vn/verify/3f9c2a7e-3"), std::string::npos)
      << "the QR code is also a link annotation";
  EXPECT_TRUE(EmbedsLiberationSerif(file.Fonts()));
}

TEST(CertificatePdf, ManyInOnePdfOnePageEachWithProgress) {
  std::vector<CertificateDocument> all;
  for (int i = 1; i <= 25; ++i) all.push_back(Certificate(i));
  all[7].system = DocumentSystem::kParty;
  all[7].issuer = "Ban Thường vụ Đảng ủy phường Lý Thái Tổ";
  std::vector<size_t> seen;
  auto pdf = RenderCertificatesPdf(all, {}, [&](size_t done, size_t total) {
    EXPECT_EQ(total, 25u);
    seen.push_back(done);
  });
  ASSERT_TRUE(pdf.ok()) << pdf.error().message_en;
  Keep("certificates.pdf", *pdf);
  EXPECT_EQ(seen.size(), 25u);
  EXPECT_EQ(seen.back(), 25u);
  PdfFile file(*pdf);
  ASSERT_EQ(file.Pages(), 25);
  for (int p : {1, 8, 25}) {
    const std::string text = file.Text(p, p);
    EXPECT_NE(text.find("Tổ dân vận số " + std::to_string(p) + "\n"), std::string::npos) << text;
    EXPECT_NE(text.find("/verify/3f9c2a7e-" + std::to_string(p)), std::string::npos) << text;
  }
  EXPECT_NE(file.Text(8, 8).find("ĐẢNG CỘNG SẢN VIỆT NAM"), std::string::npos);
  EXPECT_EQ(RenderCertificatesPdf({}).error().code, "no_certificates");
}

TEST(Qr, EncodesAUrlWithItsFinderPatterns) {
  auto qr = EncodeQr("https://danvan.example.vn/verify/3f9c2a7e-1b2c-4d5e-8f90-123456789abc");
  ASSERT_TRUE(qr.ok());
  EXPECT_GE(qr->size, 21);
  EXPECT_EQ((qr->size - 17) % 4, 0) << "a QR side is 17 + 4 × version";
  // The three 7×7 finder patterns: dark ring, light ring, dark 3×3 core.
  for (auto [ox, oy] : {std::pair{0, 0}, std::pair{qr->size - 7, 0}, std::pair{0, qr->size - 7}}) {
    for (int i = 0; i < 7; ++i) {
      EXPECT_TRUE(qr->Dark(ox + i, oy));
      EXPECT_TRUE(qr->Dark(ox, oy + i));
    }
    EXPECT_FALSE(qr->Dark(ox + 1, oy + 1));
    EXPECT_TRUE(qr->Dark(ox + 3, oy + 3));
  }
  EXPECT_EQ(EncodeQr(std::string(8000, 'x')).error().code, "qr_encode_failed");
}

MinutesDocument Minutes() {
  MinutesDocument m;
  m.issuer = {"Ủy ban nhân dân\nphường Lý Thái Tổ", "Hội đồng Thi đua – Khen thưởng"};
  m.place = "Lý Thái Tổ";
  m.held_on = Date::FromYmd(2022, 10, 10);
  m.summary = "Họp xét công nhận mô hình, điển hình \"Dân vận khéo\" năm 2022";
  m.council_name = "Hội đồng Thi đua – Khen thưởng phường Lý Thái Tổ";
  m.campaign_title = "phong trào \"Dân vận khéo\" năm 2022";
  m.members = {{"Nguyễn Văn An", "Chủ tịch Hội đồng", true}, {"Trần Thị Bình", "Thư ký", true},
               {"Lê Văn Cường", "Ủy viên", true}, {"Phạm Thị Dung", "Ủy viên", false}};
  m.quorum_needed = 3;
  m.quorum_met = true;
  m.threshold = "hơn 50% tổng số thành viên Hội đồng";
  MinutesModel good{"Tổ dân vận số 3 hỗ trợ người dân phòng, chống dịch", "Tổ dân vận số 3", "Văn hóa – xã hội", 85,
                    true, {{"Cách làm sáng tạo", 2, 10, 8.5, 0.5, 8, 9, 3}, {"Hiệu quả thiết thực", 3, 10, 8.5, 0.5, 8, 9, 3}},
                    3, 0, 0, 3, true, "Công nhận: Mô hình \"Dân vận khéo\" cấp cơ sở"};
  MinutesModel weak{"Đảng ủy phường với việc tiếp dân", "Đảng ủy phường", "Xây dựng hệ thống chính trị", 50, true,
                    {{"Cách làm sáng tạo", 2, 10, 5, 0, 5, 5, 3}}, 1, 1, 1, 3, false, "Không công nhận: biểu quyết chưa đạt"};
  m.models = {good, weak};
  m.chair = "Nguyễn Văn An";
  m.secretary = "Trần Thị Bình";
  return m;
}

TEST(MinutesPdf, EveryPartInOrder) {
  auto pdf = RenderMinutesPdf(Minutes());
  ASSERT_TRUE(pdf.ok()) << pdf.error().message_en;
  Keep("minutes.pdf", *pdf);
  PdfFile file(*pdf);
  EXPECT_TRUE(InOrder(file.Text(), {"ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "PHƯỜNG LÝ THÁI TỔ",
                                    "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", "Lý Thái Tổ, ngày 10 tháng 10 năm 2022",
                                    "BIÊN BẢN", "Họp xét công nhận", "I. THỜI GIAN, ĐỊA ĐIỂM", "II. THÀNH PHẦN",
                                    "Tổng số thành viên Hội đồng: 4; có mặt: 3; vắng mặt: 1.", "Phạm Thị Dung",
                                    "Vắng mặt", "Số thành viên phải có mặt: 3.", "III. KẾT QUẢ CHẤM ĐIỂM",
                                    "tổng điểm có trọng số 85,00/100", "Cách làm sáng tạo", "8,50", "0,50",
                                    "tổng điểm có trọng số 50,00/100", "IV. KẾT QUẢ BỎ PHIẾU KÍN", "Đồng ý",
                                    "Không đồng ý", "Đạt", "Không đạt", "V. KẾT LUẬN", "Công nhận: Mô hình",
                                    "Không công nhận", "THƯ KÝ", "CHỦ TỊCH HỘI ĐỒNG", "Trần Thị Bình"}));
  EXPECT_TRUE(EmbedsLiberationSerif(file.Fonts()));
  auto draft = Minutes();
  draft.final = false;
  EXPECT_NE(PdfFile(RenderMinutesPdf(draft).value()).Text().find("BIÊN BẢN (DỰ THẢO)"), std::string::npos);
}

}  // namespace
}  // namespace danvan::documents
