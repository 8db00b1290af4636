// Organisations, people, the import and search on a real database, and the demo ward.

#include "services/demo.hpp"
#include "support/fixture.hpp"

#include <set>

namespace danvan {
namespace {

using testing::ServiceTest;

class Community : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    auto seeded = SeedDemo(services());
    ASSERT_TRUE(seeded.ok()) << seeded.error().message_en;
    ASSERT_TRUE(seeded.value());
    ly_thai_to_ = UnitNamed("Phường Lý Thái Tổ", Date::FromYmd(2022, 10, 13));
    hang_bac_ = UnitNamed("Phường Hàng Bạc", Date::FromYmd(2022, 10, 13));
  }

  Organisation OrganisationNamed(const std::string& name) {
    OrganisationQuery q;
    q.folded_text = FoldForSearch(name);
    auto page = services().community.ListOrganisations(q);
    for (const auto& o : page->items)
      if (o.name == name) return o;
    ADD_FAILURE() << name;
    return {};
  }

  Caller Officer() { return CallerWith({RoleGrant{0, Role::kUnitAdmin, ly_thai_to_, std::nullopt}}); }
  Caller Viewer() { return CallerWith({RoleGrant{0, Role::kViewer, ly_thai_to_, std::nullopt}}); }
  Caller OtherWard() { return CallerWith({RoleGrant{0, Role::kUnitAdmin, hang_bac_, std::nullopt}}); }

  int64_t ly_thai_to_ = 0, hang_bac_ = 0;
};

TEST_F(Community, TheDemoWardHasItsOrganisationTree) {
  const auto front = OrganisationNamed("Ủy ban Mặt trận Tổ quốc Việt Nam phường Lý Thái Tổ");
  OrganisationQuery children;
  children.parent_id = front.id;
  children.as_of = Date::FromYmd(2022, 10, 13);
  children.limit = 100;
  auto page = services().community.ListOrganisations(children);
  ASSERT_TRUE(page.ok());
  std::vector<std::string> names;
  for (const auto& o : page->items) names.push_back(o.name);
  EXPECT_NE(std::find(names.begin(), names.end(), "Tổ dân vận số 3"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "Hội Liên hiệp Phụ nữ phường Lý Thái Tổ"), names.end());
  // Vietnamese order: "Đoàn" after "Hội"? No: Đ comes right after D, before H.
  auto pos = [&](const std::string& n) { return std::find(names.begin(), names.end(), n) - names.begin(); };
  EXPECT_LT(pos("Đoàn Thanh niên phường Lý Thái Tổ"), pos("Hội Cựu chiến binh phường Lý Thái Tổ"));
  EXPECT_LT(pos("Tổ dân vận số 1"), pos("Tổ dân vận số 3"));
}

TEST_F(Community, HistoryKeepsTheOldWardAndShowsWhatBecameOfIt) {
  // As of 13/10/2022 the team belongs to Lý Thái Tổ; it moved to phường Hoàn Kiếm on 01/07/2025.
  OrganisationQuery q;
  q.folded_text = "to dan van so 3";
  q.limit = 10;
  auto all = services().community.ListOrganisations(q);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->total, 2);  // the 2022 record and the one made by the move
  q.as_of = Date::FromYmd(2022, 10, 13);
  auto in_2022 = services().community.ListOrganisations(q);
  ASSERT_EQ(in_2022->total, 1);
  const auto old = in_2022->items[0];
  EXPECT_EQ(old.unit_id, ly_thai_to_);
  EXPECT_EQ(old.status, OrganisationStatus::kMoved);
  auto detail = services().community.GetOrganisation(std::nullopt, old.id);
  ASSERT_TRUE(detail.ok());
  ASSERT_TRUE(detail->successor);
  EXPECT_EQ(detail->successor->name, "Tổ dân vận số 3");
  EXPECT_EQ(detail->successor->unit_id, UnitNamed("Phường Hoàn Kiếm", Date::FromYmd(2026, 1, 1)));
  EXPECT_FALSE(detail->members_visible) << "the public sees no members";

  auto party = OrganisationNamed("Đảng ủy phường Lý Thái Tổ");
  EXPECT_EQ(party.status, OrganisationStatus::kMerged);
  // Ending it twice is refused.
  auto again = services().community.EndOrganisation(Admin(), party.id, {"closed", "02/07/2025", std::nullopt, std::nullopt});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "organisation_not_active");
  EXPECT_EQ(again.error().kind, ErrorKind::kInvalidTransition);
}

