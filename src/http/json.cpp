#include "http/json.hpp"

#include "core/text.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <set>

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

// What the strict reader refuses beyond JSON's grammar, found while Boost.JSON's parser walks the text once; the
// value itself is then built by boost::json::parse. `path` is kept as frames and spelt only for an error.
class StrictHandler {
 public:
  static constexpr std::size_t max_array_size = -1;
  static constexpr std::size_t max_object_size = -1;
  static constexpr std::size_t max_string_size = -1;
  static constexpr std::size_t max_key_size = -1;

  std::optional<Error> problem;

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_array_begin(boost::system::error_code& ec) {
    Enter();
    frames_.push_back({true, 0, {}, {}});
    return true;
  }
  bool on_array_end(std::size_t, boost::system::error_code&) {
    frames_.pop_back();
    return true;
  }
  bool on_object_begin(boost::system::error_code& ec) {
    Enter();
    frames_.push_back({false, 0, {}, {}});
    return true;
  }
  bool on_object_end(std::size_t, boost::system::error_code&) {
    frames_.pop_back();
    return true;
  }
  bool on_string_part(boost::json::string_view s, std::size_t, boost::system::error_code& ec) {
    if (!in_string_) Enter();
    in_string_ = true;
    return CheckText(s, ec);
  }
  bool on_string(boost::json::string_view s, std::size_t, boost::system::error_code& ec) {
    if (!in_string_) Enter();
    in_string_ = false;
    return CheckText(s, ec);
  }
  bool on_key_part(boost::json::string_view s, std::size_t, boost::system::error_code&) {
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(boost::json::string_view s, std::size_t, boost::system::error_code& ec) {
    key_.append(s.data(), s.size());
    auto& frame = frames_.back();
    frame.key = std::move(key_);
    key_.clear();
    if (!frame.keys.insert(frame.key).second) {
      problem = MakeError(ErrorKind::kInvalidInput, "duplicate_key",
                          fmt::format("Trường \"{}\" xuất hiện hơn một lần.", Path()),
                          fmt::format("The field \"{}\" appears more than once.", Path()))
                    .WithDetail("field", boost::json::string(Path()))
                    .WithDetail("rule", "duplicate_key");
      ec = boost::json::error::syntax;
      return false;
    }
    return CheckText(frame.key, ec);
  }
  bool on_number_part(boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_int64(int64_t, boost::json::string_view, boost::system::error_code&) { return Enter(); }
  bool on_uint64(uint64_t, boost::json::string_view, boost::system::error_code&) { return Enter(); }
  bool on_double(double d, boost::json::string_view, boost::system::error_code& ec) {
    Enter();
    if (std::isfinite(d)) return true;
    problem = MakeError(ErrorKind::kInvalidInput, "field_out_of_range",
                        fmt::format("Số ở trường \"{}\" quá lớn.", Path()),
                        fmt::format("The number in \"{}\" is too large.", Path()))
                  .WithDetail("field", boost::json::string(Path()))
                  .WithDetail("rule", "maximum");
    ec = boost::json::error::syntax;
    return false;
  }
  bool on_bool(bool, boost::system::error_code&) { return Enter(); }
  bool on_null(boost::system::error_code&) { return Enter(); }
  bool on_comment_part(boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::system::error_code&) { return true; }

 private:
  struct Frame {
    bool array;
    size_t next;      // arrays: the index of the next element
    std::string key;  // objects: the key being read
    std::set<std::string, std::less<>> keys;
  };

  // A value begins: in an array, it is the next element.
  bool Enter() {
    if (!frames_.empty() && frames_.back().array) frames_.back().key = std::to_string(frames_.back().next++);
    return true;
  }

  std::string Path() const { return JsonPath(frames_); }

  bool CheckText(std::string_view s, boost::system::error_code& ec) {
    for (unsigned char c : s) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
        problem = ControlCharacterError(Path());
        ec = boost::json::error::syntax;
        return false;
      }
    }
    return true;
  }

  template <class Frames>
  static std::string JsonPath(const Frames& frames) {
    std::string path;
    for (const auto& f : frames) {
      if (f.array) {
        path += '[' + f.key + ']';
      } else {
        if (!path.empty()) path += '.';
        path += f.key;
      }
    }
    return path;
  }

