// Residents' concerns: the public routes (no account: send, follow with the code and PIN, support, rate, reopen)
// and the staff routes (intake, batches, queues, steps, categories, routing rules, templates, the work calendar).
#include "http/auth.hpp"
#include "http/body.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json.hpp"
#include "http/params.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

namespace danvan::http {
namespace {

namespace json = boost::json;

template <class T>
json::value Opt(const std::optional<T>& v) {
  return v ? json::value(*v) : nullptr;
}

Origin OriginOf(const Request& req) { return Origin{req.remote_address, req.request_id}; }

std::string PathText(const Request& req, const std::string& name) {
  auto it = req.path_params.find(name);
  return it == req.path_params.end() ? std::string() : it->second;
}

// ---- reading ----

Result<std::vector<UploadedFile>> Uploads(const Fields& body, std::string_view key) {
  std::vector<UploadedFile> files;
  for (const auto& o : body.Objects(key)) {
    UploadedFile f;
    f.file_name = o.Text("file_name");
    f.bytes = DANVAN_TRY(o.Bytes("content_base64"));
    f.is_public = o.Flag("public", true);
    files.push_back(std::move(f));
  }
  return files;
}

// The schema has held each answer to a text or a list of texts.
AttributeAnswers AnswersOf(const Fields& body) {
  AttributeAnswers answers;
  const auto* a = body.Find("attributes");
  if (!a || !a->is_object()) return answers;
  for (const auto& [code, v] : a->as_object()) {
    std::vector<std::string> values;
    if (v.is_array()) {
      for (const auto& e : v.as_array()) values.emplace_back(e.as_string());
    } else if (v.is_string()) {
      values.emplace_back(v.as_string());
    }
    answers.emplace_back(std::string(code), std::move(values));
  }
  return answers;
}

Result<NewConcern> ParseNewConcern(const Fields& body) {
  NewConcern in;
  in.unit_id = body.Int("unit_id");
  in.category_code = body.Text("category_code");
  in.description = body.Text("description");
  in.attributes = AnswersOf(body);
  in.latitude = body.OptNumber("latitude");
  in.longitude = body.OptNumber("longitude");
  in.address = body.Text("address");
  in.photos = DANVAN_TRY(Uploads(body, "photos"));
  in.reporter_name = body.Text("name");
  in.reporter_contact = body.Text("contact");
  in.contact_visible = body.Flag("contact_visible");
  in.honeypot = body.Text("website");
  if (auto ch = body.Text("channel"); !ch.empty()) in.channel = ParseConcernChannel(ch).value_or(ConcernChannel::kWeb);
  return in;
}

// ---- writing ----

json::object PublicStatusJson(const PublicStatus& s) {
  return {{"open", s.open}, {"code", s.code}, {"label", s.label_vi}, {"label_en", s.label_en}};
}

json::object CategoryJson(const ConcernCategory& c) {
  json::array keywords, attributes;
  for (const auto& k : c.keywords) keywords.push_back(json::value(k));
  for (const auto& a : c.attributes) {
    json::array values;
    for (const auto& [key, name] : a.values) values.push_back({{"key", key}, {"name", name}});
    attributes.push_back({{"code", a.code},
                          {"datatype", a.datatype},
                          {"required", a.required},
                          {"variable", a.variable},
                          {"description", a.description},
                          {"datatype_description", a.datatype_description},
                          {"order", a.order},
                          {"values", std::move(values)}});
  }
  return {{"id", c.id},
          {"unit_id", c.unit_id},
          {"code", c.code},
          {"name", c.name},
          {"description", c.description},
          {"group", c.group},
          {"keywords", std::move(keywords)},
          {"default_organisation_id", Opt(c.default_organisation_id)},
          {"urgency", ToString(c.urgency)},
          {"sensitive", c.sensitive},
          {"active", c.active},
          {"attributes", std::move(attributes)},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at}};
}

//! `base`: where the concern's files are served ("/api/v1/public/concerns/PA-…" or "/api/v1/concerns/42").
json::object FileJson(const ConcernFile& f, const std::string& base) {
  json::object o{{"id", f.id},
                 {"event_id", Opt(f.event_id)},
                 {"file_name", f.file_name},
                 {"media_type", f.media_type},
                 {"size_bytes", f.size_bytes},
                 {"public", f.is_public},
                 {"created_at", f.created_at},
                 {"url", fmt::format("{}/files/{}", base, f.id)}};
  if (f.width) o["width"] = *f.width;
  if (f.height) o["height"] = *f.height;
  if (f.media_type.rfind("image/", 0) == 0) o["thumbnail_url"] = fmt::format("{}/files/{}/thumbnail", base, f.id);
  return o;
}

json::value NameOf(const std::map<int64_t, std::string>& names, const std::optional<int64_t>& id) {
  if (!id) return nullptr;
  auto it = names.find(*id);
  return it == names.end() ? json::value(nullptr) : json::value(it->second);
}

json::object EventJson(const ConcernEvent& e, const std::map<int64_t, std::string>& names, bool staff) {
  json::object o{{"id", e.id},
                 {"kind", e.kind},
                 {"public", e.is_public},
                 {"from_status", e.from_status ? json::value(ToString(*e.from_status)) : nullptr},
                 {"to_status", e.to_status ? json::value(ToString(*e.to_status)) : nullptr},
                 {"organisation_id", Opt(e.organisation_id)},
                 {"organisation_name", NameOf(names, e.organisation_id)},
                 {"to_organisation_id", Opt(e.to_organisation_id)},
                 {"to_organisation_name", NameOf(names, e.to_organisation_id)},
                 {"body", e.body},
                 {"due_at", Opt(e.due_at)},
                 {"on_time", Opt(e.on_time)},
                 {"at", e.at}};
  if (staff) o["actor_name"] = e.actor_name;
  return o;
}

json::object PublicJson(const PublicConcern& p) {
  const std::string base = "/api/v1/public/concerns/" + p.code;
  json::array timeline, files;
  for (const auto& e : p.timeline) timeline.push_back(EventJson(e, p.organisation_names, false));
  for (const auto& f : p.files) files.push_back(FileJson(f, base));
  return {{"code", p.code},
          {"unit_id", p.unit_id},
          {"unit_name", p.unit_name},
          {"category_code", p.category_code},
          {"category_name", p.category_name},
          {"sensitive", p.sensitive},
          {"status", PublicStatusJson(p.status)},
          {"description", p.description},
          {"latitude", p.point ? json::value(p.point->lat) : nullptr},
          {"longitude", p.point ? json::value(p.point->lon) : nullptr},
          {"address", p.address},
          {"organisation_name", Opt(p.organisation_name)},
          {"answer", Opt(p.answer)},
          {"reason", Opt(p.reason)},
          {"reason_en", Opt(p.reason_en)},
          {"duplicate_of_code", Opt(p.duplicate_of_code)},
          {"supporters", p.supporters},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at},
          {"expected_at", Opt(p.expected_at)},
          {"timeline", std::move(timeline)},
          {"files", std::move(files)}};
}