TEST_F(Community, PersonalDataOnlyForThoseWhoNeedIt) {
  const auto team = OrganisationNamed("Tổ dân phố số 1");
  PersonInput in;
  in.full_name = "Nguyễn Thị Thử";
  in.birth_year = 1960;
  in.gender = "female";
  in.phone = "0912 345 678";
  in.address = "Số 1 phố Lý Thái Tổ";
  auto created = services().community.CreatePerson(Officer(), ly_thai_to_, in);
  ASSERT_TRUE(created.ok()) << created.error().message_en;
  ASSERT_TRUE(services().community.AddMembership(Officer(), created->person.id, {team.id, "Thành viên", "01/01/2022", ""}).ok());

  auto as_officer = services().community.GetPerson(Officer(), created->person.id);
  ASSERT_TRUE(as_officer.ok());
  EXPECT_TRUE(as_officer->personal_data_visible);
  EXPECT_EQ(as_officer->person.phone.value_or(""), "0912 345 678");
  EXPECT_EQ(as_officer->person.birth_year.value_or(0), 1960);
  ASSERT_EQ(as_officer->organisations.size(), 1u);

  auto as_viewer = services().community.GetPerson(Viewer(), created->person.id);
  ASSERT_TRUE(as_viewer.ok());
  EXPECT_FALSE(as_viewer->personal_data_visible);
  EXPECT_FALSE(as_viewer->person.phone.has_value());
  EXPECT_FALSE(as_viewer->person.birth_year.has_value());
  EXPECT_FALSE(as_viewer->person.address.has_value());
  EXPECT_EQ(as_viewer->person.full_name, "Nguyễn Thị Thử");

  // Another ward's officer learns nothing, not even that the person exists.
  auto other = services().community.GetPerson(OtherWard(), created->person.id);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, "person_not_found");
  PersonQuery list{ly_thai_to_, std::nullopt, "", 50, 0};
  EXPECT_EQ(services().community.ListPeople(OtherWard(), list).error().code, "forbidden");
  EXPECT_EQ(services().community.CreatePerson(Viewer(), ly_thai_to_, in).error().code, "forbidden");
  EXPECT_EQ(services().community.UpdatePerson(OtherWard(), created->person.id, in).error().code, "person_not_found");
}

TEST_F(Community, PeopleAreFoundWithoutDiacriticsAndListedInFixedQueries) {
  PersonQuery q{ly_thai_to_, std::nullopt, FoldForSearch("tran thi hong minh"), 50, 0};
  auto found = services().community.ListPeople(Officer(), q);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->total, 1);
  EXPECT_EQ(found->items[0].person.full_name, "Trần Thị Hồng Minh");
  EXPECT_TRUE(found->items[0].person.is_demo);
  // The team moved to phường Hoàn Kiếm on 01/07/2025: her membership of the old record ended that day and goes on
  // in the new one.
  ASSERT_EQ(found->items[0].organisations.size(), 2u);
  for (const auto& o : found->items[0].organisations) EXPECT_EQ(o.name, "Tổ dân vận số 3");
  ASSERT_EQ(found->items[0].memberships.size(), 2u);
  EXPECT_EQ(found->items[0].memberships[0].valid_to, Date::FromYmd(2025, 7, 1));
  EXPECT_EQ(found->items[0].memberships[1].valid_from, Date::FromYmd(2025, 7, 1));
  EXPECT_FALSE(found->items[0].memberships[1].valid_to);
  EXPECT_EQ(found->items[0].memberships[1].title, "Tổ trưởng");

  PersonQuery one{ly_thai_to_, std::nullopt, "", 1, 0}, many{ly_thai_to_, std::nullopt, "", 100, 0};
  auto s0 = db().statements_run();
  ASSERT_TRUE(services().community.ListPeople(Officer(), one).ok());
  auto cost_one = db().statements_run() - s0;
  s0 = db().statements_run();
  auto all = services().community.ListPeople(Officer(), many);
  ASSERT_TRUE(all.ok());
  EXPECT_GE(all->items.size(), 11u);
  EXPECT_EQ(db().statements_run() - s0, cost_one) << "a page of people costs the same whatever its size";
}

