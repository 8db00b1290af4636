#include "http/schema.hpp"

#include "core/date.hpp"
#include "core/text.hpp"
#include "http/form.hpp"
#include "http/json.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

namespace danvan::http {

namespace json = boost::json;

namespace {

// The keywords a request schema may use. Anything else is refused when the document is compiled, so that the
// document never promises a rule that nothing enforces.
const std::set<std::string_view> kKeywords = {
    "type", "properties", "required", "additionalProperties", "propertyNames", "items", "minItems", "maxItems", "minLength",
    "maxLength", "minimum", "maximum", "enum", "format", "pattern", "$ref", "x-multiline",
    // annotations: said to the reader, nothing to enforce
    "description", "title", "example", "examples", "default", "readOnly", "writeOnly", "deprecated"};

// How many characters of UTF-8 text (code points; the text is valid UTF-8).
size_t Characters(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view Trimmed(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// A control character: C0 (but tab and newline where `multiline`), DEL, or C1 (U+0080–U+009F).
bool ForbiddenControlIn(std::string_view s, bool multiline) {
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    // CR passes here in long text: CRLF becomes LF below, and a lone CR is refused there.
    if (c < 0x20 && !(multiline && (c == '\n' || c == '\t' || c == '\r'))) return true;
    if (c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9F)
      return true;
  }
  return false;
}

// The types a node admits, named for the message: "chuỗi ký tự hoặc null" / "a string or null".
std::string TypeNames(unsigned types, bool english) {
  struct Name {
    unsigned bit;
    std::string_view vi, en;
  };
  static constexpr Name kNames[] = {{Schema::kString, "chuỗi ký tự", "a string"},
                                    {Schema::kInteger, "số nguyên", "an integer"},
                                    {Schema::kNumber, "số", "a number"},
                                    {Schema::kBoolean, "true hoặc false", "true or false"},
                                    {Schema::kObject, "đối tượng", "an object"},
                                    {Schema::kArray, "danh sách", "a list"},
                                    {Schema::kNull, "null", "null"}};
  std::string out;
  for (const auto& n : kNames)
    if (types & n.bit) out += (out.empty() ? "" : english ? " or " : " hoặc ") + std::string(english ? n.en : n.vi);
  return out;
}
std::string TypeNamesVi(unsigned types) { return TypeNames(types, false); }
std::string TypeNamesEn(unsigned types) { return TypeNames(types, true); }

std::string Number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<int64_t>(v));
  return fmt::format("{}", v);
}

Error FieldError(std::string code, const std::string& field, std::string_view rule, std::string vi, std::string en) {
  return MakeError(ErrorKind::kInvalidInput, std::move(code), std::move(vi), std::move(en))
      .WithDetail("field", json::string(field))
      .WithDetail("rule", json::string(rule));
}

unsigned TypeOf(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return Schema::kNull;
    case json::kind::bool_: return Schema::kBoolean;
    case json::kind::int64:
    case json::kind::uint64: return Schema::kInteger;
    case json::kind::double_: return Schema::kNumber;
    case json::kind::string: return Schema::kString;
    case json::kind::array: return Schema::kArray;
    case json::kind::object: return Schema::kObject;
  }
  return 0;
}

std::string Render(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

}  // namespace

