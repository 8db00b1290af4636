// Residents' concerns on a real database: a resident without an account sends, follows with code and PIN, adds
// information, rates and reopens; staff receive, assign, hand over, resolve with evidence; deadlines in working
// hours with the calendar's holidays; routing; duplicates; limits; permissions; what the public never sees.

#include "core/vietnamese.hpp"
#include "services/demo.hpp"
#include "support/fixture.hpp"
#include "support/images.hpp"


namespace danvan {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using testing::ServiceTest;

std::string Jpeg() { return testing::PhoneJpeg(32, 24); }

class Concerns : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    auto seeded = SeedDemo(services());
    ASSERT_TRUE(seeded.ok()) << seeded.error().message_en;
    ward_ = UnitNamed("Phường Lý Thái Tổ", Date::FromYmd(2022, 10, 13));
    other_ward_ = UnitNamed("Phường Hàng Bạc", Date::FromYmd(2022, 10, 13));
    front_ = OrganisationNamed("Ủy ban Mặt trận Tổ quốc Việt Nam phường Lý Thái Tổ");
    committee_ = OrganisationNamed("Ủy ban nhân dân phường Lý Thái Tổ");
    ConcernCategory c;
    c.unit_id = ward_;
    c.code = "ve-sinh";
    c.name = "Vệ sinh môi trường";
    c.group = "Môi trường";
    c.default_organisation_id = front_;
    c.attributes.push_back(CategoryAttribute{"loai", "singlevaluelist", true, true, "Loại rác", "", 1,
                                             {{"sinh_hoat", "Rác sinh hoạt"}, {"xay_dung", "Phế thải xây dựng"}}});
    auto made = services().concerns.CreateCategory(Officer(), c);
    ASSERT_TRUE(made.ok()) << made.error().message_en;
    category_ = made->id;
  }

  Caller Officer() { return CallerWith({RoleGrant{0, Role::kUnitAdmin, ward_, std::nullopt}}); }
  Caller Viewer() { return CallerWith({RoleGrant{0, Role::kViewer, ward_, std::nullopt}}); }
  Caller OtherWard() { return CallerWith({RoleGrant{0, Role::kUnitAdmin, other_ward_, std::nullopt}}); }
  Caller MemberOf(int64_t org) { return CallerWith({RoleGrant{0, Role::kUnitMember, ward_, org}}); }

  NewConcern Rubbish(const std::string& text = "Rác thải tồn đọng ở ngõ 12 phố Hàng Trống") {
    NewConcern n;
    n.unit_id = ward_;
    n.category_code = "ve-sinh";
    n.description = text;
    n.attributes = {{"loai", {"sinh_hoat"}}};
    n.latitude = 21.0285;
    n.longitude = 105.8520;
    n.address = "Ngõ 12 Hàng Trống";
    return n;
  }

  SentConcern SendOk(const NewConcern& n, const std::string& remote = "203.0.113.7") {
    auto s = services().concerns.Send(n, Origin{remote, "req"});
    EXPECT_TRUE(s.ok()) << s.error().message_en;
    return s.ok() ? *s : SentConcern{};
  }

  Concern Stored(int64_t id) {
    auto s = services().concerns.Get(Admin(), id);
    EXPECT_TRUE(s.ok());
    return s.ok() ? s->concern : Concern{};
  }

  Result<StaffConcern> Step(const Caller& who, int64_t id, ConcernAction a, ConcernStep step = {}) {
    step.action = a;
    return services().concerns.Act(who, id, step);
  }

  int64_t ward_ = 0, other_ward_ = 0, front_ = 0, committee_ = 0, category_ = 0;
};