TEST_F(Community, ImportDryRunReportsRowsAndWritesNothing) {
  const auto team = OrganisationNamed("Tổ dân phố số 2");
  const std::string csv =
      "full_name,birth_year,gender,phone,email,address,organisation_id,title,from\n"
      "Lê Thị Mai,1975,female,0987654321,,\"12 phố Hàng Gai, Hà Nội\"," + std::to_string(team.id) + ",Tổ phó,01/01/2022\n"
      ",1980,male,,,,,,\n"
      "Trịnh Văn Bảo,năm,male,,,,,,\n"
      "Vũ Thị Hạnh,1990,female,,khong-phai-email,,,,\n"
      "Phạm Văn Nam,1985,male,,,,999999,,\n";
  const auto before = AuditCount();
  auto dry = services().community.ImportPeople(Officer(), ly_thai_to_, csv, ImportMode::kDryRun);
  ASSERT_TRUE(dry.ok()) << dry.error().message_en;
  EXPECT_EQ(dry->rows, 5);
  EXPECT_EQ(dry->valid_rows, 1);
  ASSERT_EQ(dry->issues.size(), 4u);
  EXPECT_EQ(dry->issues[0].line, 3);
  EXPECT_EQ(dry->issues[0].column, "full_name");
  EXPECT_EQ(dry->issues[1].line, 4);
  EXPECT_EQ(dry->issues[1].column, "birth_year");
  EXPECT_EQ(dry->issues[2].column, "email");
  EXPECT_EQ(dry->issues[3].column, "organisation_id");
  EXPECT_EQ(AuditCount(), before);

  auto all = services().community.ImportPeople(Officer(), ly_thai_to_, csv, ImportMode::kAllOrNothing);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->written, 0) << "nothing is written unless every row is valid";
  EXPECT_EQ(AuditCount(), before);

  auto skip = services().community.ImportPeople(Officer(), ly_thai_to_, csv, ImportMode::kSkipBadRows);
  ASSERT_TRUE(skip.ok());
  EXPECT_EQ(skip->written, 1);
  EXPECT_EQ(AuditCount(), before + 1);
  PersonQuery q{ly_thai_to_, team.id, FoldForSearch("le thi mai"), 10, 0};
  auto mai = services().community.ListPeople(Officer(), q);
  ASSERT_EQ(mai->total, 1);
  EXPECT_EQ(mai->items[0].person.address.value_or(""), "12 phố Hàng Gai, Hà Nội");
  EXPECT_EQ(mai->items[0].memberships[0].title, "Tổ phó");

  EXPECT_EQ(services().community.ImportPeople(OtherWard(), ly_thai_to_, csv, ImportMode::kSkipBadRows).error().code,
            "forbidden");
}

