// Open311 GeoReport v2 at /open311/v2/ (docs/open311.md): residents' concerns as service requests, each resource in
// XML (the specification's required format) and JSON. The request's fields were read and checked against the
// OpenAPI document before a handler runs (forms included: http/form.hpp); the handlers map them to ConcernService
// and write what it returns in the specification's shapes. Errors, wherever they arise under /open311/, are the
// specification's list of {code, description}.

#include "core/time.hpp"
#include "http/body.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <cmath>

namespace danvan::http {
namespace {

namespace json = boost::json;

enum class Format { kXml, kJson };

constexpr std::string_view kBase = "/open311/v2";
constexpr std::string_view kSpecification = "http://wiki.open311.org/GeoReport_v2";
//! When this interface last changed (discovery's changeset).
constexpr std::string_view kChangeset = "2025-12-07T00:00:00+07:00";
constexpr int64_t kMaxRequests = 1000;
constexpr auto kDefaultSpan = std::chrono::hours(24 * 90);

std::string_view Suffix(Format f) { return f == Format::kXml ? ".xml" : ".json"; }

// ---- writing: one value, two syntaxes ----

// JSON as the specification shows it: numbers in plain decimal (boost::json would write 2.1E1), text in UTF-8.
void WriteJson(const json::value& v, std::string& out) {
  switch (v.kind()) {
    case json::kind::null: out += "null"; return;
    case json::kind::bool_: out += v.as_bool() ? "true" : "false"; return;
    case json::kind::int64: out += fmt::format("{}", v.as_int64()); return;
    case json::kind::uint64: out += fmt::format("{}", v.as_uint64()); return;
    case json::kind::double_: out += fmt::format("{}", v.as_double()); return;
    case json::kind::string: out += json::serialize(v); return;
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.as_array()) {
        if (!first) out += ',';
        first = false;
        WriteJson(e, out);
      }
      out += ']';
      return;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, e] : v.as_object()) {
        if (!first) out += ',';
        first = false;
        out += json::serialize(json::string(key));
        out += ':';
        WriteJson(e, out);
      }
      out += '}';
      return;
    }
  }
}

// Text as XML character data: the five special characters escaped, characters XML 1.0 cannot carry dropped.
void XmlText(std::string_view s, std::string& out) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += ch;
    }
  }
}

// The element each list's items take, as the specification names them.
std::string_view ItemName(std::string_view list) {
  static constexpr std::pair<std::string_view, std::string_view> kItems[] = {
      {"services", "service"},     {"service_requests", "request"}, {"errors", "error"},
      {"attributes", "attribute"}, {"values", "value"},             {"endpoints", "endpoint"},
      {"formats", "format"}};
  for (const auto& [l, item] : kItems)
    if (l == list) return item;
  return "item";
}

void WriteXml(std::string_view name, const json::value& v, std::string& out) {
  if (v.is_null() || (v.is_string() && v.as_string().empty())) {
    out += fmt::format("<{}/>", name);
    return;
  }
  out += fmt::format("<{}>", name);
  switch (v.kind()) {
    case json::kind::bool_: out += v.as_bool() ? "true" : "false"; break;
    case json::kind::int64: out += fmt::format("{}", v.as_int64()); break;
    case json::kind::uint64: out += fmt::format("{}", v.as_uint64()); break;
    case json::kind::double_: out += fmt::format("{}", v.as_double()); break;
    case json::kind::string: XmlText(v.as_string(), out); break;
    case json::kind::array:
      for (const auto& e : v.as_array()) WriteXml(ItemName(name), e, out);
      break;
    case json::kind::object:
      for (const auto& [key, e] : v.as_object()) WriteXml(key, e, out);
      break;
    case json::kind::null: break;
  }
  out += fmt::format("</{}>", name);
}

//! `root` names the XML document element; JSON is the value itself (a plain array for lists).
Response Write(Format f, int status, std::string_view root, const json::value& v) {
  Response r;
  r.status = status;
  if (f == Format::kJson) {
    r.content_type = "application/json; charset=utf-8";
    WriteJson(v, r.body);
  } else {
    r.content_type = "text/xml; charset=utf-8";
    r.body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    WriteXml(root, v, r.body);
    r.body += '\n';
  }
  return r;
}

// ---- errors ----