TEST_F(Concerns, AResidentWithoutAnAccountSendsFollowsAndRatesWhileStaffHandOverAndResolve) {
  const int64_t audit_before = AuditCount();
  NewConcern n = Rubbish();
  n.photos.push_back(UploadedFile{"anh.jpg", Jpeg()});
  const auto sent = SendOk(n);
  EXPECT_EQ(sent.code.size(), 12u);  // PA-XXXX-XXXX
  EXPECT_EQ(sent.code.rfind("PA-", 0), 0u);
  EXPECT_EQ(sent.pin.size(), 6u);

  auto wrong = services().concerns.Follow(sent.code, sent.pin == "000000" ? "111111" : "000000");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, "wrong_pin");
  // Codes are typed on phones: lower case and without dashes still find it.
  std::string typed = sent.code;
  std::transform(typed.begin(), typed.end(), typed.begin(), [](char c) { return std::tolower(c); });
  typed.erase(std::remove(typed.begin(), typed.end(), '-'), typed.end());
  auto followed = services().concerns.Follow(typed, sent.pin);
  ASSERT_TRUE(followed.ok()) << followed.error().message_en;
  EXPECT_EQ(followed->concern.status.code, "submitted");
  EXPECT_TRUE(followed->concern.status.open);
  EXPECT_EQ(followed->concern.organisation_name, "Ủy ban Mặt trận Tổ quốc Việt Nam phường Lý Thái Tổ");
  ASSERT_EQ(followed->concern.files.size(), 1u);
  EXPECT_EQ(followed->concern.files[0].media_type, "image/jpeg");
  EXPECT_FALSE(followed->can_rate);

  // The Front receives it and hands it to the committee, which owns the clock from then on.
  auto received = Step(Officer(), sent.id, ConcernAction::kReceive);
  ASSERT_TRUE(received.ok()) << received.error().message_en;
  EXPECT_EQ(received->concern.received_on_time, std::optional<bool>(true));
  ConcernStep hand;
  hand.organisation_id = committee_;
  hand.text = "Thuộc thẩm quyền UBND phường (thu gom rác)";
  auto handed = Step(Officer(), sent.id, ConcernAction::kHandOver, hand);
  ASSERT_TRUE(handed.ok()) << handed.error().message_en;
  EXPECT_EQ(handed->concern.status, ConcernStatus::kAssigned);
  EXPECT_EQ(handed->concern.organisation_id, committee_);
  const auto& last = handed->events.back();
  EXPECT_EQ(last.kind, "hand_over");
  EXPECT_EQ(last.organisation_id, front_);
  EXPECT_EQ(last.to_organisation_id, committee_);

  // The Front's member may no longer work on it; the committee's may.
  EXPECT_EQ(Step(MemberOf(front_), sent.id, ConcernAction::kStart).error().code, "forbidden");
  ASSERT_TRUE(Step(MemberOf(committee_), sent.id, ConcernAction::kStart).ok());

  // Waiting for the resident pauses the clock; their answer resumes it with the paused working time added.
  ConcernStep ask;
  ask.text = "Xin cho biết rác tồn đọng từ ngày nào?";
  auto waiting = Step(MemberOf(committee_), sent.id, ConcernAction::kWait, ask);
  ASSERT_TRUE(waiting.ok());
  EXPECT_FALSE(waiting->concern.resolve_due_at.has_value());
  const std::string due_before = *received->concern.resolve_due_at;
  clock_.Advance(hours(1));  // Thursday 10:00 → 11:00: one working hour
  auto info = services().concerns.AddInformation(sent.code, sent.pin, "Từ thứ Hai tuần này.", {}, Origin{"x", "r"});
  ASSERT_TRUE(info.ok()) << info.error().message_en;
  EXPECT_EQ(info->concern.status.code, "in_progress");
  const auto resumed = Stored(sent.id);
  EXPECT_EQ(resumed.paused_minutes, 60);
  EXPECT_GT(*resumed.resolve_due_at, due_before);

  // An answer drafted from a template stays private until a resolve step publishes one.
  auto drafted = services().concerns.SaveDraft(MemberOf(committee_), sent.id, "Dự thảo: đã thu gom.");
  ASSERT_TRUE(drafted.ok()) << drafted.error().message_en;
  EXPECT_EQ(drafted->draft_answer, std::optional<std::string>("Dự thảo: đã thu gom."));
  EXPECT_EQ(services().concerns.SaveDraft(Viewer(), sent.id, "x").error().code, "forbidden");
  const auto with_draft = services().concerns.Follow(sent.code, sent.pin);
  ASSERT_TRUE(with_draft.ok());
  for (const auto& e : with_draft->concern.timeline) EXPECT_NE(e.kind, "draft");

  // Resolving needs evidence.
  ConcernStep answer;
  answer.text = "Đã thu gom, bố trí thêm thùng rác tại đầu ngõ.";
  auto bare = Step(MemberOf(committee_), sent.id, ConcernAction::kResolve, answer);
  ASSERT_FALSE(bare.ok());
  EXPECT_EQ(bare.error().code, "evidence_required");
  answer.files.push_back(UploadedFile{"sau-khi-xu-ly.jpg", Jpeg()});
  auto resolved = Step(MemberOf(committee_), sent.id, ConcernAction::kResolve, answer);
  ASSERT_TRUE(resolved.ok()) << resolved.error().message_en;
  EXPECT_EQ(resolved->concern.resolved_on_time, std::optional<bool>(true));
  EXPECT_FALSE(resolved->draft_answer.has_value());

  auto seen = services().concerns.Follow(sent.code, sent.pin);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->concern.status.code, "resolved");
  EXPECT_EQ(seen->concern.answer, "Đã thu gom, bố trí thêm thùng rác tại đầu ngõ.");
  EXPECT_TRUE(seen->can_rate);
  EXPECT_TRUE(seen->can_reopen);
  EXPECT_EQ(seen->concern.files.size(), 2u);
  for (const auto& e : seen->concern.timeline) {
    EXPECT_TRUE(e.is_public);
    EXPECT_TRUE(e.actor.empty());
  }
  // The hand-over names who owns the concern now, by the organisation's name.
  EXPECT_EQ(seen->concern.organisation_names.at(committee_), "Ủy ban nhân dân phường Lý Thái Tổ");

  auto rated = services().concerns.Rate(sent.code, sent.pin, 5, "Cảm ơn phường", Origin{"x", "r"});
  ASSERT_TRUE(rated.ok()) << rated.error().message_en;
  EXPECT_EQ(rated->concern.status.code, "closed");
  EXPECT_FALSE(rated->concern.status.open);
  auto again = services().concerns.Rate(sent.code, sent.pin, 1, "", Origin{"x", "r"});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "already_rated");
  EXPECT_GT(AuditCount(), audit_before + 7);
}