TEST_F(Community, ImportReadsTsvAndRefusesControlCharactersWithLineAndColumn) {
  // Cells pasted from a spreadsheet (tabs), with the cases a JSON body would refuse too.
  const std::string tsv = std::string("full_name\tbirth_year\tphone\taddress\n") +
                          "Đỗ Thị Lan\t1970\t0912345678\tNgõ 5\n" +
                          "Ngô Văn" + std::string(1, '\0') + "Tùng\t1971\t\t\n" +
                          "Bùi Văn Hải\t4294969296\t\t\n" +
                          "Lý Thị Hoa\t1899\t\t\n" +
                          "Hồ Văn Khánh\t1980\t\t\"dòng 1\ndòng 2\"\n" + "Tạ Văn Minh\t1981\t\t" + std::string(301, 'x') + "\n";
  const auto before = AuditCount();
  auto dry = services().community.ImportPeople(Officer(), ly_thai_to_, tsv, ImportMode::kAllOrNothing);
  ASSERT_TRUE(dry.ok()) << dry.error().message_en;
  EXPECT_EQ(dry->rows, 6);
  EXPECT_EQ(dry->valid_rows, 1);
  EXPECT_EQ(dry->written, 0) << "all or nothing: one bad row writes nothing";
  ASSERT_EQ(dry->issues.size(), 5u);
  EXPECT_EQ(dry->issues[0].line, 3);
  EXPECT_EQ(dry->issues[0].column, "full_name");
  EXPECT_NE(dry->issues[0].message_en.find("column 1"), std::string::npos) << dry->issues[0].message_en;
  EXPECT_EQ(dry->issues[1].column, "birth_year") << "a number past 32 bits is not read as another one";
  EXPECT_EQ(dry->issues[2].column, "birth_year");
  EXPECT_EQ(dry->issues[3].line, 6);
  EXPECT_EQ(dry->issues[3].column, "address") << "a line break inside a quoted cell";
  EXPECT_EQ(dry->issues[4].column, "address") << "longer than 300 characters";
  EXPECT_EQ(AuditCount(), before);
}

TEST_F(Community, ReplacingAPersonNamesItsUnitAndAWrongOneIsRefused) {
  PersonInput in;
  in.full_name = "Kiều Văn Sơn";
  auto created = services().community.CreatePerson(Officer(), ly_thai_to_, in);
  ASSERT_TRUE(created.ok()) << created.error().message_en;
  in.full_name = "Kiều Văn Sơn Hai";
  auto wrong = services().community.UpdatePerson(Officer(), created->person.id, in, ly_thai_to_ + 1000);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, "person_unit_differs");
  EXPECT_EQ(services().community.GetPerson(Officer(), created->person.id)->person.full_name, "Kiều Văn Sơn");
  auto right = services().community.UpdatePerson(Officer(), created->person.id, in, ly_thai_to_);
  ASSERT_TRUE(right.ok()) << right.error().message_en;
  EXPECT_EQ(right->person.full_name, "Kiều Văn Sơn Hai");
}

TEST_F(Community, OneSearchBoxRanksExactMatchesFirst) {
  auto hits = services().community.Search(std::nullopt, "ly thai to", 30);
  ASSERT_TRUE(hits.ok());
  ASSERT_FALSE(hits->empty());
  EXPECT_EQ(hits->front().type, "unit");
  EXPECT_EQ(hits->front().title, "Phường Lý Thái Tổ");
  std::set<std::string> types;
  for (const auto& h : *hits) types.insert(h.type);
  EXPECT_TRUE(types.count("organisation"));
  EXPECT_FALSE(types.count("person")) << "the public never finds people";

  auto team = services().community.Search(std::nullopt, "TO DAN VAN SO 3", 30);
  ASSERT_TRUE(team.ok());
  ASSERT_FALSE(team->empty());
  EXPECT_EQ(team->front().title, "Tổ dân vận số 3");

  auto staff = services().community.Search(Officer(), "dung", 30);
  ASSERT_TRUE(staff.ok());
  bool found = false;
  for (const auto& h : *staff) found |= h.type == "person" && h.title == "Nguyễn Văn Dũng";
  EXPECT_TRUE(found);
  auto other = services().community.Search(OtherWard(), "dung", 30);
  for (const auto& h : *other) EXPECT_NE(h.type, "person") << h.title;

  EXPECT_EQ(services().community.Search(std::nullopt, "a", 30).error().code, "query_too_short");
}

