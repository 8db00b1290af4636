#include "http/form.hpp"

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "http/json.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace danvan::http {

namespace json = boost::json;

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view WithoutBom(std::string_view s) {
  if (s.substr(0, kBom.size()) == kBom) s.remove_prefix(kBom.size());
  return s;
}

Error Malformed(std::string vi, std::string en) {
  return MakeError(ErrorKind::kInvalidInput, "malformed_form", std::move(vi), std::move(en));
}

Error NotUtf8(std::string_view field) {
  return MakeError(ErrorKind::kInvalidInput, "invalid_utf8", "Nội dung gửi lên không phải văn bản UTF-8 hợp lệ.",
                   "The form is not valid UTF-8 text.")
      .WithDetail("field", json::string(IsValidUtf8(field) ? field : std::string_view("?")));
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded decoding: '+' is a space, %XX a byte; a stray '%' stands for itself.
std::string PercentDecoded(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// A form name split by the bracket convention: "group[key][]" → {group, key, list}.
struct FieldName {
  std::string base;
  std::optional<std::string> key;
  bool list = false;
};

FieldName SplitName(const std::string& name) {
  FieldName plain{name, std::nullopt, false};
  const size_t open = name.find('[');
  if (open == std::string::npos || open == 0 || name.back() != ']') return plain;
  FieldName f{name.substr(0, open), std::nullopt, false};
  std::string_view rest = std::string_view(name).substr(open);
  if (rest.size() >= 2 && rest.substr(rest.size() - 2) == "[]") {
    f.list = true;
    rest.remove_suffix(2);
  }
  if (!rest.empty()) {
    // Exactly one "[key]" with a key of no brackets.
    if (rest.front() != '[' || rest.back() != ']' || rest.size() < 3) return plain;
    const auto key = rest.substr(1, rest.size() - 2);
    if (key.find_first_of("[]") != std::string_view::npos) return plain;
    f.key = std::string(key);
  }
  return f;
}

Error Conflict(std::string_view name) {
  return Malformed(fmt::format("Trường \"{}\" vừa là một giá trị vừa là một nhóm.", name),
                   fmt::format("The field \"{}\" is sent both as a value and as a group.", name))
      .WithDetail("field", json::string(name));
}

// Adds `value` under `name` in `into`: a value, then a list once it comes again (or when `list`).
Status Put(json::object& into, const std::string& name, json::value value, bool list, std::string_view shown) {
  auto* existing = into.if_contains(name);
  if (!existing) {
    if (list) {
      json::array a;
      a.push_back(std::move(value));
      into[name] = std::move(a);
    } else {
      into[name] = std::move(value);
    }
    return OkStatus();
  }
  if (existing->is_array()) {
    existing->as_array().push_back(std::move(value));
    return OkStatus();
  }
  if (existing->is_string() || (existing->is_object() && existing->as_object().contains("content_base64"))) {
    json::array a;
    a.push_back(std::move(*existing));
    a.push_back(std::move(value));
    *existing = std::move(a);
    return OkStatus();
  }
  return Conflict(shown);
}

Status Add(json::object& form, std::string name, json::value value) {
  name = std::string(WithoutBom(name));
  if (!IsValidUtf8(name)) return NotUtf8(name);
  if (value.is_string() && !IsValidUtf8(value.as_string())) return NotUtf8(name);
  const FieldName f = SplitName(name);
  if (!f.key) return Put(form, f.base, std::move(value), f.list, name);
  auto* group = form.if_contains(f.base);
  if (!group) group = &(form[f.base] = json::object());
  if (!group->is_object() || group->as_object().contains("content_base64")) return Conflict(name);
  return Put(group->as_object(), *f.key, std::move(value), f.list, name);
}

// A parameter of a header value: name="quoted \"value\"" or name=token. Case-insensitive name.
std::optional<std::string> HeaderParameter(std::string_view header, std::string_view name) {
  size_t at = 0;
  while ((at = header.find(';', at)) != std::string_view::npos) {
    ++at;
    while (at < header.size() && (header[at] == ' ' || header[at] == '\t')) ++at;
    const size_t eq = header.find('=', at);
    if (eq == std::string_view::npos) return std::nullopt;
    std::string key(header.substr(at, eq - at));
    while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.pop_back();
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    size_t v = eq + 1;
    std::string value;
    if (v < header.size() && header[v] == '"') {
      for (++v; v < header.size() && header[v] != '"'; ++v) {
        if (header[v] == '\\' && v + 1 < header.size()) ++v;
        value += header[v];
      }
    } else {
      const size_t end = header.find(';', v);
      value = std::string(header.substr(v, end == std::string_view::npos ? std::string_view::npos : end - v));
      while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
    }
    at = v;
    if (key == name) return value;
  }
  return std::nullopt;
}

}  // namespace

Result<json::object> DecodeUrlEncodedForm(std::string_view body) {
  body = WithoutBom(body);
  json::object form;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('&', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(start, end - start);
    // A trailing newline some clients add after the last pair is not part of its value.
    while (!pair.empty() && (pair.back() == '\n' || pair.back() == '\r')) pair.remove_suffix(1);
    if (!pair.empty()) {
      const size_t eq = pair.find('=');
      std::string name = PercentDecoded(pair.substr(0, eq));
      std::string value = eq == std::string_view::npos ? std::string() : PercentDecoded(pair.substr(eq + 1));
      if (name.empty()) return Malformed("Có giá trị không có tên trường.", "A value is sent without a field name.");
      DANVAN_TRY(Add(form, std::move(name), json::string(value)));
    }
    start = end + 1;
  }
  return form;
}

Result<json::object> DecodeMultipartForm(std::string_view body, std::string_view boundary) {
  if (boundary.empty() || boundary.size() > 200)
    return Malformed("Thiếu boundary của multipart/form-data.", "The multipart/form-data boundary is missing.");
  const std::string delimiter = fmt::format("--{}", boundary);
  body = WithoutBom(body);
  json::object form;
  size_t at = body.find(delimiter);
  if (at == std::string_view::npos)
    return Malformed("Nội dung multipart không có boundary đã khai báo.", "The multipart body lacks its boundary.");
  at += delimiter.size();
  for (;;) {
    if (body.substr(at, 2) == "--") return form;  // the closing delimiter
    // The rest of the delimiter's line (transport padding), then the part's headers up to an empty line.
    const size_t line_end = body.find('\n', at);
    if (line_end == std::string_view::npos)
      return Malformed("Nội dung multipart bị cắt cụt.", "The multipart body is cut short.");
    at = line_end + 1;
    std::optional<std::string> name, file_name;
    std::string media_type = "application/octet-stream";
    for (;;) {
      const size_t eol = body.find('\n', at);
      if (eol == std::string_view::npos)
        return Malformed("Nội dung multipart bị cắt cụt.", "The multipart body is cut short.");
      std::string_view line = body.substr(at, eol - at);
      at = eol + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) break;
      const size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string header(line.substr(0, colon));
      std::transform(header.begin(), header.end(), header.begin(), [](unsigned char c) { return std::tolower(c); });
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
      if (header == "content-disposition") {
        name = HeaderParameter(value, "name");
        file_name = HeaderParameter(value, "filename");
      } else if (header == "content-type") {
        media_type = std::string(value.substr(0, value.find(';')));
        while (!media_type.empty() && media_type.back() == ' ') media_type.pop_back();
        std::transform(media_type.begin(), media_type.end(), media_type.begin(),
                       [](unsigned char c) { return std::tolower(c); });
      }
    }
    // The content runs to the line break before the next delimiter.
    size_t next = body.find(delimiter, at);
    while (next != std::string_view::npos && next > at && body[next - 1] != '\n') next = body.find(delimiter, next + 1);
    if (next == std::string_view::npos)
      return Malformed("Nội dung multipart không có boundary kết thúc.", "The multipart body has no closing boundary.");
    std::string_view content = body.substr(at, next - at);
    if (!content.empty() && content.back() == '\n') content.remove_suffix(1);
    if (!content.empty() && content.back() == '\r') content.remove_suffix(1);
    if (!name || name->empty())
      return Malformed("Một phần của multipart không có tên trường.", "A multipart part has no field name.");
    if (file_name) {
      if (!IsValidUtf8(*file_name)) return NotUtf8(*name);
      DANVAN_TRY(Add(form, *name,
                     json::object{{"file_name", *file_name}, {"media_type", media_type},
                                  {"content_base64", Base64(content)}}));
    } else {
      DANVAN_TRY(Add(form, *name, json::string(WithoutBom(content))));
    }
    at = next + delimiter.size();
  }
}

Result<json::object> ReadForm(const Request& request) {
  const std::string media = MediaType(request);
  if (media == kUrlEncodedForm) return DecodeUrlEncodedForm(request.body);
  if (media == kMultipartForm) {
    const auto boundary = HeaderParameter(request.Header("content-type").value_or(""), "boundary");
    return DecodeMultipartForm(request.body, boundary.value_or(""));
  }
  return UnsupportedMediaType(request, fmt::format("{}, {}", kUrlEncodedForm, kMultipartForm));
}

}  // namespace danvan::http