json::object ResidentJson(const ResidentView& v) {
  return {{"concern", PublicJson(v.concern)},
          {"can_add_information", v.can_add_information},
          {"can_rate", v.can_rate},
          {"can_reopen", v.can_reopen},
          {"reopen_until", Opt(v.reopen_until)}};
}

json::object SentJson(const SentConcern& s) { return {{"id", s.id}, {"code", s.code}, {"pin", s.pin}}; }

json::object StaffJson(const StaffConcern& s) {
  const auto& c = s.concern;
  const std::string base = fmt::format("/api/v1/concerns/{}", c.id);
  json::object attributes;
  for (const auto& [code, values] : c.attributes) {
    json::array a;
    for (const auto& v : values) a.push_back(json::value(v));
    attributes[code] = std::move(a);
  }
  json::array events, files, ratings, duplicates;
  for (const auto& e : s.events) events.push_back(EventJson(e, s.organisation_names, true));
  for (const auto& f : s.files) files.push_back(FileJson(f, base));
  for (const auto& r : s.ratings)
    ratings.push_back({{"resolution", r.resolution}, {"stars", r.stars}, {"comment", r.comment}, {"at", r.at}});
  for (const auto& d : s.duplicate_codes) duplicates.push_back(json::value(d));
  json::array actions;
  for (ConcernAction a : s.actions) actions.push_back(json::value(ToString(a)));
  return {{"id", c.id},
          {"code", c.code},
          {"unit_id", c.unit_id},
          {"unit_name", s.unit_name},
          {"category", {{"id", s.category.id}, {"code", s.category.code}, {"name", s.category.name},
                        {"sensitive", s.category.sensitive}}},
          {"organisation_id", Opt(c.organisation_id)},
          {"organisation_name", Opt(s.organisation_name)},
          {"assignee_user_id", Opt(c.assignee_user_id)},
          {"status", ToString(c.status)},
          {"public_status", PublicStatusJson(PublicStatusOf(c.status))},
          {"urgency", ToString(c.urgency)},
          {"description", c.description},
          {"attributes", std::move(attributes)},
          {"latitude", c.point ? json::value(c.point->lat) : nullptr},
          {"longitude", c.point ? json::value(c.point->lon) : nullptr},
          {"address", c.address},
          {"reporter_name", Opt(c.reporter_name)},
          {"reporter_contact", Opt(c.reporter_contact)},
          {"contact_visible", c.contact_visible},
          {"contact_shown", s.contact_shown},
          {"channel", ToString(c.channel)},
          {"batch_id", Opt(c.batch_id)},
          {"duplicate_of_code", Opt(s.duplicate_of_code)},
          {"duplicate_codes", std::move(duplicates)},
          {"supporters", c.supporters},
          {"calendar_version", c.calendar_version},
          {"received_due_at", c.received_due_at},
          {"received_at", Opt(c.received_at)},
          {"received_on_time", Opt(c.received_on_time)},
          {"resolve_due_at", Opt(c.resolve_due_at)},
          {"paused_since", Opt(c.paused_since)},
          {"paused_minutes", c.paused_minutes},
          {"resolved_at", Opt(c.resolved_at)},
          {"resolved_on_time", Opt(c.resolved_on_time)},
          {"resolutions", c.resolutions},
          {"answer", Opt(c.answer)},
          {"draft_answer", Opt(s.draft_answer)},
          {"reason_code", Opt(c.reason_code)},
          {"closed_at", Opt(c.closed_at)},
          {"reopened_count", c.reopened_count},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at},
          {"events", std::move(events)},
          {"files", std::move(files)},
          {"ratings", std::move(ratings)},
          {"may_manage", s.may_manage},
          {"may_handle", s.may_handle},
          {"actions", std::move(actions)}};
}