Status Schema::Check(json::value& value, std::string& path) const {
  unsigned type = TypeOf(value);
  // A whole number past 64 bits (30 digits) reads as a double: it is an integer out of range, not a fraction.
  if (type == kNumber && (types_ & kInteger) && !(types_ & kNumber) && std::floor(value.as_double()) == value.as_double() &&
      std::fabs(value.as_double()) >= 9.2e18)
    return FieldError("field_out_of_range", path, "maximum", fmt::format("Số ở trường \"{}\" quá lớn.", path),
                      fmt::format("The number in \"{}\" is too large.", path));
  // An integer is also a number; a double is never an integer (1.0 and 1e3 are refused where ids are read).
  const bool type_ok = types_ == 0 || (types_ & type) || (type == kInteger && (types_ & kNumber));
  if (!type_ok)
    return FieldError("field_wrong_type", path, "type",
                      fmt::format("Trường \"{}\" phải là {}.", path, TypeNamesVi(types_)),
                      fmt::format("The field \"{}\" must be {}.", path, TypeNamesEn(types_)))
        .WithDetail("expected", json::string(TypeNamesEn(types_)));
  if (value.is_null()) return OkStatus();

  if (value.is_string()) {
    auto& s = value.as_string();
    if (ForbiddenControlIn(s, multiline_)) return ControlCharacterError(path);
    std::string text(Trimmed(s));
    if (multiline_) {  // a text area's CRLF is a newline; a lone CR is a control character
      std::string lf;
      lf.reserve(text.size());
      for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
          if (i + 1 < text.size() && text[i + 1] == '\n') continue;
          return ControlCharacterError(path);
        }
        lf += text[i];
      }
      text = std::move(lf);
    } else if (text.find('\r') != std::string::npos) {
      return ControlCharacterError(path);
    }
    const size_t chars = Characters(text);
    if (max_length_ && chars > *max_length_)
      return FieldError("field_too_long", path, "maxLength",
                        fmt::format("Trường \"{}\" dài quá {} ký tự.", path, *max_length_),
                        fmt::format("The field \"{}\" is longer than {} characters.", path, *max_length_))
          .WithDetail("limit", *max_length_);
    if (min_length_ && chars < *min_length_) {
      if (text.empty())
        return FieldError("field_required", path, "minLength", fmt::format("Trường \"{}\" không được để trống.", path),
                          fmt::format("The field \"{}\" must not be blank.", path))
            .WithDetail("limit", *min_length_);
      return FieldError("field_too_short", path, "minLength",
                        fmt::format("Trường \"{}\" phải có ít nhất {} ký tự.", path, *min_length_),
                        fmt::format("The field \"{}\" must have at least {} characters.", path, *min_length_))
          .WithDetail("limit", *min_length_);
    }
    if (pattern_ && !text.empty() && !std::regex_search(text, *pattern_))
      return FieldError("field_bad_format", path, "pattern",
                        fmt::format("Trường \"{}\" có dạng không hợp lệ.", path),
                        fmt::format("The field \"{}\" is not in the expected form ({}).", path, pattern_text_))
          .WithDetail("pattern", json::string(pattern_text_));
    if (date_ && !text.empty() && !Date::Parse(text, path).ok())
      return FieldError("field_bad_format", path, "format",
                        fmt::format("Trường \"{}\" phải là một ngày có thật, dạng dd/mm/yyyy.", path),
                        fmt::format("The field \"{}\" must be a real date, dd/mm/yyyy or yyyy-mm-dd.", path))
          .WithDetail("format", "date");
    s = text;
  }

  if (value.is_number()) {
    if (value.is_uint64() && (types_ & kInteger) && !(types_ & kNumber))
      return FieldError("field_out_of_range", path, "maximum",
                        fmt::format("Số ở trường \"{}\" quá lớn.", path),
                        fmt::format("The number in \"{}\" is too large.", path));
    const double v = value.to_number<double>();
    const bool low = minimum_ && v < *minimum_;
    const bool high = maximum_ && v > *maximum_;
    if (low || high) {
      auto e = minimum_ && maximum_
                   ? FieldError("field_out_of_range", path, low ? "minimum" : "maximum",
                                fmt::format("Trường \"{}\" phải từ {} đến {}.", path, Number(*minimum_), Number(*maximum_)),
                                fmt::format("The field \"{}\" must be from {} to {}.", path, Number(*minimum_),
                                            Number(*maximum_)))
               : low ? FieldError("field_out_of_range", path, "minimum",
                                  fmt::format("Trường \"{}\" không được nhỏ hơn {}.", path, Number(*minimum_)),
                                  fmt::format("The field \"{}\" must be at least {}.", path, Number(*minimum_)))
                     : FieldError("field_out_of_range", path, "maximum",
                                  fmt::format("Trường \"{}\" không được lớn hơn {}.", path, Number(*maximum_)),
                                  fmt::format("The field \"{}\" must be at most {}.", path, Number(*maximum_)));
      const double limit = low ? *minimum_ : *maximum_;
      return std::floor(limit) == limit && std::fabs(limit) < 9.1e15
                 ? std::move(e).WithDetail("limit", static_cast<int64_t>(limit))
                 : std::move(e).WithDetail("limit", limit);
    }
  }

  if (!enum_.empty() && std::find(enum_.begin(), enum_.end(), value) == enum_.end()) {
    std::string allowed;
    json::array list;
    for (const auto& e : enum_) {
      allowed += (allowed.empty() ? "" : ", ") + Render(e);
      list.push_back(e);
    }
    return FieldError("field_not_allowed", path, "enum",
                      fmt::format("Giá trị của trường \"{}\" phải là một trong: {}.", path, allowed),
                      fmt::format("The field \"{}\" must be one of: {}.", path, allowed))
        .WithDetail("allowed", std::move(list));
  }

  if (value.is_array()) {
    auto& a = value.as_array();
    if (max_items_ && a.size() > *max_items_)
      return FieldError("too_many_items", path, "maxItems",
                        fmt::format("Danh sách \"{}\" có quá {} phần tử.", path, *max_items_),
                        fmt::format("The list \"{}\" has more than {} items.", path, *max_items_))
          .WithDetail("limit", *max_items_);
    if (min_items_ && a.size() < *min_items_)
      return FieldError("too_few_items", path, "minItems",
                        fmt::format("Danh sách \"{}\" phải có ít nhất {} phần tử.", path, *min_items_),
                        fmt::format("The list \"{}\" must have at least {} items.", path, *min_items_))
          .WithDetail("limit", *min_items_);
    if (items_) {
      const size_t base = path.size();
      for (size_t i = 0; i < a.size(); ++i) {
        path += fmt::format("[{}]", i);
        DANVAN_TRY(items_->Check(a[i], path));
        path.resize(base);
      }
    }
  }

  if (value.is_object()) {
    auto& o = value.as_object();
    const size_t base = path.size();
    auto enter = [&](std::string_view key) {
      if (base) path += '.';
      path += key;
    };
    for (const auto& p : properties_) {
      auto* member = o.if_contains(p.name);
      // null in an optional member is the member left out (a form's empty choice); a required one must have a value.
      if (!member || (member->is_null() && !(p.schema->types_ & kNull))) {
        if (!p.required) continue;
        enter(p.name);
        return FieldError("field_required", path, "required", fmt::format("Trường \"{}\" là bắt buộc.", path),
                          fmt::format("The field \"{}\" is required.", path));
      }
      enter(p.name);
      DANVAN_TRY(p.schema->Check(*member, path));
      // A required string is never blank once trimmed, even where the document gives no minLength.
      if (p.required && member->is_string() && member->as_string().empty())
        return FieldError("field_required", path, "required",
                          fmt::format("Trường \"{}\" không được để trống.", path),
                          fmt::format("The field \"{}\" must not be blank.", path));
      path.resize(base);
    }
    if (property_names_) {
      for (const auto& [key, _] : o) {
        json::value name(json::string(key.data(), key.size()));
        enter(key);
        DANVAN_TRY(property_names_->Check(name, path));
        if (name.as_string() != key)  // a name is used as it is sent: one with spaces around it is not a name
          return FieldError("field_bad_format", path, "propertyNames", fmt::format("Tên trường \"{}\" không hợp lệ.", path),
                            fmt::format("The member name \"{}\" is not valid.", path));
        path.resize(base);
      }
    }
    if (extra_ != Extra::kAllow) {
      for (auto& entry : o) {  // not a structured binding: clang 14 cannot capture one
        const std::string_view key = entry.key();
        auto& member = entry.value();
        const bool known = std::any_of(properties_.begin(), properties_.end(),
                                       [&](const Property& p) { return p.name == key; });
        if (known) continue;
        enter(key);
        if (extra_ == Extra::kForbid)
          return FieldError("field_unknown", path, "additionalProperties",
                            fmt::format("Trường \"{}\" không có trong những gì yêu cầu này nhận.", path),
                            fmt::format("The field \"{}\" is not one this request takes.", path));
        DANVAN_TRY(extra_schema_->Check(member, path));
        path.resize(base);
      }
    }
  }
  return OkStatus();
}

