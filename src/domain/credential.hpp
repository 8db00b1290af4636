#pragma once
//! A certificate as an Open Badges 3.0 credential (OpenBadgeCredential, W3C VC data model 2.0), in the JSON Web
//! Token proof format: the payload signed as a compact JWS (core/jws.hpp). Pure: no keys, no database.

#include "core/date.hpp"
#include "core/error.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace danvan {

//! What a certificate's credential states, from the decision that awarded it.
struct CredentialFacts {
  std::string public_url;  //!< where the public reaches the service, no trailing slash: "https://danvan.example.vn"
  std::string public_id;   //!< the certificate's public id
  int64_t issuer_id = 0;
  std::string issuer_name;       //!< "Đảng ủy phường Lý Thái Tổ"
  std::string beneficiary_name;  //!< "Tổ dân vận số 3"
  std::string award_type_name;   //!< "Giấy khen của Đảng ủy (tập thể)"
  std::string achievement;       //!< the nominee's achievement summary
  std::string decision_symbol;   //!< "12-QĐ/ĐU"
  Date decided_on;
  std::string issued_at;  //!< the certificate's issue instant as stored: "2022-10-13T02:00:00.000Z"
};

//! The credential's id, which is also the page that verifies it: {public_url}/verify/{public_id}.
std::string CredentialId(std::string_view public_url, std::string_view public_id);

//! The JWT payload: the OpenBadgeCredential with the JWT claims of Open Badges 3.0 §8.2 beside its members
//! (iss = issuer.id, jti = id, sub = credentialSubject.id, nbf = validFrom in seconds).
boost::json::object CredentialPayload(const CredentialFacts& facts);

//! The JOSE header of a credential signed by the key `kid`: {"alg":"EdDSA","typ":"JWT","kid":…}.
boost::json::object CredentialHeader(const std::string& kid);

//! What a signed credential says, read back from its payload.
struct CredentialSummary {
  std::string id;  //!< {public_url}/verify/{public_id}
  std::string public_id;
  std::string issuer_name;
  std::string beneficiary_name;
  std::string award_type_name;
  std::string achievement;
  std::string decision;  //!< "Quyết định số 12-QĐ/ĐU ngày 12/10/2022"
  std::string valid_from;
};

//! Reads a credential payload and checks that it is one of ours and consistent: an OpenBadgeCredential whose JWT
//! claims match its members (iss, jti, sub, nbf), with an id ending in /verify/{public id}. Errors carry the code
//! credential_malformed.
Result<CredentialSummary> ReadCredential(std::string_view payload);

//! A published signing key: one JWK of the set at /.well-known/jwks.json.
struct PublishedKey {
  std::string kid;
  std::string public_key;  //!< raw, 32 bytes
  std::string status;      //!< active | retired
  std::string created_at;  //!< when known (the database's keys)
  std::optional<std::string> retired_at;
};

//! The Ed25519 keys of a JWK Set (RFC 7517; kty OKP, crv Ed25519, RFC 8037), as /.well-known/jwks.json publishes
//! them. Errors carry the code jwks_invalid.
Result<std::vector<PublishedKey>> ParseJwks(std::string_view json);

//! A credential whose signature verified, and the key that made it.
struct VerifiedCredential {
  CredentialSummary summary;
  PublishedKey key;
};

//! Verifies a signed credential (compact JWS) against the published keys: the header's kid must name one of them,
//! the EdDSA signature must verify, and the payload must read as a credential (ReadCredential). Changing any byte
//! of the text fails one of these. Errors: credential_malformed, signing_key_unknown, signature_invalid.
Result<VerifiedCredential> VerifyCredential(std::string_view jws, const std::vector<PublishedKey>& keys);

}  // namespace danvan
