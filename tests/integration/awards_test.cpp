// Commendation on a real database: the demo's 2022 ceremony, proposals through their lifecycle, decision numbers
// under concurrent issuing, "one achievement is rewarded once", revocation, the ceremony's calendar, signing keys.

#include "services/demo.hpp"
#include "support/fixture.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <set>
#include <thread>

namespace danvan {
namespace {

using testing::ServiceTest;

class Awards : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    auto seeded = SeedDemo(services());
    ASSERT_TRUE(seeded.ok()) << seeded.error().message_en << " " << boost::json::serialize(seeded.error().details);
    ly_thai_to_ = Find([](const AdminUnit& u) { return u.name == "Phường Lý Thái Tổ"; }, "ly thai to");
    district_ = Find([](const AdminUnit& u) { return u.name == "Quận Hoàn Kiếm"; }, "quan hoan kiem");
    OrganisationQuery q;
    q.unit_id = ly_thai_to_;
    q.limit = 200;
    const auto organisations = services().community.ListOrganisations(q);
    for (const auto& o : organisations->items) orgs_[o.name] = o.id;
    const auto types = services().awards.AwardTypes();
    for (const auto& t : types.value()) types_[t.code] = t.id;
  }

  template <class Pred>
  int64_t Find(Pred pred, const std::string& folded) {
    UnitQuery q;
    q.folded_text = folded;
    q.as_of = Date::FromYmd(2022, 10, 13);
    const auto units = services().territory.ListUnits(q);
    for (const auto& u : units->items)
      if (pred(u)) return u.id;
    ADD_FAILURE() << folded;
    return 0;
  }

  Caller Officer() { return CallerWith({RoleGrant{0, Role::kUnitAdmin, ly_thai_to_, std::nullopt}}, 7001); }
  Caller Signer() { return CallerWith({RoleGrant{0, Role::kSigner, ly_thai_to_, std::nullopt}}, 7002); }
  Caller Member() { return CallerWith({RoleGrant{0, Role::kUnitMember, ly_thai_to_, orgs_.at("Tổ dân vận số 3")}}, 7003); }
  Caller Viewer() { return CallerWith({RoleGrant{0, Role::kViewer, ly_thai_to_, std::nullopt}}, 7004); }

  std::vector<Decision> Decisions(int64_t unit) {
    DecisionQuery q;
    q.unit_id = unit;
    q.limit = 200;
    auto page = services().awards.ListDecisions(Admin(), q);
    EXPECT_TRUE(page.ok());
    std::vector<Decision> out;
    for (const auto& d : page->items) out.push_back(services().awards.GetDecision(Admin(), d.id).value());
    return out;
  }

  Issuer NewIssuer(const std::string& name, const std::string& kind, const std::string& symbol) {
    auto i = services().awards.CreateIssuer(Officer(), IssuerInput{ly_thai_to_, std::nullopt, name, kind, "", symbol, "Hoàn Kiếm"});
    EXPECT_TRUE(i.ok()) << i.error().message_en;
    return i.value();
  }

  //! A proposal of the People's Committee for one collective, taken to `until` by the officer.
  Proposal ProposalFor(const Issuer& issuer, const std::string& org, ProposalStatus until) {
    ProposalInput in{ly_thai_to_, issuer.id, std::nullopt, 2024, "Khen thưởng " + org,
                     {NomineeInput{types_.at("giay_khen_ubnd_tap_the"), std::nullopt, orgs_.at(org), std::nullopt, "",
                                   "Hoàn thành xuất sắc nhiệm vụ năm 2024"}}};
    auto p = services().awards.CreateProposal(Officer(), in);
    EXPECT_TRUE(p.ok()) << p.error().message_en;
    const std::vector<std::pair<ProposalStatus, const char*>> steps = {{ProposalStatus::kSubmitted, "submit"},
                                                                       {ProposalStatus::kInReview, "accept"},
                                                                       {ProposalStatus::kVoted, "record_vote"},
                                                                       {ProposalStatus::kAwaitingSignature, "forward"}};
    for (const auto& [status, action] : steps) {
      if (p->status == until) break;
      p = services().awards.Transition(Officer(), p->id, action, "", std::nullopt);
      EXPECT_TRUE(p.ok()) << action << ": " << p.error().message_en;
      EXPECT_EQ(p->status, status);
    }
    return p.value();
  }