template <class T, class F>
json::object PageJson(const Page<T>& page, const Paging& paging, F&& one) {
  json::array items;
  for (const auto& e : page.items) items.push_back(one(e));
  return {{"items", std::move(items)}, {"total", page.total}, {"page", paging.page}, {"page_size", paging.page_size}};
}

template <class T, class F>
json::object ItemsJson(const std::vector<T>& list, F&& one) {
  json::array items;
  for (const auto& e : list) items.push_back(one(e));
  return {{"items", std::move(items)}};
}

json::object RuleJson(const RoutingRule& r) {
  json::array polygon;
  for (const auto& p : r.area_polygon) polygon.push_back({{"latitude", p.lat}, {"longitude", p.lon}});
  return {{"id", r.id},
          {"unit_id", r.unit_id},
          {"position", r.position},
          {"category_id", Opt(r.category_id)},
          {"area_unit_id", Opt(r.area_unit_id)},
          {"area_polygon", std::move(polygon)},
          {"organisation_id", r.organisation_id},
          {"active", r.active}};
}

json::object TemplateJson(const AnswerTemplate& t) {
  return {{"id", t.id}, {"unit_id", t.unit_id}, {"title", t.title}, {"body", t.body}, {"created_at", t.created_at}};
}

std::string HhMm(int minute) { return fmt::format("{:02}:{:02}", minute / 60, minute % 60); }
int MinuteOf(const std::string& hh_mm) {  // the schema's pattern has held it to HH:MM
  return std::stoi(hh_mm.substr(0, 2)) * 60 + std::stoi(hh_mm.substr(3, 2));
}

