// Certificates as signed Open Badges 3.0 credentials: signing when a decision is issued, the download, the public
// verification by public id, and the check of a credential file.

#include "core/crypto.hpp"
#include "core/jws.hpp"
#include "services/awards.hpp"

#include <boost/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace danvan {
namespace {

// Secret keys are kept base64url-encoded; a broken one is a broken installation, not a user's mistake.
std::string SecretBytes(const SigningKey& key) {
  auto secret = FromBase64Url(key.secret_key);
  if (!secret || secret->size() != crypto_sign_SECRETKEYBYTES)
    throw std::runtime_error("signing key " + key.id + " has a malformed secret");
  return *secret;
}

std::vector<PublishedKey> Published(const std::vector<SigningKey>& keys) {
  std::vector<PublishedKey> out;
  for (const auto& k : keys)
    if (auto pk = FromBase64Url(k.public_key)) out.push_back(PublishedKey{k.id, *pk, k.status, k.created_at, k.retired_at});
  return out;
}

Error CertificateUnknown() {
  return MakeError(ErrorKind::kNotFound, "certificate_unknown", "Không tìm thấy giấy khen có mã này.",
                   "No certificate has this id.");
}

Error CredentialNotFound() {
  return MakeError(ErrorKind::kNotFound, "credential_not_found", "Giấy khen này chưa có chứng nhận điện tử đã ký.",
                   "This certificate has no signed credential.");
}

}  // namespace

std::function<void(Certificate&, const Beneficiary&)> AwardService::CertificateSigner(Tx& tx, const Decision& d,
                                                                                        const Issuer& issuer) {
  const SigningKey key = ActiveSigningKey(tx);
  std::vector<int64_t> type_ids;
  for (const auto& b : d.beneficiaries) type_ids.push_back(b.award_type_id);
  std::map<int64_t, std::string> type_names;
  for (const auto& t : awards_.FindAwardTypes(tx, type_ids)) type_names[t.id] = t.name;
  return [this, key, type_names = std::move(type_names), &d, &issuer](Certificate& c, const Beneficiary& b) {
    CredentialFacts f;
    f.public_url = settings_.public_url;
    f.public_id = c.public_id;
    f.issuer_id = issuer.id;
    f.issuer_name = issuer.name;
    f.beneficiary_name = b.name;
    const auto type = type_names.find(b.award_type_id);
    f.award_type_name = type == type_names.end() ? "" : type->second;
    f.achievement = b.achievement;
    f.decision_symbol = d.symbol;
    f.decided_on = d.decided_on;
    f.issued_at = c.issued_at;
    std::string secret = SecretBytes(key);
    c.signature = SignCompactJws(CredentialHeader(key.id), boost::json::serialize(CredentialPayload(f)), secret);
    sodium_memzero(secret.data(), secret.size());
    c.key_id = key.id;
  };
}

Result<SignedCredential> AwardService::Credential(const Caller& caller, int64_t certificate_id) {
  const auto row = DANVAN_TRY(GetCertificate(caller, certificate_id));
  const auto& c = row.certificate;
  if (!c.signature || !c.key_id) return CredentialNotFound();
  const auto jws = ParseCompactJws(*c.signature);
  if (!jws) return CredentialNotFound();
  boost::system::error_code ec;
  auto payload = boost::json::parse(jws->payload, ec);
  if (ec || !payload.is_object()) return CredentialNotFound();
  return SignedCredential{c.public_id, *c.signature, *c.key_id, std::move(payload.as_object())};
}

Result<PublicVerification> AwardService::VerifyPublicId(const std::string& public_id) {
  // Public ids are RandomPublicId(12): 16 base64url characters. Anything else was never issued.
  if (public_id.empty() || public_id.size() > 64 || !FromBase64Url(public_id)) return CertificateUnknown();
  return db_.Run<PublicVerification>(TxMode::kRead, [&](Tx& tx) -> Result<PublicVerification> {
    auto row = awards_.FindCertificateByPublicId(tx, public_id);
    if (!row) return CertificateUnknown();
    const auto decision = awards_.FindDecision(tx, row->certificate.decision_id);
    PublicVerification v;
    v.certificate = *row;
    if (decision) {
      v.signer_title = decision->signer_title;
      v.signer_name = decision->signer_name;
    }
    if (row->certificate.signature) {
      // The stored credential must verify against a published key and name this very certificate.
      const auto verified = VerifyCredential(*row->certificate.signature, Published(awards_.SigningKeys(tx)));
      v.signature_valid = verified.ok() && verified->summary.public_id == public_id;
      v.key_id = row->certificate.key_id.value_or("");
    }
    return v;
  });
}

Result<std::vector<PublishedKey>> AwardService::PublishedKeys() {
  return db_.Run<std::vector<PublishedKey>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<PublishedKey>> {
    return Published(awards_.SigningKeys(tx));
  });
}

}  // namespace danvan
