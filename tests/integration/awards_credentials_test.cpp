// Signed certificates on a real database: every certificate of the demo carries an Open Badges 3.0 credential
// signed with Ed25519 that verifies against the published keys; any changed byte fails; revocation shows in the
// public answer; rotation keeps old certificates valid; the public answer carries no personal data.

#include "core/jws.hpp"
#include "domain/credential.hpp"
#include "http/api.hpp"
#include "services/demo.hpp"
#include "support/fixture.hpp"

#include <boost/json.hpp>

#include <set>

namespace danvan {
namespace {

using testing::ServiceTest;

class Credentials : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    auto seeded = SeedDemo(services());
    ASSERT_TRUE(seeded.ok()) << seeded.error().message_en;
    UnitQuery q;
    q.folded_text = "ly thai to";
    q.as_of = Date::FromYmd(2022, 10, 13);
    const auto units = services().territory.ListUnits(q);
    ASSERT_TRUE(units.ok());
    for (const auto& u : units->items)
      if (u.name == "Phường Lý Thái Tổ") {
        ward_ = u.id;
        district_ = u.parent_id.value_or(0);
      }
    ASSERT_NE(ward_, 0);
    auto rows = services().awards.ListCertificates(Admin(), std::nullopt, district_, 200, 0);
    ASSERT_TRUE(rows.ok());
    certificates_ = rows.value();
    ASSERT_EQ(certificates_.size(), 13u + 12u + 13u + 1u) << "the ward's three decisions and the district's one";
  }

  std::vector<PublishedKey> Keys() {
    auto jwks = services().awards.Jwks();
    EXPECT_TRUE(jwks.ok());
    auto keys = ParseJwks(boost::json::serialize(jwks.value()));
    EXPECT_TRUE(keys.ok());
    return keys.value();
  }

  std::string Jws(int64_t certificate_id) {
    auto c = services().awards.Credential(Admin(), certificate_id);
    EXPECT_TRUE(c.ok()) << c.error().message_en;
    return c.ok() ? c->jws : std::string();
  }

  //! The public answer as the HTTP route gives it.
  boost::json::object PublicAnswer(const std::string& public_id, int* status = nullptr) {
    http::Metrics metrics;
    http::Router router = http::BuildRouter(services(), metrics);
    auto match = router.Match("GET", "/api/v1/public/verify/" + public_id);
    EXPECT_TRUE(std::holds_alternative<http::RouteMatch>(match));
    http::Request req;
    req.method = "GET";
    req.path_params = std::get<http::RouteMatch>(match).params;
    auto res = std::get<http::RouteMatch>(match).route->handler(req);
    if (!res.ok()) {
      if (status) *status = 404;
      EXPECT_EQ(res.error().code, "certificate_unknown");
      return {};
    }
    if (status) *status = res->status;
    return boost::json::parse(res->body).as_object();
  }

  //! A proposal of a new People's Committee issuer for one collective, waiting for the signature.
  int64_t ProposalAwaitingSignature(const std::string& symbol) {
    auto issuer = services().awards.CreateIssuer(
        Admin(), IssuerInput{ward_, std::nullopt, "Ủy ban nhân dân (" + symbol + ")", "peoples_committee_chair", "", symbol, "Hoàn Kiếm"});
    EXPECT_TRUE(issuer.ok()) << issuer.error().message_en;
    int64_t type = 0, org = 0;
    const auto types = services().awards.AwardTypes();
    for (const auto& t : types.value())
      if (t.code == "giay_khen_ubnd_tap_the") type = t.id;
    OrganisationQuery oq;
    oq.unit_id = ward_;
    oq.limit = 200;
    const auto organisations = services().community.ListOrganisations(oq);
    for (const auto& o : organisations->items)
      if (o.name == "Tổ dân vận số 1") org = o.id;
    ProposalInput in{ward_, issuer->id, std::nullopt, 2024, "Khen thưởng Tổ dân vận số 1",
                     {NomineeInput{type, std::nullopt, org, std::nullopt, "", "Hoàn thành xuất sắc nhiệm vụ năm 2024"}}};
    auto p = services().awards.CreateProposal(Admin(), in);
    EXPECT_TRUE(p.ok()) << p.error().message_en;
    for (const char* action : {"submit", "accept", "record_vote", "forward"}) {
      p = services().awards.Transition(Admin(), p->id, action, "", std::nullopt);
      EXPECT_TRUE(p.ok()) << action << ": " << p.error().message_en;
    }
    return p->id;
  }

