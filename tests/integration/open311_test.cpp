// Open311 GeoReport v2 through the whole application (contract check, router, handler, service) on a real
// database: a concern reads open, then closed once staff resolve it; a refused one reads closed with notes that
// say it was not taken up, never fixed; the reporter's contact appears nowhere. tests/http/open311.test.mjs drives
// the same routes over HTTP.

#include "core/vietnamese.hpp"
#include "http/api.hpp"
#include "http/app.hpp"
#include "services/demo.hpp"
#include "support/fixture.hpp"
#include "support/images.hpp"

#include <boost/json.hpp>

namespace danvan {
namespace {

using testing::ServiceTest;

class Open311 : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    auto seeded = SeedDemo(services());
    ASSERT_TRUE(seeded.ok()) << seeded.error().message_en;
    UnitQuery q;
    q.folded_text = FoldForSearch("Phường Lý Thái Tổ");
    q.as_of = Date::FromYmd(2022, 10, 13);
    auto units = services().territory.ListUnits(q);
    ASSERT_TRUE(units.ok());
    for (const auto& u : units->items)
      if (u.name == "Phường Lý Thái Tổ") ward_ = u.id;
    ASSERT_NE(ward_, 0);
    ConcernCategory c;
    c.unit_id = ward_;
    c.code = "o311-ve-sinh";
    c.name = "Vệ sinh môi trường";
    c.group = "Môi trường";
    c.attributes.push_back(CategoryAttribute{"loai", "singlevaluelist", true, true, "Loại rác", "", 1,
                                             {{"sinh_hoat", "Rác sinh hoạt"}, {"xay_dung", "Phế thải xây dựng"}}});
    auto made = services().concerns.CreateCategory(Officer(), c);
    ASSERT_TRUE(made.ok()) << made.error().message_en;
    app_ = std::make_unique<http::App>(http::BuildRouter(services(), metrics_), http::StaticFiles("/nonexistent"),
                                       metrics_, false, http::OpenApiDocument());
  }

  Caller Officer() { return CallerWith({RoleGrant{0, Role::kUnitAdmin, ward_, std::nullopt}}); }

  SentConcern SendWithContact(const std::string& remote) {
    NewConcern n;
    n.unit_id = ward_;
    n.category_code = "o311-ve-sinh";
    n.description = "Rác thải tồn đọng ở ngõ 12";
    n.attributes = {{"loai", {"sinh_hoat"}}};
    n.latitude = 21.0285;
    n.longitude = 105.8520;
    n.reporter_name = "Nguyễn Văn Bình";
    n.reporter_contact = "binh@example.vn; 0912345678";
    n.contact_visible = true;
    n.channel = ConcernChannel::kOpen311;
    auto s = services().concerns.Send(n, Origin{remote, "req"});
    EXPECT_TRUE(s.ok()) << s.error().message_en;
    return s.ok() ? *s : SentConcern{};
  }

  http::Response Get(const std::string& target) {
    http::Request r;
    r.method = "GET";
    r.target = target;
    EXPECT_TRUE(http::ParseTarget(target, r));
    return app_->Handle(r);
  }

  // The one request of a requests/{id}.json answer.
  boost::json::object One(const std::string& code) {
    const auto res = Get(fmt::format("/open311/v2/requests/{}.json?jurisdiction_id={}", code, ward_));
    EXPECT_EQ(res.status, 200) << res.body;
    const auto list = boost::json::parse(res.body).as_array();
    EXPECT_EQ(list.size(), 1u);
    return list.at(0).as_object();
  }

  int64_t ward_ = 0;
  http::Metrics metrics_;
  std::unique_ptr<http::App> app_;
};

