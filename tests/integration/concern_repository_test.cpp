// The concerns repository on a real database: the same cases on SQLite and on PostgreSQL.

#include "storage/concern_repository.hpp"

#include "core/vietnamese.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories.hpp"
#include "storage/tx.hpp"
#include "support/test_db.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace danvan {
namespace {

using testing::TestDatabase;

const std::string kAt = "2025-03-03T02:00:00.000Z";

class ConcernRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = test_db_.Open();
    auto migrated = Migrate(*db_);
    ASSERT_TRUE(migrated.ok()) << migrated.error().message_en;
    Write([&](Tx& tx) {
      city_ = InsertUnit(tx, "01", "Thành phố Hà Nội", UnitLevel::kProvince, "thanh_pho", std::nullopt);
      ward_ = InsertUnit(tx, "00070", "Phường Hoàn Kiếm", UnitLevel::kCommune, "phuong", city_);
      other_ = InsertUnit(tx, "79", "Thành phố Hồ Chí Minh", UnitLevel::kProvince, "thanh_pho", std::nullopt);
      Organisation o;
      o.unit_id = ward_;
      o.kind = "ubnd";
      o.name = "Ủy ban nhân dân phường Hoàn Kiếm";
      o.valid_from = Date::FromYmd(2025, 7, 1);
      o.created_at = o.updated_at = kAt;
      org_ = repos_.organisations->Insert(tx, o);
      o.kind = "mttq";
      o.name = "Ủy ban Mặt trận Tổ quốc phường Hoàn Kiếm";
      front_ = repos_.organisations->Insert(tx, o);
      UserRecord u;
      u.username = "can_bo";
      u.display_name = "Cán bộ";
      u.password_hash = "x";
      u.created_at = u.updated_at = u.password_changed_at = kAt;
      user_ = repos_.accounts->InsertUser(tx, u);
      category_ = concerns_->InsertCategory(tx, Category("moi_truong", city_));
    });
  }

  void Write(const std::function<void(Tx&)>& fn) {
    auto st = db_->Run(TxMode::kWrite, [&](Tx& tx) -> Status {
      fn(tx);
      return OkStatus();
    });
    ASSERT_TRUE(st.ok()) << st.error().message_en;
  }

  int64_t InsertUnit(Tx& tx, const std::string& code, const std::string& name, UnitLevel level,
                     const std::string& kind, std::optional<int64_t> parent) {
    AdminUnit u;
    u.code = code;
    u.name = name;
    u.level = level;
    u.kind = kind;
    u.parent_id = parent;
    u.valid_from = Date::FromYmd(2025, 7, 1);
    u.created_at = u.updated_at = kAt;
    return repos_.territory->Insert(tx, u);
  }

  static ConcernCategory Category(const std::string& code, int64_t unit_id) {
    ConcernCategory c;
    c.unit_id = unit_id;
    c.code = code;
    c.name = "Môi trường " + code;
    c.group = "Môi trường";
    c.urgency = Urgency::kNormal;
    c.created_at = c.updated_at = kAt;
    return c;
  }

  //! A concern with only what the table requires.
  Concern Bare(const std::string& code, int64_t unit_id, ConcernStatus status, const std::string& created_at) const {
    Concern c;
    c.code = code;
    c.pin_hash = "hash-" + code;
    c.unit_id = unit_id;
    c.category_id = category_;
    c.status = status;
    c.description = "Mô tả " + code;
    c.calendar_version = 1;
    c.clock_started_at = created_at;
    c.received_due_at = created_at;
    c.created_at = c.updated_at = created_at;
    return c;
  }

  //! A concern with every optional field set.
  Concern Full(const std::string& code) const {
    Concern c = Bare(code, ward_, ConcernStatus::kWaiting, kAt);
    c.organisation_id = org_;
    c.assignee_user_id = user_;
    c.urgency = Urgency::kUrgent;
    c.description = "Đường ống nước vỡ 50% trước số nhà 12";
    c.attributes = {{"muc_do", {"nang"}}, {"loai", {"ong_nuoc", "via_he"}}};
    c.point = GeoPoint{21.0285, 105.8542};
    c.address = "12 Hàng Bạc";
    c.reporter_name = "Nguyễn Văn A";
    c.reporter_contact = "0912345678";
    c.contact_visible = true;
    c.channel = ConcernChannel::kVotersMeeting;
    c.batch_id = batch_;
    c.duplicate_of = std::nullopt;  // set by the caller when there is one to point at
    c.supporters = 3;
    c.submitter_key = "key-a";
    c.calendar_version = 2;
    c.received_due_at = "2025-03-04T02:00:00.000Z";
    c.received_at = "2025-03-03T03:00:00.000Z";
    c.received_on_time = true;
    c.resolve_due_at = "2025-03-10T10:00:00.000Z";
    c.paused_since = "2025-03-05T04:00:00.000Z";
    c.paused_minutes = 95;
    c.resolved_at = "2025-03-06T04:00:00.000Z";
    c.resolved_on_time = false;
    c.resolutions = 2;
    c.answer = "Đã sửa xong";
    c.reason_code = "not_in_area";
    c.closed_at = "2025-03-07T04:00:00.000Z";
    c.reopened_count = 1;
    c.is_demo = true;
    return c;
  }

  TestDatabase test_db_;
  std::unique_ptr<Database> db_;
  Repositories repos_ = MakeRepositories();
  std::unique_ptr<ConcernRepository> concerns_ = MakeConcernRepository();
  int64_t city_ = 0, ward_ = 0, other_ = 0, org_ = 0, front_ = 0, user_ = 0, category_ = 0;
  std::optional<int64_t> batch_;
};