TEST_F(Community, EndingAnOrganisationWaitsForItsChildrenAndEndsItsMemberships) {
  auto make = [&](const std::string& name, std::optional<int64_t> parent, int64_t unit) {
    auto o = services().community.CreateOrganisation(Admin(), {unit, parent, "khac", name, "01/01/2020"});
    EXPECT_TRUE(o.ok()) << name << ": " << o.error().message_en;
    return o.ok() ? o->id : 0;
  };
  auto join = [&](int64_t person, int64_t org, const std::string& from, const std::string& to = "") {
    auto m = services().community.AddMembership(Officer(), person, {org, "Thành viên", from, to});
    EXPECT_TRUE(m.ok()) << m.error().message_en;
    return m.ok() ? m->id : 0;
  };
  auto person = [&](const std::string& name) {
    PersonInput in;
    in.full_name = name;
    return services().community.CreatePerson(Officer(), ly_thai_to_, in)->person.id;
  };
  const int64_t club = make("Câu lạc bộ thử", std::nullopt, ly_thai_to_);
  const int64_t group = make("Nhóm thử trực thuộc", club, ly_thai_to_);
  const int64_t an = person("Nguyễn Văn An"), binh = person("Trần Thị Bình"), cuong = person("Lê Văn Cường");
  const int64_t an_in_club = join(an, club, "01/01/2021");
  const int64_t binh_left = join(binh, club, "01/01/2021", "01/01/2022");
  const int64_t cuong_in_group = join(cuong, group, "01/01/2021");
  auto membership = [&](int64_t person_id, int64_t id) {
    auto view = services().community.GetPerson(Officer(), person_id);
    EXPECT_TRUE(view.ok());
    for (const auto& m : view->memberships)
      if (m.id == id) return m;
    ADD_FAILURE() << "membership " << id;
    return Membership{};
  };

  // The club cannot close while its group is active: the error names the group, and nothing changes.
  const auto before = AuditCount();
  auto refused = services().community.EndOrganisation(Officer(), club, {"closed", "01/01/2024"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "organisation_has_open_children");
  EXPECT_EQ(refused.error().kind, ErrorKind::kInvalidTransition);
  EXPECT_NE(refused.error().message_vi.find("Nhóm thử trực thuộc"), std::string::npos) << refused.error().message_vi;
  const auto& children = refused.error().details.at("children").as_array();
  ASSERT_EQ(children.size(), 1u);
  EXPECT_EQ(children[0].as_object().at("id").as_int64(), group);
  EXPECT_EQ(AuditCount(), before);
  EXPECT_FALSE(membership(an, an_in_club).valid_to);

  // The group first, then the club: each ends its open memberships that day, one audit entry per change.
  ASSERT_TRUE(services().community.EndOrganisation(Officer(), group, {"closed", "01/01/2024"}).ok());
  EXPECT_EQ(membership(cuong, cuong_in_group).valid_to, Date::FromYmd(2024, 1, 1));
  EXPECT_EQ(AuditCount(), before + 2);
  auto closed = services().community.EndOrganisation(Officer(), club, {"closed", "01/01/2024"});
  ASSERT_TRUE(closed.ok()) << closed.error().message_en;
  EXPECT_EQ(closed->status, OrganisationStatus::kClosed);
  EXPECT_EQ(membership(an, an_in_club).valid_to, Date::FromYmd(2024, 1, 1));
  EXPECT_EQ(membership(binh, binh_left).valid_to, Date::FromYmd(2022, 1, 1)) << "an ended membership keeps its end";
  EXPECT_EQ(AuditCount(), before + 4);

  // A move takes the open memberships along: ended in the old record, from the same day in the new one, which
  // may sit under a parent of the unit it moves to.
  const int64_t team = make("Tổ thử chuyển đi", std::nullopt, ly_thai_to_);
  const int64_t host = make("Tổ chức nhận", std::nullopt, hang_bac_);
  const int64_t an_in_team = join(an, team, "01/06/2021");
  auto elsewhere = services().community.EndOrganisation(Admin(), team, {"moved", "01/01/2025", hang_bac_, std::nullopt, club});
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().code, "invalid_parent") << "the new parent must be in the unit moved to";
  const auto before_move = AuditCount();
  auto moved = services().community.EndOrganisation(Admin(), team, {"moved", "01/01/2025", hang_bac_, std::nullopt, host});
  ASSERT_TRUE(moved.ok()) << moved.error().message_en;
  EXPECT_EQ(membership(an, an_in_team).valid_to, Date::FromYmd(2025, 1, 1));
  auto detail = services().community.GetOrganisation(Admin(), team);
  ASSERT_TRUE(detail->successor);
  EXPECT_EQ(detail->successor->parent_id, host);
  auto successor = services().community.GetOrganisation(Admin(), detail->successor->id);
  ASSERT_EQ(successor->members.size(), 1u);
  EXPECT_EQ(successor->members[0].person_id, an);
  EXPECT_EQ(successor->members[0].valid_from, Date::FromYmd(2025, 1, 1));
  EXPECT_EQ(AuditCount(), before_move + 4) << "the new record, the membership ended and carried, the move";

  // A membership that would start after the end is not silently cut: the end is refused.
  const int64_t late = make("Tổ có người vào sau", std::nullopt, ly_thai_to_);
  join(binh, late, "01/03/2024");
  auto cut = services().community.EndOrganisation(Officer(), late, {"closed", "01/01/2024"});
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().code, "membership_after_end");
}

