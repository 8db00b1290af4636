#include "domain/credential.hpp"

#include "core/crypto.hpp"
#include "core/jws.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <chrono>
#include <algorithm>
#include <cstdio>

namespace danvan {
namespace {

namespace json = boost::json;

constexpr std::string_view kVerifyPath = "/verify/";

// "2022-10-13T02:00:00.000Z" or "2022-10-13T02:00:00Z" → seconds since 1970; nullopt when not that shape.
std::optional<int64_t> EpochSeconds(std::string_view utc) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, used = 0;
  const std::string text(utc);
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &used) != 6 || used != 19)
    return std::nullopt;
  const std::string_view rest = utc.substr(19);
  if (rest != "Z" && rest != ".000Z" && !(rest.size() == 5 && rest[0] == '.' && rest.back() == 'Z')) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  return std::chrono::sys_days(ymd).time_since_epoch() / std::chrono::seconds(1) + h * 3600 + mi * 60 + s;
}

Error Malformed(std::string vi, std::string en) {
  return MakeError(ErrorKind::kInvalidInput, "credential_malformed", "Chứng nhận điện tử không đúng định dạng: " + vi,
                   "The credential is malformed: " + en);
}

const json::value* At(const json::value& v, std::initializer_list<std::string_view> path) {
  const json::value* cur = &v;
  for (auto key : path) {
    if (!cur->is_object()) return nullptr;
    cur = cur->as_object().if_contains(key);
    if (!cur) return nullptr;
  }
  return cur;
}

std::string Str(const json::value& v, std::initializer_list<std::string_view> path) {
  const auto* x = At(v, path);
  return x && x->is_string() ? std::string(x->as_string()) : std::string();
}

}  // namespace

std::string CredentialId(std::string_view public_url, std::string_view public_id) {
  return fmt::format("{}{}{}", public_url, kVerifyPath, public_id);
}

json::object CredentialHeader(const std::string& kid) { return {{"alg", "EdDSA"}, {"typ", "JWT"}, {"kid", kid}}; }