// The specification answers 404 for what is not found, 403 for a missing or bad api_key and 400 for the rest of
// the client's mistakes; a wrong method keeps 405 (with Allow), the server's own failures stay 5xx.
int Open311Status(const Error& e) {
  if (e.code == "category_not_found") return 404;  // an unknown service_code
  switch (e.kind) {
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kUnauthenticated:
    case ErrorKind::kForbidden: return 403;
    case ErrorKind::kMethodNotAllowed: return 405;
    case ErrorKind::kInternal: return 500;
    case ErrorKind::kUnavailable: return 503;
    default: return 400;
  }
}

Response RenderError(const Request& request, const Error& e) {
  const bool json_format = request.path.size() >= 5 && request.path.compare(request.path.size() - 5, 5, ".json") == 0;
  const int status = Open311Status(e);
  json::array errors;
  errors.push_back({{"code", status}, {"description", fmt::format("{} / {}", e.message_vi, e.message_en)}});
  Response r = Write(json_format ? Format::kJson : Format::kXml, status, "errors", errors);
  if (e.kind == ErrorKind::kUnavailable) r.SetHeader("Retry-After", "1");
  if (const auto* wait = e.details.if_contains("retry_after_seconds"); wait && wait->is_int64())
    r.SetHeader("Retry-After", std::to_string(wait->as_int64()));
  if (const auto* allow = e.details.if_contains("allow"); allow && allow->is_array()) {
    std::string methods;
    for (const auto& m : allow->as_array())
      if (m.is_string()) methods += fmt::format("{}{}", methods.empty() ? "" : ", ", std::string_view(m.as_string()));
    r.SetHeader("Allow", methods);
  }
  return r;
}

Error InvalidApiKey() {
  return MakeError(ErrorKind::kForbidden, "invalid_api_key",
                   "Thiếu api_key hoặc api_key không hợp lệ: cần khoá API do quản trị viên danvan cấp.",
                   "api_key is missing or not valid: use an API token issued by a danvan administrator.");
}

// ---- reading ----

std::string Param(const Request& request, std::string_view name) {
  return std::string(request.Query(name).value_or(""));
}

// jurisdiction_id from the query, or from the form of a POST.
std::string JurisdictionOf(const Request& request) {
  auto from_query = Param(request, "jurisdiction_id");
  return from_query.empty() ? BodyOf(request).Text("jurisdiction_id") : from_query;
}

std::vector<std::string> CommaList(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(',', start);
    if (end == std::string_view::npos) end = s.size();
    auto item = s.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    start = end + 1;
  }
  return out;
}

// A w3 datetime ("2025-01-02T03:04:05+07:00", "…Z") or a date alone (its midnight in Vietnam).
Result<TimePoint> DateParameter(const std::string& name, const std::string& text) {
  if (auto t = ParseInstant(text)) return *t;
  if (text.size() == 10)
    if (auto t = ParseInstant(text + "T00:00:00+07:00")) return *t;
  return MakeError(ErrorKind::kInvalidInput, "invalid_parameter",
                   fmt::format("Tham số \"{}\" phải là thời điểm theo ISO 8601, ví dụ 2025-01-31T08:00:00+07:00.", name),
                   fmt::format("The parameter \"{}\" must be an ISO 8601 datetime, e.g. 2025-01-31T08:00:00+07:00.", name))
      .WithDetail("parameter", json::string(name));
}

// ---- the resources ----

json::value Instant(const std::string& utc) {
  if (utc.empty()) return nullptr;
  auto t = ParseInstant(utc);
  return t ? json::value(FormatVietnam(*t)) : json::value(utc);
}

std::string Keywords(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += fmt::format("{}{}", out.empty() ? "" : ", ", w);
  return out;
}

json::object ServiceJson(const ConcernCategory& c) {
  return {{"service_code", c.code},
          {"service_name", c.name},
          {"description", c.description},
          {"metadata", !c.attributes.empty()},
          {"type", "realtime"},
          {"keywords", Keywords(c.keywords)},
          {"group", c.group}};
}