void ExpectSameConcern(const Concern& a, const Concern& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.code, b.code);
  EXPECT_EQ(a.pin_hash, b.pin_hash);
  EXPECT_EQ(a.unit_id, b.unit_id);
  EXPECT_EQ(a.category_id, b.category_id);
  EXPECT_EQ(a.organisation_id, b.organisation_id);
  EXPECT_EQ(a.assignee_user_id, b.assignee_user_id);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.urgency, b.urgency);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.attributes, b.attributes);
  ASSERT_EQ(a.point.has_value(), b.point.has_value());
  if (a.point) {
    EXPECT_DOUBLE_EQ(a.point->lat, b.point->lat);
    EXPECT_DOUBLE_EQ(a.point->lon, b.point->lon);
  }
  EXPECT_EQ(a.address, b.address);
  EXPECT_EQ(a.reporter_name, b.reporter_name);
  EXPECT_EQ(a.reporter_contact, b.reporter_contact);
  EXPECT_EQ(a.contact_visible, b.contact_visible);
  EXPECT_EQ(a.channel, b.channel);
  EXPECT_EQ(a.batch_id, b.batch_id);
  EXPECT_EQ(a.duplicate_of, b.duplicate_of);
  EXPECT_EQ(a.supporters, b.supporters);
  EXPECT_EQ(a.submitter_key, b.submitter_key);
  EXPECT_EQ(a.calendar_version, b.calendar_version);
  EXPECT_EQ(a.clock_started_at, b.clock_started_at);
  EXPECT_EQ(a.received_due_at, b.received_due_at);
  EXPECT_EQ(a.received_at, b.received_at);
  EXPECT_EQ(a.received_on_time, b.received_on_time);
  EXPECT_EQ(a.resolve_due_at, b.resolve_due_at);
  EXPECT_EQ(a.paused_since, b.paused_since);
  EXPECT_EQ(a.paused_minutes, b.paused_minutes);
  EXPECT_EQ(a.resolved_at, b.resolved_at);
  EXPECT_EQ(a.resolved_on_time, b.resolved_on_time);
  EXPECT_EQ(a.resolutions, b.resolutions);
  EXPECT_EQ(a.answer, b.answer);
  EXPECT_EQ(a.reason_code, b.reason_code);
  EXPECT_EQ(a.closed_at, b.closed_at);
  EXPECT_EQ(a.reopened_count, b.reopened_count);
  EXPECT_EQ(a.is_demo, b.is_demo);
  EXPECT_EQ(a.created_at, b.created_at);
  EXPECT_EQ(a.updated_at, b.updated_at);
}

std::vector<std::string> Codes(const std::vector<Concern>& list) {
  std::vector<std::string> out;
  for (const auto& c : list) out.push_back(c.code);
  return out;
}