  std::vector<Frame> frames_;
  std::string key_;
  bool in_string_ = false;
};

}  // namespace

Error ControlCharacterError(std::string_view field) {
  return MakeError(ErrorKind::kInvalidInput, "field_control_character",
                   fmt::format("Trường \"{}\" chứa ký tự điều khiển không được phép (như NUL).", field),
                   fmt::format("The field \"{}\" contains a control character that is not allowed (such as NUL).", field))
      .WithDetail("field", boost::json::string(field))
      .WithDetail("rule", "control_character");
}

Result<boost::json::value> ReadStrictJson(std::string_view text) {
  if (!IsValidUtf8(text))
    return MakeError(ErrorKind::kInvalidInput, "invalid_utf8", "Nội dung gửi lên không phải UTF-8 hợp lệ.",
                     "The request body is not valid UTF-8.");
  boost::json::basic_parser<StrictHandler> checker(boost::json::parse_options{});
  boost::system::error_code ec;
  size_t used = checker.write_some(false, text.data(), text.size(), ec);
  if (checker.handler().problem) return std::move(*checker.handler().problem);
  if (!ec && used != text.size()) ec = boost::json::error::extra_data;
  if (ec) {
    const auto [line, col] = Position(text, used);
    return MakeError(ErrorKind::kInvalidInput, "malformed_json",
                     fmt::format("JSON không hợp lệ ở dòng {}, cột {}.", line, col),
                     fmt::format("Malformed JSON at line {}, column {}: {}.", line, col, ec.message()))
        .WithDetail("line", line)
        .WithDetail("column", col);
  }
  return boost::json::parse(text);
}

std::string MediaType(const Request& request) {
  const auto type = request.Header("content-type").value_or("");
  // Media types compare case-insensitively, and spaces may stand before the parameters.
  std::string media(type.substr(0, type.find(';')));
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.pop_back();
  std::transform(media.begin(), media.end(), media.begin(), [](unsigned char c) { return std::tolower(c); });
  return media;
}

Error UnsupportedMediaType(const Request& request, std::string_view expected) {
  const auto type = request.Header("content-type").value_or("");
  return MakeError(ErrorKind::kUnsupportedMediaType, "unsupported_media_type",
                   fmt::format("Nội dung gửi lên phải có Content-Type: {}.", expected),
                   fmt::format("The request body must be sent as Content-Type: {}.", expected))
      .WithDetail("content_type", boost::json::string(IsValidUtf8(type) ? type : std::string_view("?")));
}

Result<boost::json::object> ParseJsonObject(const Request& request) {
  if (MediaType(request) != "application/json") return UnsupportedMediaType(request, "application/json");
  boost::json::value v = DANVAN_TRY(ReadStrictJson(request.body));
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

Response DownloadResponse(std::string_view file_name, std::string media_type, std::string bytes) {
  Response r;
  const bool inline_view = media_type.rfind("image/", 0) == 0;
  r.content_type = std::move(media_type);
  r.body = std::move(bytes);
  std::string ascii;
  for (char c : file_name) ascii.push_back((c & 0x80) || c == '"' || c == '\\' ? '_' : c);
  std::string encoded;
  for (unsigned char c : file_name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += fmt::format("%{:02X}", c);
    }
  }
  r.SetHeader("Content-Disposition", fmt::format("{}; filename=\"{}\"; filename*=UTF-8''{}",
                                                 inline_view ? "inline" : "attachment", ascii, encoded));
  r.SetHeader("Cache-Control", "private, max-age=3600");
  return r;
}

bool WantsXlsx(const Request& request) { return request.Query("format").value_or("json") == "xlsx"; }

Response PdfResponse(std::string bytes, std::string_view file_name) {
  Response r;
  r.content_type = "application/pdf";
  r.body = std::move(bytes);
  r.SetHeader("Content-Disposition", "inline; filename=\"" + std::string(file_name) + "\"");
  r.SetHeader("Cache-Control", "private, no-store");
  return r;
}

Response XlsxResponse(std::string_view file_name, std::string bytes) {
  auto r = DownloadResponse(file_name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            std::move(bytes));
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

}  // namespace danvan::http