TEST_F(Community, AParentNotYetStartedIsNotCalledEnded) {
  auto later = services().community.CreateOrganisation(Admin(), {ly_thai_to_, std::nullopt, "khac", "Tổ mới lập", "01/01/2024"});
  ASSERT_TRUE(later.ok());
  auto early = services().community.CreateOrganisation(Admin(), {ly_thai_to_, later->id, "khac", "Nhóm lập sớm", "01/01/2023"});
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, "invalid_parent");
  EXPECT_NE(early.error().message_vi.find("chưa bắt đầu hoạt động vào ngày 01/01/2023"), std::string::npos)
      << early.error().message_vi;
  EXPECT_EQ(early.error().message_vi.find("không còn"), std::string::npos) << early.error().message_vi;
  EXPECT_NE(early.error().message_en.find("has not started yet"), std::string::npos);

  // An ended parent is called ended, with its end date.
  const auto ubnd = OrganisationNamed("Ủy ban nhân dân phường Lý Thái Tổ");
  auto late = services().community.CreateOrganisation(Admin(), {ly_thai_to_, ubnd.id, "khac", "Tổ lập muộn", "01/01/2026"});
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.error().message_vi.find("không còn hoạt động vào ngày 01/01/2026 (đã ngừng hoạt động từ ngày 01/07/2025)"),
            std::string::npos)
      << late.error().message_vi;
}

TEST_F(Community, PeopleHitsSayWhoTheyAreWithoutPersonalData) {
  auto hits = services().community.Search(Officer(), "nguyen van dung", 30);
  ASSERT_TRUE(hits.ok());
  const SearchHit* dung = nullptr;
  for (const auto& h : *hits)
    if (h.type == "person" && h.title == "Nguyễn Văn Dũng") dung = &h;
  ASSERT_TRUE(dung);
  EXPECT_EQ(dung->subtitle, "Bí thư Đảng ủy, Đảng ủy phường Lý Thái Tổ · Phường Lý Thái Tổ");

  // Personal data never reaches a subtitle, whoever searches.
  PersonInput in;
  in.full_name = "Hà Thị Thử Nghiệm";
  in.birth_year = 1961;
  in.phone = "0912 000 111";
  in.email = "thu@example.vn";
  in.address = "Số 5 phố Hàng Khay";
  auto p = services().community.CreatePerson(Officer(), ly_thai_to_, in);
  ASSERT_TRUE(p.ok());
  for (const auto& caller : {Officer(), Viewer()}) {
    auto found = services().community.Search(caller, "ha thi thu nghiem", 30);
    ASSERT_TRUE(found.ok());
    ASSERT_FALSE(found->empty());
    const auto& h = found->front();
    EXPECT_EQ(h.title, "Hà Thị Thử Nghiệm");
    EXPECT_EQ(h.subtitle, "Phường Lý Thái Tổ") << "no title held: the unit alone";
    for (const char* secret : {"1961", "0912", "example", "Hàng Khay"}) EXPECT_EQ(h.subtitle.find(secret), std::string::npos);
  }

  // The subtitles cost the same few queries for one person found or many.
  auto s0 = db().statements_run();
  ASSERT_TRUE(services().community.Search(Officer(), "nguyen van dung", 30).ok());
  const auto one = db().statements_run() - s0;
  s0 = db().statements_run();
  auto many = services().community.Search(Officer(), "thi", 30);
  ASSERT_TRUE(many.ok());
  EXPECT_GE(std::count_if(many->begin(), many->end(), [](const SearchHit& h) { return h.type == "person"; }), 5);
  EXPECT_EQ(db().statements_run() - s0, one);
}