const Schema* Schema::Member(std::string_view name) const {
  for (const auto& p : properties_)
    if (p.name == name) return p.schema;
  return nullptr;
}

// Builds Schema nodes from the document; every node lives in the contract's deque (stable addresses), a $ref is
// compiled once and shared, so a recursive schema is a cycle of pointers rather than an endless compile.
class SchemaCompiler {
 public:
  SchemaCompiler(Contract& contract, const json::object& document) : contract_(contract), document_(document) {}

  const Schema* Compile(const json::value& v, const std::string& where) {
    if (!v.is_object()) throw std::invalid_argument(where + ": a schema must be an object");
    const auto& o = v.as_object();
    if (const auto* ref = o.if_contains("$ref")) {
      if (o.size() != 1 && !(o.size() == 2 && o.contains("description")))
        throw std::invalid_argument(where + ": $ref with other keywords");
      return Ref(std::string(ref->as_string()), where);
    }
    auto& node = contract_.nodes_.emplace_back();
    Fill(node, o, where);
    return &node;
  }

 private:
  const Schema* Ref(const std::string& ref, const std::string& where) {
    if (auto it = refs_.find(ref); it != refs_.end()) return it->second;
    static constexpr std::string_view kPrefix = "#/components/schemas/";
    if (ref.rfind(kPrefix, 0) != 0) throw std::invalid_argument(where + ": unsupported $ref " + ref);
    const auto* components = document_.if_contains("components");
    const json::value* target = components ? components->as_object().at("schemas").as_object().if_contains(
                                                 std::string_view(ref).substr(kPrefix.size()))
                                           : nullptr;
    if (!target) throw std::invalid_argument(where + ": $ref to nothing: " + ref);
    auto& node = contract_.nodes_.emplace_back();
    refs_[ref] = &node;
    Fill(node, target->as_object(), ref);
    return &node;
  }