TEST_F(Concerns, DeadlinesAreCountedInWorkingHoursAndRecountedWhenTheCalendarChanges) {
  // Sent Thursday 13/10/2022 09:00 (+07:00). Receiving: 8 working hours = 3 h before lunch, 3.5 h after, 1.5 h on
  // Friday → Friday 09:30 (+07:00). Normal (40 h; a working day has 7.5 h): 6.5 + 4 × 7.5 = 36.5 h by Wednesday,
  // then 3.5 h of Thursday 20/10's morning → 11:30 (+07:00).
  const auto sent = SendOk(Rubbish());
  auto c = Stored(sent.id);
  EXPECT_EQ(c.received_due_at, "2022-10-14T02:30:00.000Z");
  EXPECT_EQ(c.resolve_due_at, "2022-10-20T04:30:00.000Z");
  // The admin declares Friday 14/10 a day off: the open concern is due on Monday instead.
  auto cal = services().concerns.Calendar();
  ASSERT_TRUE(cal.ok());
  EXPECT_TRUE(cal->stored);  // the demo's, with the holidays of 2022 and 2026
  EXPECT_EQ(c.calendar_version, cal->calendar.version);
  WorkCalendar next = cal->calendar;
  next.days.push_back(CalendarDay{Date::FromYmd(2022, 10, 14), DayKind::kDayOff, "Nghỉ bù", {}});
  EXPECT_EQ(services().concerns.SaveCalendar(Officer(), next, "").error().code, "forbidden");
  auto saved = services().concerns.SaveCalendar(Admin(), next, "Nghỉ bù 14/10");
  ASSERT_TRUE(saved.ok()) << saved.error().message_en;
  EXPECT_EQ(saved->calendar.version, cal->calendar.version + 1);
  c = Stored(sent.id);
  EXPECT_EQ(c.calendar_version, saved->calendar.version);
  EXPECT_EQ(c.received_due_at, "2022-10-17T02:30:00.000Z");
  EXPECT_EQ(c.resolve_due_at, "2022-10-21T04:30:00.000Z");

  // An urgent category: 4 working hours across the lunch break → 14:30 the same day.
  ConcernCategory urgent;
  urgent.unit_id = ward_;
  urgent.code = "sut-lun";
  urgent.name = "Sụt lún, nguy hiểm";
  urgent.urgency = Urgency::kUrgent;
  ASSERT_TRUE(services().concerns.CreateCategory(Officer(), urgent).ok());
  NewConcern n = Rubbish("Hố sụt trên vỉa hè");
  n.category_code = "sut-lun";
  n.attributes.clear();
  const auto u = SendOk(n);
  EXPECT_EQ(Stored(u.id).resolve_due_at, "2022-10-13T07:30:00.000Z");

  // Late is frozen at the step: received on Monday after the due time.
  clock_.Advance(hours(24 * 4 + 1));  // Monday 17/10 10:00 (+07:00)
  auto received = Step(Officer(), sent.id, ConcernAction::kReceive);
  ASSERT_TRUE(received.ok());
  EXPECT_EQ(received->concern.received_on_time, std::optional<bool>(false));
}

TEST_F(Concerns, RoutingRulesPickTheOrganisationFirstMatchWinsAndRecategorisingRoutesAgain) {
  // The area around Hồ Gươm goes to the committee; the rest of the ward stays with the category's default (Front).
  RoutingRule lake;
  lake.category_id = category_;
  lake.area_polygon = {{21.025, 105.850}, {21.025, 105.855}, {21.032, 105.855}, {21.032, 105.850}};
  lake.organisation_id = committee_;
  RoutingRule never;  // a later rule that would match everything: never reached for points in the lake area
  never.organisation_id = front_;
  auto rules = services().concerns.ReplaceRules(Officer(), ward_, {lake, never});
  ASSERT_TRUE(rules.ok()) << rules.error().message_en;
  ASSERT_EQ(rules->size(), 2u);
  EXPECT_EQ((*rules)[0].position, 1);
  EXPECT_EQ(services().concerns.ReplaceRules(OtherWard(), ward_, {lake}).error().code, "forbidden");

  const auto inside = SendOk(Rubbish());
  EXPECT_EQ(Stored(inside.id).organisation_id, committee_);
  NewConcern far = Rubbish("Rác ở phố Tràng Tiền");
  far.latitude = 21.0240;
  far.longitude = 105.8570;
  const auto outside = SendOk(far, "198.51.100.1");
  EXPECT_EQ(Stored(outside.id).organisation_id, front_);

  // Recategorised to a category without rules of its own → the catch-all rule (Front), urgency follows.
  ConcernCategory roads;
  roads.unit_id = ward_;
  roads.code = "giao-thong";
  roads.name = "Giao thông";
  roads.urgency = Urgency::kComplex;
  roads.default_organisation_id = committee_;
  ASSERT_TRUE(services().concerns.CreateCategory(Officer(), roads).ok());
  auto moved = services().concerns.Recategorise(Officer(), inside.id, "giao-thong");
  ASSERT_TRUE(moved.ok()) << moved.error().message_en;
  EXPECT_EQ(moved->concern.urgency, Urgency::kComplex);
  EXPECT_EQ(moved->concern.organisation_id, front_);
  EXPECT_EQ(moved->events.back().kind, "recategorised");
}