TEST_F(ConcernRepositoryTest, CalendarVersionsRoundTripWithTheirDays) {
  Write([&](Tx& tx) { EXPECT_FALSE(concerns_->CurrentCalendar(tx).has_value()); });

  WorkCalendar first = WorkCalendar::Default();
  first.days = {CalendarDay{Date::FromYmd(2025, 4, 30), DayKind::kHoliday, "Ngày Giải phóng miền Nam", {}},
                CalendarDay{Date::FromYmd(2025, 5, 3), DayKind::kWorkingDay, "Làm bù", {{480, 720}, {810, 960}}}};
  WorkCalendar second = WorkCalendar::Default();
  second.utc_offset_minutes = 480;
  second.week[5] = {{480, 690}};  // Saturday mornings
  second.days = {CalendarDay{Date::FromYmd(2025, 9, 1), DayKind::kDayOff, "Nghỉ bù Quốc khánh", {}}};

  Write([&](Tx& tx) { EXPECT_EQ(concerns_->InsertCalendar(tx, first, "lịch 2025", "user:1", kAt), 1); });
  Write([&](Tx& tx) {
    auto cur = concerns_->CurrentCalendar(tx);
    ASSERT_TRUE(cur.has_value());
    EXPECT_EQ(cur->version, 1);
    EXPECT_EQ(cur->utc_offset_minutes, 420);
    EXPECT_EQ(cur->week, first.week);
    ASSERT_EQ(cur->days.size(), 2u);
    EXPECT_EQ(cur->days[0].date, Date::FromYmd(2025, 4, 30));
    EXPECT_EQ(cur->days[0].kind, DayKind::kHoliday);
    EXPECT_EQ(cur->days[0].name, "Ngày Giải phóng miền Nam");
    EXPECT_TRUE(cur->days[0].windows.empty());
    EXPECT_EQ(cur->days[1].kind, DayKind::kWorkingDay);
    EXPECT_EQ(cur->days[1].windows, (std::vector<OfficeWindow>{{480, 720}, {810, 960}}));
  });

  Write([&](Tx& tx) { EXPECT_EQ(concerns_->InsertCalendar(tx, second, "", "user:2", kAt), 2); });
  Write([&](Tx& tx) {
    auto cur = concerns_->CurrentCalendar(tx);
    ASSERT_TRUE(cur.has_value());
    EXPECT_EQ(cur->version, 2);
    EXPECT_EQ(cur->utc_offset_minutes, 480);
    EXPECT_EQ(cur->week, second.week);
    ASSERT_EQ(cur->days.size(), 1u) << "the days of version 1 stay with version 1";
    EXPECT_EQ(cur->days[0].kind, DayKind::kDayOff);
    EXPECT_EQ(cur->days[0].date, Date::FromYmd(2025, 9, 1));
  });
}

TEST_F(ConcernRepositoryTest, CategoryWithAttributesRoundTrips) {
  ConcernCategory c = Category("ha_tang", ward_);
  c.description = "Đường, vỉa hè, chiếu sáng";
  c.keywords = {"ổ gà", "đèn đường", "vỉa hè"};
  c.default_organisation_id = org_;
  c.urgency = Urgency::kComplex;
  c.sensitive = true;
  CategoryAttribute level;
  level.code = "muc_do";
  level.datatype = "singlevaluelist";
  level.required = true;
  level.description = "Mức độ?";
  level.datatype_description = "Chọn một";
  level.order = 1;
  level.values = {{"nhe", "Nhẹ"}, {"nang", "Nặng"}};
  CategoryAttribute note;
  note.code = "luu_y";
  note.datatype = "text";
  note.variable = false;
  note.description = "Không gửi ảnh có mặt người.";
  note.order = 2;
  c.attributes = {level, note};

  int64_t id = 0;
  Write([&](Tx& tx) { id = concerns_->InsertCategory(tx, c); });
  Write([&](Tx& tx) {
    auto got = concerns_->FindCategory(tx, id);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->unit_id, ward_);
    EXPECT_EQ(got->code, "ha_tang");
    EXPECT_EQ(got->description, c.description);
    EXPECT_EQ(got->group, "Môi trường");
    EXPECT_EQ(got->keywords, c.keywords);
    EXPECT_EQ(got->default_organisation_id, org_);
    EXPECT_EQ(got->urgency, Urgency::kComplex);
    EXPECT_TRUE(got->sensitive);
    EXPECT_TRUE(got->active);
    ASSERT_EQ(got->attributes.size(), 2u);
    const auto& a = got->attributes[0];
    EXPECT_EQ(a.code, "muc_do");
    EXPECT_EQ(a.datatype, "singlevaluelist");
    EXPECT_TRUE(a.required);
    EXPECT_TRUE(a.variable);
    EXPECT_EQ(a.description, "Mức độ?");
    EXPECT_EQ(a.datatype_description, "Chọn một");
    EXPECT_EQ(a.order, 1);
    EXPECT_EQ(a.values, level.values);
    EXPECT_FALSE(got->attributes[1].variable);
    EXPECT_FALSE(got->attributes[1].required);
    EXPECT_TRUE(got->attributes[1].values.empty());
    EXPECT_EQ(got->created_at, kAt);

    auto by_code = concerns_->FindCategoryByCode(tx, "ha_tang");
    ASSERT_TRUE(by_code.has_value());
    EXPECT_EQ(by_code->id, id);
    EXPECT_FALSE(concerns_->FindCategoryByCode(tx, "khong_co").has_value());
    EXPECT_FALSE(concerns_->FindCategory(tx, id + 1000).has_value());
  });

  c.id = id;
  c.default_organisation_id.reset();
  c.keywords.clear();
  c.attributes.clear();
  c.active = false;
  c.sensitive = false;
  c.updated_at = "2025-03-04T00:00:00.000Z";
  Write([&](Tx& tx) { concerns_->UpdateCategory(tx, c); });
  Write([&](Tx& tx) {
    auto got = concerns_->FindCategory(tx, id);
    ASSERT_TRUE(got.has_value());
    EXPECT_FALSE(got->default_organisation_id.has_value());
    EXPECT_TRUE(got->keywords.empty());
    EXPECT_TRUE(got->attributes.empty());
    EXPECT_FALSE(got->active);
    EXPECT_FALSE(got->sensitive);
    EXPECT_EQ(got->created_at, kAt);
    EXPECT_EQ(got->updated_at, "2025-03-04T00:00:00.000Z");

    // The ward sees its own and its city's; the inactive one only when asked for all.
    auto all = concerns_->CategoriesOf(tx, {ward_, city_}, false);
    ASSERT_EQ(all.size(), 2u);
    auto active = concerns_->CategoriesOf(tx, {ward_, city_}, true);
    ASSERT_EQ(active.size(), 1u);
    EXPECT_EQ(active[0].id, category_);
    EXPECT_TRUE(concerns_->CategoriesOf(tx, {other_}, false).empty());
    EXPECT_TRUE(concerns_->CategoriesOf(tx, {}, false).empty());
  });
}