json::object DefinitionJson(const ConcernCategory& c) {
  json::array attributes;
  for (const auto& a : c.attributes) {
    json::array values;
    for (const auto& [key, name] : a.values) values.push_back({{"key", key}, {"name", name}});
    json::object o{{"variable", a.variable},
                   {"code", a.code},
                   {"datatype", a.datatype},
                   {"required", a.required},
                   {"datatype_description", a.datatype_description.empty() ? json::value(nullptr)
                                                                           : json::value(a.datatype_description)},
                   {"order", a.order},
                   {"description", a.description}};
    if (!values.empty()) o["values"] = std::move(values);
    attributes.push_back(std::move(o));
  }
  return {{"service_code", c.code}, {"attributes", std::move(attributes)}};
}

// Public status and its notes: a refused, redirected or duplicate concern is closed but never called fixed.
std::string StatusNotes(const PublicConcern& p) {
  std::string vi = p.status.label_vi, en = p.status.label_en;
  if (p.reason) vi += fmt::format(": {}", *p.reason);
  if (p.reason_en) en += fmt::format(": {}", *p.reason_en);
  if (p.duplicate_of_code) {
    vi += fmt::format(" ({})", *p.duplicate_of_code);
    en += fmt::format(" ({})", *p.duplicate_of_code);
  }
  if (p.answer && !p.answer->empty()) return fmt::format("{} / {}. {}", vi, en, *p.answer);
  return fmt::format("{} / {}", vi, en);
}

std::string BaseUrl(Services& services) {
  std::string url = services.awards.settings().public_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// `base`: where the public reaches us (server.public_url), for media_url: the first public photo, which anybody
// may fetch without a key, as the portal shows it.
json::object RequestJson(const PublicConcern& p, const std::string& base) {
  json::value lat = nullptr, lon = nullptr;
  if (p.point) {
    lat = p.point->lat;
    lon = p.point->lon;
  }
  return {{"service_request_id", p.code},
          {"status", p.status.open ? "open" : "closed"},
          {"status_notes", StatusNotes(p)},
          {"service_name", p.category_name},
          {"service_code", p.category_code},
          {"description", p.description},
          {"agency_responsible", p.organisation_name ? json::value(*p.organisation_name) : json::value(nullptr)},
          {"service_notice", nullptr},
          {"requested_datetime", Instant(p.created_at)},
          {"updated_datetime", Instant(p.updated_at)},
          {"expected_datetime", p.expected_at ? Instant(*p.expected_at) : json::value(nullptr)},
          {"address", p.address},
          {"address_id", nullptr},
          {"zipcode", nullptr},
          {"lat", std::move(lat)},
          {"long", std::move(lon)},
          {"media_url", p.first_photo_id ? json::value(fmt::format("{}/api/v1/public/concerns/{}/files/{}", base, p.code,
                                                                    *p.first_photo_id))
                                         : json::value(nullptr)}};
}

// The category of `code` among those the unit's residents may choose (404 otherwise).
Result<ConcernCategory> ServiceOf(Services& services, const AdminUnit& unit, const std::string& code) {
  for (auto& c : DANVAN_TRY(services.concerns.PublicCategories(unit.id)))
    if (c.code == code) return c;
  return MakeError(ErrorKind::kNotFound, "category_not_found", "Không có loại phản ánh (service_code) này.",
                   "No such service_code.")
      .WithDetail("field", "service_code");
}

Result<Response> Discovery(Services& services, Format f) {
  const std::string url = fmt::format("{}{}", BaseUrl(services), kBase);
  json::array formats{"text/xml", "application/json"};
  json::array endpoints;
  endpoints.push_back({{"specification", kSpecification},
                       {"url", url},
                       {"changeset", kChangeset},
                       {"type", "production"},
                       {"formats", std::move(formats)}});
  json::object d{{"changeset", kChangeset},
                 {"contact", "Bộ phận tiếp nhận phản ánh, kiến nghị của phường / The ward's office for residents' "
                             "concerns"},
                 {"key_service", "api_key: khoá API do quản trị viên danvan cấp (POST /api/v1/tokens) / an API token "
                                 "issued by a danvan administrator (POST /api/v1/tokens)"},
                 {"endpoints", std::move(endpoints)}};
  return Write(f, 200, "discovery", d);
}

Result<Response> ListServices(Services& services, Request& request, Format f) {
  const auto unit = DANVAN_TRY(services.concerns.Jurisdiction(JurisdictionOf(request)));
  json::array out;
  for (const auto& c : DANVAN_TRY(services.concerns.PublicCategories(unit.id))) out.push_back(ServiceJson(c));
  return Write(f, 200, "services", out);
}

Result<Response> DefineService(Services& services, Request& request, Format f) {
  const auto unit = DANVAN_TRY(services.concerns.Jurisdiction(JurisdictionOf(request)));
  const auto c = DANVAN_TRY(ServiceOf(services, unit, request.path_params.at("service_code")));
  return Write(f, 200, "service_definition", DefinitionJson(c));
}

std::string Joined(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& p : parts)
    if (!p.empty()) out += fmt::format("{}{}", out.empty() ? "" : separator, p);
  return out;
}