TEST_F(Concerns, OutOfScopeNamesTheRightChannelAndNothingForwardedOrRefusedReadsAsFixed) {
  const auto a = SendOk(Rubbish("Tôi khiếu nại quyết định xử phạt"));
  auto no_reason = Step(Officer(), a.id, ConcernAction::kOutOfScope);
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().code, "scope_exclusion_required");
  ConcernStep scope;
  scope.reason_code = "complaint";
  ASSERT_TRUE(Step(Officer(), a.id, ConcernAction::kOutOfScope, scope).ok());
  auto pub = services().concerns.PublicGet(a.code);
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(pub->status.code, "wrong_channel");
  EXPECT_FALSE(pub->status.open);
  ASSERT_TRUE(pub->reason.has_value());
  EXPECT_NE(pub->reason->find("Luật Khiếu nại"), std::string::npos);

  const auto b = SendOk(Rubbish("Nội dung quảng cáo"), "198.51.100.2");
  auto unlisted = Step(Officer(), b.id, ConcernAction::kReject, ConcernStep{ConcernAction::kReject, {}, {}, "", "ghét", "", {}});
  ASSERT_FALSE(unlisted.ok());
  EXPECT_EQ(unlisted.error().code, "rejection_reason_required");
  ConcernStep reject;
  reject.reason_code = "inappropriate_content";
  ASSERT_TRUE(Step(Officer(), b.id, ConcernAction::kReject, reject).ok());
  EXPECT_EQ(services().concerns.PublicGet(b.code)->status.code, "rejected");

  for (auto s : {ConcernStatus::kAssigned, ConcernStatus::kRejected, ConcernStatus::kOutOfScope,
                 ConcernStatus::kDuplicate})
    EXPECT_EQ(PublicStatusOf(s).label_vi.find("Đã xử lý"), std::string::npos) << ToString(s);
  // A finished concern takes no more steps.
  EXPECT_EQ(Step(Officer(), b.id, ConcernAction::kStart).error().code, "invalid_transition");
}

TEST_F(Concerns, SimilarOpenConcernsAreOfferedSupportedAndDuplicatesLinkedNeverDeleted) {
  const auto first = SendOk(Rubbish("Rác thải tồn đọng đầu ngõ 12 Hàng Trống"));
  SimilarQuery q{ward_, "ve-sinh", GeoPoint{21.0286, 105.8521}, "rac ton dong ngo 12 hang trong"};
  auto similar = services().concerns.Similar(q);
  ASSERT_TRUE(similar.ok()) << similar.error().message_en;
  ASSERT_EQ(similar->size(), 1u);
  EXPECT_EQ((*similar)[0].code, first.code);
  SimilarQuery far{ward_, "ve-sinh", GeoPoint{21.0400, 105.8300}, "cây đổ"};
  EXPECT_TRUE(services().concerns.Similar(far)->empty());

  ASSERT_TRUE(services().concerns.Support(first.code, Origin{"198.51.100.10", "r"}).ok());
  auto twice = services().concerns.Support(first.code, Origin{"198.51.100.10", "r"});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, "already_supported");

  const auto twin = SendOk(Rubbish("Ngõ 12 Hàng Trống rác để lâu ngày"), "198.51.100.11");
  ConcernStep dup;
  dup.duplicate_of_code = first.code;
  auto marked = Step(Officer(), twin.id, ConcernAction::kMarkDuplicate, dup);
  ASSERT_TRUE(marked.ok()) << marked.error().message_en;
  EXPECT_EQ(marked->duplicate_of_code, first.code);
  auto original = services().concerns.Get(Officer(), first.id);
  ASSERT_TRUE(original.ok());
  EXPECT_EQ(original->concern.supporters, 2);  // one supporter and the twin's sender
  EXPECT_EQ(original->duplicate_codes, std::vector<std::string>{twin.code});
  auto twin_public = services().concerns.PublicGet(twin.code);
  ASSERT_TRUE(twin_public.ok());
  EXPECT_EQ(twin_public->status.code, "duplicate");
  EXPECT_EQ(twin_public->duplicate_of_code, first.code);
}