TEST_F(Open311, ARequestReadsOpenThenClosedOnceResolved) {
  const auto sent = SendWithContact("203.0.113.9");
  auto before = One(sent.code);
  EXPECT_EQ(before.at("status"), "open");
  EXPECT_EQ(before.at("service_code"), "o311-ve-sinh");
  EXPECT_EQ(std::string(before.at("requested_datetime").as_string()).substr(19), "+07:00");

  ConcernStep receive;
  receive.action = ConcernAction::kReceive;
  ASSERT_TRUE(services().concerns.Act(Officer(), sent.id, receive).ok());
  ConcernStep resolve;
  resolve.action = ConcernAction::kResolve;
  resolve.text = "Đã thu gom rác.";
  resolve.files.push_back(UploadedFile{"sau.jpg", testing::PhoneJpeg(32, 24)});
  auto resolved = services().concerns.Act(Officer(), sent.id, resolve);
  ASSERT_TRUE(resolved.ok()) << resolved.error().message_en;

  auto after = One(sent.code);
  EXPECT_EQ(after.at("status"), "closed");
  EXPECT_NE(std::string(after.at("status_notes").as_string()).find("Đã thu gom rác."), std::string::npos);

  // The list with its filters finds it among the closed ones of its category, in the window given.
  const auto closed = Get(fmt::format(
      "/open311/v2/requests.json?jurisdiction_id={}&service_code=o311-ve-sinh&status=closed"
      "&start_date=2022-10-01T00:00:00%2B07:00&end_date=2022-10-20", ward_));
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_NE(closed.body.find(sent.code), std::string::npos);
  const auto open = Get(fmt::format("/open311/v2/requests.xml?jurisdiction_id={}&status=open&start_date=2022-10-01", ward_));
  ASSERT_EQ(open.status, 200) << open.body;
  EXPECT_EQ(open.body.find(sent.code), std::string::npos);
  EXPECT_EQ(open.content_type, "text/xml; charset=utf-8");

  // A window wider than 90 days is refused in Open311's shape.
  const auto wide = Get(fmt::format("/open311/v2/requests.json?jurisdiction_id={}&start_date=2022-01-01&end_date=2022-10-20", ward_));
  EXPECT_EQ(wide.status, 400);
  EXPECT_EQ(boost::json::parse(wide.body).as_array().at(0).at("code"), 400);
}

TEST_F(Open311, ARefusedConcernReadsClosedAndNotTakenUpNeverFixed) {
  const auto sent = SendWithContact("198.51.100.4");
  ConcernStep reject;
  reject.action = ConcernAction::kReject;
  reject.reason_code = "insufficient_information";
  ASSERT_TRUE(services().concerns.Act(Officer(), sent.id, reject).ok());
  const auto r = One(sent.code);
  EXPECT_EQ(r.at("status"), "closed");
  const std::string notes(r.at("status_notes").as_string());
  EXPECT_NE(notes.find("Không được tiếp nhận xử lý"), std::string::npos) << notes;
  EXPECT_NE(notes.find("Not taken up"), std::string::npos) << notes;
  EXPECT_EQ(notes.find("Đã xử lý"), std::string::npos) << notes;
  EXPECT_EQ(notes.find("Resolved"), std::string::npos) << notes;

  // Nothing the resident gave to be contacted appears, in either format, in any resource.
  for (const auto& target :
       {fmt::format("/open311/v2/requests/{}.json?jurisdiction_id={}", sent.code, ward_),
        fmt::format("/open311/v2/requests/{}.xml?jurisdiction_id={}", sent.code, ward_),
        fmt::format("/open311/v2/requests.json?jurisdiction_id={}&service_request_id={}", ward_, sent.code),
        fmt::format("/open311/v2/tokens/{}.xml?jurisdiction_id={}", sent.code, ward_)}) {
    const auto res = Get(target);
    EXPECT_EQ(res.status, 200) << target << res.body;
    EXPECT_NE(res.body.find(sent.code), std::string::npos) << target;
    for (const char* secret : {"Bình", "binh@example.vn", "0912345678", sent.pin.c_str()})
      EXPECT_EQ(res.body.find(secret), std::string::npos) << target << " shows " << secret;
  }
}

TEST_F(Open311, UnknownThingsAre404AndAnUnknownUnitToo) {
  EXPECT_EQ(Get(fmt::format("/open311/v2/requests/PA-0000-0000.json?jurisdiction_id={}", ward_)).status, 404);
  EXPECT_EQ(Get(fmt::format("/open311/v2/services/nope.xml?jurisdiction_id={}", ward_)).status, 404);
  EXPECT_EQ(Get("/open311/v2/services.json?jurisdiction_id=no-such-unit").status, 404);
  const auto missing = Get("/open311/v2/nothing.json");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(boost::json::parse(missing.body).as_array().at(0).at("code"), 404);
}

}  // namespace
}  // namespace danvan