json::object CredentialPayload(const CredentialFacts& f) {
  const std::string id = CredentialId(f.public_url, f.public_id);
  const std::string issuer_id = fmt::format("{}/issuers/{}", f.public_url, f.issuer_id);
  const std::string subject_id = id + "#recipient";
  // Seconds are enough, and nbf must equal validFrom.
  const std::string valid_from = f.issued_at.substr(0, 19) + "Z";
  const std::string decision = fmt::format("Quyết định số {} ngày {}", f.decision_symbol, f.decided_on.Vietnamese());
  json::object credential{
      {"@context", json::array{"https://www.w3.org/ns/credentials/v2",
                               "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}},
      {"id", id},
      {"type", json::array{"VerifiableCredential", "OpenBadgeCredential"}},
      {"issuer", json::object{{"id", issuer_id}, {"type", json::array{"Profile"}}, {"name", f.issuer_name}}},
      {"validFrom", valid_from},
      {"name", f.award_type_name},
      {"description", fmt::format("{} tặng {} theo {} của {}.", f.award_type_name, f.beneficiary_name, decision,
                                  f.issuer_name)},
      {"credentialSubject",
       json::object{
           {"id", subject_id},
           {"type", json::array{"AchievementSubject"}},
           // Open Badges names a recipient by an identity object; a name is not hashed (it is printed anyway).
           {"identifier", json::array{json::object{{"type", "IdentityObject"},
                                                   {"identityHash", f.beneficiary_name},
                                                   {"identityType", "name"},
                                                   {"hashed", false}}}},
           {"achievement", json::object{{"id", id + "#achievement"},
                                        {"type", json::array{"Achievement"}},
                                        {"achievementType", "Award"},
                                        {"name", f.award_type_name},
                                        {"description", f.achievement},
                                        {"criteria", json::object{{"narrative", f.achievement}}}}}}},
      {"evidence", json::array{json::object{{"type", json::array{"Evidence"}},
                                            {"name", decision},
                                            {"description", fmt::format("{} của {}", decision, f.issuer_name)},
                                            {"genre", "Quyết định khen thưởng"}}}},
  };
  credential["iss"] = issuer_id;
  credential["jti"] = id;
  credential["sub"] = subject_id;
  credential["nbf"] = EpochSeconds(valid_from).value_or(0);
  return credential;
}

Result<CredentialSummary> ReadCredential(std::string_view payload) {
  boost::system::error_code ec;
  const auto v = json::parse(payload, ec);
  if (ec || !v.is_object()) return Malformed("nội dung không phải đối tượng JSON.", "the payload is not a JSON object.");
  const auto* types = At(v, {"type"});
  bool open_badge = false;
  if (types && types->is_array())
    for (const auto& t : types->as_array()) open_badge |= t.is_string() && t.as_string() == "OpenBadgeCredential";
  if (!open_badge) return Malformed("không phải OpenBadgeCredential.", "not an OpenBadgeCredential.");
  CredentialSummary s;
  s.id = Str(v, {"id"});
  s.valid_from = Str(v, {"validFrom"});
  const auto* nbf = At(v, {"nbf"});
  const auto from = EpochSeconds(s.valid_from);
  if (s.id.empty() || Str(v, {"jti"}) != s.id || Str(v, {"iss"}).empty() || Str(v, {"iss"}) != Str(v, {"issuer", "id"}) ||
      Str(v, {"sub"}).empty() || Str(v, {"sub"}) != Str(v, {"credentialSubject", "id"}) || !nbf || !nbf->is_int64() ||
      !from || nbf->as_int64() != *from)
    return Malformed("các trường iss, jti, sub, nbf không khớp với nội dung.",
                     "the claims iss, jti, sub and nbf do not match the credential.");
  const auto at = s.id.rfind(kVerifyPath);
  if (at == std::string::npos || at + kVerifyPath.size() == s.id.size())
    return Malformed("mã định danh không có dạng …/verify/{mã}.", "the id does not read …/verify/{public id}.");
  s.public_id = s.id.substr(at + kVerifyPath.size());
  s.issuer_name = Str(v, {"issuer", "name"});
  if (const auto* ids = At(v, {"credentialSubject", "identifier"}); ids && ids->is_array() && !ids->as_array().empty())
    s.beneficiary_name = Str(ids->as_array().front(), {"identityHash"});
  s.award_type_name = Str(v, {"credentialSubject", "achievement", "name"});
  s.achievement = Str(v, {"credentialSubject", "achievement", "description"});
  if (const auto* ev = At(v, {"evidence"}); ev && ev->is_array() && !ev->as_array().empty())
    s.decision = Str(ev->as_array().front(), {"name"});
  return s;
}

Result<std::vector<PublishedKey>> ParseJwks(std::string_view text) {
  const auto bad = [] {
    return MakeError(ErrorKind::kInvalidInput, "jwks_invalid",
                     "Tệp khóa công khai không phải tập JWK (như /.well-known/jwks.json).",
                     "The key file is not a JWK Set (as /.well-known/jwks.json).");
  };
  boost::system::error_code ec;
  const auto v = json::parse(text, ec);
  const auto* keys = ec ? nullptr : At(v, {"keys"});
  if (!keys || !keys->is_array()) return bad();
  std::vector<PublishedKey> out;
  for (const auto& k : keys->as_array()) {
    if (Str(k, {"kty"}) != "OKP" || Str(k, {"crv"}) != "Ed25519" || Str(k, {"kid"}).empty()) continue;
    auto x = FromBase64Url(Str(k, {"x"}));
    if (!x || x->size() != 32) return bad();
    out.push_back(PublishedKey{Str(k, {"kid"}), *x, Str(k, {"status"}), "", std::nullopt});
  }
  return out;
}

Result<VerifiedCredential> VerifyCredential(std::string_view text, const std::vector<PublishedKey>& keys) {
  const auto jws = DANVAN_TRY(ParseCompactJws(text));
  const std::string kid = jws.kid();
  const auto key = std::find_if(keys.begin(), keys.end(), [&](const PublishedKey& k) { return k.kid == kid; });
  if (kid.empty() || key == keys.end())
    return MakeError(ErrorKind::kInvalidInput, "signing_key_unknown",
                     "Chứng nhận được ký bằng một khóa không có trong danh sách khóa công khai.",
                     "The credential is signed by a key that is not among the published keys.")
        .WithDetail("kid", json::string(kid));
  if (!VerifyCompactJws(jws, key->public_key))
    return MakeError(ErrorKind::kInvalidInput, "signature_invalid",
                     "Chữ ký không hợp lệ: chứng nhận đã bị sửa đổi hoặc không do đơn vị này cấp.",
                     "The signature does not verify: the credential was altered or not issued here.")
        .WithDetail("kid", json::string(kid));
  return VerifiedCredential{DANVAN_TRY(ReadCredential(jws.payload)), *key};
}

}  // namespace danvan
