#include "http/json.hpp"

#include "core/text.hpp"

#include <boost/json/stream_parser.hpp>
#include <boost/json/serialize.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace danvan::http {
namespace {

// Line and column (1-based, in bytes) of a byte offset, to tell a user where a JSON text went wrong.
std::pair<size_t, size_t> Position(std::string_view text, size_t offset) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

}  // namespace

Result<boost::json::object> ParseJsonObject(const Request& request) {
  const auto type = request.Header("content-type").value_or("");
  // Media types compare case-insensitively, and spaces may stand before the parameters.
  std::string media(type.substr(0, type.find(';')));
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.pop_back();
  std::transform(media.begin(), media.end(), media.begin(), [](unsigned char c) { return std::tolower(c); });
  if (media != "application/json")
    return MakeError(ErrorKind::kUnsupportedMediaType, "unsupported_media_type",
                     "Nội dung gửi lên phải là JSON (Content-Type: application/json).",
                     "The request body must be JSON (Content-Type: application/json).")
        .WithDetail("content_type", boost::json::string(type));
  if (!IsValidUtf8(request.body))
    return MakeError(ErrorKind::kInvalidInput, "invalid_utf8", "Nội dung gửi lên không phải UTF-8 hợp lệ.",
                     "The request body is not valid UTF-8.");
  boost::json::stream_parser parser;
  boost::system::error_code ec;
  size_t used = parser.write_some(request.body.data(), request.body.size(), ec);
  if (!ec && used != request.body.size()) ec = boost::json::error::extra_data;
  if (!ec) {
    parser.finish(ec);
    if (ec) used = request.body.size();
  }
  if (ec) {
    const auto [line, col] = Position(request.body, used);
    return MakeError(ErrorKind::kInvalidInput, "malformed_json",
                     fmt::format("JSON không hợp lệ ở dòng {}, cột {}.", line, col),
                     fmt::format("Malformed JSON at line {}, column {}: {}.", line, col, ec.message()))
        .WithDetail("line", line)
        .WithDetail("column", col);
  }
  boost::json::value v = parser.release();
  if (!v.is_object())
    return MakeError(ErrorKind::kInvalidInput, "json_object_expected", "Nội dung gửi lên phải là một đối tượng JSON.",
                     "The request body must be a JSON object.");
  return std::move(v.as_object());
}

Response JsonResponse(int status, boost::json::value body) {
  Response r;
  r.status = status;
  r.body = boost::json::serialize(body);
  return r;
}

Result<std::string> RequiredString(const boost::json::object& o, std::string_view field, size_t max_chars) {
  const auto* v = o.if_contains(field);
  if (!v || !v->is_string() || v->as_string().empty())
    return MakeError(ErrorKind::kInvalidInput, "field_required",
                     fmt::format("Trường \"{}\" là bắt buộc và phải là chuỗi.", field),
                     fmt::format("The field \"{}\" is required and must be a string.", field))
        .WithDetail("field", boost::json::string(field));
  std::string s(v->as_string());
  const auto first = s.find_first_not_of(" \t\r\n");
  const auto last = s.find_last_not_of(" \t\r\n");
  s = first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
  const auto chars = std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; });
  if (s.empty())
    return MakeError(ErrorKind::kInvalidInput, "field_required",
                     fmt::format("Trường \"{}\" là bắt buộc.", field),
                     fmt::format("The field \"{}\" is required.", field))
        .WithDetail("field", boost::json::string(field));
  if (static_cast<size_t>(chars) > max_chars)
    return MakeError(ErrorKind::kInvalidInput, "field_too_long",
                     fmt::format("Trường \"{}\" dài quá {} ký tự.", field, max_chars),
                     fmt::format("The field \"{}\" is longer than {} characters.", field, max_chars))
        .WithDetail("field", boost::json::string(field));
  return s;
}

}  // namespace danvan::http