  DecisionInput Signing(int64_t proposal_id, const std::string& on = "15/10/2024") {
    return DecisionInput{proposal_id, on, "", {"Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;"}, "Văn phòng UBND phường",
                         "Như Điều 3; Lưu VT.", "TM.", "Chủ tịch", "Vũ Bích Hiền"};
  }

  int64_t ly_thai_to_ = 0, district_ = 0;
  std::map<std::string, int64_t> orgs_;
  std::map<std::string, int64_t> types_;
};

TEST_F(Awards, TheDemoHoldsThe2022CeremonyAsInTheArticle) {
  auto ward = Decisions(ly_thai_to_);
  ASSERT_EQ(ward.size(), 3u);
  std::map<std::string, Decision> by_symbol;
  for (const auto& d : ward) by_symbol[d.symbol] = d;
  ASSERT_TRUE(by_symbol.count("1-QĐ/ĐU")) << "the Party committee's decision in the Party format";
  ASSERT_TRUE(by_symbol.count("1/QĐ-UBND"));
  ASSERT_TRUE(by_symbol.count("1/QĐ-MTTQ"));

  const auto& party = by_symbol.at("1-QĐ/ĐU");
  EXPECT_EQ(party.decided_on, Date::FromYmd(2022, 10, 12));
  EXPECT_EQ(party.base_salary, 1'490'000) << "Nghị định 38/2019/NĐ-CP was in force";
  int collectives = 0, individuals = 0;
  std::set<int64_t> models;
  for (const auto& b : party.beneficiaries) {
    (b.subject == Subject::kCollective ? collectives : individuals)++;
    EXPECT_EQ(b.amount, b.subject == Subject::kCollective ? 894'000 : 447'000) << b.name;
    ASSERT_TRUE(b.model_id) << "linked to the recognised model: " << b.name;
    models.insert(*b.model_id);
    EXPECT_TRUE(b.certificate_id) << "one certificate per beneficiary";
  }
  EXPECT_EQ(collectives, 10);
  EXPECT_EQ(individuals, 3);
  EXPECT_EQ(models.size(), 13u);
  EXPECT_EQ(party.signer_name, "Nguyễn Văn Dũng");
  EXPECT_EQ(by_symbol.at("1/QĐ-UBND").beneficiaries.size(), 12u);
  EXPECT_EQ(by_symbol.at("1/QĐ-MTTQ").beneficiaries.size(), 13u);

  // The district's certificate of merit for Tổ dân vận số 3: issued by its Mass Mobilization Commission.
  DecisionQuery dq;
  dq.unit_id = district_;
  const auto all = services().awards.ListDecisions(Admin(), dq);
  ASSERT_TRUE(all.ok());
  auto merit = std::find_if(all->items.begin(), all->items.end(), [&](const Decision& d) { return d.unit_id == district_; });
  ASSERT_NE(merit, all->items.end());
  EXPECT_EQ(merit->symbol, "1-QĐ/BDVQU");
  const auto merit_full = services().awards.GetDecision(Admin(), merit->id);
  ASSERT_EQ(merit_full->beneficiaries.size(), 1u);
  EXPECT_EQ(merit_full->beneficiaries[0].name, "Tổ dân vận số 3");

  // The program of 13/10/2022, in order: presenters are not issuers.
  const auto events = services().awards.ListEvents(ly_thai_to_);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  const auto e = services().awards.GetEvent(events->front().id);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->held_on, Date::FromYmd(2022, 10, 13));
  EXPECT_EQ(e->starts_at, "2022-10-13T01:00:00.000Z") << "08:00 in Vietnam";
  std::vector<std::pair<std::string, std::optional<int64_t>>> awards;
  for (const auto& s : e->segments)
    if (s.kind == SegmentKind::kAward) awards.emplace_back(s.presenter_name, s.decision_id);
  const std::vector<std::pair<std::string, std::optional<int64_t>>> expected = {
      {"Nguyễn Văn Dũng", party.id},
      {"Vũ Bích Hiền", by_symbol.at("1/QĐ-UBND").id},
      {"Phạm Thị Ngà", by_symbol.at("1/QĐ-MTTQ").id},
      {"Phạm Thị Thu Thủy", merit->id}};
  EXPECT_EQ(awards, expected);
  const auto& first_award = *std::find_if(e->segments.begin(), e->segments.end(),
                                          [](const Segment& s) { return s.kind == SegmentKind::kAward; });
  ASSERT_EQ(first_award.recipients.size(), 13u);
  EXPECT_EQ(first_award.recipients[0].stage_order, 1);
  EXPECT_TRUE(first_award.presenter_person_id) << "the presenter is a person of the demo";

  const auto anniversaries = AnniversariesOn(e->held_on);
  EXPECT_EQ(anniversaries[0].count, 92);
  EXPECT_EQ(anniversaries[1].count, 23);
  const auto ics = services().awards.Calendar(e->id);
  ASSERT_TRUE(ics.ok());
  EXPECT_NE(ics->find("DTSTART:20221013T010000Z\r\n"), std::string::npos);
  EXPECT_NE(ics->find("BEGIN:VEVENT\r\n"), std::string::npos);
}

