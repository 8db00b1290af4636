// The year's plans, their targets and hand reports, outreach activities and their files (docs/plans.md).
#include "http/auth.hpp"
#include "http/body.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json.hpp"
#include "http/params.hpp"

#include <boost/json.hpp>

namespace danvan::http {
namespace {

namespace json = boost::json;

template <class T>
json::value Opt(const std::optional<T>& v) {
  if (!v) return nullptr;
  return json::value(*v);
}

json::object FileJson(const PlanFileMeta& f) {
  json::object o{{"id", f.id},
                 {"file_name", f.file_name},
                 {"media_type", f.media_type},
                 {"size_bytes", f.size_bytes},
                 {"url", "/api/v1/plan-files/" + std::to_string(f.id)}};
  if (f.width) o["width"] = *f.width;
  if (f.height) o["height"] = *f.height;
  if (f.has_thumbnail) o["thumbnail_url"] = "/api/v1/plan-files/" + std::to_string(f.id) + "/thumbnail";
  return o;
}

json::object ReportJson(const TargetReport& r) {
  json::array files;
  for (const auto& f : r.files) files.push_back(FileJson(f));
  return {{"id", r.id},           {"target_id", r.target_id},     {"reported_on", r.reported_on.Iso()},
          {"value", r.value},     {"evidence", r.evidence},       {"reported_by", r.reported_by},
          {"created_at", r.created_at}, {"files", std::move(files)}};
}

json::object KindJson(const TargetKind& k) {
  return {{"code", k.code},
          {"task", k.task_code},
          {"name", k.name_vi},
          {"name_en", k.name_en},
          {"unit", k.unit_vi},
          {"unit_en", k.unit_en},
          {"metric", k.metric ? json::value(ToString(*k.metric)) : nullptr},
          {"outreach_kind", Opt(k.outreach_kind)},
          {"measure", ToString(k.measure)},
          {"source", k.metric ? "counted" : "reported"}};
}

json::object TargetJson(const PlanTarget& t) {
  return {{"id", t.id},         {"plan_id", t.plan_id},   {"kind", t.kind_code}, {"target", t.target},
          {"notes", t.notes},   {"position", t.position}, {"carried_from_id", Opt(t.carried_from_id)}};
}

json::object ProgressJson(const TargetProgress& p) {
  json::object o = TargetJson(p.target);
  o["kind_info"] = KindJson(p.kind);
  o["value"] = Opt(p.value);
  o["percent"] = p.percent;
  o["met"] = p.met;
  o["latest_report"] = p.latest_report ? json::value(ReportJson(*p.latest_report)) : nullptr;
  json::array reports;
  for (const auto& r : p.reports) reports.push_back(ReportJson(r));
  o["reports"] = std::move(reports);
  return o;
}

json::object PlanJson(const Plan& p) {
  return {{"id", p.id},
          {"unit_id", p.unit_id},
          {"organisation_id", Opt(p.organisation_id)},
          {"organisation_name", Opt(p.organisation_name)},
          {"year", p.year},
          {"title", p.title},
          {"notes", p.notes},
          {"carried_from_id", Opt(p.carried_from_id)},
          {"created_by", p.created_by},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

json::object PlanViewJson(const PlanView& v) {
  json::object o = PlanJson(v.plan);
  o["unit_name"] = v.unit_name;
  o["as_of"] = v.as_of.Iso();
  o["targets"] = v.targets;
  o["met"] = v.met;
  o["can_edit"] = v.can_edit;
  json::array sections;
  for (const auto& s : v.sections) {
    json::array targets;
    for (const auto& t : s.targets) targets.push_back(ProgressJson(t));
    sections.push_back({{"task", s.task.code},
                        {"position", s.task.position},
                        {"name", s.task.name_vi},
                        {"name_en", s.task.name_en},
                        {"targets", std::move(targets)}});
  }
  o["sections"] = std::move(sections);
  return o;
}

json::object ActivityJson(const ActivityView& v) {
  const auto& a = v.activity;
  json::array files;
  for (const auto& f : a.files) files.push_back(FileJson(f));
  return {{"id", a.id},
          {"unit_id", a.unit_id},
          {"organisation_id", Opt(a.organisation_id)},
          {"organisation_name", Opt(a.organisation_name)},
          {"kind", a.kind_code},
          {"kind_name", a.kind_name},
          {"held_on", a.held_on.Iso()},
          {"place", a.place},
          {"topic", a.topic},
          {"attendance", a.attendance},
          {"notes", a.notes},
          {"is_demo", a.is_demo},
          {"created_by", a.created_by},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at},
          {"file_count", a.file_count},
          {"files", std::move(files)},
          {"can_edit", v.can_edit}};
}

Result<std::vector<UploadedFile>> FilesOf(const Fields& body) {
  std::vector<UploadedFile> out;
  for (const auto& o : body.Objects("files")) {
    UploadedFile f;
    f.file_name = o.Text("file_name");
    f.bytes = DANVAN_TRY(o.Bytes("content_base64"));
    out.push_back(std::move(f));
  }
  return out;
}

Result<ActivityInput> ActivityOf(const Fields& body) {
  ActivityInput in;
  in.unit_id = body.Int("unit_id");
  in.organisation_id = body.OptInt("organisation_id");
  in.kind_code = body.Text("kind");
  in.held_on = body.Text("held_on");
  in.place = body.Text("place");
  in.topic = body.Text("topic");
  in.attendance = body.Int("attendance");
  in.notes = body.Text("notes");
  in.files = DANVAN_TRY(FilesOf(body));
  return in;
}

Response NoContent() {
  Response r;
  r.status = 204;
  return r;
}

}  // namespace

json::object PlanProgressJson(const PlanView& v) {
  json::array tasks;
  for (const auto& s : v.sections) {
    json::array targets;
    for (const auto& p : s.targets)
      targets.push_back(json::object{{"id", p.target.id},
                                     {"kind", p.kind.code},
                                     {"name", p.kind.name_vi},
                                     {"name_en", p.kind.name_en},
                                     {"unit", p.kind.unit_vi},
                                     {"unit_en", p.kind.unit_en},
                                     {"measure", ToString(p.kind.measure)},
                                     {"target", p.target.target},
                                     {"value", Opt(p.value)},
                                     {"percent", p.percent},
                                     {"met", p.met}});
    tasks.push_back(json::object{{"code", s.task.code}, {"name", s.task.name_vi}, {"name_en", s.task.name_en},
                                 {"targets", std::move(targets)}});
  }
  return {{"id", v.plan.id},          {"title", v.plan.title}, {"year", v.plan.year}, {"as_of", v.as_of.Iso()},
          {"targets", v.targets},     {"met", v.met},          {"tasks", std::move(tasks)}};
}

void AddPlanRoutes(Router& router, Services& services, size_t upload_limit) {
  auto& plans = services.plans;
  router.Add("GET", "/api/v1/plan-reference", Authed(services, [&plans](Request&, const Caller&) -> Result<Response> {
    const auto ref = DANVAN_TRY(plans.Reference());
    json::array tasks, kinds, activity_kinds;
    for (const auto& t : ref.tasks)
      tasks.push_back({{"code", t.code}, {"position", t.position}, {"name", t.name_vi}, {"name_en", t.name_en}});
    for (const auto& k : ref.target_kinds) kinds.push_back(KindJson(k));
    for (const auto& k : ref.outreach_kinds)
      activity_kinds.push_back({{"code", k.code}, {"name", k.name_vi}, {"name_en", k.name_en}});
    return JsonResponse(200, {{"tasks", std::move(tasks)},
                              {"target_kinds", std::move(kinds)},
                              {"activity_kinds", std::move(activity_kinds)}});
  }));
  router.Add("GET", "/api/v1/plans", Authed(services, [&plans](Request& req, const Caller& c) -> Result<Response> {
    const auto unit = DANVAN_TRY(QueryId(req, "unit_id")).value_or(0);  // required: the contract has checked it
    std::optional<int> year;
    if (auto y = DANVAN_TRY(QueryId(req, "year"))) year = static_cast<int>(*y);
    json::array items;
    for (const auto& p : DANVAN_TRY(plans.ListPlans(c, unit, year))) items.push_back(PlanJson(p));
    return JsonResponse(200, {{"items", std::move(items)}});
  }));
  router.Add("POST", "/api/v1/plans", Authed(services, [&plans](Request& req, const Caller& c) -> Result<Response> {
    const auto body = BodyOf(req);
    PlanInput in;
    in.unit_id = body.Int("unit_id");
    in.organisation_id = body.OptInt("organisation_id");
    in.year = static_cast<int>(body.Int("year"));
    in.title = body.Text("title");
    in.notes = body.Text("notes");
    for (const auto& t : body.Objects("targets")) in.targets.push_back(TargetInput{t.Text("kind"), t.Number("target"), t.Text("notes")});
    return JsonResponse(201, PlanViewJson(DANVAN_TRY(plans.CreatePlan(c, in))));
  }));
  router.Add("GET", "/api/v1/plans/{id}", Authed(services, [&plans](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const std::string as_of(req.Query("as_of").value_or(""));
    if (WantsXlsx(req)) return ExportResponse(DANVAN_TRY(plans.ExportPlan(c, id, as_of)));
    return JsonResponse(200, PlanViewJson(DANVAN_TRY(plans.GetPlan(c, id, as_of))));
  }));
  router.Add("PATCH", "/api/v1/plans/{id}", Authed(services, [&plans](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    return JsonResponse(200, PlanViewJson(DANVAN_TRY(plans.UpdatePlan(c, id, body.Text("title"), body.Text("notes")))));
  }));
  router.Add("POST", "/api/v1/plans/{id}/carry-over", Authed(services, [&plans](Request& req, const Caller& c) -> Result<Response> {
    const auto carried = DANVAN_TRY(plans.CarryOver(c, DANVAN_TRY(PathId(req))));
    json::array ended;
    for (const auto& t : carried.ended) ended.push_back(ProgressJson(t));
    return JsonResponse(201, {{"plan", PlanViewJson(carried.plan)}, {"ended", std::move(ended)}});
  }));
  router.Add("POST", "/api/v1/plans/{id}/targets", Authed(services, [&plans](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    const TargetInput in{body.Text("kind"), body.Number("target"), body.Text("notes")};
    return JsonResponse(201, TargetJson(DANVAN_TRY(plans.AddTarget(c, id, in))));
  }));
  router.Add("PATCH", "/api/v1/plan-targets/{id}", Authed(services, [&plans](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    return JsonResponse(200, TargetJson(DANVAN_TRY(plans.UpdateTarget(c, id, body.Number("target"), body.Text("notes")))));
  }));
  router.Add("DELETE", "/api/v1/plan-targets/{id}", Authed(services, [&plans](Request& req, const Caller& c) -> Result<Response> {
    DANVAN_TRY(plans.DeleteTarget(c, DANVAN_TRY(PathId(req))));
    return NoContent();
  }));
  router.Add("POST", "/api/v1/plan-targets/{id}/reports", Authed(services, [&plans](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    TargetReportInput in;
    in.reported_on = body.Text("reported_on");
    in.value = body.Number("value");
    in.evidence = body.Text("evidence");
    in.files = DANVAN_TRY(FilesOf(body));
    return JsonResponse(201, ReportJson(DANVAN_TRY(plans.ReportTarget(c, id, in))));
  }), upload_limit);

  router.Add("GET", "/api/v1/outreach-activities", Authed(services, [&plans](Request& req, const Caller& c) -> Result<Response> {
    const auto paging = DANVAN_TRY(ParsePaging(req));
    ActivityQueryInput q;
    q.unit_id = DANVAN_TRY(QueryId(req, "unit_id")).value_or(0);  // required: the contract has checked it
    if (auto y = DANVAN_TRY(QueryId(req, "year"))) q.year = static_cast<int>(*y);
    q.from = std::string(req.Query("from").value_or(""));
    q.to = std::string(req.Query("to").value_or(""));
    if (auto k = req.Query("kind")) q.kind_code = std::string(*k);
    q.organisation_id = DANVAN_TRY(QueryId(req, "organisation_id"));
    q.page = paging.page;
    q.page_size = paging.page_size;
    if (WantsXlsx(req)) return ExportResponse(DANVAN_TRY(plans.ExportActivities(c, std::move(q))));
    const auto page = DANVAN_TRY(plans.ListActivities(c, q));
    json::array items;
    for (const auto& a : page.items) items.push_back(ActivityJson(a));
    return JsonResponse(200, {{"items", std::move(items)}, {"total", page.total}, {"page", paging.page},
                              {"page_size", paging.page_size}});
  }));
  router.Add("POST", "/api/v1/outreach-activities", Authed(services, [&plans](Request& req, const Caller& c) -> Result<Response> {
    return JsonResponse(201, ActivityJson(DANVAN_TRY(plans.CreateActivity(c, DANVAN_TRY(ActivityOf(BodyOf(req)))))));
  }), upload_limit);
  router.Add("GET", "/api/v1/outreach-activities/{id}", Authed(services, [&plans](Request& req, const Caller& c) -> Result<Response> {
    return JsonResponse(200, ActivityJson(DANVAN_TRY(plans.GetActivity(c, DANVAN_TRY(PathId(req))))));
  }));
  router.Add("PUT", "/api/v1/outreach-activities/{id}", Authed(services, [&plans](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    return JsonResponse(200, ActivityJson(DANVAN_TRY(plans.UpdateActivity(c, id, DANVAN_TRY(ActivityOf(BodyOf(req)))))));
  }));
  router.Add("POST", "/api/v1/outreach-activities/{id}/files", Authed(services, [&plans](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    return JsonResponse(201, ActivityJson(DANVAN_TRY(plans.AddActivityFiles(c, id, DANVAN_TRY(FilesOf(BodyOf(req)))))));
  }), upload_limit);
  router.Add("GET", "/api/v1/plan-files/{id}", Authed(services, [&plans](Request& req, const Caller& c) -> Result<Response> {
    const auto d = DANVAN_TRY(plans.File(c, DANVAN_TRY(PathId(req)), false));
    return DownloadResponse(d.meta.file_name, d.meta.media_type, d.bytes);
  }));
  router.Add("GET", "/api/v1/plan-files/{id}/thumbnail", Authed(services, [&plans](Request& req, const Caller& c) -> Result<Response> {
    const auto d = DANVAN_TRY(plans.File(c, DANVAN_TRY(PathId(req)), true));
    return DownloadResponse(d.meta.file_name, d.meta.media_type, d.bytes);
  }));
}

}  // namespace danvan::http
