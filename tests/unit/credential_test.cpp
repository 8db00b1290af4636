// Credentials as pure functions: JWS with EdDSA against RFC 8037's own example, base64url in one spelling, the
// Open Badges 3.0 payload and its claims, and the checks a verifier makes.

#include "core/crypto.hpp"
#include "core/jws.hpp"
#include "domain/credential.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace danvan {
namespace {

// RFC 8037, Appendix A: the Ed25519 key (A.1) and the JWS of "Example of Ed25519 signing" (A.4).
constexpr std::string_view kRfcSeed = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
constexpr std::string_view kRfcPublic = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
constexpr std::string_view kRfcJws =
    "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

CredentialFacts Facts() {
  CredentialFacts f;
  f.public_url = "https://danvan.example.vn";
  f.public_id = "Pq15uGQD6hUpJ4aX";
  f.issuer_id = 4;
  f.issuer_name = "Ban Dân vận Quận ủy Hoàn Kiếm";
  f.beneficiary_name = "Tổ dân vận số 3";
  f.award_type_name = "Giấy khen (tập thể)";
  f.achievement = "Đã có thành tích xuất sắc trong công tác dân vận năm 2022";
  f.decision_symbol = "1-QĐ/BDVQU";
  f.decided_on = Date::FromYmd(2022, 10, 12);
  f.issued_at = "2022-10-12T02:00:00.000Z";
  return f;
}

TEST(Jws, SignsRfc8037sExampleByteForByte) {
  const std::string secret = *FromBase64Url(kRfcSeed) + *FromBase64Url(kRfcPublic);  // libsodium: seed ‖ public key
  EXPECT_EQ(SignCompactJws(boost::json::object{{"alg", "EdDSA"}}, "Example of Ed25519 signing", secret), kRfcJws);
  const auto jws = ParseCompactJws(kRfcJws);
  ASSERT_TRUE(jws.ok());
  EXPECT_EQ(jws->payload, "Example of Ed25519 signing");
  EXPECT_TRUE(VerifyCompactJws(jws.value(), *FromBase64Url(kRfcPublic)));
  EXPECT_FALSE(VerifyCompactJws(jws.value(), NewEd25519KeyPair().public_key));
}

TEST(Jws, RefusesWhatIsNotOneStrictCompactEdDsaJws) {
  EXPECT_EQ(ParseCompactJws("a.b").error().code, "credential_malformed");
  EXPECT_EQ(ParseCompactJws(std::string(kRfcJws) + ".x").error().code, "credential_malformed");
  EXPECT_EQ(ParseCompactJws(std::string(kRfcJws) + "=").error().code, "credential_malformed") << "no padding";
  const std::string hs256 = Base64Url(R"({"alg":"HS256"})") + ".cGF5bG9hZA.c2ln";
  EXPECT_EQ(ParseCompactJws(hs256).error().code, "credential_malformed") << "EdDSA only";
  const std::string none = Base64Url(R"({"alg":"none"})") + ".cGF5bG9hZA.";
  EXPECT_EQ(ParseCompactJws(none).error().code, "credential_malformed");
  const std::string crit = Base64Url(R"({"alg":"EdDSA","crit":["x"],"x":1})") + ".cGF5bG9hZA.c2ln";
  EXPECT_EQ(ParseCompactJws(crit).error().code, "credential_malformed");
  EXPECT_TRUE(ParseCompactJws(std::string(kRfcJws) + "\n").ok()) << "an editor's final line ending";
  EXPECT_TRUE(ParseCompactJws(std::string(kRfcJws) + "\r\n").ok());
  EXPECT_FALSE(ParseCompactJws(std::string(kRfcJws) + "\n\n").ok());
}

TEST(Jws, Base64UrlHasOneSpellingPerByteString) {
  EXPECT_EQ(FromBase64Url("QQ"), std::optional<std::string>("A"));
  EXPECT_FALSE(FromBase64Url("QR")) << "the unused low bits of the last character must be zero";
  EXPECT_FALSE(FromBase64Url("QQ=="));
  EXPECT_FALSE(FromBase64Url("Q Q"));
  EXPECT_FALSE(FromBase64Url("Q+"));
  EXPECT_EQ(FromBase64Url(""), std::optional<std::string>(""));
}

TEST(Credential, IsAnOpenBadgeCredentialWithItsJwtClaims) {
  const auto p = CredentialPayload(Facts());
  EXPECT_EQ(p.at("id").as_string(), "https://danvan.example.vn/verify/Pq15uGQD6hUpJ4aX");
  EXPECT_EQ(p.at("jti"), p.at("id"));
  EXPECT_EQ(p.at("iss").as_string(), "https://danvan.example.vn/issuers/4");
  EXPECT_EQ(p.at("iss"), p.at("issuer").at("id"));
  EXPECT_EQ(p.at("sub"), p.at("credentialSubject").at("id"));
  EXPECT_EQ(p.at("validFrom").as_string(), "2022-10-12T02:00:00Z");
  EXPECT_EQ(p.at("nbf").as_int64(), 1665540000) << "2022-10-12T02:00:00Z in seconds";
  EXPECT_EQ(p.at("credentialSubject").at("identifier").at(0).at("identityHash").as_string(), "Tổ dân vận số 3");
  EXPECT_EQ(p.at("evidence").at(0).at("name").as_string(), "Quyết định số 1-QĐ/BDVQU ngày 12/10/2022");
  EXPECT_EQ(boost::json::serialize(CredentialHeader("abc")), R"({"alg":"EdDSA","typ":"JWT","kid":"abc"})");

  const auto s = ReadCredential(boost::json::serialize(p));
  ASSERT_TRUE(s.ok()) << s.error().message_en;
  EXPECT_EQ(s->public_id, "Pq15uGQD6hUpJ4aX");
  EXPECT_EQ(s->beneficiary_name, "Tổ dân vận số 3");
  EXPECT_EQ(s->award_type_name, "Giấy khen (tập thể)");
}

TEST(Credential, ClaimsMustMatchTheCredential) {
  for (const auto& [key, value] : std::vector<std::pair<std::string, boost::json::value>>{
           {"jti", "https://danvan.example.vn/verify/other"},
           {"iss", "https://elsewhere.example/issuers/4"},
           {"sub", "https://danvan.example.vn/verify/other#recipient"},
           {"nbf", 1665540001}}) {
    auto p = CredentialPayload(Facts());
    p[key] = value;
    EXPECT_EQ(ReadCredential(boost::json::serialize(p)).error().code, "credential_malformed") << key;
  }
  auto p = CredentialPayload(Facts());
  p["type"] = boost::json::array{"VerifiableCredential"};
  EXPECT_FALSE(ReadCredential(boost::json::serialize(p)).ok()) << "an OpenBadgeCredential";
  EXPECT_FALSE(ReadCredential("[1]").ok());
}

TEST(Credential, VerifiesAgainstPublishedKeysOnly) {
  const auto key = NewEd25519KeyPair();
  const std::string jws = SignCompactJws(CredentialHeader("k1"), boost::json::serialize(CredentialPayload(Facts())), key.secret_key);
  const std::vector<PublishedKey> keys{{"k1", key.public_key, "retired", "", std::nullopt}};
  const auto v = VerifyCredential(jws, keys);
  ASSERT_TRUE(v.ok()) << v.error().message_en;
  EXPECT_EQ(v->key.status, "retired") << "retired keys still verify what they signed";
  EXPECT_EQ(VerifyCredential(jws, {}).error().code, "signing_key_unknown");
  const std::vector<PublishedKey> other{{"k1", NewEd25519KeyPair().public_key, "active", "", std::nullopt}};
  EXPECT_EQ(VerifyCredential(jws, other).error().code, "signature_invalid");

  const std::string jwks = R"({"keys":[{"kty":"RSA","kid":"r","n":"x","e":"AQAB"},{"kty":"OKP","crv":"Ed25519","kid":"k1","x":")" +
                           Base64Url(key.public_key) + R"(","status":"active"}]})";
  const auto parsed = ParseJwks(jwks);
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->size(), 1u) << "only Ed25519 keys";
  EXPECT_TRUE(VerifyCredential(jws, parsed.value()).ok());
  EXPECT_EQ(ParseJwks("{}").error().code, "jwks_invalid");
  EXPECT_EQ(ParseJwks(R"({"keys":[{"kty":"OKP","crv":"Ed25519","kid":"k","x":"short"}]})").error().code, "jwks_invalid");
}

}  // namespace
}  // namespace danvan
