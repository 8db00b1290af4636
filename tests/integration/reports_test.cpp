// Progress reports with evidence on a real database: files typed by content, photos cleaned, access rules.

#include "services/demo.hpp"
#include "support/fixture.hpp"
#include "support/images.hpp"

#include <vips/vips.h>

namespace danvan {
namespace {

using testing::ServiceTest;

using testing::PhoneJpeg;

class Reports : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    ASSERT_TRUE(SeedDemo(services()).ok());
    ModelQuery q;
    q.folded_text = FoldForSearch("van dong phan loai rac");  // the demo's active model of Tổ dân vận số 5
    auto page = services().movement.PublicModels(ModelQuery{});
    ASSERT_TRUE(page.ok());
    recognised_ = page->items.front();
    UnitQuery u;
    u.folded_text = "phuong ly thai to";
    u.as_of = Date::FromYmd(2022, 1, 1);
    ly_thai_to_ = services().territory.ListUnits(u)->items.front().id;
    q.unit_id = ly_thai_to_;
    auto active = services().movement.ListModels(Officer(), q);
    ASSERT_TRUE(active.ok());
    ASSERT_EQ(active->total, 1);
    active_ = active->items.front();
  }

  Caller Officer() { return CallerWith({RoleGrant{0, Role::kUnitAdmin, ly_thai_to_, std::nullopt}}); }

  int64_t ly_thai_to_ = 0;
  Model recognised_, active_;
};

TEST_F(Reports, EvidenceIsTypedByContentCleanedAndKeptPrivate) {
  ReportInput in;
  in.kind = "interim";
  in.body = "Sơ kết 6 tháng: 120 hộ phân loại rác tại nguồn.";
  in.files.push_back({"anh-hien-truong.pdf", PhoneJpeg(), true});  // a photo, whatever its name says
  in.files.push_back({"bao-cao.jpg", "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", false});
  auto report = services().movement.AddReport(Officer(), active_.id, in);
  ASSERT_TRUE(report.ok()) << report.error().message_en;
  ASSERT_EQ(report->attachments.size(), 2u);
  EXPECT_EQ(report->attachments[0].media_type, "image/jpeg");
  EXPECT_TRUE(report->attachments[0].has_thumbnail);
  EXPECT_EQ(report->attachments[0].width.value_or(0), 64);
  EXPECT_EQ(report->attachments[1].media_type, "application/pdf");

  auto photo = services().movement.Attachment(Officer(), report->attachments[0].id, false);
  ASSERT_TRUE(photo.ok());
  EXPECT_EQ(photo->bytes.find("DemoPhone"), std::string::npos) << "metadata stripped";
  EXPECT_EQ(photo->bytes.find("Exif"), std::string::npos);
  auto thumb = services().movement.Attachment(Officer(), report->attachments[0].id, true);
  ASSERT_TRUE(thumb.ok());
  EXPECT_EQ(thumb->bytes.substr(0, 2), "\xFF\xD8");
  auto pdf = services().movement.Attachment(Officer(), report->attachments[1].id, false);
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(pdf->bytes.rfind("%PDF", 0), 0u) << "documents are stored byte for byte";

  // The model is not recognised: nothing of it is public, not even the photo marked public.
  EXPECT_EQ(services().movement.Attachment(std::nullopt, report->attachments[0].id, false).error().code, "attachment_not_found");
  EXPECT_EQ(services().movement.PublicPhotos(active_.id).error().code, "model_not_found");
  auto other = CallerWith({RoleGrant{0, Role::kViewer, 424242, std::nullopt}});
  EXPECT_EQ(services().movement.Reports(other, active_.id).error().code, "model_not_found");
  auto listed = services().movement.Reports(Officer(), active_.id);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().body, in.body);
}

TEST_F(Reports, PublicPhotosOfARecognisedModel) {
  ReportInput in;
  in.body = "Tổng kết";
  in.kind = "final";
  in.files.push_back({"cong-khai.jpg", PhoneJpeg(), true});
  in.files.push_back({"noi-bo.jpg", PhoneJpeg(), false});
  auto report = services().movement.AddReport(Officer(), recognised_.id, in);
  ASSERT_TRUE(report.ok()) << report.error().message_en;
  auto photos = services().movement.PublicPhotos(recognised_.id);
  ASSERT_TRUE(photos.ok());
  ASSERT_EQ(photos->size(), 1u);
  EXPECT_EQ(photos->front().file_name, "cong-khai.jpg");
  EXPECT_TRUE(services().movement.Attachment(std::nullopt, report->attachments[0].id, true).ok());
  EXPECT_EQ(services().movement.Attachment(std::nullopt, report->attachments[1].id, false).error().code, "attachment_not_found");
}

TEST_F(Reports, BadFilesAreRefusedAndNothingIsWritten) {
  const auto before = AuditCount();
  ReportInput exe{"progress", "x", {{"virus.jpg", std::string("MZ\x90\0\3\0\0\0", 8) + std::string(100, 'A'), false}}};
  auto refused = services().movement.AddReport(Officer(), active_.id, exe);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "unsupported_file_type");
  ReportInput big{"progress", "x", {{"lon.pdf", std::string(11 * 1024 * 1024, 'x'), false}}};
  EXPECT_EQ(services().movement.AddReport(Officer(), active_.id, big).error().code, "file_too_large");
  ReportInput broken{"progress", "x", {{"hong.jpg", PhoneJpeg().substr(0, 100), false}}};
  EXPECT_EQ(services().movement.AddReport(Officer(), active_.id, broken).error().code, "invalid_image");
  EXPECT_EQ(services().movement.AddReport(Officer(), active_.id, {"weekly", "x", {}}).error().code, "invalid_report_kind");
  auto viewer = CallerWith({RoleGrant{0, Role::kViewer, ly_thai_to_, std::nullopt}});
  EXPECT_EQ(services().movement.AddReport(viewer, active_.id, {"progress", "x", {}}).error().code, "forbidden");
  EXPECT_EQ(AuditCount(), before);
}

}  // namespace
}  // namespace danvan