TEST_F(Awards, OneAchievementIsRewardedOnce) {
  // The demo's recognised "Phiên chợ 0 đồng" is already in the Party committee's decision.
  ModelQuery mq;
  mq.unit_id = ly_thai_to_;
  mq.folded_text = FoldForSearch("Phiên chợ 0 đồng");
  const auto found = services().movement.ListModels(Admin(), mq);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->items.size(), 1u);
  const auto ubnd = services().awards.Issuers(ly_thai_to_);
  auto issuer = std::find_if(ubnd->begin(), ubnd->end(), [](const Issuer& i) { return i.symbol == "UBND"; });
  ASSERT_NE(issuer, ubnd->end());
  const int64_t before = AuditCount();
  ProposalInput again{ly_thai_to_, issuer->id, std::nullopt, 2022, "Đề nghị lần hai",
                      {NomineeInput{types_.at("giay_khen_ubnd_tap_the"), found->items[0].id, std::nullopt, std::nullopt, "",
                                    "Phiên chợ 0 đồng"}}};
  auto refused = services().awards.CreateProposal(Officer(), again);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "achievement_already_rewarded");
  EXPECT_NE(refused.error().message_vi.find("Quyết định số 1-QĐ/ĐU của Đảng ủy phường Lý Thái Tổ"), std::string::npos)
      << refused.error().message_vi;
  EXPECT_NE(refused.error().message_vi.find("Phiên chợ 0 đồng"), std::string::npos);
  EXPECT_EQ(AuditCount(), before) << "nothing written";

  // Tổ dân vận số 3 itself may still get another award: it is another achievement than its model.
  EXPECT_TRUE(services().awards.CreateProposal(Officer(), ProposalInput{ly_thai_to_, issuer->id, std::nullopt, 2022, "Khen tổ",
      {NomineeInput{types_.at("giay_khen_ubnd_tap_the"), std::nullopt, orgs_.at("Tổ dân vận số 3"), std::nullopt, "",
                    "Hoàn thành xuất sắc nhiệm vụ"}}}).ok());
}