TEST_F(ConcernRepositoryTest, ReplaceRulesThenRulesOfInPositionOrder) {
  RoutingRule anywhere;
  anywhere.position = 2;
  anywhere.organisation_id = front_;
  RoutingRule area;
  area.position = 1;
  area.category_id = category_;
  area.area_unit_id = ward_;
  area.area_polygon = {{21.03, 105.85}, {21.04, 105.85}, {21.04, 105.86}};
  area.organisation_id = org_;
  area.active = false;
  RoutingRule city_rule;
  city_rule.position = 0;
  city_rule.organisation_id = org_;

  Write([&](Tx& tx) {
    concerns_->ReplaceRules(tx, ward_, {anywhere, area}, kAt);
    concerns_->ReplaceRules(tx, city_, {city_rule}, kAt);
  });
  Write([&](Tx& tx) {
    auto rules = concerns_->RulesOf(tx, {ward_});
    ASSERT_EQ(rules.size(), 2u);
    EXPECT_EQ(rules[0].position, 1);
    EXPECT_EQ(rules[0].unit_id, ward_);
    EXPECT_EQ(rules[0].category_id, category_);
    EXPECT_EQ(rules[0].area_unit_id, ward_);
    ASSERT_EQ(rules[0].area_polygon.size(), 3u);
    EXPECT_DOUBLE_EQ(rules[0].area_polygon[1].lat, 21.04);
    EXPECT_DOUBLE_EQ(rules[0].area_polygon[2].lon, 105.86);
    EXPECT_EQ(rules[0].organisation_id, org_);
    EXPECT_FALSE(rules[0].active);
    EXPECT_EQ(rules[1].position, 2);
    EXPECT_FALSE(rules[1].category_id.has_value());
    EXPECT_FALSE(rules[1].area_unit_id.has_value());
    EXPECT_TRUE(rules[1].area_polygon.empty());
    EXPECT_TRUE(rules[1].active);
    EXPECT_EQ(concerns_->RulesOf(tx, {ward_, city_}).size(), 3u);
    EXPECT_EQ(concerns_->RulesOf(tx, {ward_, city_})[0].unit_id, city_);
  });

  // Replacing drops every earlier rule of that unit only.
  Write([&](Tx& tx) { concerns_->ReplaceRules(tx, ward_, {anywhere}, kAt); });
  Write([&](Tx& tx) {
    auto rules = concerns_->RulesOf(tx, {ward_});
    ASSERT_EQ(rules.size(), 1u);
    EXPECT_EQ(rules[0].organisation_id, front_);
    EXPECT_EQ(concerns_->RulesOf(tx, {city_}).size(), 1u);
    concerns_->ReplaceRules(tx, ward_, {}, kAt);
    EXPECT_TRUE(concerns_->RulesOf(tx, {ward_}).empty());
  });
}