TEST_F(Concerns, LimitsRefuseClearlyAndWriteNothing) {
  ConcernsConfig tight;
  tight.sent_per_hour = 2;
  ConcernService limited(db(), services().repos, *services().concern_repo, services().audit, clock_, tight);
  const int64_t audit_before = AuditCount();
  NewConcern bot = Rubbish();
  bot.honeypot = "http://spam.example";
  auto refused = limited.Send(bot, Origin{"192.0.2.1", "r"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "honeypot_filled");
  NewConcern nowhere = Rubbish();
  nowhere.latitude.reset();
  nowhere.longitude.reset();
  nowhere.address.clear();
  EXPECT_EQ(limited.Send(nowhere, Origin{"192.0.2.1", "r"}).error().code, "location_required");
  NewConcern half = Rubbish();  // a latitude without its longitude, from the web or from Open311 alike
  half.longitude.reset();
  auto half_refused = limited.Send(half, Origin{"192.0.2.1", "r"});
  ASSERT_FALSE(half_refused.ok());
  EXPECT_EQ(half_refused.error().code, "location_incomplete");
  EXPECT_EQ(half_refused.error().details.at("field").as_string(), "longitude");
  NewConcern no_answer = Rubbish();
  no_answer.attributes.clear();
  EXPECT_EQ(limited.Send(no_answer, Origin{"192.0.2.1", "r"}).error().code, "invalid_attribute_value");
  NewConcern many = Rubbish();
  for (int i = 0; i < 6; ++i) many.photos.push_back(UploadedFile{"a.jpg", Jpeg()});
  EXPECT_EQ(limited.Send(many, Origin{"192.0.2.1", "r"}).error().code, "too_many_photos");
  EXPECT_EQ(AuditCount(), audit_before);

  ASSERT_TRUE(limited.Send(Rubbish(), Origin{"192.0.2.1", "r"}).ok());
  ASSERT_TRUE(limited.Send(Rubbish(), Origin{"192.0.2.1", "r"}).ok());
  auto third = limited.Send(Rubbish(), Origin{"192.0.2.1", "r"});
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().code, "rate_limited");
  EXPECT_EQ(third.error().kind, ErrorKind::kTooManyRequests);
  EXPECT_TRUE(limited.Send(Rubbish(), Origin{"192.0.2.2", "r"}).ok());  // another address is not held back
  clock_.Advance(hours(1) + minutes(1));
  EXPECT_TRUE(limited.Send(Rubbish(), Origin{"192.0.2.1", "r"}).ok());

  // Wrong PINs lock the code for a while, and the count survives the refusal.
  const auto sent = SendOk(Rubbish(), "192.0.2.9");
  const std::string bad = sent.pin == "000000" ? "111111" : "000000";
  for (int i = 0; i < 5; ++i) EXPECT_EQ(services().concerns.Follow(sent.code, bad).error().code, "wrong_pin");
  EXPECT_EQ(services().concerns.Follow(sent.code, sent.pin).error().code, "pin_locked");
}

TEST_F(Concerns, StaffSeeOnlyTheirUnitsAndContactOnlyWhenTheResidentAllowed) {
  NewConcern shown = Rubbish();
  shown.reporter_name = "Nguyễn Thị Hoa";
  shown.reporter_contact = "0912 345 678";
  shown.contact_visible = true;
  const auto a = SendOk(shown);
  NewConcern hidden = shown;
  hidden.contact_visible = false;
  const auto b = SendOk(hidden, "198.51.100.3");

  auto for_officer = services().concerns.Get(Officer(), a.id);
  ASSERT_TRUE(for_officer.ok());
  EXPECT_TRUE(for_officer->contact_shown);
  EXPECT_EQ(for_officer->concern.reporter_contact, "0912 345 678");
  EXPECT_TRUE(for_officer->concern.pin_hash.empty());
  auto hidden_view = services().concerns.Get(Officer(), b.id);
  ASSERT_TRUE(hidden_view.ok());
  EXPECT_FALSE(hidden_view->contact_shown);
  EXPECT_FALSE(hidden_view->concern.reporter_contact.has_value());
  auto for_viewer = services().concerns.Get(Viewer(), a.id);
  ASSERT_TRUE(for_viewer.ok());
  EXPECT_FALSE(for_viewer->concern.reporter_name.has_value());  // a viewer does not handle it

  // The steps each may take now, as the concern page offers them: the lifecycle's, cut by permission.
  using A = ConcernAction;
  EXPECT_EQ(for_officer->actions, (std::vector<A>{A::kReceive, A::kAssign, A::kHandOver, A::kStart, A::kResolve,
                                                  A::kReject, A::kOutOfScope, A::kMarkDuplicate}));
  EXPECT_EQ(services().concerns.Get(MemberOf(front_), a.id)->actions,
            (std::vector<A>{A::kReceive, A::kHandOver, A::kStart, A::kResolve}));
  EXPECT_TRUE(for_viewer->actions.empty());
  ASSERT_TRUE(Step(Officer(), b.id, A::kReceive).ok());
  auto waiting = Step(Officer(), b.id, A::kWait, ConcernStep{A::kWait, {}, {}, "Xin gửi thêm ảnh", "", "", {}});
  ASSERT_TRUE(waiting.ok()) << waiting.error().message_en;
  EXPECT_EQ(waiting->actions, (std::vector<A>{A::kResume, A::kReject, A::kOutOfScope, A::kMarkDuplicate}));
  for (A offered : waiting->actions) EXPECT_TRUE(NextStatus(ConcernStatus::kWaiting, offered).ok());

  EXPECT_EQ(services().concerns.Get(OtherWard(), a.id).error().code, "concern_not_found");
  EXPECT_EQ(Step(Viewer(), a.id, ConcernAction::kReceive).error().code, "forbidden");
  EXPECT_EQ(Step(MemberOf(front_), a.id, ConcernAction::kReject, ConcernStep{ConcernAction::kReject, {}, {}, "",
                                                                            "insufficient_information", "", {}})
                .error()
                .code,
            "forbidden");
  StaffConcernQuery mine;
  mine.text = "Hàng Trống";  // this test's concerns, not the demo's
  auto front_queue = services().concerns.List(MemberOf(front_), mine);
  ASSERT_TRUE(front_queue.ok());
  EXPECT_EQ(front_queue->total, 2);
  auto committee_queue = services().concerns.List(MemberOf(committee_), mine);
  ASSERT_TRUE(committee_queue.ok());
  EXPECT_EQ(committee_queue->total, 0);
  EXPECT_EQ(services().concerns.List(OtherWard(), mine)->total, 0);

  // The public page carries no name or contact, and a sensitive category hides the text and blurs the place.
  ConcernCategory sensitive;
  sensitive.unit_id = ward_;
  sensitive.code = "an-ninh";
  sensitive.name = "An ninh trật tự";
  sensitive.sensitive = true;
  ASSERT_TRUE(services().concerns.CreateCategory(Officer(), sensitive).ok());
  NewConcern s = shown;
  s.category_code = "an-ninh";
  s.attributes.clear();
  const auto c = SendOk(s, "198.51.100.4");
  auto pub = services().concerns.PublicGet(c.code);
  ASSERT_TRUE(pub.ok());
  EXPECT_TRUE(pub->description.empty());
  EXPECT_TRUE(pub->address.empty());
  EXPECT_DOUBLE_EQ(pub->point->lat, 21.03);
  EXPECT_DOUBLE_EQ(pub->point->lon, 105.85);
}