  static double NumberOf(const json::value& v, const std::string& where) {
    if (!v.is_number()) throw std::invalid_argument(where + ": a number is expected");
    return v.to_number<double>();
  }
  static size_t CountOf(const json::value& v, const std::string& where) {
    if (!v.is_int64() || v.as_int64() < 0) throw std::invalid_argument(where + ": a count is expected");
    return static_cast<size_t>(v.as_int64());
  }

  void Fill(Schema& node, const json::object& o, const std::string& where) {
    for (const auto& [key, _] : o)
      if (!kKeywords.count(key)) throw std::invalid_argument(where + ": unsupported keyword \"" + std::string(key) + "\"");
    if (const auto* t = o.if_contains("type")) {
      auto add = [&](std::string_view name) {
        static const std::map<std::string_view, unsigned> kTypes = {
            {"null", Schema::kNull},     {"boolean", Schema::kBoolean}, {"integer", Schema::kInteger},
            {"number", Schema::kNumber}, {"string", Schema::kString},   {"array", Schema::kArray},
            {"object", Schema::kObject}};
        auto it = kTypes.find(name);
        if (it == kTypes.end()) throw std::invalid_argument(where + ": unknown type " + std::string(name));
        node.types_ |= it->second;
      };
      if (t->is_string()) {
        add(t->as_string());
      } else {
        for (const auto& e : t->as_array()) add(e.as_string());
      }
    }
    std::set<std::string> required;
    if (const auto* r = o.if_contains("required"))
      for (const auto& e : r->as_array()) required.insert(std::string(e.as_string()));
    if (const auto* props = o.if_contains("properties")) {
      for (const auto& [name, schema] : props->as_object()) {
        const std::string key(name);
        node.properties_.push_back({key, Compile(schema, where + "." + key), required.count(key) > 0});
        required.erase(key);
      }
    }
    if (!required.empty()) throw std::invalid_argument(where + ": required but not a property: " + *required.begin());
    if (const auto* extra = o.if_contains("additionalProperties")) {
      if (extra->is_bool()) {
        node.extra_ = extra->as_bool() ? Schema::Extra::kAllow : Schema::Extra::kForbid;
      } else {
        node.extra_ = Schema::Extra::kSchema;
        node.extra_schema_ = Compile(*extra, where + ".*");
      }
    }
    if (const auto* names = o.if_contains("propertyNames")) node.property_names_ = Compile(*names, where + "{}");
    if (const auto* items = o.if_contains("items")) node.items_ = Compile(*items, where + "[]");
    if (const auto* v = o.if_contains("minItems")) node.min_items_ = CountOf(*v, where);
    if (const auto* v = o.if_contains("maxItems")) node.max_items_ = CountOf(*v, where);
    if (const auto* v = o.if_contains("minLength")) node.min_length_ = CountOf(*v, where);
    if (const auto* v = o.if_contains("maxLength")) node.max_length_ = CountOf(*v, where);
    if (const auto* v = o.if_contains("minimum")) node.minimum_ = NumberOf(*v, where);
    if (const auto* v = o.if_contains("maximum")) node.maximum_ = NumberOf(*v, where);
    if (const auto* v = o.if_contains("enum")) node.enum_.assign(v->as_array().begin(), v->as_array().end());
    if (const auto* v = o.if_contains("format")) {
      if (v->as_string() != "date") throw std::invalid_argument(where + ": unsupported format " + Render(*v));
      node.date_ = true;
    }
    if (const auto* v = o.if_contains("pattern")) {
      // The expression runs only on text already within its maxLength: a backtracking matcher never sees a long input.
      if (!node.max_length_ || *node.max_length_ > 1000)
        throw std::invalid_argument(where + ": a pattern needs a maxLength of at most 1000");
      node.pattern_text_ = std::string(v->as_string());
      node.pattern_.emplace(node.pattern_text_, std::regex::ECMAScript);
    }
    if (const auto* v = o.if_contains("x-multiline")) node.multiline_ = v->as_bool();
  }