TEST_F(Awards, ProposalStepsAreCheckedAndAudited) {
  const auto ubnd = NewIssuer("Ủy ban nhân dân phường (thử)", "peoples_committee_chair", "UBNDT");
  // A unit member proposes; only the officer reviews; a return needs a reason; only the signer decides.
  ProposalInput in{ly_thai_to_, ubnd.id, std::nullopt, 2024, "Khen thưởng Tổ dân vận số 3",
                   {NomineeInput{types_.at("giay_khen_ubnd_tap_the"), std::nullopt, orgs_.at("Tổ dân vận số 3"),
                                 std::nullopt, "", "Vận động người dân thực hiện nếp sống văn minh"}}};
  auto p = services().awards.CreateProposal(Member(), in);
  ASSERT_TRUE(p.ok()) << p.error().message_en;
  EXPECT_EQ(p->status, ProposalStatus::kDraft);
  EXPECT_EQ(p->nominees[0].name, "Tổ dân vận số 3");
  ASSERT_EQ(p->parts.size(), 2u) << "the cover submission and the achievement report";
  EXPECT_EQ(services().awards.CreateProposal(Viewer(), in).error().code, "forbidden");

  int64_t audit = AuditCount();
  ASSERT_TRUE(services().awards.Transition(Member(), p->id, "submit", "", std::nullopt).ok());
  EXPECT_EQ(AuditCount(), ++audit);
  EXPECT_EQ(services().awards.Transition(Member(), p->id, "accept", "", std::nullopt).error().code, "forbidden");
  EXPECT_EQ(services().awards.Transition(Officer(), p->id, "forward", "", std::nullopt).error().code, "invalid_transition");
  ASSERT_TRUE(services().awards.Transition(Officer(), p->id, "accept", "", std::nullopt).ok());
  auto no_reason = services().awards.Transition(Officer(), p->id, "return", " ", std::nullopt);
  EXPECT_EQ(no_reason.error().code, "reason_required");
  auto returned = services().awards.Transition(Officer(), p->id, "return", "Bổ sung báo cáo thành tích", std::nullopt);
  ASSERT_TRUE(returned.ok());
  EXPECT_EQ(returned->status, ProposalStatus::kReturned);
  EXPECT_EQ(returned->status_reason, "Bổ sung báo cáo thành tích");
  audit += 2;
  EXPECT_EQ(AuditCount(), audit);

  // The returned proposal takes a new part and goes round again.
  PartInput part;
  part.kind = "bao_cao_thanh_tich";
  part.title = "Báo cáo thành tích (bổ sung)";
  part.file_name = "bao-cao.pdf";
  part.bytes = std::string("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  auto added = services().awards.AddPart(Member(), p->id, part);
  ASSERT_TRUE(added.ok()) << added.error().message_en;
  EXPECT_EQ(added->media_type, "application/pdf");
  EXPECT_EQ(added->origin, PartOrigin::kUploaded);
  for (const char* action : {"submit", "accept", "record_vote", "forward"}) {
    const Caller who = std::string(action) == "submit" ? Member() : Officer();
    auto r = services().awards.Transition(who, p->id, action, "", std::nullopt);
    ASSERT_TRUE(r.ok()) << action << ": " << r.error().message_en;
  }
  EXPECT_EQ(services().awards.AddPart(Member(), p->id, part).error().code, "proposal_not_editable");
  EXPECT_EQ(services().awards.Transition(Officer(), p->id, "decide", "", std::nullopt).error().code, "invalid_action");
  EXPECT_EQ(services().awards.IssueDecision(Officer(), Signing(p->id)).error().code, "forbidden") << "officers draft, leaders sign";
  auto d = services().awards.IssueDecision(Signer(), Signing(p->id));
  ASSERT_TRUE(d.ok()) << d.error().message_en;
  EXPECT_EQ(d->symbol, "1/QĐ-UBNDT");
  EXPECT_EQ(d->base_salary, 2'340'000);
  EXPECT_EQ(d->beneficiaries[0].amount, 1'404'000) << "0.6 × 2,340,000";
  EXPECT_EQ(services().awards.GetProposal(Viewer(), p->id)->status, ProposalStatus::kDecided);
  EXPECT_EQ(services().awards.IssueDecision(Signer(), Signing(p->id)).error().code, "invalid_transition") << "decided once";
  const auto certificates = services().awards.ListCertificates(Viewer(), d->id, std::nullopt, 50, 0);
  ASSERT_TRUE(certificates.ok());
  ASSERT_EQ(certificates->size(), 1u);
  EXPECT_EQ(certificates->front().beneficiary_name, "Tổ dân vận số 3");
  EXPECT_EQ(certificates->front().certificate.public_id.size(), 16u);
  EXPECT_TRUE(certificates->front().certificate.signature && certificates->front().certificate.key_id)
      << "signed when the decision is issued (awards_credentials_test.cpp)";

  // Another ward's officer sees none of it.
  const auto hang_bac = Find([](const AdminUnit& u) { return u.name == "Phường Hàng Bạc"; }, "hang bac");
  const Caller other = CallerWith({RoleGrant{0, Role::kUnitAdmin, hang_bac, std::nullopt}}, 7010);
  EXPECT_EQ(services().awards.GetProposal(other, p->id).error().code, "proposal_not_found");
  EXPECT_EQ(services().awards.GetDecision(other, d->id).error().code, "decision_not_found");
}

TEST_F(Awards, DecisionNumbersAreGapFreeUnderConcurrentIssuing) {
  const auto issuer = NewIssuer("Ủy ban nhân dân (song song)", "peoples_committee_chair", "SS");
  constexpr int kCount = 12;
  const std::vector<std::string> teams = {"Tổ dân vận số 1", "Tổ dân vận số 2", "Tổ dân vận số 4", "Tổ dân vận số 5",
                                          "Tổ dân phố số 1", "Tổ dân phố số 2"};
  std::vector<int64_t> proposals;
  for (int i = 0; i < kCount; ++i)
    proposals.push_back(ProposalFor(issuer, teams[static_cast<size_t>(i) % teams.size()], ProposalStatus::kAwaitingSignature).id);

  std::vector<Result<Decision>> results(kCount, Result<Decision>(Error{}));
  std::vector<std::thread> threads;
  for (int i = 0; i < kCount; ++i)
    threads.emplace_back([&, i] { results[static_cast<size_t>(i)] = services().awards.IssueDecision(Signer(), Signing(proposals[static_cast<size_t>(i)])); });
  for (auto& t : threads) t.join();

  std::set<int> numbers;
  std::set<std::string> symbols;
  for (const auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.error().code << ": " << r.error().message_en;
    numbers.insert(r->number);
    symbols.insert(r->symbol);
  }
  std::set<int> expected;
  for (int i = 1; i <= kCount; ++i) expected.insert(i);
  EXPECT_EQ(numbers, expected) << "1…12, each once";
  EXPECT_EQ(symbols.size(), static_cast<size_t>(kCount));
  EXPECT_TRUE(symbols.count("12/QĐ-SS"));

  // A new year starts a new series; another issuer has its own.
  auto next_year = services().awards.IssueDecision(Signer(), Signing(ProposalFor(issuer, "Tổ dân vận số 1", ProposalStatus::kAwaitingSignature).id, "02/01/2025"));
  ASSERT_TRUE(next_year.ok()) << next_year.error().message_en;
  EXPECT_EQ(next_year->symbol, "1/QĐ-SS");
  const auto other = NewIssuer("Ủy ban nhân dân (khác)", "peoples_committee_chair", "KH");
  auto first = services().awards.IssueDecision(Signer(), Signing(ProposalFor(other, "Tổ dân vận số 2", ProposalStatus::kAwaitingSignature).id));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->symbol, "1/QĐ-KH");
}