TEST_F(Concerns, ACategoryKeepsItsCodeAndUnitAndAChangeOfEitherIsRefusedNotDropped) {
  ConcernCategory edit;
  edit.name = "Vệ sinh môi trường, rác thải";
  edit.attributes.push_back(CategoryAttribute{"loai", "singlevaluelist", true, true, "Loại rác", "", 1,
                                              {{"sinh_hoat", "Rác sinh hoạt"}}});
  auto renamed = services().concerns.UpdateCategory(Officer(), category_, edit);  // code and unit left out
  ASSERT_TRUE(renamed.ok()) << renamed.error().message_en;
  EXPECT_EQ(renamed->code, "ve-sinh");
  EXPECT_EQ(renamed->unit_id, ward_);
  edit.code = "ve-sinh";
  edit.unit_id = ward_;
  EXPECT_TRUE(services().concerns.UpdateCategory(Officer(), category_, edit).ok()) << "repeating them is fine";
  const int64_t audit_before = AuditCount();
  edit.code = "moi-truong";
  auto recoded = services().concerns.UpdateCategory(Officer(), category_, edit);
  ASSERT_FALSE(recoded.ok());
  EXPECT_EQ(recoded.error().code, "category_code_fixed");
  edit.code.clear();
  edit.unit_id = other_ward_;
  EXPECT_EQ(services().concerns.UpdateCategory(Officer(), category_, edit).error().code, "category_unit_fixed");
  EXPECT_EQ(AuditCount(), audit_before);
  auto stored = services().concerns.PublicCategories(ward_);
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(std::any_of(stored->begin(), stored->end(), [](const ConcernCategory& c) {
    return c.code == "ve-sinh" && c.name == "Vệ sinh môi trường, rác thải";
  }));
}

TEST_F(Concerns, ReopeningWithinItsDaysRoutesAgainWithANewClockAndOldAnswersCloseThemselves) {
  const auto a = SendOk(Rubbish());
  ConcernStep answer;
  answer.text = "Đã thu gom.";
  answer.files.push_back(UploadedFile{"anh.jpg", Jpeg()});
  ASSERT_TRUE(Step(Officer(), a.id, ConcernAction::kResolve, answer).ok());
  clock_.Advance(hours(24 * 3));
  auto reopened = services().concerns.Reopen(a.code, a.pin, "Rác lại đổ ra sau hai ngày", Origin{"x", "r"});
  ASSERT_TRUE(reopened.ok()) << reopened.error().message_en;
  EXPECT_EQ(reopened->concern.status.code, "reopened");
  auto c = Stored(a.id);
  EXPECT_EQ(c.reopened_count, 1);
  EXPECT_EQ(c.clock_started_at, FormatUtc(clock_.Now()));
  EXPECT_EQ(c.organisation_id, front_);
  ASSERT_TRUE(Step(Officer(), a.id, ConcernAction::kResolve, answer).ok());

  clock_.Advance(hours(24 * 15));
  auto late = services().concerns.Reopen(a.code, a.pin, "Vẫn còn", Origin{"x", "r"});
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, "reopen_window_passed");
  auto swept = services().concerns.Sweep();
  ASSERT_TRUE(swept.ok());
  EXPECT_EQ(swept->closed, 1);
  EXPECT_EQ(Stored(a.id).status, ConcernStatus::kClosed);
  // Closed without a rating, the answer may still be rated once.
  auto rated = services().concerns.Rate(a.code, a.pin, 3, "", Origin{"x", "r"});
  EXPECT_TRUE(rated.ok()) << rated.error().code;
}