  Contract& contract_;
  const json::object& document_;
  std::map<std::string, const Schema*> refs_;
};

namespace {

Error ParameterError(std::string_view name, std::string_view rule, std::string vi, std::string en) {
  return MakeError(ErrorKind::kInvalidInput, "invalid_parameter", std::move(vi), std::move(en))
      .WithDetail("parameter", json::string(name))
      .WithDetail("rule", json::string(rule));
}

// A parameter's text as the JSON value its schema speaks of: integers and booleans from their spelling.
Result<json::value> ParameterValue(const Parameter& p, std::string_view text) {
  const unsigned types = p.schema->types();
  if (types & (Schema::kInteger | Schema::kNumber)) {
    int64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc() && end == text.data() + text.size()) return json::value(n);
    if (ec == std::errc::result_out_of_range)
      return ParameterError(p.name, "maximum", fmt::format("Tham số \"{}\" quá lớn.", p.name),
                            fmt::format("The parameter \"{}\" is too large.", p.name));
    if (types & Schema::kNumber) {
      double d = 0;
      const auto [dend, dec] = std::from_chars(text.data(), text.data() + text.size(), d);
      if (dec == std::errc() && dend == text.data() + text.size() && std::isfinite(d)) return json::value(d);
    }
    return ParameterError(p.name, "type",
                          fmt::format("Tham số \"{}\" phải là {}.", p.name, TypeNamesVi(types & ~Schema::kNull)),
                          fmt::format("The parameter \"{}\" must be {}.", p.name, TypeNamesEn(types & ~Schema::kNull)));
  }
  if (types & Schema::kBoolean) {
    if (text == "true") return json::value(true);
    if (text == "false") return json::value(false);
    return ParameterError(p.name, "type", fmt::format("Tham số \"{}\" phải là true hoặc false.", p.name),
                          fmt::format("The parameter \"{}\" must be true or false.", p.name));
  }
  return json::value(json::string(text));
}