TEST_F(Awards, RevokingADecisionRevokesItsCertificates) {
  const auto issuer = NewIssuer("Ủy ban nhân dân (thu hồi)", "peoples_committee_chair", "TH");
  auto d = services().awards.IssueDecision(Signer(), Signing(ProposalFor(issuer, "Tổ dân vận số 1", ProposalStatus::kAwaitingSignature).id));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(services().awards.RevokeDecision(Officer(), d->id, "20/11/2024", "Sai đối tượng").error().code, "forbidden");
  EXPECT_EQ(services().awards.RevokeDecision(Signer(), d->id, "20/11/2024", "").error().code, "reason_required");
  EXPECT_EQ(services().awards.RevokeDecision(Signer(), d->id, "01/10/2024", "Sai đối tượng").error().code, "invalid_date");
  const int64_t audit = AuditCount();
  auto revoked = services().awards.RevokeDecision(Signer(), d->id, "20/11/2024", "Khen thưởng sai đối tượng");
  ASSERT_TRUE(revoked.ok()) << revoked.error().message_en;
  EXPECT_EQ(revoked->status, DecisionStatus::kRevoked);
  EXPECT_EQ(revoked->revoked_on, Date::FromYmd(2024, 11, 20));
  EXPECT_EQ(AuditCount(), audit + 1);
  const auto certificates = services().awards.ListCertificates(Admin(), d->id, std::nullopt, 50, 0);
  ASSERT_EQ(certificates->size(), 1u);
  EXPECT_EQ(certificates->front().certificate.status, CertificateStatus::kRevoked);
  EXPECT_EQ(certificates->front().certificate.revocation_reason, "Khen thưởng sai đối tượng");
  EXPECT_EQ(certificates->front().certificate.revoked_on, Date::FromYmd(2024, 11, 20));
  EXPECT_EQ(services().awards.GetProposal(Admin(), *d->proposal_id)->status, ProposalStatus::kRevoked);
  EXPECT_EQ(services().awards.RevokeDecision(Signer(), d->id, "21/11/2024", "Lần hai").error().code, "decision_revoked");
}

