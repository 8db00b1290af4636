#include "core/jws.hpp"

#include "core/crypto.hpp"

#include <boost/json.hpp>

namespace danvan {
namespace {

Error Malformed(std::string vi, std::string en) {
  return MakeError(ErrorKind::kInvalidInput, "credential_malformed", "Chứng nhận điện tử không đúng định dạng: " + vi,
                   "The credential is malformed: " + en);
}

}  // namespace

std::string SignCompactJws(const boost::json::object& header, std::string_view payload, std::string_view secret_key) {
  std::string input = Base64Url(boost::json::serialize(header)) + "." + Base64Url(payload);
  const std::string signature = Ed25519Sign(secret_key, input);
  return input + "." + Base64Url(signature);
}

std::string CompactJws::kid() const {
  const auto* k = header.if_contains("kid");
  return k && k->is_string() ? std::string(k->as_string()) : std::string();
}

Result<CompactJws> ParseCompactJws(std::string_view text) {
  if (text.ends_with('\n')) text.remove_suffix(1);
  if (text.ends_with('\r')) text.remove_suffix(1);
  const auto first = text.find('.');
  const auto second = first == std::string_view::npos ? first : text.find('.', first + 1);
  if (second == std::string_view::npos || text.find('.', second + 1) != std::string_view::npos)
    return Malformed("cần đúng ba phần cách nhau bởi dấu chấm.", "a compact JWS has exactly three dot-separated parts.");
  const auto header_text = FromBase64Url(text.substr(0, first));
  const auto payload = FromBase64Url(text.substr(first + 1, second - first - 1));
  const auto signature = FromBase64Url(text.substr(second + 1));
  if (!header_text || !payload || !signature || header_text->empty() || payload->empty())
    return Malformed("một phần không phải base64url hợp lệ.", "a part is not valid base64url.");
  boost::system::error_code ec;
  auto header = boost::json::parse(*header_text, ec);
  if (ec || !header.is_object()) return Malformed("phần đầu không phải đối tượng JSON.", "the header is not a JSON object.");
  const auto& h = header.as_object();
  const auto* alg = h.if_contains("alg");
  if (!alg || !alg->is_string() || alg->as_string() != "EdDSA")
    return Malformed("thuật toán ký phải là EdDSA.", "the signing algorithm must be EdDSA.");
  if (h.contains("crit")) return Malformed("phần đầu có tham số \"crit\" không được hỗ trợ.", "the header has an unsupported \"crit\".");
  CompactJws out;
  out.header = h;
  out.payload = *payload;
  out.signing_input = std::string(text.substr(0, second));
  out.signature = *signature;
  return out;
}

bool VerifyCompactJws(const CompactJws& jws, std::string_view public_key) {
  return Ed25519Verify(public_key, jws.signing_input, jws.signature);
}

}  // namespace danvan
