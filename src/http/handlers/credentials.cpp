// Signed certificates: the credential download, the public verification by public id, and rotating the key that
// signs them (the keys themselves are published at /.well-known/jwks.json, in handlers/awards.cpp).

#include "http/auth.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json.hpp"
#include "http/params.hpp"

#include <boost/json.hpp>

namespace danvan::http {
namespace {

namespace json = boost::json;

// Only what the certificate itself prints, and its decision: never contacts, birth years or internal ids.
json::object VerificationJson(const PublicVerification& v) {
  const auto& row = v.certificate;
  const auto& c = row.certificate;
  const bool revoked = c.status == CertificateStatus::kRevoked;
  json::object out{
      {"status", revoked ? "revoked" : "genuine"},
      {"certificate", json::object{{"public_id", c.public_id}, {"beneficiary_name", row.beneficiary_name},
                                   {"award_type_name", row.award_type_name}, {"achievement", row.achievement},
                                   {"issued_at", c.issued_at}}},
      {"decision", json::object{{"symbol", row.decision_symbol}, {"decided_on", row.decided_on.Iso()},
                                {"issuer_name", row.issuer_name}, {"signer_title", v.signer_title},
                                {"signer_name", v.signer_name}}},
      {"signature_valid", v.signature_valid},
      {"key_id", v.key_id.empty() ? json::value(nullptr) : json::value(v.key_id)},
  };
  if (revoked)
    out["revocation"] = json::object{{"revoked_on", c.revoked_on ? json::value(c.revoked_on->Iso()) : nullptr},
                                     {"reason", c.revocation_reason}};
  return out;
}

}  // namespace

void AddCredentialRoutes(Router& router, Services& services) {
  auto& aw = services.awards;

  router.Add("GET", "/api/v1/certificates/{id}/credential", Authed(services, [&aw](Request& req, const Caller& c) -> Result<Response> {
    const auto credential = DANVAN_TRY(aw.Credential(c, DANVAN_TRY(PathId(req))));
    const auto format = req.Query("format");
    if (format && *format == "json") {
      auto r = JsonResponse(200, credential.payload);
      r.SetHeader("Cache-Control", "private, no-store");
      return r;
    }
    Response r;
    r.content_type = "application/vc+jwt";
    r.body = credential.jws;  // the bytes signed at issue, unchanged
    r.SetHeader("Content-Disposition", "attachment; filename=\"certificate-" + credential.public_id + ".jwt\"");
    r.SetHeader("Cache-Control", "private, no-store");
    return r;
  }));

  // Public: what the QR code on a certificate leads to. A revocation must show at once, hence no caching.
  router.Add("GET", "/api/v1/public/verify/{public_id}", [&aw](Request& req) -> Result<Response> {
    auto r = JsonResponse(200, VerificationJson(DANVAN_TRY(aw.VerifyPublicId(req.path_params["public_id"]))));
    r.SetHeader("Cache-Control", "no-cache");
    return r;
  });

  router.Add("POST", "/api/v1/signing-keys/rotation", Authed(services, [&aw](Request&, const Caller& c) -> Result<Response> {
    const auto key = DANVAN_TRY(aw.RotateSigningKey(c));
    return JsonResponse(201, {{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", key.public_key}, {"kid", key.id},
                              {"alg", "EdDSA"}, {"use", "sig"}, {"status", key.status}});
  }));
}

}  // namespace danvan::http