TEST_F(Awards, BonusQuotesFollowTheBaseSalaryTable) {
  auto q = services().awards.QuoteBonus("13/10/2022", types_.at("giay_khen_ubnd_ca_nhan"));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->base_salary.amount, 1'490'000);
  EXPECT_EQ(q->rounding, 1000);
  EXPECT_EQ(q->amount, 447'000);
  EXPECT_EQ(services().awards.QuoteBonus("01/07/2024", std::nullopt)->base_salary.amount, 2'340'000);
  EXPECT_EQ(services().awards.QuoteBonus("01/01/2019", std::nullopt).error().code, "base_salary_unknown");
  EXPECT_EQ(services().awards.QuoteBonus("13/10/2022", 99999).error().code, "award_type_not_found");
}

TEST_F(Awards, AwardTypesAreAdminReferenceData) {
  AwardTypeInput in{"bang_khen_thu", "Bằng khen (thử)", "higher_level", "individual", "Luật TĐKT 2022", 1.0};
  EXPECT_EQ(services().awards.CreateAwardType(Officer(), in).error().code, "forbidden");
  auto t = services().awards.CreateAwardType(Admin(), in);
  ASSERT_TRUE(t.ok()) << t.error().message_en;
  EXPECT_EQ(t->issuer_kind, IssuerKind::kHigherLevel);
  auto again = services().awards.CreateAwardType(Admin(), in);
  EXPECT_EQ(again.error().code, "award_type_code_taken");
}

TEST_F(Awards, SigningKeysAreCreatedOnceAndRotate) {
  auto k1 = services().awards.EnsureSigningKey();
  ASSERT_TRUE(k1.ok());
  EXPECT_EQ(services().awards.EnsureSigningKey()->id, k1->id) << "one active key";
  EXPECT_EQ(services().awards.RotateSigningKey(Officer()).error().code, "forbidden");
  auto k2 = services().awards.RotateSigningKey(Admin());
  ASSERT_TRUE(k2.ok());
  EXPECT_NE(k2->id, k1->id);
  const auto jwks = services().awards.Jwks();
  ASSERT_TRUE(jwks.ok());
  const auto& keys = jwks->at("keys").as_array();
  ASSERT_EQ(keys.size(), 2u) << "the retired key stays published";
  for (const auto& k : keys) {
    EXPECT_EQ(k.at("kty").as_string(), "OKP");
    EXPECT_EQ(k.at("crv").as_string(), "Ed25519");
    EXPECT_EQ(k.at("x").as_string().size(), 43u) << "32 bytes, base64url";
    EXPECT_FALSE(k.as_object().contains("d")) << "never the secret";
  }
}

TEST_F(Awards, ProposalListsCostAFixedNumberOfStatements) {
  const auto issuer = NewIssuer("Ủy ban nhân dân (danh sách)", "peoples_committee_chair", "DS");
  auto count = [&] {
    ProposalQuery q;
    q.unit_id = ly_thai_to_;
    const int64_t before = db().statements_run();
    EXPECT_TRUE(services().awards.ListProposals(Viewer(), q).ok());
    return db().statements_run() - before;
  };
  ProposalFor(issuer, "Tổ dân vận số 1", ProposalStatus::kDraft);
  const int64_t one = count();
  for (int i = 0; i < 5; ++i) ProposalFor(issuer, "Tổ dân vận số 2", ProposalStatus::kDraft);
  EXPECT_EQ(count(), one);
}

}  // namespace
}  // namespace danvan