TEST_F(Concerns, AVotersMeetingBatchRoutesEachConcernOnItsOwnAllOrNothing) {
  ConcernBatch batch;
  batch.unit_id = ward_;
  batch.title = "Tiếp xúc cử tri trước kỳ họp thứ 5";
  batch.held_on = "12/10/2022";
  batch.place = "Nhà văn hoá tổ dân phố số 2";
  batch.minutes = "Biên bản tiếp xúc cử tri";
  NewConcern one = Rubbish("Đề nghị lắp thêm đèn chiếu sáng ngõ 5");
  NewConcern two = Rubbish("Đề nghị thu gom rác đúng giờ");
  two.photos.push_back(UploadedFile{"bai-rac.jpg", Jpeg()});  // a photo taken at the meeting stays with its concern
  NewConcern bad = Rubbish("Thiếu câu trả lời bắt buộc");
  bad.attributes.clear();
  const int64_t audit_before = AuditCount();
  auto failed = services().concerns.CreateBatch(Officer(), batch, {one, bad});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().details.at("index").as_int64(), 1);
  EXPECT_EQ(AuditCount(), audit_before);
  auto made = services().concerns.CreateBatch(Officer(), batch, {one, two});
  ASSERT_TRUE(made.ok()) << made.error().message_en;
  ASSERT_EQ(made->second.size(), 2u);
  EXPECT_EQ(made->first.held_on, "2022-10-12");
  for (const auto& s : made->second) {
    const auto c = Stored(s.id);
    EXPECT_EQ(c.channel, ConcernChannel::kVotersMeeting);
    EXPECT_EQ(c.batch_id, made->first.id);
    EXPECT_EQ(c.status, ConcernStatus::kReceived);
    EXPECT_EQ(c.organisation_id, front_);
  }
  EXPECT_TRUE(services().concerns.Get(Officer(), made->second[0].id)->files.empty());
  EXPECT_EQ(services().concerns.Get(Officer(), made->second[1].id)->files.size(), 1u);
  NewConcern not_a_photo = Rubbish("Ảnh hỏng");
  not_a_photo.photos.push_back(UploadedFile{"x.jpg", "không phải ảnh"});
  auto refused = services().concerns.CreateBatch(Officer(), batch, {one, not_a_photo});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().details.at("index").as_int64(), 1);
  EXPECT_EQ(services().concerns.CreateBatch(Viewer(), batch, {one}).error().code, "forbidden");
}

