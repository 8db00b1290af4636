// A signed credential (compact JWS) and a published key set, as `danvan verify` and the public verification read
// them: the input is "JWKS\nJWS" or a JWS alone against the fixed key below.

#include "domain/credential.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

// RFC 8037's example Ed25519 key (public part), as a key set.
constexpr std::string_view kJwks =
    R"({"keys":[{"kty":"OKP","crv":"Ed25519","kid":"rfc8037","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  static const auto fixed = danvan::ParseJwks(kJwks);
  const auto newline = input.find('\n');
  if (newline != std::string_view::npos) {
    auto keys = danvan::ParseJwks(input.substr(0, newline));
    if (keys.ok()) (void)danvan::VerifyCredential(input.substr(newline + 1), *keys);
  }
  if (fixed.ok()) (void)danvan::VerifyCredential(input, fixed.value());
  (void)danvan::ReadCredential(input);
  return 0;
}