// A field error from a parameter's schema, told as a parameter's.
Error AsParameterError(Error e, std::string_view name) {
  e.code = "invalid_parameter";
  auto rule = e.details.contains("rule") ? e.details.at("rule") : json::value("type");
  auto limit = e.details.if_contains("limit") ? *e.details.if_contains("limit") : json::value(nullptr);
  auto allowed = e.details.if_contains("allowed") ? *e.details.if_contains("allowed") : json::value(nullptr);
  e.details = {{"parameter", name}, {"rule", rule}};
  if (!limit.is_null()) e.details["limit"] = limit;
  if (!allowed.is_null()) e.details["allowed"] = allowed;
  // "Trường" (field) → "Tham số" (parameter), "The field" → "The parameter".
  auto swap = [](std::string& s, std::string_view from, std::string_view to) {
    if (auto at = s.find(from); at != std::string::npos) s.replace(at, from.size(), to);
  };
  swap(e.message_vi, "Trường", "Tham số");
  swap(e.message_vi, "trường", "tham số");
  swap(e.message_en, "field", "parameter");
  swap(e.message_en, "list", "parameter");
  return e;
}

// A form sends text only: a member the schema declares a number (and not also text) or a boolean is read from its
// spelling, as query parameters are; what does not read stays text, for the schema to refuse by its type. An empty
// member is an absent one, as in a query.
void FormTypes(const Schema& schema, json::object& form) {
  for (auto it = form.begin(); it != form.end();) {
    if (it->value().is_string() && it->value().as_string().empty()) {
      it = form.erase(it);
      continue;
    }
    const Schema* member = schema.Member(it->key());
    if (member && it->value().is_string() && !(member->types() & Schema::kString)) {
      const std::string text(it->value().as_string());
      Parameter p{std::string(it->key()), false, member};
      if (member->types() & (Schema::kInteger | Schema::kNumber | Schema::kBoolean))
        if (auto v = ParameterValue(p, Trimmed(text)); v.ok()) it->value() = std::move(v).value();
    }
    ++it;
  }
}

Status CheckParameter(const Parameter& p, std::string_view text) {
  // The target's bytes were checked by the transport (UTF-8); the schema's rules go on from here.
  auto value = DANVAN_TRY(ParameterValue(p, text));
  std::string path = p.name;
  auto checked = p.schema->Check(value, path);
  if (!checked.ok()) return AsParameterError(checked.error(), p.name);
  return OkStatus();
}

}  // namespace

