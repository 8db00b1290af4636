#pragma once
//! Compact JSON Web Signatures (RFC 7515) with EdDSA over Ed25519 (RFC 8037): how certificates' credentials
//! are signed and checked.

#include "core/error.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

namespace danvan {

//! "BASE64URL(header).BASE64URL(payload).BASE64URL(signature)", signed with `alg` EdDSA. The header is serialised
//! as given (add "alg" and "kid" yourself); the payload's bytes are signed as they are.
std::string SignCompactJws(const boost::json::object& header, std::string_view payload, std::string_view secret_key);

//! A compact JWS taken apart, not yet verified.
struct CompactJws {
  boost::json::object header;  //!< the decoded JOSE header
  std::string payload;         //!< the decoded payload bytes
  std::string signing_input;   //!< "BASE64URL(header).BASE64URL(payload)": what the signature covers
  std::string signature;       //!< raw bytes
  std::string kid() const;     //!< the header's "kid", or "" when absent
};

//! Parses a compact JWS strictly: three base64url parts in their one canonical spelling, a JSON object header
//! with "alg": "EdDSA" and no "crit". One optional line ending after it is allowed (a file saved by an editor);
//! nothing else. Errors carry the code credential_malformed.
Result<CompactJws> ParseCompactJws(std::string_view text);

//! True when the JWS is signed by the 32-byte Ed25519 `public_key`.
bool VerifyCompactJws(const CompactJws& jws, std::string_view public_key);

}  // namespace danvan