  Decision Issue(int64_t proposal_id) {
    auto d = services().awards.IssueDecision(
        Admin(), DecisionInput{proposal_id, "15/10/2024", "", {"Căn cứ Luật Thi đua, khen thưởng;"}, "Văn phòng", "Lưu VT.",
                               "TM.", "Chủ tịch", "Vũ Bích Hiền"});
    EXPECT_TRUE(d.ok()) << d.error().message_en;
    return d.value();
  }

  int64_t ward_ = 0, district_ = 0;
  std::vector<CertificateRow> certificates_;
};

TEST_F(Credentials, EveryIssuedCertificateCarriesACredentialThatVerifiesAgainstTheJwks) {
  const auto keys = Keys();
  ASSERT_EQ(keys.size(), 1u);
  for (const auto& row : certificates_) {
    const auto& c = row.certificate;
    ASSERT_TRUE(c.signature && c.key_id) << row.beneficiary_name << " is signed when its decision is issued";
    EXPECT_EQ(*c.key_id, keys[0].kid);
    const auto credential = services().awards.Credential(Admin(), c.id);
    ASSERT_TRUE(credential.ok()) << credential.error().message_en;
    EXPECT_EQ(credential->jws, *c.signature) << "the download is the stored bytes";
    EXPECT_EQ(services().awards.Credential(Admin(), c.id)->jws, credential->jws) << "the same bytes every time";

    const auto verified = VerifyCredential(credential->jws, keys);
    ASSERT_TRUE(verified.ok()) << verified.error().code << " " << row.beneficiary_name;
    EXPECT_EQ(verified->summary.public_id, c.public_id);
    EXPECT_EQ(verified->summary.beneficiary_name, row.beneficiary_name);
    EXPECT_EQ(verified->summary.award_type_name, row.award_type_name);
    EXPECT_EQ(verified->summary.achievement, row.achievement);
    EXPECT_EQ(verified->summary.issuer_name, row.issuer_name);
    EXPECT_EQ(verified->summary.decision,
              "Quyết định số " + row.decision_symbol + " ngày " + row.decided_on.Vietnamese());
  }

  // One credential in full: the shapes of Open Badges 3.0 and RFC 8037.
  const auto& row = certificates_.front();
  const auto jws = ParseCompactJws(*row.certificate.signature);
  ASSERT_TRUE(jws.ok());
  EXPECT_EQ(boost::json::serialize(jws->header),
            R"({"alg":"EdDSA","typ":"JWT","kid":")" + *row.certificate.key_id + R"("})");
  EXPECT_EQ(jws->signature.size(), 64u) << "Ed25519";
  const auto p = services().awards.Credential(Admin(), row.certificate.id)->payload;
  EXPECT_EQ(p.at("@context").as_array().at(0).as_string(), "https://www.w3.org/ns/credentials/v2");
  EXPECT_EQ(p.at("@context").as_array().at(1).as_string(), "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
  EXPECT_EQ(p.at("type").as_array().at(1).as_string(), "OpenBadgeCredential");
  EXPECT_EQ(p.at("id").as_string(), "http://127.0.0.1:8080/verify/" + row.certificate.public_id);
  EXPECT_EQ(p.at("jti"), p.at("id"));
  EXPECT_EQ(p.at("iss"), p.at("issuer").at("id"));
  EXPECT_EQ(p.at("sub"), p.at("credentialSubject").at("id"));
  EXPECT_EQ(p.at("issuer").at("type").as_array().at(0).as_string(), "Profile");
  EXPECT_EQ(p.at("issuer").at("name").as_string(), row.issuer_name);
  EXPECT_EQ(std::string(p.at("validFrom").as_string()).substr(0, 10), "2022-10-12") << "the demo's decisions were issued then";
  EXPECT_EQ(p.at("credentialSubject").at("achievement").at("name").as_string(), row.award_type_name);
  EXPECT_EQ(p.at("credentialSubject").at("achievement").at("criteria").at("narrative").as_string(), row.achievement);
  EXPECT_NE(p.at("evidence").at(0).at("name").as_string().find(row.decision_symbol), std::string::npos);

  // Readable by whoever reads the certificate; others learn nothing.
  const Caller stranger = CallerWith({});
  EXPECT_EQ(services().awards.Credential(stranger, row.certificate.id).error().code, "certificate_not_found");
}

TEST_F(Credentials, ChangingAnyByteOfACredentialMakesItFail) {
  const auto keys = Keys();
  const std::string jws = Jws(certificates_.front().certificate.id);
  ASSERT_TRUE(VerifyCredential(jws, keys).ok());
  const auto first_dot = jws.find('.'), second_dot = jws.rfind('.');
  std::map<std::string, int> tried;
  for (size_t i = 0; i < jws.size(); ++i) {
    const std::string part = i < first_dot ? "header" : i == first_dot || i == second_dot ? "dot" : i < second_dot ? "payload" : "signature";
    // Every other byte value at this position: base64url letters, the dot, and bytes outside the alphabet.
    for (const char replacement : {'A', 'B', 'Q', 'g', 'w', '_', '-', '.', '=', ' ', '\n', '\0', '\xff'}) {
      if (replacement == jws[i]) continue;
      std::string changed = jws;
      changed[i] = replacement;
      ASSERT_FALSE(VerifyCredential(changed, keys).ok()) << part << " byte " << i << " → " << int(replacement);
      ++tried[part];
    }
  }
  EXPECT_GT(tried["header"], 0);
  EXPECT_GT(tried["payload"], 0);
  EXPECT_GT(tried["signature"], 0);
  EXPECT_GT(tried["dot"], 0);
  // The last signature character carries 4 unused bits: a changed spelling of the same bytes is refused too.
  std::string spelled = jws;
  spelled.back() = static_cast<char>(spelled.back() ^ 1);
  EXPECT_FALSE(VerifyCredential(spelled, keys).ok());
  // Nothing added: a second line ending, or a trailing byte.
  EXPECT_TRUE(VerifyCredential(jws + "\n", keys).ok()) << "an editor's final line ending is allowed";
  EXPECT_FALSE(VerifyCredential(jws + "\n\n", keys).ok());
  EXPECT_FALSE(VerifyCredential(jws + "A", keys).ok());

  // A changed credential signed again with a key of one's own is refused: the key is not published.
  auto parsed = ParseCompactJws(jws);
  ASSERT_TRUE(parsed.ok());
  auto payload = boost::json::parse(parsed->payload).as_object();
  payload["credentialSubject"].as_object()["identifier"].as_array()[0].as_object()["identityHash"] = "Người khác";
  const auto forger = NewEd25519KeyPair();
  const auto forged = SignCompactJws(parsed->header, boost::json::serialize(payload), forger.secret_key);
  EXPECT_EQ(VerifyCredential(forged, keys).error().code, "signature_invalid") << "signed with another key under our kid";
  EXPECT_EQ(VerifyCredential(SignCompactJws(CredentialHeader("khac"), boost::json::serialize(payload), forger.secret_key), keys)
                .error()
                .code,
            "signing_key_unknown");
}

TEST_F(Credentials, RevocationMakesTheVerificationSayRevoked) {
  const auto& row = certificates_.front();
  int status = 0;
  auto before = PublicAnswer(row.certificate.public_id, &status);
  EXPECT_EQ(status, 200);
  EXPECT_EQ(before.at("status").as_string(), "genuine");
  EXPECT_TRUE(before.at("signature_valid").as_bool());
  EXPECT_FALSE(before.contains("revocation"));

  auto revoked = services().awards.RevokeDecision(Admin(), row.certificate.decision_id, "20/11/2022", "Khen thưởng sai đối tượng");
  ASSERT_TRUE(revoked.ok()) << revoked.error().message_en;
  auto after = PublicAnswer(row.certificate.public_id, &status);
  EXPECT_EQ(status, 200);
  EXPECT_EQ(after.at("status").as_string(), "revoked");
  EXPECT_EQ(after.at("revocation").at("revoked_on").as_string(), "2022-11-20");
  EXPECT_EQ(after.at("revocation").at("reason").as_string(), "Khen thưởng sai đối tượng");
  EXPECT_TRUE(after.at("signature_valid").as_bool()) << "revoked, but still the certificate that was issued";

  // Unknown ids, guessed or malformed, are unknown.
  PublicAnswer("AAAAAAAAAAAAAAAA", &status);
  EXPECT_EQ(status, 404);
  EXPECT_EQ(services().awards.VerifyPublicId("../../etc").error().code, "certificate_unknown");  // standalone: allowed (a traversal attempt)
}

TEST_F(Credentials, PublicIdsAreRandomAndUnguessable) {
  std::set<std::string> ids;
  for (const auto& row : certificates_) {
    const auto& id = row.certificate.public_id;
    EXPECT_EQ(id.size(), 16u) << "12 random bytes, base64url: 96 bits";
    EXPECT_EQ(id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), certificates_.size());
}

TEST_F(Credentials, RotationKeepsOldCertificatesValidAndSignsNewOnesWithTheNewKey) {
  const auto& old = certificates_.front();
  const std::string old_kid = *old.certificate.key_id;
  const int64_t audit = AuditCount();
  const Caller officer = CallerWith({RoleGrant{0, Role::kUnitAdmin, ward_, std::nullopt}});
  EXPECT_EQ(services().awards.RotateSigningKey(officer).error().code, "forbidden");
  auto rotated = services().awards.RotateSigningKey(Admin());
  ASSERT_TRUE(rotated.ok());
  EXPECT_NE(rotated->id, old_kid);
  EXPECT_EQ(AuditCount(), audit + 2) << "the retirement and the new key are audited";

  const auto keys = Keys();
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(std::count_if(keys.begin(), keys.end(), [&](const PublishedKey& k) { return k.kid == old_kid && k.status == "retired"; }), 1);
  EXPECT_TRUE(VerifyCredential(Jws(old.certificate.id), keys).ok()) << "the old certificate still verifies";
  EXPECT_TRUE(PublicAnswer(old.certificate.public_id).at("signature_valid").as_bool());

  const auto d = Issue(ProposalAwaitingSignature("XK"));
  ASSERT_EQ(d.beneficiaries.size(), 1u);
  const auto fresh = services().awards.GetCertificate(Admin(), *d.beneficiaries[0].certificate_id);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->certificate.key_id, rotated->id) << "new certificates are signed with the new key";
  const auto verified = VerifyCredential(Jws(fresh->certificate.id), keys);
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->key.kid, rotated->id);
  const auto answer = PublicAnswer(fresh->certificate.public_id);
  EXPECT_TRUE(answer.at("signature_valid").as_bool());
  EXPECT_EQ(answer.at("key_id").as_string(), rotated->id);
  // Without the old key in the set, the old certificate no longer verifies: the retired key is what keeps it.
  std::vector<PublishedKey> only_new;
  for (const auto& k : keys)
    if (k.kid == rotated->id) only_new.push_back(k);
  EXPECT_EQ(VerifyCredential(Jws(old.certificate.id), only_new).error().code, "signing_key_unknown");
}