Contract::Contract(std::string_view openapi_json) {
  const auto document = json::parse(openapi_json).as_object();
  SchemaCompiler compiler(*this, document);
  for (const auto& [path, item] : document.at("paths").as_object()) {
    for (const auto& [method, op_value] : item.as_object()) {
      if (method == "parameters" || method == "summary" || method == "description") continue;
      const auto& op = op_value.as_object();
      std::string verb(method);
      std::transform(verb.begin(), verb.end(), verb.begin(), ::toupper);
      const std::string where = verb + " " + std::string(path);
      Operation operation;
      if (const auto* security = op.if_contains("security"))
        operation.signed_in = security->is_array() && !security->as_array().empty();
      if (const auto* params = op.if_contains("parameters")) {
        for (const auto& pv : params->as_array()) {
          const auto& po = pv.as_object();
          Parameter p;
          p.name = std::string(po.at("name").as_string());
          const auto in = po.at("in").as_string();
          p.required = po.contains("required") && po.at("required").as_bool();
          const auto* schema = po.if_contains("schema");
          p.schema = compiler.Compile(schema ? *schema : json::value(json::object{}), where + " " + p.name);
          if (in == "query") {
            operation.query.push_back(std::move(p));
          } else if (in == "path") {
            operation.path.push_back(std::move(p));
          }
        }
      }
      if (const auto* body = op.if_contains("requestBody")) {
        const auto& b = body->as_object();
        operation.body_required = b.contains("required") && b.at("required").as_bool();
        for (const auto& [media, content] : b.at("content").as_object()) {
          if (media == "application/json") {
            const auto* schema = content.as_object().if_contains("schema");
            if (!schema) throw std::invalid_argument(where + ": a JSON body without a schema");
            operation.body = compiler.Compile(*schema, where + " body");
          } else if (media == kUrlEncodedForm || media == kMultipartForm) {
            const auto* schema = content.as_object().if_contains("schema");
            if (!schema) throw std::invalid_argument(where + ": a form body without a schema");
            operation.forms.emplace_back(std::string(media), compiler.Compile(*schema, where + " form"));
          } else {
            operation.other_media.emplace_back(media);
          }
        }
      }
      operations_.emplace_back(verb + " " + std::string(path), std::move(operation));
    }
  }
  std::sort(operations_.begin(), operations_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

const Operation* Contract::Find(std::string_view method, std::string_view pattern) const {
  std::string key;
  key.reserve(method.size() + 1 + pattern.size());
  key.append(method).append(" ").append(pattern);
  auto it = std::lower_bound(operations_.begin(), operations_.end(), key,
                             [](const auto& entry, const std::string& k) { return entry.first < k; });
  return it != operations_.end() && it->first == key ? &it->second : nullptr;
}

Status Contract::Check(const Operation& op, Request& request) const {
  for (const auto& p : op.path) {
    auto it = request.path_params.find(p.name);
    if (it != request.path_params.end()) DANVAN_TRY(CheckParameter(p, it->second));
  }
  // Query: every name at most once and known to the operation; an empty value is an absent one (a cleared filter).
  for (size_t i = 0; i < request.query.size(); ++i) {
    const std::string& name = request.query[i].first;  // not a structured binding: clang 14 cannot capture one
    const std::string& value = request.query[i].second;
    const auto declared = std::find_if(op.query.begin(), op.query.end(), [&](const Parameter& p) { return p.name == name; });
    if (declared == op.query.end()) {
      const std::string shown = IsValidUtf8(name) ? name : std::string("?");
      return ParameterError(shown, "unknown", fmt::format("Tham số \"{}\" không có trong những gì yêu cầu này nhận.", shown),
                            fmt::format("The parameter \"{}\" is not one this request takes.", shown));
    }
    for (size_t j = 0; j < i; ++j)
      if (request.query[j].first == name)
        return ParameterError(name, "duplicate", fmt::format("Tham số \"{}\" xuất hiện hơn một lần.", name),
                              fmt::format("The parameter \"{}\" appears more than once.", name));
    if (!value.empty()) DANVAN_TRY(CheckParameter(*declared, value));
  }
  for (const auto& p : op.query) {
    if (!p.required) continue;
    auto v = request.Query(p.name);
    if (!v || v->empty())
      return ParameterError(p.name, "required", fmt::format("Tham số \"{}\" là bắt buộc.", p.name),
                            fmt::format("The parameter \"{}\" is required.", p.name));
  }
  if (!op.forms.empty()) {
    const auto media = MediaType(request);
    for (const auto& [form_media, schema] : op.forms) {
      if (media != form_media) continue;
      request.json = DANVAN_TRY(ReadForm(request));
      FormTypes(*schema, request.json.as_object());
      std::string path;
      return schema->Check(request.json, path);
    }
  }
  if ((!op.other_media.empty() || !op.forms.empty()) && !op.body) {
    const auto media = MediaType(request);
    if (std::find(op.other_media.begin(), op.other_media.end(), media) == op.other_media.end()) {
      std::string expected;
      for (const auto& [m, _] : op.forms) expected += (expected.empty() ? "" : ", ") + m;
      for (const auto& m : op.other_media) expected += (expected.empty() ? "" : ", ") + m;
      return UnsupportedMediaType(request, expected);
    }
  }
  if (op.body) {
    if (request.body.empty() && !op.body_required) {
      request.json = json::object();
    } else {
      request.json = DANVAN_TRY(ParseJsonObject(request));
    }
    std::string path;
    DANVAN_TRY(op.body->Check(request.json, path));
  }
  return OkStatus();
}

}  // namespace danvan::http
