// A unit member proposes awards only for the organisation it speaks for (issue 3): the collective itself, a model it
// owns, or a person who is one of its members; anyone else is refused with not_own_organisation, and nothing is
// written. The officer of the unit still proposes for every organisation.

#include "services/demo.hpp"
#include "support/fixture.hpp"

#include <boost/json/serialize.hpp>

namespace danvan {
namespace {

using testing::ServiceTest;

class AwardMembers : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    auto seeded = SeedDemo(services());
    ASSERT_TRUE(seeded.ok()) << seeded.error().message_en << " " << boost::json::serialize(seeded.error().details);
    UnitQuery u;
    u.folded_text = "phuong ly thai to";
    u.as_of = Date::FromYmd(2022, 10, 13);
    const auto units = services().territory.ListUnits(u);
    ASSERT_TRUE(units.ok() && !units->items.empty());
    ly_thai_to_ = units->items.front().id;
    OrganisationQuery q;
    q.unit_id = ly_thai_to_;
    q.limit = 200;
    const auto organisations = services().community.ListOrganisations(q);
    ASSERT_TRUE(organisations.ok());
    for (const auto& o : organisations->items) orgs_[o.name] = o.id;
    PersonQuery pq;
    pq.unit_id = ly_thai_to_;
    pq.limit = 200;
    const auto people = services().community.ListPeople(Admin(), pq);
    ASSERT_TRUE(people.ok());
    for (const auto& p : people->items) people_[p.person.full_name] = p.person.id;
    const auto types = services().awards.AwardTypes();
    ASSERT_TRUE(types.ok());
    for (const auto& t : types.value()) types_[t.code] = t.id;
    auto issuer = services().awards.CreateIssuer(
        Officer(), IssuerInput{ly_thai_to_, std::nullopt, "Ủy ban nhân dân phường (thử)", "peoples_committee_chair", "", "UBNDT", "Hoàn Kiếm"});
    ASSERT_TRUE(issuer.ok()) << issuer.error().message_en;
    issuer_ = issuer->id;
  }

  Caller Officer() { return CallerWith({RoleGrant{0, Role::kUnitAdmin, ly_thai_to_, std::nullopt}}, 7101); }
  Caller Member() { return CallerWith({RoleGrant{0, Role::kUnitMember, ly_thai_to_, orgs_.at("Tổ dân vận số 3")}}, 7102); }

  NomineeInput Collective(const std::string& org) {
    return NomineeInput{types_.at("giay_khen_ubnd_tap_the"), std::nullopt, orgs_.at(org), std::nullopt, "", "Thành tích năm 2024"};
  }
  NomineeInput Individual(const std::string& name) {
    return NomineeInput{types_.at("giay_khen_ubnd_ca_nhan"), std::nullopt, std::nullopt, people_.at(name), "", "Thành tích năm 2024"};
  }
  ProposalInput Proposing(std::vector<NomineeInput> nominees) {
    return ProposalInput{ly_thai_to_, issuer_, std::nullopt, 2024, "Khen thưởng năm 2024", std::move(nominees)};
  }

  int64_t ly_thai_to_ = 0, issuer_ = 0;
  std::map<std::string, int64_t> orgs_, people_, types_;
};

TEST_F(AwardMembers, AMemberProposesItsOwnOrganisationAndItsMembers) {
  // Trần Thị Hồng Minh is Tổ trưởng of Tổ dân vận số 3 in the demo.
  auto p = services().awards.CreateProposal(Member(), Proposing({Collective("Tổ dân vận số 3"), Individual("Trần Thị Hồng Minh")}));
  ASSERT_TRUE(p.ok()) << p.error().message_en;
  ASSERT_EQ(p->nominees.size(), 2u);
  EXPECT_EQ(p->nominees[1].name, "Trần Thị Hồng Minh");
  auto submitted = services().awards.Transition(Member(), p->id, "submit", "", std::nullopt);
  ASSERT_TRUE(submitted.ok()) << submitted.error().message_en;
  EXPECT_EQ(submitted->status, ProposalStatus::kSubmitted);
}

TEST_F(AwardMembers, AMemberCannotProposeAnotherOrganisationOrItsPeople) {
  const auto before = AuditCount();
  // Another organisation of the same ward.
  auto other = services().awards.CreateProposal(Member(), Proposing({Collective("Hội Liên hiệp Phụ nữ phường Lý Thái Tổ")}));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, "not_own_organisation");
  EXPECT_EQ(other.error().kind, ErrorKind::kForbidden);
  EXPECT_NE(other.error().message_vi.find("Hội Liên hiệp Phụ nữ phường Lý Thái Tổ"), std::string::npos) << other.error().message_vi;
  // A person who is a member of another organisation only (Bùi Thị Lan chairs the women's union).
  auto person = services().awards.CreateProposal(Member(), Proposing({Individual("Bùi Thị Lan")}));
  ASSERT_FALSE(person.ok());
  EXPECT_EQ(person.error().code, "not_own_organisation");
  // One foreign nominee among its own refuses the whole proposal, and says which.
  auto mixed = services().awards.CreateProposal(
      Member(), Proposing({Collective("Tổ dân vận số 3"), Collective("Đoàn Thanh niên phường Lý Thái Tổ")}));
  ASSERT_FALSE(mixed.ok());
  EXPECT_EQ(mixed.error().code, "not_own_organisation");
  EXPECT_EQ(boost::json::serialize(mixed.error().details.at("index")), "1");
  EXPECT_EQ(AuditCount(), before) << "nothing is written";

  // The officer proposes for any organisation of the ward; the member may not submit nor complete that dossier.
  auto officers = services().awards.CreateProposal(Officer(), Proposing({Collective("Hội Liên hiệp Phụ nữ phường Lý Thái Tổ")}));
  ASSERT_TRUE(officers.ok()) << officers.error().message_en;
  const auto after_create = AuditCount();
  EXPECT_EQ(services().awards.Transition(Member(), officers->id, "submit", "", std::nullopt).error().code, "not_own_organisation");
  PartInput part;
  part.title = "Báo cáo bổ sung";
  part.file_name = "bao-cao.pdf";
  part.bytes = std::string("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  EXPECT_EQ(services().awards.AddPart(Member(), officers->id, part).error().code, "not_own_organisation");
  EXPECT_EQ(AuditCount(), after_create);
  EXPECT_EQ(services().awards.GetProposal(Officer(), officers->id)->status, ProposalStatus::kDraft);
  ASSERT_TRUE(services().awards.Transition(Officer(), officers->id, "submit", "", std::nullopt).ok());
}

}  // namespace
}  // namespace danvan