Result<Response> PostRequest(Services& services, Request& request, Format f) {
  const Fields body = BodyOf(request);
  // api_key as the specification sends it (a form field), or as our other clients do (Authorization: Bearer).
  std::string key = body.Text("api_key");
  if (key.empty()) key = Param(request, "api_key");
  if (key.empty())
    if (auto auth = request.Header("authorization"); auth && auth->rfind("Bearer ", 0) == 0) key = auth->substr(7);
  if (key.empty()) return InvalidApiKey();
  auto principal = services.accounts.AuthenticateToken(key);
  if (!principal) return InvalidApiKey();

  const auto unit = DANVAN_TRY(services.concerns.Jurisdiction(JurisdictionOf(request)));
  NewConcern in;
  in.unit_id = unit.id;
  in.category_code = body.Text("service_code");
  in.channel = ConcernChannel::kOpen311;
  in.description = body.Text("description");
  // We never fetch a client's media_url: a server that fetches URLs on request can be made to reach what only it
  // can reach (SSRF). The link is kept, as written, at the end of the description.
  if (const auto media_url = body.Text("media_url"); !media_url.empty())
    in.description = fmt::format("{}{}Ảnh/tệp đính kèm (media_url): {}", in.description,
                                 in.description.empty() ? "" : "\n\n", media_url);
  in.latitude = body.OptNumber("lat");
  in.longitude = body.OptNumber("long");
  in.address = body.Text("address_string");
  if (in.address.empty() && body.Has("address_id"))
    in.address = fmt::format("address_id: {}", body.Text("address_id"));
  if (const auto* attributes = body.Find("attribute"); attributes && attributes->is_object())
    for (const auto& [code, value] : attributes->as_object()) {
      std::vector<std::string> values;
      if (value.is_string()) values.emplace_back(value.as_string());
      if (value.is_array())
        for (const auto& v : value.as_array())
          if (v.is_string()) values.emplace_back(v.as_string());
      in.attributes.emplace_back(std::string(code), std::move(values));
    }
  if (const auto* media = body.Find("media")) {
    std::vector<Fields> files;
    if (media->is_object()) files.emplace_back(media->as_object());
    for (auto& file : body.Objects("media")) files.push_back(file);
    for (const auto& file : files) in.photos.push_back({file.Text("file_name"), DANVAN_TRY(file.Bytes("content_base64")), true});
  }
  in.reporter_name = Joined({body.Text("first_name"), body.Text("last_name")}, " ");
  const std::string device = body.Text("device_id"), account = body.Text("account_id");
  in.reporter_contact = Joined({body.Text("email"), body.Text("phone"),
                                device.empty() ? std::string() : fmt::format("device_id: {}", device),
                                account.empty() ? std::string() : fmt::format("account_id: {}", account)},
                               "; ");
  // The client sent the contact for the ward to answer: the staff who handle it may see it (never the public).
  in.contact_visible = !in.reporter_name.empty() || !in.reporter_contact.empty();
  // One client serves many residents: limits count per API key and device (or account), not per client address.
  const std::string who = !device.empty() ? device : !account.empty() ? account : request.remote_address;
  const Origin origin{fmt::format("open311:{}:{}", principal->credential_id, who), request.request_id};
  const auto sent = DANVAN_TRY(services.concerns.Send(in, origin));
  json::array out;
  out.push_back({{"service_request_id", sent.code},
                 {"service_notice", fmt::format("Đã nhận phản ánh; {} sẽ trả lời theo thời hạn quy định. / Received; {} "
                                                "will answer within the set time.",
                                                unit.name, unit.name)},
                 {"account_id", nullptr}});
  return Write(f, 200, "service_requests", out);
}