json::array WindowsJson(const std::vector<OfficeWindow>& windows) {
  json::array a;
  for (const auto& w : windows) a.push_back({{"start", HhMm(w.start_minute)}, {"end", HhMm(w.end_minute)}});
  return a;
}

std::vector<OfficeWindow> WindowsOf(const std::vector<Fields>& list) {
  std::vector<OfficeWindow> windows;
  for (const auto& w : list) windows.push_back(OfficeWindow{MinuteOf(w.Text("start")), MinuteOf(w.Text("end"))});
  return windows;
}

json::object CalendarJson(const CalendarView& v) {
  json::array week, days;
  for (const auto& d : v.calendar.week) week.push_back(WindowsJson(d));
  for (const auto& d : v.calendar.days)
    days.push_back({{"date", d.date.Iso()}, {"kind", ToString(d.kind)}, {"name", d.name}, {"windows", WindowsJson(d.windows)}});
  return {{"version", v.calendar.version},
          {"stored", v.stored},
          {"utc_offset_minutes", v.calendar.utc_offset_minutes},
          {"week", std::move(week)},
          {"days", std::move(days)}};
}

Result<WorkCalendar> ParseCalendar(const Fields& body) {
  WorkCalendar cal = WorkCalendar::Default();
  // The schema has held the week to 7 lists of windows.
  const auto& week = body.Find("week")->as_array();
  for (size_t i = 0; i < week.size() && i < cal.week.size(); ++i) {
    std::vector<Fields> windows;
    for (const auto& w : week[i].as_array()) windows.emplace_back(w.as_object());
    cal.week[i] = WindowsOf(windows);
  }
  cal.days.clear();
  for (const auto& d : body.Objects("days")) {
    CalendarDay day;
    day.date = DANVAN_TRY(Date::Parse(d.Text("date"), "days.date"));
    day.kind = ParseDayKind(d.Text("kind")).value_or(DayKind::kHoliday);
    day.name = d.Text("name");
    day.windows = WindowsOf(d.Objects("windows"));
    cal.days.push_back(std::move(day));
  }
  std::sort(cal.days.begin(), cal.days.end(), [](const CalendarDay& a, const CalendarDay& b) { return a.date < b.date; });
  return cal;
}

ConcernCategory ParseCategory(const Fields& body) {
  ConcernCategory c;
  c.unit_id = body.Int("unit_id");
  c.code = body.Text("code");
  c.name = body.Text("name");
  c.description = body.Text("description");
  c.group = body.Text("group");
  c.keywords = body.Texts("keywords");
  c.default_organisation_id = body.OptInt("default_organisation_id");
  if (auto u = body.Text("urgency"); !u.empty()) c.urgency = ParseUrgency(u).value_or(Urgency::kNormal);
  c.sensitive = body.Flag("sensitive");
  c.active = body.Flag("active", true);
  for (const auto& a : body.Objects("attributes")) {
    CategoryAttribute attr;
    attr.code = a.Text("code");
    attr.datatype = a.Text("datatype");
    attr.required = a.Flag("required");
    attr.variable = a.Flag("variable", true);
    attr.description = a.Text("description");
    attr.datatype_description = a.Text("datatype_description");
    attr.order = static_cast<int>(a.Int("order"));
    for (const auto& v : a.Objects("values")) attr.values.emplace_back(v.Text("key"), v.Text("name"));
    c.attributes.push_back(std::move(attr));
  }
  return c;
}

json::object AlertJson(const AlertView& a) {
  return {{"id", a.id},
          {"concern_id", a.concern_id},
          {"concern_code", a.concern_code},
          {"category_name", a.category_name},
          {"kind", ToString(a.kind)},
          {"clock", ToString(a.clock)},
          {"due_at", a.due_at},
          {"created_at", a.created_at},
          {"read", a.read},
          {"read_at", Opt(a.read_at)}};
}

