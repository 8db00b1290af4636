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

  int64_t UnitNamed(const std::string& name, Date as_of) {
    UnitQuery q;
    q.folded_text = FoldForSearch(name);
    q.as_of = as_of;
    auto page = services().territory.ListUnits(q);  // kept alive for the loop
    for (const auto& u : page->items)
      if (u.name == name) return u.id;
    ADD_FAILURE() << name;
    return 0;
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
  ASSERT_EQ(found->items[0].organisations.size(), 1u);
  EXPECT_EQ(found->items[0].organisations[0].name, "Tổ dân vận số 3");

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