Result<Response> ListRequests(Services& services, Request& request, Format f) {
  const auto unit = DANVAN_TRY(services.concerns.Jurisdiction(JurisdictionOf(request)));
  PublicListQuery q;
  q.unit_id = unit.id;
  q.limit = kMaxRequests;
  q.codes = CommaList(Param(request, "service_request_id"));
  if (q.codes.empty()) {  // service_request_id overrides every other filter
    q.category_codes = CommaList(Param(request, "service_code"));
    const auto statuses = CommaList(Param(request, "status"));
    const bool open = std::find(statuses.begin(), statuses.end(), "open") != statuses.end();
    const bool closed = std::find(statuses.begin(), statuses.end(), "closed") != statuses.end();
    if (open != closed) q.open = open;
    std::optional<TimePoint> from, to;
    if (auto s = Param(request, "start_date"); !s.empty()) from = DANVAN_TRY(DateParameter("start_date", s));
    if (auto s = Param(request, "end_date"); !s.empty()) to = DANVAN_TRY(DateParameter("end_date", s));
    if (!from && !to) to = std::chrono::system_clock::now();
    if (!from) from = *to - kDefaultSpan;
    if (!to) to = *from + kDefaultSpan;
    if (*to < *from || *to - *from > kDefaultSpan)
      return MakeError(ErrorKind::kInvalidInput, "invalid_date_range",
                       "start_date phải trước end_date và cách nhau không quá 90 ngày.",
                       "start_date must come before end_date, at most 90 days apart.")
          .WithDetail("parameter", "end_date");
    q.created_from = FormatUtc(*from);
    q.created_to = FormatUtc(*to);
  }
  const auto page = DANVAN_TRY(services.concerns.PublicList(q));
  json::array out;
  const std::string base = BaseUrl(services);
  for (const auto& p : page.items) out.push_back(RequestJson(p, base));
  return Write(f, 200, "service_requests", out);
}

// One concern of the jurisdiction by its tracking code, as a list of one (the specification's shape).
Result<PublicConcern> OneRequest(Services& services, Request& request, const std::string& code) {
  const auto unit = DANVAN_TRY(services.concerns.Jurisdiction(JurisdictionOf(request)));
  PublicListQuery q;
  q.unit_id = unit.id;
  q.codes = {code};
  q.limit = 1;
  auto page = DANVAN_TRY(services.concerns.PublicList(q));
  if (page.items.empty()) return ConcernNotFound();
  return std::move(page.items.front());
}

Result<Response> GetRequest(Services& services, Request& request, Format f) {
  const auto p = DANVAN_TRY(OneRequest(services, request, request.path_params.at("service_request_id")));
  json::array out;
  out.push_back(RequestJson(p, BaseUrl(services)));
  return Write(f, 200, "service_requests", out);
}

// We answer POST synchronously with the service_request_id, so a token is that id: it leads to itself.
Result<Response> GetToken(Services& services, Request& request, Format f) {
  const auto p = DANVAN_TRY(OneRequest(services, request, request.path_params.at("token")));
  json::array out;
  out.push_back({{"service_request_id", p.code}, {"token", p.code}});
  return Write(f, 200, "service_requests", out);
}

}  // namespace

void AddOpen311Routes(Router& router, Services& services, size_t upload_limit) {
  router.RenderErrorsUnder("/open311/", RenderError);
  using Fn = Result<Response> (*)(Services&, Request&, Format);
  auto add = [&](std::string method, std::string_view resource, Fn fn, size_t limit = 0) {
    for (Format f : {Format::kXml, Format::kJson})
      router.Add(method, fmt::format("{}/{}{}", kBase, resource, Suffix(f)),
                 [&services, fn, f](Request& request) { return fn(services, request, f); }, limit);
  };
  for (Format f : {Format::kXml, Format::kJson})
    router.Add("GET", fmt::format("{}/discovery{}", kBase, Suffix(f)),
               [&services, f](Request&) { return Discovery(services, f); });
  add("GET", "services", ListServices);
  add("GET", "services/{service_code}", DefineService);
  add("GET", "requests", ListRequests);
  add("POST", "requests", PostRequest, upload_limit);
  add("GET", "requests/{service_request_id}", GetRequest);
  add("GET", "tokens/{token}", GetToken);
}

}  // namespace danvan::http