TEST_F(ConcernRepositoryTest, ConcernWithEveryOptionalSetAndUnsetRoundTrips) {
  Write([&](Tx& tx) {
    ConcernBatch b;
    b.unit_id = ward_;
    b.title = "Tiếp xúc cử tri quý I";
    b.held_on = "2025-03-01";
    b.place = "Nhà văn hóa";
    b.minutes = "Biên bản";
    b.created_by = "user:1";
    b.created_at = kAt;
    batch_ = concerns_->InsertBatch(tx, b);
    auto got = concerns_->FindBatch(tx, *batch_);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->kind, "voters_meeting");
    EXPECT_EQ(got->title, b.title);
    EXPECT_EQ(got->held_on, "2025-03-01");
    EXPECT_EQ(got->minutes, "Biên bản");
    EXPECT_FALSE(concerns_->FindBatch(tx, *batch_ + 1000).has_value());
  });

  Concern original = Bare("PA-0000-0001", ward_, ConcernStatus::kNew, kAt);
  Concern full = Full("PA-0000-0002");
  Write([&](Tx& tx) {
    original.id = concerns_->Insert(tx, original);
    full.duplicate_of = original.id;
    full.id = concerns_->Insert(tx, full);
  });
  Write([&](Tx& tx) {
    auto got = concerns_->Find(tx, full.id);
    ASSERT_TRUE(got.has_value());
    ExpectSameConcern(*got, full);
    auto bare = concerns_->FindByCode(tx, "PA-0000-0001");
    ASSERT_TRUE(bare.has_value());
    ExpectSameConcern(*bare, original);
    auto locked = concerns_->FindForUpdate(tx, full.id);
    ASSERT_TRUE(locked.has_value());
    EXPECT_EQ(locked->code, full.code);
    EXPECT_FALSE(concerns_->Find(tx, full.id + 1000).has_value());
    EXPECT_FALSE(concerns_->FindByCode(tx, "PA-KHONG-CO").has_value());
    EXPECT_EQ(Codes(concerns_->DuplicatesOf(tx, original.id)), std::vector<std::string>{"PA-0000-0002"});
  });

  // Update writes every column but the code, PIN, creation time and submitter key, and clears the unset ones.
  Concern cleared = Bare("PA-IGNORED", other_, ConcernStatus::kInProgress, "2030-01-01T00:00:00.000Z");
  cleared.id = full.id;
  cleared.pin_hash = "ignored";
  cleared.submitter_key = "ignored";
  cleared.description = "Rác thải";
  cleared.updated_at = "2025-03-08T00:00:00.000Z";
  Write([&](Tx& tx) { concerns_->Update(tx, cleared); });
  Write([&](Tx& tx) {
    auto got = concerns_->Find(tx, full.id);
    ASSERT_TRUE(got.has_value());
    Concern expected = cleared;
    expected.code = full.code;
    expected.pin_hash = full.pin_hash;
    expected.submitter_key = full.submitter_key;
    expected.created_at = full.created_at;
    ExpectSameConcern(*got, expected);
    EXPECT_TRUE(concerns_->DuplicatesOf(tx, original.id).empty());
  });

  // And sets them again.
  full.updated_at = "2025-03-09T00:00:00.000Z";
  Write([&](Tx& tx) { concerns_->Update(tx, full); });
  Write([&](Tx& tx) {
    auto got = concerns_->Find(tx, full.id);
    ASSERT_TRUE(got.has_value());
    ExpectSameConcern(*got, full);
  });
}

