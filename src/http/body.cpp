#include "http/body.hpp"

#include <boost/json/value.hpp>
#include <sodium.h>

namespace danvan::http {

namespace json = boost::json;

bool Fields::Has(std::string_view key) const {
  const auto* v = Find(key);
  return v && !v->is_null();
}

std::string Fields::Text(std::string_view key) const { return OptText(key).value_or(std::string()); }

std::optional<std::string> Fields::OptText(std::string_view key) const {
  const auto* v = Find(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

int64_t Fields::Int(std::string_view key) const { return OptInt(key).value_or(0); }

std::optional<int64_t> Fields::OptInt(std::string_view key) const {
  const auto* v = Find(key);
  if (!v || !v->is_int64()) return std::nullopt;
  return v->as_int64();
}

std::optional<double> Fields::OptNumber(std::string_view key) const {
  const auto* v = Find(key);
  if (!v || !v->is_number()) return std::nullopt;
  return v->to_number<double>();
}

bool Fields::Flag(std::string_view key, bool otherwise) const {
  const auto* v = Find(key);
  return v && v->is_bool() ? v->as_bool() : otherwise;
}

std::vector<int64_t> Fields::Ints(std::string_view key) const {
  std::vector<int64_t> out;
  if (const auto* v = Find(key); v && v->is_array())
    for (const auto& e : v->as_array())
      if (e.is_int64()) out.push_back(e.as_int64());
  return out;
}

std::vector<std::string> Fields::Texts(std::string_view key) const {
  std::vector<std::string> out;
  if (const auto* v = Find(key); v && v->is_array())
    for (const auto& e : v->as_array())
      if (e.is_string()) out.emplace_back(e.as_string());
  return out;
}

std::vector<Fields> Fields::Objects(std::string_view key) const {
  std::vector<Fields> out;
  if (const auto* v = Find(key); v && v->is_array())
    for (const auto& e : v->as_array())
      if (e.is_object()) out.emplace_back(e.as_object());
  return out;
}

Result<std::string> Fields::Bytes(std::string_view key) const {
  const std::string text = Text(key);
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), " \r\n",
                        &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return MakeError(ErrorKind::kInvalidInput, "invalid_base64", "Nội dung tệp không phải base64 hợp lệ.",
                     "The file's content is not valid base64.")
        .WithDetail("field", json::string(key));
  out.resize(len);
  return out;
}

Fields BodyOf(const Request& request) {
  static const json::object kEmpty;
  return Fields(request.json.is_object() ? request.json.as_object() : kEmpty);
}

}  // namespace danvan::http