Response Download(const ConcernFile& f, bool thumbnail) {
  if (thumbnail && f.thumbnail) return DownloadResponse(f.file_name, "image/jpeg", *f.thumbnail);
  return DownloadResponse(f.file_name, f.media_type, f.content);
}

}  // namespace

void AddConcernRoutes(Router& router, Services& services, size_t upload_limit) {
  auto& cs = services.concerns;
  const std::string pub = "/api/v1/public/concerns";

  // ---- the public ----
  router.Add("GET", "/api/v1/public/concern-categories", [&cs](Request& req) -> Result<Response> {
    const auto unit_id = DANVAN_TRY(QueryId(req, "unit_id")).value_or(0);  // required: the contract has checked it
    return JsonResponse(200, ItemsJson(DANVAN_TRY(cs.PublicCategories(unit_id)), CategoryJson));
  });
  router.Add("GET", "/api/v1/public/map-settings", [&cs](Request&) -> Result<Response> {
    return JsonResponse(200, {{"tile_url", cs.settings().map_tile_url}, {"attribution", cs.settings().map_attribution}});
  });
  router.Add("GET", "/api/v1/concern-reasons", [](Request&) -> Result<Response> {
    json::array reasons, exclusions;
    for (const auto& r : RejectionReasons())
      reasons.push_back({{"code", r.code}, {"label", r.label_vi}, {"label_en", r.label_en}});
    for (const auto& e : ScopeExclusions())
      exclusions.push_back({{"code", e.code}, {"label", e.label_vi}, {"label_en", e.label_en},
                            {"legal_basis", e.legal_basis}, {"channel", e.channel_vi}, {"channel_en", e.channel_en}});
    return JsonResponse(200, {{"rejection_reasons", std::move(reasons)}, {"scope_exclusions", std::move(exclusions)}});
  });
  router.Add("POST", pub + "/similar", [&cs](Request& req) -> Result<Response> {
    const auto body = BodyOf(req);
    SimilarQuery q;
    q.unit_id = body.Int("unit_id");
    q.category_code = body.Text("category_code");
    if (auto lat = body.OptNumber("latitude"), lon = body.OptNumber("longitude"); lat && lon) q.point = GeoPoint{*lat, *lon};
    q.text = body.Text("text");
    return JsonResponse(200, ItemsJson(DANVAN_TRY(cs.Similar(q)), PublicJson));
  });
  router.Add("GET", pub, [&cs](Request& req) -> Result<Response> {
    const auto paging = DANVAN_TRY(ParsePaging(req));
    PublicListQuery q;
    q.unit_id = DANVAN_TRY(QueryId(req, "unit_id"));
    if (auto s = req.Query("status"); s && !s->empty()) q.open = *s == "open";  // an enum in the contract
    q.category_code = std::string(req.Query("category").value_or(""));
    q.limit = paging.limit();
    q.offset = paging.offset();
    return JsonResponse(200, PageJson(DANVAN_TRY(cs.PublicList(q)), paging, PublicJson));
  });
  router.Add("POST", pub, [&cs](Request& req) -> Result<Response> {
    auto in = DANVAN_TRY(ParseNewConcern(BodyOf(req)));
    in.channel = ConcernChannel::kWeb;
    return JsonResponse(201, SentJson(DANVAN_TRY(cs.Send(in, OriginOf(req)))));
  }, upload_limit);
  router.Add("GET", pub + "/{code}", [&cs](Request& req) -> Result<Response> {
    return JsonResponse(200, PublicJson(DANVAN_TRY(cs.PublicGet(PathText(req, "code")))));
  });
  router.Add("POST", pub + "/{code}/follow", [&cs](Request& req) -> Result<Response> {
    return JsonResponse(200, ResidentJson(DANVAN_TRY(cs.Follow(PathText(req, "code"), BodyOf(req).Text("pin")))));
  });
  router.Add("POST", pub + "/{code}/information", [&cs](Request& req) -> Result<Response> {
    const auto body = BodyOf(req);
    const auto photos = DANVAN_TRY(Uploads(body, "photos"));
    return JsonResponse(200, ResidentJson(DANVAN_TRY(cs.AddInformation(PathText(req, "code"), body.Text("pin"),
                                                                        body.Text("text"), photos, OriginOf(req)))));
  }, upload_limit);
  router.Add("POST", pub + "/{code}/rating", [&cs](Request& req) -> Result<Response> {
    const auto body = BodyOf(req);
    return JsonResponse(200, ResidentJson(DANVAN_TRY(cs.Rate(PathText(req, "code"), body.Text("pin"),
                                                              static_cast<int>(body.Int("stars")), body.Text("comment"),
                                                              OriginOf(req)))));
  });
  router.Add("POST", pub + "/{code}/reopening", [&cs](Request& req) -> Result<Response> {
    const auto body = BodyOf(req);
    return JsonResponse(200, ResidentJson(DANVAN_TRY(
                                 cs.Reopen(PathText(req, "code"), body.Text("pin"), body.Text("reason"), OriginOf(req)))));
  });
  router.Add("POST", pub + "/{code}/support", [&cs](Request& req) -> Result<Response> {
    return JsonResponse(200, PublicJson(DANVAN_TRY(cs.Support(PathText(req, "code"), OriginOf(req)))));
  });
  for (const bool thumbnail : {false, true}) {
    router.Add("GET", pub + "/{code}/files/{file_id}" + (thumbnail ? "/thumbnail" : ""),
               [&cs, thumbnail](Request& req) -> Result<Response> {
                 const auto file_id = DANVAN_TRY(PathId(req, "file_id"));
                 return Download(DANVAN_TRY(cs.PublicFile(PathText(req, "code"), file_id, thumbnail)), thumbnail);
               });
  }

  // ---- staff ----
  router.Add("GET", "/api/v1/concerns", Authed(services, [&cs](Request& req, const Caller& c) -> Result<Response> {
    const auto paging = DANVAN_TRY(ParsePaging(req));
    StaffConcernQuery q;
    q.unit_id = DANVAN_TRY(QueryId(req, "unit_id"));
    q.organisation_id = DANVAN_TRY(QueryId(req, "organisation_id"));
    q.category_id = DANVAN_TRY(QueryId(req, "category_id"));
    q.mine = req.Query("mine").value_or("false") == "true";
    q.queue = std::string(req.Query("queue").value_or(""));
    q.text = std::string(req.Query("q").value_or(""));
    if (WantsXlsx(req)) return ExportResponse(DANVAN_TRY(cs.ExportQueue(c, q)));
    q.limit = paging.limit();
    q.offset = paging.offset();
    return JsonResponse(200, PageJson(DANVAN_TRY(cs.List(c, q)), paging, StaffJson));
  }));
  router.Add("POST", "/api/v1/concerns", Authed(services, [&cs](Request& req, const Caller& c) -> Result<Response> {
    const auto in = DANVAN_TRY(ParseNewConcern(BodyOf(req)));
    return JsonResponse(201, SentJson(DANVAN_TRY(cs.Intake(c, in))));
  }), upload_limit);
  router.Add("POST", "/api/v1/concern-batches", Authed(services, [&cs](Request& req, const Caller& c) -> Result<Response> {
    const auto body = BodyOf(req);
    ConcernBatch batch;
    batch.unit_id = body.Int("unit_id");
    if (auto k = body.Text("kind"); !k.empty()) batch.kind = k;
    batch.title = body.Text("title");
    batch.held_on = body.Text("held_on");
    batch.place = body.Text("place");
    batch.minutes = body.Text("minutes");
    std::vector<NewConcern> concerns;
    for (const auto& o : body.Objects("concerns")) {
      auto in = DANVAN_TRY(ParseNewConcern(o));
      in.unit_id = batch.unit_id;
      concerns.push_back(std::move(in));
    }
    auto [created, sent] = DANVAN_TRY(cs.CreateBatch(c, batch, concerns));
    json::array items;
    for (const auto& s : sent) items.push_back(SentJson(s));
    return JsonResponse(201, {{"batch", {{"id", created.id}, {"unit_id", created.unit_id}, {"kind", created.kind},
                                         {"title", created.title}, {"held_on", created.held_on},
                                         {"place", created.place}, {"created_at", created.created_at}}},
                              {"concerns", std::move(items)}});
  }), upload_limit);
  router.Add("GET", "/api/v1/concerns/{id}", Authed(services, [&cs](Request& req, const Caller& c) -> Result<Response> {
    return JsonResponse(200, StaffJson(DANVAN_TRY(cs.Get(c, DANVAN_TRY(PathId(req))))));
  }));
  router.Add("POST", "/api/v1/concerns/{id}/steps", Authed(services, [&cs](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    ConcernStep step;
    step.action = ParseConcernAction(body.Text("action")).value_or(ConcernAction::kReceive);  // an enum in the contract
    step.organisation_id = body.OptInt("organisation_id");
    step.assignee_user_id = body.OptInt("assignee_user_id");
    step.text = body.Text("text");
    step.reason_code = body.Text("reason_code");
    step.duplicate_of_code = body.Text("duplicate_of_code");
    step.files = DANVAN_TRY(Uploads(body, "files"));
    return JsonResponse(200, StaffJson(DANVAN_TRY(cs.Act(c, id, step))));
  }), upload_limit);
  router.Add("POST", "/api/v1/concerns/{id}/comments", Authed(services, [&cs](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    return JsonResponse(200, StaffJson(DANVAN_TRY(cs.Comment(c, id, body.Text("text"), body.Flag("public")))));
  }));
  router.Add("PUT", "/api/v1/concerns/{id}/draft-answer", Authed(services, [&cs](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    return JsonResponse(200, StaffJson(DANVAN_TRY(cs.SaveDraft(c, id, BodyOf(req).Text("text")))));
  }));
  router.Add("POST", "/api/v1/concerns/{id}/category", Authed(services, [&cs](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    return JsonResponse(200, StaffJson(DANVAN_TRY(cs.Recategorise(c, id, BodyOf(req).Text("category_code")))));
  }));
  for (const bool thumbnail : {false, true}) {
    router.Add("GET", std::string("/api/v1/concerns/{id}/files/{file_id}") + (thumbnail ? "/thumbnail" : ""),
               Authed(services, [&cs, thumbnail](Request& req, const Caller& c) -> Result<Response> {
                 const auto id = DANVAN_TRY(PathId(req));
                 const auto file_id = DANVAN_TRY(PathId(req, "file_id"));
                 return Download(DANVAN_TRY(cs.StaffFile(c, id, file_id, thumbnail)), thumbnail);
               }));
  }

  router.Add("GET", "/api/v1/concern-categories", Authed(services, [&cs](Request& req, const Caller& c) -> Result<Response> {
    const auto unit_id = DANVAN_TRY(QueryId(req, "unit_id")).value_or(0);
    return JsonResponse(200, ItemsJson(DANVAN_TRY(cs.Categories(c, unit_id)), CategoryJson));
  }));
  router.Add("POST", "/api/v1/concern-categories", Authed(services, [&cs](Request& req, const Caller& c) -> Result<Response> {
    return JsonResponse(201, CategoryJson(DANVAN_TRY(cs.CreateCategory(c, ParseCategory(BodyOf(req))))));
  }));
  router.Add("PUT", "/api/v1/concern-categories/{id}", Authed(services, [&cs](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    return JsonResponse(200, CategoryJson(DANVAN_TRY(cs.UpdateCategory(c, id, ParseCategory(BodyOf(req))))));
  }));
  router.Add("GET", "/api/v1/units/{id}/concern-rules", Authed(services, [&cs](Request& req, const Caller& c) -> Result<Response> {
    return JsonResponse(200, ItemsJson(DANVAN_TRY(cs.Rules(c, DANVAN_TRY(PathId(req)))), RuleJson));
  }));
  router.Add("PUT", "/api/v1/units/{id}/concern-rules", Authed(services, [&cs](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    std::vector<RoutingRule> rules;
    for (const auto& o : BodyOf(req).Objects("rules")) {
      RoutingRule r;
      r.category_id = o.OptInt("category_id");
      r.area_unit_id = o.OptInt("area_unit_id");
      for (const auto& p : o.Objects("area_polygon")) r.area_polygon.push_back(GeoPoint{p.Number("latitude"), p.Number("longitude")});
      r.organisation_id = o.Int("organisation_id");
      r.active = o.Flag("active", true);
      rules.push_back(std::move(r));
    }
    return JsonResponse(200, ItemsJson(DANVAN_TRY(cs.ReplaceRules(c, id, std::move(rules))), RuleJson));
  }));
  router.Add("GET", "/api/v1/concern-templates", Authed(services, [&cs](Request& req, const Caller& c) -> Result<Response> {
    const auto unit_id = DANVAN_TRY(QueryId(req, "unit_id")).value_or(0);
    return JsonResponse(200, ItemsJson(DANVAN_TRY(cs.Templates(c, unit_id)), TemplateJson));
  }));
  router.Add("POST", "/api/v1/concern-templates", Authed(services, [&cs](Request& req, const Caller& c) -> Result<Response> {
    const auto body = BodyOf(req);
    AnswerTemplate t;
    t.unit_id = body.Int("unit_id");
    t.title = body.Text("title");
    t.body = body.Text("body");
    return JsonResponse(201, TemplateJson(DANVAN_TRY(cs.CreateTemplate(c, t))));
  }));
  router.Add("GET", "/api/v1/work-calendar", [&cs](Request&) -> Result<Response> {
    return JsonResponse(200, CalendarJson(DANVAN_TRY(cs.Calendar())));
  });
  router.Add("PUT", "/api/v1/work-calendar", Authed(services, [&cs](Request& req, const Caller& c) -> Result<Response> {
    const auto body = BodyOf(req);
    auto calendar = DANVAN_TRY(ParseCalendar(body));
    return JsonResponse(200, CalendarJson(DANVAN_TRY(cs.SaveCalendar(c, std::move(calendar), body.Text("note")))));
  }));

  // ---- alerts: a concern's clock near its end or past it ----
  auto& alerts = services.alerts;
  router.Add("GET", "/api/v1/alerts", Authed(services, [&alerts](Request& req, const Caller& c) -> Result<Response> {
    const bool unread_only = req.Query("unread").value_or("false") == "true";
    auto list = DANVAN_TRY(alerts.ForUser(c, unread_only));
    auto body = ItemsJson(list, AlertJson);
    body["unread"] = DANVAN_TRY(alerts.UnreadCount(c));
    body["mail_enabled"] = alerts.mail_enabled();
    return JsonResponse(200, std::move(body));
  }));
  router.Add("POST", "/api/v1/alerts/{id}/read", Authed(services, [&alerts](Request& req, const Caller& c) -> Result<Response> {
    return JsonResponse(200, AlertJson(DANVAN_TRY(alerts.MarkRead(c, DANVAN_TRY(PathId(req))))));
  }));
  router.Add("PUT", "/api/v1/users/{id}/email", Authed(services, [&alerts](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    DANVAN_TRY(alerts.SetEmail(c, id, BodyOf(req).Text("email")));
    Response r;
    r.status = 204;
    return r;
  }));
  router.Add("GET", "/api/v1/work-calendar/proposed-holidays", [](Request& req) -> Result<Response> {
    const auto year = static_cast<int>(DANVAN_TRY(QueryId(req, "year")).value_or(0));  // required, 1900–2100
    json::array items;
    for (const auto& h : ProposeHolidays(year))
      items.push_back({{"date", h.date.Iso()}, {"kind", ToString(h.kind)}, {"name", h.name_vi}, {"name_en", h.name_en}});
    return JsonResponse(200, {{"items", std::move(items)}});
  });
}

}  // namespace danvan::http