TEST_F(ConcernRepositoryTest, ListFiltersPagesAndCounts) {
  std::vector<int64_t> ids;
  Write([&](Tx& tx) {
    auto add = [&](Concern c) { ids.push_back(concerns_->Insert(tx, c)); };
    Concern a = Bare("A", ward_, ConcernStatus::kNew, "2025-03-01T00:00:00.000Z");
    a.description = "Đường ống nước vỡ";
    a.address = "Hàng Bạc";
    a.resolve_due_at = "2025-03-10T00:00:00.000Z";
    a.organisation_id = org_;
    add(a);
    Concern b = Bare("B", ward_, ConcernStatus::kClosed, "2025-03-02T00:00:00.000Z");
    b.description = "Đèn đường hỏng";
    b.address = "Phố Huế";
    add(b);
    Concern c = Bare("C", other_, ConcernStatus::kInProgress, "2025-03-03T00:00:00.000Z");
    c.description = "Rác thải 100% chưa thu";
    c.resolve_due_at = "2025-03-05T00:00:00.000Z";
    c.assignee_user_id = user_;
    add(c);
    Concern d = Bare("D", city_, ConcernStatus::kWaiting, "2025-03-04T00:00:00.000Z");
    d.description = "Tiếng ồn";
    add(d);
  });

  auto list = [&](ConcernQuery q) {
    Page<Concern> page;
    Write([&](Tx& tx) { page = concerns_->List(tx, q); });
    return page;
  };
  auto codes = [](const Page<Concern>& p) { return Codes(p.items); };
  using V = std::vector<std::string>;

  ConcernQuery all;
  EXPECT_EQ(codes(list(all)), (V{"D", "C", "B", "A"}));
  EXPECT_EQ(list(all).total, 4);

  ConcernQuery roots;
  roots.unit_roots = {city_};
  EXPECT_EQ(codes(list(roots)), (V{"D", "B", "A"})) << "the city and the ward below it";
  roots.unit_roots = {ward_, other_};
  EXPECT_EQ(codes(list(roots)), (V{"C", "B", "A"}));

  ConcernQuery unit;
  unit.unit_id = city_;
  unit.unit_roots = {ward_, other_};
  EXPECT_EQ(codes(list(unit)), (V{"B", "A"})) << "both subtree filters apply";

  ConcernQuery statuses;
  statuses.statuses = {ConcernStatus::kNew, ConcernStatus::kInProgress};
  EXPECT_EQ(codes(list(statuses)), (V{"C", "A"}));

  ConcernQuery due;
  due.due_before = "2025-03-06T00:00:00.000Z";
  EXPECT_EQ(codes(list(due)), V{"C"});

  ConcernQuery created;
  created.created_from = "2025-03-02T00:00:00.000Z";
  created.created_to = "2025-03-04T00:00:00.000Z";
  EXPECT_EQ(codes(list(created)), (V{"C", "B"}));

  ConcernQuery text;
  text.folded_text = FoldForSearch("đường");
  EXPECT_EQ(codes(list(text)), (V{"B", "A"}));
  text.folded_text = FoldForSearch("hang bac");
  EXPECT_EQ(codes(list(text)), V{"A"}) << "the address is searched too";
  text.folded_text = "100%";
  EXPECT_EQ(codes(list(text)), V{"C"});
  text.folded_text = "0%";
  EXPECT_EQ(codes(list(text)), V{"C"}) << "'%' is matched literally";
  text.folded_text = "_";
  EXPECT_TRUE(list(text).items.empty()) << "'_' is matched literally";

  ConcernQuery org;
  org.organisation_id = org_;
  EXPECT_EQ(codes(list(org)), V{"A"});
  ConcernQuery assignee;
  assignee.assignee_user_id = user_;
  EXPECT_EQ(codes(list(assignee)), V{"C"});
  ConcernQuery category;
  category.category_id = category_;
  EXPECT_EQ(list(category).total, 4);
  category.category_id = category_ + 1000;
  EXPECT_EQ(list(category).total, 0);

  ConcernQuery only;
  only.ids = {ids[0], ids[2]};
  EXPECT_EQ(codes(list(only)), (V{"C", "A"}));

  ConcernQuery due_first;
  due_first.order = ConcernQuery::Order::kDueFirst;
  EXPECT_EQ(codes(list(due_first)), (V{"C", "A", "B", "D"})) << "no due time last, then by id";

  ConcernQuery page;
  page.limit = 2;
  page.offset = 1;
  auto p = list(page);
  EXPECT_EQ(codes(p), (V{"C", "B"}));
  EXPECT_EQ(p.total, 4) << "the total is of the whole list, not the page";
  page.offset = 10;
  p = list(page);
  EXPECT_TRUE(p.items.empty());
  EXPECT_EQ(p.total, 4);

  ConcernQuery combined;
  combined.unit_roots = {city_};
  combined.statuses = {ConcernStatus::kNew, ConcernStatus::kWaiting, ConcernStatus::kClosed};
  combined.folded_text = "duong";
  combined.limit = 1;
  p = list(combined);
  EXPECT_EQ(codes(p), V{"B"});
  EXPECT_EQ(p.total, 2);
}

TEST_F(ConcernRepositoryTest, OpenConcernsRecentOnesAndWhatAKeySent) {
  const std::vector<ConcernStatus> every = {
      ConcernStatus::kNew,      ConcernStatus::kReceived, ConcernStatus::kAssigned,   ConcernStatus::kInProgress,
      ConcernStatus::kWaiting,  ConcernStatus::kResolved, ConcernStatus::kRejected,   ConcernStatus::kOutOfScope,
      ConcernStatus::kReopened, ConcernStatus::kClosed,   ConcernStatus::kDuplicate};
  std::vector<int64_t> open_ids;
  int64_t second_category = 0;
  Write([&](Tx& tx) {
    second_category = concerns_->InsertCategory(tx, Category("trat_tu", ward_));
    for (std::size_t i = 0; i < every.size(); ++i) {
      Concern c = Bare(fmt::format("S{}", i), ward_, every[i], fmt::format("2025-03-{:02d}T00:00:00.000Z", i + 1));
      c.submitter_key = i % 2 ? "odd" : "even";
      const int64_t id = concerns_->Insert(tx, c);
      if (IsOpen(every[i])) open_ids.push_back(id);
    }
    Concern elsewhere = Bare("X", ward_, ConcernStatus::kNew, "2025-03-20T00:00:00.000Z");
    elsewhere.category_id = second_category;
    open_ids.push_back(concerns_->Insert(tx, elsewhere));
  });
  Write([&](Tx& tx) {
    EXPECT_EQ(concerns_->OpenIds(tx), open_ids) << "the SQL's open statuses are IsOpen's";

    // Open ones of the category from 03/03 on (S2 assigned, S3 in progress, S4 waiting, S8 reopened), newest first.
    auto recent = concerns_->RecentOpen(tx, category_, "2025-03-03T00:00:00.000Z", 10);
    EXPECT_EQ(Codes(recent), (std::vector<std::string>{"S8", "S4", "S3", "S2"}));
    EXPECT_EQ(Codes(concerns_->RecentOpen(tx, category_, "2025-03-03T00:00:00.000Z", 2)),
              (std::vector<std::string>{"S8", "S4"}));
    EXPECT_EQ(Codes(concerns_->RecentOpen(tx, second_category, "2025-01-01T00:00:00.000Z", 10)),
              std::vector<std::string>{"X"});

    EXPECT_EQ(concerns_->CountSentSince(tx, "even", "2025-03-01T00:00:00.000Z"), 6);
    EXPECT_EQ(concerns_->CountSentSince(tx, "odd", "2025-03-01T00:00:00.000Z"), 5);
    EXPECT_EQ(concerns_->CountSentSince(tx, "even", "2025-03-09T00:00:00.000Z"), 2) << "S8 and S10";
    EXPECT_EQ(concerns_->CountSentSince(tx, "nobody", "2025-01-01T00:00:00.000Z"), 0);
  });
}