TEST_F(Credentials, ThePublicAnswerHasNoPersonalData) {
  // An individual's certificate: the person behind it has a birth year and contacts on file.
  const CertificateRow* individual = nullptr;
  Beneficiary beneficiary;
  for (const auto& row : certificates_) {
    const auto d = services().awards.GetDecision(Admin(), row.certificate.decision_id).value();
    for (const auto& b : d.beneficiaries)
      if (b.id == row.certificate.beneficiary_id && b.subject == Subject::kIndividual && b.person_id) {
        individual = &row;
        beneficiary = b;
      }
  }
  ASSERT_NE(individual, nullptr) << "the demo rewards three individuals";
  auto person = services().community.GetPerson(Admin(), *beneficiary.person_id);
  ASSERT_TRUE(person.ok());
  auto patch = services().community.PatchPerson(Admin(), person->person.id,
                                                PersonPatch{.birth_year = 1968, .phone = "0912345678", .email = "ba@example.vn",
                                                            .address = "Số 5 phố Hàng Khay"});
  ASSERT_TRUE(patch.ok()) << patch.error().message_en;

  const auto answer = PublicAnswer(individual->certificate.public_id);
  std::set<std::string> keys;
  for (const auto& [k, _] : answer) keys.insert(std::string(k));
  EXPECT_EQ(keys, (std::set<std::string>{"status", "certificate", "decision", "signature_valid", "key_id"}));
  std::set<std::string> certificate_keys, decision_keys;
  for (const auto& [k, _] : answer.at("certificate").as_object()) certificate_keys.insert(std::string(k));
  for (const auto& [k, _] : answer.at("decision").as_object()) decision_keys.insert(std::string(k));
  EXPECT_EQ(certificate_keys, (std::set<std::string>{"public_id", "beneficiary_name", "award_type_name", "achievement", "issued_at"}));
  EXPECT_EQ(decision_keys, (std::set<std::string>{"symbol", "decided_on", "issuer_name", "signer_title", "signer_name"}));
  const std::string text = boost::json::serialize(answer);
  EXPECT_EQ(answer.at("certificate").at("beneficiary_name").as_string(), individual->beneficiary_name);
  for (const char* secret : {"1968", "0912345678", "ba@example.vn", "Hàng Khay"})
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  // The signed credential names the recipient and the achievement only, too.
  const std::string jws = Jws(individual->certificate.id);
  const std::string payload = ParseCompactJws(jws)->payload;
  for (const char* secret : {"1968", "0912345678", "ba@example.vn", "Hàng Khay"})
    EXPECT_EQ(payload.find(secret), std::string::npos) << secret;
}

}  // namespace
}  // namespace danvan