TEST_F(Community, PatchChangesOnlyTheFieldsSent) {
  PersonInput in;
  in.full_name = "Đinh Thị Vá";
  in.birth_year = 1970;
  in.gender = "female";
  in.phone = "0987 654 321";
  in.email = "va@example.vn";
  auto p = services().community.CreatePerson(Officer(), ly_thai_to_, in);
  ASSERT_TRUE(p.ok());
  const auto id = p->person.id;
  const auto before = AuditCount();

  PersonPatch rename;
  rename.full_name = "Đinh Thị Vân";
  auto renamed = services().community.PatchPerson(Officer(), id, rename);
  ASSERT_TRUE(renamed.ok()) << renamed.error().message_en;
  EXPECT_EQ(renamed->person.full_name, "Đinh Thị Vân");
  EXPECT_EQ(renamed->person.birth_year.value_or(0), 1970) << "absent fields stay as they are";
  EXPECT_EQ(renamed->person.phone.value_or(""), "0987 654 321");
  EXPECT_EQ(renamed->person.email.value_or(""), "va@example.vn");
  EXPECT_EQ(renamed->person.gender, Gender::kFemale);

  PersonPatch clear;
  clear.phone = "";
  clear.birth_year = std::optional<int>();
  auto cleared = services().community.PatchPerson(Officer(), id, clear);
  ASSERT_TRUE(cleared.ok());
  EXPECT_FALSE(cleared->person.phone);
  EXPECT_FALSE(cleared->person.birth_year);
  EXPECT_EQ(cleared->person.email.value_or(""), "va@example.vn");
  EXPECT_EQ(cleared->person.full_name, "Đinh Thị Vân");
  EXPECT_EQ(AuditCount(), before + 2);

  EXPECT_TRUE(services().community.PatchPerson(Officer(), id, PersonPatch{}).ok());
  EXPECT_EQ(AuditCount(), before + 2) << "an empty patch changes nothing and is not audited";

  PersonPatch bad;
  bad.email = "khong-phai-email";
  EXPECT_EQ(services().community.PatchPerson(Officer(), id, bad).error().code, "invalid_email");
  EXPECT_EQ(services().community.PatchPerson(Viewer(), id, rename).error().code, "forbidden");
  EXPECT_EQ(services().community.PatchPerson(OtherWard(), id, rename).error().code, "person_not_found");
  EXPECT_EQ(AuditCount(), before + 2);
}

TEST_F(Community, TheDemoLoadsOnceAndAuditsEverything) {
  auto again = SeedDemo(services());
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again.value());
  auto v = services().audit.Verify(db());
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok);
  EXPECT_GT(v->count, 80);
  for (const auto& login : DemoLogins()) {
    auto ok = services().accounts.Login(login.username, kDemoPassword, "127.0.0.1", "t");
    EXPECT_TRUE(ok.ok()) << login.username;
  }
}

}  // namespace
}  // namespace danvan