TEST_F(ConcernRepositoryTest, EventsOldestFirstAndOnlyPublicOnesForThePublic) {
  int64_t id = 0;
  Write([&](Tx& tx) {
    id = concerns_->Insert(tx, Bare("E", ward_, ConcernStatus::kNew, kAt));
    ConcernEvent sent;
    sent.concern_id = id;
    sent.kind = "sent";
    sent.is_public = true;
    sent.actor = "resident";
    sent.to_status = ConcernStatus::kNew;
    sent.at = kAt;
    concerns_->InsertEvent(tx, sent);
    ConcernEvent note;
    note.concern_id = id;
    note.kind = "note";
    note.actor = "user:1";
    note.actor_name = "Cán bộ";
    note.body = "Gọi lại cho người dân";
    note.at = "2025-03-03T03:00:00.000Z";
    concerns_->InsertEvent(tx, note);
    ConcernEvent assign;
    assign.concern_id = id;
    assign.kind = "assign";
    assign.is_public = true;
    assign.actor = "user:1";
    assign.actor_name = "Cán bộ";
    assign.from_status = ConcernStatus::kReceived;
    assign.to_status = ConcernStatus::kAssigned;
    assign.organisation_id = front_;
    assign.to_organisation_id = org_;
    assign.body = "Giao Ủy ban";
    assign.due_at = "2025-03-10T00:00:00.000Z";
    assign.on_time = false;
    assign.at = "2025-03-03T04:00:00.000Z";
    concerns_->InsertEvent(tx, assign);
  });
  Write([&](Tx& tx) {
    auto all = concerns_->EventsOf(tx, id, false);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].kind, "sent");
    EXPECT_EQ(all[1].kind, "note");
    EXPECT_FALSE(all[1].is_public);
    EXPECT_FALSE(all[1].from_status.has_value());
    EXPECT_FALSE(all[1].on_time.has_value());
    const auto& a = all[2];
    EXPECT_EQ(a.concern_id, id);
    EXPECT_TRUE(a.is_public);
    EXPECT_EQ(a.actor, "user:1");
    EXPECT_EQ(a.actor_name, "Cán bộ");
    EXPECT_EQ(a.from_status, ConcernStatus::kReceived);
    EXPECT_EQ(a.to_status, ConcernStatus::kAssigned);
    EXPECT_EQ(a.organisation_id, front_);
    EXPECT_EQ(a.to_organisation_id, org_);
    EXPECT_EQ(a.body, "Giao Ủy ban");
    EXPECT_EQ(a.due_at, "2025-03-10T00:00:00.000Z");
    EXPECT_EQ(a.on_time, false);
    EXPECT_EQ(a.at, "2025-03-03T04:00:00.000Z");

    auto pub = concerns_->EventsOf(tx, id, true);
    ASSERT_EQ(pub.size(), 2u);
    EXPECT_EQ(pub[0].kind, "sent");
    EXPECT_EQ(pub[1].kind, "assign");
    EXPECT_TRUE(concerns_->EventsOf(tx, id + 1000, false).empty());
  });
}