TEST_F(Concerns, TheDemoHasConcernsInEveryStatusIn2022AndToday) {
  const int64_t hoan_kiem = [&] {
    UnitQuery q;
    q.folded_text = "phuong hoan kiem";
    q.as_of = Date::FromYmd(2026, 1, 1);
    const auto units = services().territory.ListUnits(q);
    if (units.ok())
      for (const auto& u : units->items)
        if (u.name == "Phường Hoàn Kiếm") return u.id;
    return int64_t{0};
  }();
  ASSERT_NE(hoan_kiem, 0);
  auto all_of = [&](int64_t unit) {
    StaffConcernQuery q;
    q.unit_id = unit;
    q.limit = 200;
    auto page = services().concerns.List(Admin(), q);
    EXPECT_TRUE(page.ok());
    std::vector<StaffConcern> out;
    for (const auto& item : page->items) {
      auto full = services().concerns.Get(Admin(), item.concern.id);  // with events, files and ratings
      EXPECT_TRUE(full.ok());
      out.push_back(*full);
    }
    return out;
  };
  const auto old_ward = all_of(ward_);
  const auto new_ward = all_of(hoan_kiem);
  ASSERT_GE(old_ward.size(), 11u);
  ASSERT_GE(new_ward.size(), 15u);
  auto count = [](const std::vector<StaffConcern>& cs, auto&& pred) {
    return std::count_if(cs.begin(), cs.end(), pred);
  };
  auto in_status = [&](const std::vector<StaffConcern>& cs, ConcernStatus st) {
    return count(cs, [&](const StaffConcern& c) { return c.concern.status == st; });
  };

  // Phường Hoàn Kiếm today: every status, in 2026.
  for (auto st : {ConcernStatus::kNew, ConcernStatus::kReceived, ConcernStatus::kAssigned, ConcernStatus::kInProgress,
                  ConcernStatus::kWaiting, ConcernStatus::kResolved, ConcernStatus::kRejected,
                  ConcernStatus::kOutOfScope, ConcernStatus::kReopened, ConcernStatus::kClosed,
                  ConcernStatus::kDuplicate})
    EXPECT_GE(in_status(new_ward, st), 1) << ToString(st);
  // Lý Thái Tổ in 2022: every concern reached its end (the ward ended in 2025), through every status on the way.
  for (auto st : {ConcernStatus::kClosed, ConcernStatus::kRejected, ConcernStatus::kOutOfScope, ConcernStatus::kDuplicate})
    EXPECT_GE(in_status(old_ward, st), 1) << ToString(st);
  std::set<std::string> passed;
  for (const auto& c : old_ward) {
    EXPECT_FALSE(IsOpen(c.concern.status)) << c.concern.description;
    EXPECT_EQ(c.concern.created_at.substr(0, 4), "2022");
    for (const auto& e : c.events)
      if (e.to_status) passed.insert(std::string(ToString(*e.to_status)));
  }
  for (const char* st : {"new", "received", "assigned", "in_progress", "waiting", "resolved", "rejected", "out_of_scope",
                         "reopened", "closed", "duplicate"})
    EXPECT_TRUE(passed.count(st)) << st;
  for (const auto& c : new_ward) {
    EXPECT_EQ(c.concern.created_at.substr(0, 4), "2026");
    EXPECT_TRUE(c.concern.is_demo);
  }

  for (const auto* ward : {&old_ward, &new_ward}) {
    const auto& cs = *ward;
    // A voters' meeting's batch, a hand-over from the Front to the committee, a reopened one, a duplicate linked
    // to its original, late ones on both clocks, photos and evidence.
    EXPECT_GE(count(cs, [](const StaffConcern& c) { return c.concern.channel == ConcernChannel::kVotersMeeting && c.concern.batch_id; }), 3);
    EXPECT_GE(count(cs, [](const StaffConcern& c) {
                return std::any_of(c.events.begin(), c.events.end(), [&](const ConcernEvent& e) {
                  return e.kind == "hand_over" && e.organisation_id && e.to_organisation_id &&
                         c.organisation_names.at(*e.organisation_id).rfind("Ủy ban Mặt trận Tổ quốc", 0) == 0 &&
                         c.organisation_names.at(*e.to_organisation_id).rfind("Ủy ban nhân dân", 0) == 0;
                });
              }),
              1);
    EXPECT_GE(count(cs, [](const StaffConcern& c) { return c.concern.reopened_count > 0; }), 1);
    EXPECT_GE(count(cs, [&](const StaffConcern& c) {
                return c.duplicate_of_code && std::any_of(cs.begin(), cs.end(), [&](const StaffConcern& o) {
                         return o.concern.code == *c.duplicate_of_code &&
                                std::find(o.duplicate_codes.begin(), o.duplicate_codes.end(), c.concern.code) !=
                                    o.duplicate_codes.end();
                       });
              }),
              1);
    EXPECT_GE(count(cs, [](const StaffConcern& c) { return c.concern.received_on_time == false; }), 1);
    EXPECT_GE(count(cs, [](const StaffConcern& c) {
                return std::any_of(c.events.begin(), c.events.end(),
                                   [](const ConcernEvent& e) { return e.kind == "resolve" && e.on_time == false; });
              }),
              1);
    EXPECT_GE(count(cs, [](const StaffConcern& c) { return !c.ratings.empty(); }), 2);
    EXPECT_GE(count(cs, [](const StaffConcern& c) { return c.category.sensitive; }), 1);
    EXPECT_GE(count(cs, [](const StaffConcern& c) {
                return std::any_of(c.files.begin(), c.files.end(), [](const ConcernFile& f) {
                  return f.media_type == "image/png" && f.width > 0;
                });
              }),
              3);
  }
  // Still late today: open in phường Hoàn Kiếm past its resolving clock.
  EXPECT_GE(count(new_ward, [](const StaffConcern& c) {
              return IsOpen(c.concern.status) && c.concern.resolve_due_at && *c.concern.resolve_due_at < "2026-12-05";
            }),
            1);

  // The calendar holds the holidays of both years; the figures roll 2022 up into the new ward.
  auto cal = services().concerns.Calendar();
  ASSERT_TRUE(cal.ok());
  auto holiday = [&](Date d) {
    return std::any_of(cal->calendar.days.begin(), cal->calendar.days.end(),
                       [&](const CalendarDay& day) { return day.date == d && day.kind == DayKind::kHoliday; });
  };
  EXPECT_TRUE(holiday(Date::FromYmd(2022, 2, 1)));   // Tết Nhâm Dần
  EXPECT_TRUE(holiday(Date::FromYmd(2026, 2, 17)));  // Tết Bính Ngọ
  EXPECT_TRUE(holiday(Date::FromYmd(2026, 9, 2)));
  ConcernFiguresQuery fq;
  fq.unit_id = hoan_kiem;
  fq.year = 2022;
  fq.as_of = "2026-12-01";
  auto figures = services().reports.ConcernFigures(Admin(), fq);
  ASSERT_TRUE(figures.ok()) << figures.error().message_en;
  EXPECT_EQ(figures->total.received, static_cast<int64_t>(old_ward.size()));
  EXPECT_EQ(figures->total.open, 0);
  fq.year = 2026;
  figures = services().reports.ConcernFigures(Admin(), fq);
  ASSERT_TRUE(figures.ok());
  EXPECT_EQ(figures->total.received, static_cast<int64_t>(new_ward.size()));
}

}  // namespace
}  // namespace danvan