TEST_F(ConcernRepositoryTest, FilesAreListedWithoutTheirBytesAndFoundWithThem) {
  int64_t id = 0, photo = 0, pdf = 0;
  const std::string bytes("\xFF\xD8\xFF\x00\x01 binary\n", 13);
  const std::string thumb("\xFF\xD8\x00thumb", 8);
  Write([&](Tx& tx) {
    id = concerns_->Insert(tx, Bare("F", ward_, ConcernStatus::kNew, kAt));
    ConcernEvent sent;
    sent.concern_id = id;
    sent.kind = "sent";
    sent.actor = "resident";
    sent.at = kAt;
    const int64_t event = concerns_->InsertEvent(tx, sent);
    ConcernFile f;
    f.concern_id = id;
    f.event_id = event;
    f.file_name = "ảnh.jpg";
    f.media_type = "image/jpeg";
    f.size_bytes = static_cast<int64_t>(bytes.size());
    f.content = bytes;
    f.thumbnail = thumb;
    f.width = 640;
    f.height = 480;
    f.created_at = kAt;
    photo = concerns_->InsertFile(tx, f);
    ConcernFile doc;
    doc.concern_id = id;
    doc.file_name = "don.pdf";
    doc.media_type = "application/pdf";
    doc.size_bytes = 4;
    doc.content = "%PDF";
    doc.is_public = false;
    doc.created_at = kAt;
    pdf = concerns_->InsertFile(tx, doc);
  });
  Write([&](Tx& tx) {
    auto files = concerns_->FilesOf(tx, id);
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(files[0].id, photo);
    EXPECT_EQ(files[0].file_name, "ảnh.jpg");
    EXPECT_EQ(files[0].size_bytes, 13);
    EXPECT_EQ(files[0].width, 640);
    EXPECT_EQ(files[0].height, 480);
    EXPECT_TRUE(files[0].is_public);
    EXPECT_TRUE(files[0].content.empty()) << "listed without the bytes";
    EXPECT_FALSE(files[0].thumbnail.has_value());
    EXPECT_FALSE(files[1].event_id.has_value());
    EXPECT_FALSE(files[1].width.has_value());
    EXPECT_FALSE(files[1].is_public);

    auto got = concerns_->FindFile(tx, photo);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->concern_id, id);
    EXPECT_TRUE(got->event_id.has_value());
    EXPECT_EQ(got->content, bytes);
    EXPECT_EQ(got->thumbnail, thumb);
    auto doc = concerns_->FindFile(tx, pdf);
    ASSERT_TRUE(doc.has_value());
    EXPECT_EQ(doc->content, "%PDF");
    EXPECT_FALSE(doc->thumbnail.has_value());
    EXPECT_FALSE(concerns_->FindFile(tx, pdf + 1000).has_value());
  });
}

TEST_F(ConcernRepositoryTest, ASecondSupportOrRatingIsRefusedWithoutFailingTheTransaction) {
  int64_t id = 0;
  Write([&](Tx& tx) {
    id = concerns_->Insert(tx, Bare("R", ward_, ConcernStatus::kResolved, kAt));
    EXPECT_TRUE(concerns_->InsertSupporter(tx, id, "k1", kAt));
    EXPECT_FALSE(concerns_->InsertSupporter(tx, id, "k1", kAt));
    EXPECT_TRUE(concerns_->InsertSupporter(tx, id, "k2", kAt));
    EXPECT_TRUE(concerns_->InsertRating(tx, id, 1, 2, "Chưa sạch", kAt));
    EXPECT_FALSE(concerns_->InsertRating(tx, id, 1, 5, "", kAt));
    EXPECT_TRUE(concerns_->InsertRating(tx, id, 2, 5, "", "2025-03-05T00:00:00.000Z"));
    // The transaction is still usable after the refusals (PostgreSQL aborts one on a failed statement).
    EXPECT_TRUE(concerns_->Find(tx, id).has_value());
  });
  Write([&](Tx& tx) {
    EXPECT_FALSE(concerns_->InsertSupporter(tx, id, "k2", kAt)) << "committed supporters count too";
    auto ratings = concerns_->RatingsOf(tx, id);
    ASSERT_EQ(ratings.size(), 2u);
    EXPECT_EQ(ratings[0].resolution, 1);
    EXPECT_EQ(ratings[0].stars, 2);
    EXPECT_EQ(ratings[0].comment, "Chưa sạch");
    EXPECT_EQ(ratings[0].at, kAt);
    EXPECT_EQ(ratings[1].resolution, 2);
    EXPECT_EQ(ratings[1].stars, 5);
  });
}

TEST_F(ConcernRepositoryTest, SecretsAndAnswerTemplates) {
  Write([&](Tx& tx) {
    EXPECT_FALSE(concerns_->FindSecret(tx, "origin").has_value());
    EXPECT_EQ(concerns_->EnsureSecret(tx, "origin", "first", kAt), "first");
    EXPECT_EQ(concerns_->EnsureSecret(tx, "origin", "second", kAt), "first") << "the stored one wins";
    EXPECT_EQ(concerns_->FindSecret(tx, "origin"), "first");

    concerns_->InsertTemplate(tx, AnswerTemplate{0, ward_, "Đã xử lý", "Phường đã xử lý.", kAt});
    concerns_->InsertTemplate(tx, AnswerTemplate{0, city_, "Chuyển cơ quan", "Đã chuyển.", kAt});
    concerns_->InsertTemplate(tx, AnswerTemplate{0, other_, "Khác", "…", kAt});
  });
  Write([&](Tx& tx) {
    auto templates = concerns_->TemplatesOf(tx, {ward_, city_});
    ASSERT_EQ(templates.size(), 2u);
    EXPECT_EQ(templates[0].title, "Chuyển cơ quan");
    EXPECT_EQ(templates[0].unit_id, city_);
    EXPECT_EQ(templates[1].body, "Phường đã xử lý.");
    EXPECT_TRUE(concerns_->TemplatesOf(tx, {}).empty());
  });
}

}  // namespace
}  // namespace danvan
