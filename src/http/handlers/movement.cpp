#include "core/vietnamese.hpp"
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

json::value Opt(const std::optional<int64_t>& v) { return v ? json::value(*v) : nullptr; }
json::value Opt(const std::optional<double>& v) { return v ? json::value(*v) : nullptr; }
json::value Opt(const std::optional<std::string>& v) { return v ? json::value(*v) : nullptr; }
json::value Opt(const std::optional<Date>& v) { return v ? json::value(v->Iso()) : nullptr; }

json::object CampaignJson(const Campaign& c) {
  json::array criteria, levels, quotas, links, fields;
  for (const auto& cr : c.criteria)
    criteria.push_back({{"id", cr.id}, {"name", cr.name}, {"weight", cr.weight}, {"max_score", cr.max_score}});
  for (const auto& l : c.levels) levels.push_back({{"code", l.code}, {"name", l.name}});
  for (const auto& q : c.quotas)
    quotas.push_back({{"organisation_kind", q.organisation_kind}, {"min_models", q.min_models},
                      {"max_models", q.max_models ? json::value(*q.max_models) : nullptr}});
  for (const auto& l : c.linked_movements) links.push_back(json::value(l));
  for (const auto& f : c.fields) fields.push_back(json::value(f));
  return {{"id", c.id},
          {"unit_id", c.unit_id},
          {"movement", c.movement},
          {"title", c.title},
          {"starts_on", c.starts_on.Iso()},
          {"ends_on", c.ends_on.Iso()},
          {"launch_document", c.launch_document},
          {"launch_date", Opt(c.launch_date)},
          {"registration_deadline", c.registration_deadline.Iso()},
          {"interim_review_on", Opt(c.interim_review_on)},
          {"final_review_on", Opt(c.final_review_on)},
          {"pass_score", c.pass_score},
          {"ballot_threshold", c.ballot_threshold},
          {"quorum", c.quorum},
          {"status", ToString(c.status)},
          {"fields", std::move(fields)},
          {"criteria", std::move(criteria)},
          {"levels", std::move(levels)},
          {"quotas", std::move(quotas)},
          {"linked_movements", std::move(links)}};
}

json::object ModelJson(const Model& m) {
  json::array indicators;
  for (const auto& i : m.indicators)
    indicators.push_back({{"name", i.name}, {"unit", i.unit}, {"target", i.target}, {"actual", Opt(i.actual)}});
  return {{"id", m.id},
          {"campaign_id", m.campaign_id},
          {"unit_id", m.unit_id},
          {"kind", ToString(m.kind)},
          {"subject", ToString(m.subject)},
          {"field", m.field},
          {"title", m.title},
          {"owner_organisation_id", Opt(m.owner_organisation_id)},
          {"owner_person_id", Opt(m.owner_person_id)},
          {"address", m.address},
          {"latitude", Opt(m.latitude)},
          {"longitude", Opt(m.longitude)},
          {"description", m.description},
          {"goals", m.goals},
          {"indicators", std::move(indicators)},
          {"started_on", Opt(m.started_on)},
          {"status", ToString(m.status)},
          {"recognition_level", Opt(m.recognition_level)},
          {"status_reason", m.status_reason},
          {"source_model_id", Opt(m.source_model_id)},
          {"carried_from_id", Opt(m.carried_from_id)}};
}

json::object PageJson(const Page<Model>& page, const Paging& paging) {
  json::array items;
  for (const auto& m : page.items) items.push_back(ModelJson(m));
  return {{"items", std::move(items)}, {"total", page.total}, {"page", paging.page}, {"page_size", paging.page_size}};
}

ModelInput ParseModel(const Fields& body) {
  ModelInput in;
  in.campaign_id = body.Int("campaign_id");
  if (auto k = body.Text("kind"); !k.empty()) in.kind = k;
  if (auto s = body.Text("subject"); !s.empty()) in.subject = s;
  in.field = body.Text("field");
  in.title = body.Text("title");
  in.owner_organisation_id = body.OptInt("owner_organisation_id");
  in.owner_person_id = body.OptInt("owner_person_id");
  in.address = body.Text("address");
  in.latitude = body.OptNumber("latitude");
  in.longitude = body.OptNumber("longitude");
  in.description = body.Text("description");
  in.goals = body.Text("goals");
  in.started_on = body.Text("started_on");
  for (const auto& o : body.Objects("indicators"))
    in.indicators.push_back(Indicator{o.Text("name"), o.Text("unit"), o.Number("target"), o.OptNumber("actual")});
  return in;
}

CampaignInput ParseCampaign(const Fields& body) {
  CampaignInput in;
  in.unit_id = body.Int("unit_id");
  in.title = body.Text("title");
  in.starts_on = body.Text("starts_on");
  in.ends_on = body.Text("ends_on");
  in.registration_deadline = body.Text("registration_deadline");
  in.launch_document = body.Text("launch_document");
  in.launch_date = body.Text("launch_date");
  in.interim_review_on = body.Text("interim_review_on");
  in.final_review_on = body.Text("final_review_on");
  in.pass_score = body.OptNumber("pass_score");
  in.ballot_threshold = body.OptNumber("ballot_threshold");
  in.quorum = body.OptNumber("quorum");
  in.fields = body.Texts("fields");
  for (const auto& o : body.Objects("criteria"))
    in.criteria.push_back(Criterion{0, o.Text("name"), o.Number("weight"), o.Number("max_score")});
  for (const auto& o : body.Objects("levels")) in.levels.push_back(RecognitionLevel{o.Text("code"), o.Text("name")});
  for (const auto& o : body.Objects("quotas")) {
    Quota quota{o.Text("organisation_kind"), static_cast<int>(o.Int("min_models")), std::nullopt};
    if (auto mx = o.OptInt("max_models")) quota.max_models = static_cast<int>(*mx);
    in.quotas.push_back(quota);
  }
  in.linked_movements = body.Texts("linked_movements");
  return in;
}

Result<ModelQuery> ParseModelQuery(const Request& req, const Paging& paging) {
  ModelQuery q;
  q.campaign_id = DANVAN_TRY(QueryId(req, "campaign_id"));
  q.unit_id = DANVAN_TRY(QueryId(req, "unit_id"));
  q.owner_organisation_id = DANVAN_TRY(QueryId(req, "organisation_id"));
  // The contract has held status and kind to their enums and year to 1900–2200.
  if (auto s = req.Query("status"); s && !s->empty()) q.status = ParseModelStatus(*s);
  if (auto f = req.Query("field"); f && !f->empty()) q.field = std::string(*f);
  if (auto k = req.Query("kind"); k && !k->empty()) q.kind = ParseModelKind(*k);
  if (auto y = DANVAN_TRY(QueryId(req, "year"))) q.year = static_cast<int>(*y);
  q.folded_text = FoldForSearch(req.Query("q").value_or(""));
  q.limit = paging.limit();
  q.offset = paging.offset();
  return q;
}

json::object SessionJson(const SessionView& v) {
  json::array present, models, scores, sheets, members;
  for (auto id : v.session.present_member_ids) present.push_back(id);
  for (const auto& m : v.council.members)
    members.push_back({{"id", m.id}, {"user_id", m.user_id}, {"display_name", m.display_name}, {"role", m.role}});
  for (const auto& sm : v.session.models) {
    json::object o{{"model_id", sm.model_id}, {"total", Opt(sm.total)}, {"outcome", Opt(sm.outcome)},
                   {"level", Opt(sm.level)}, {"reason", Opt(sm.reason)}};
    for (const auto& m : v.models)
      if (m.id == sm.model_id) o["title"] = m.title;
    if (auto it = v.caller_voted.find(sm.model_id); it != v.caller_voted.end()) o["you_voted"] = it->second;
    models.push_back(std::move(o));
  }
  for (const auto& s : v.scores)
    scores.push_back({{"model_id", s.model_id}, {"member_id", s.member_id}, {"criterion_id", s.criterion_id}, {"score", s.score}});
  for (const auto& sh : v.sheets) {
    json::array criteria;
    for (const auto& c : sh.result.criteria)
      criteria.push_back({{"criterion_id", c.criterion_id}, {"mean", c.mean}, {"min", c.min}, {"max", c.max},
                          {"stddev", c.stddev}, {"scored_by", c.scored_by}});
    sheets.push_back({{"model_id", sh.model_id},
                      {"total", sh.result.total},
                      {"complete", sh.result.complete},
                      {"criteria", std::move(criteria)},
                      {"tally", {{"agree", sh.tally.agree}, {"disagree", sh.tally.disagree}, {"abstain", sh.tally.abstain}}},
                      {"quorum_met", sh.outcome.quorum_met},
                      {"ballot_passed", sh.outcome.passed},
                      {"agree_needed", sh.outcome.needed}});
  }
  return {{"id", v.session.id},
          {"council_id", v.session.council_id},
          {"council_name", v.council.name},
          {"campaign_id", v.campaign.id},
          {"held_on", v.session.held_on.Iso()},
          {"status", v.session.status},
          {"members", std::move(members)},
          {"present_member_ids", std::move(present)},
          {"models", std::move(models)},
          {"scores_visible", v.scores_visible},
          {"scores", std::move(scores)},
          {"results", std::move(sheets)},
          {"your_member_id", Opt(v.caller_member_id)}};
}

Response NoContent() {
  Response r;
  r.status = 204;
  return r;
}


json::object AttachmentJson(const AttachmentMeta& a) {
  json::object o{{"id", a.id},
                 {"file_name", a.file_name},
                 {"media_type", a.media_type},
                 {"size_bytes", a.size_bytes},
                 {"public", a.is_public},
                 {"url", "/api/v1/attachments/" + std::to_string(a.id)}};
  if (a.width) o["width"] = *a.width;
  if (a.height) o["height"] = *a.height;
  if (a.has_thumbnail) o["thumbnail_url"] = "/api/v1/attachments/" + std::to_string(a.id) + "/thumbnail";
  return o;
}

json::object ReportJson(const ProgressReport& r) {
  json::array files;
  for (const auto& a : r.attachments) files.push_back(AttachmentJson(a));
  return {{"id", r.id}, {"model_id", r.model_id}, {"kind", ToString(r.kind)}, {"body", r.body},
          {"author", r.author}, {"created_at", r.created_at}, {"attachments", std::move(files)}};
}

Response FileResponse(const AttachmentDownload& d) {
  return DownloadResponse(d.meta.file_name, d.meta.media_type, d.bytes);
}

}  // namespace

void AddMovementRoutes(Router& router, Services& services, size_t upload_limit) {
  auto& mv = services.movement;
  router.Add("POST", "/api/v1/models/{id}/reports", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    ReportInput in;
    if (auto k = body.Text("kind"); !k.empty()) in.kind = k;
    in.body = body.Text("body");
    for (const auto& o : body.Objects("attachments")) {
      UploadedFile f;
      f.file_name = o.Text("file_name");
      f.bytes = DANVAN_TRY(o.Bytes("content_base64"));
      f.is_public = o.Flag("public");
      in.files.push_back(std::move(f));
    }
    return JsonResponse(201, ReportJson(DANVAN_TRY(mv.AddReport(c, id, in))));
  }), upload_limit);
  router.Add("GET", "/api/v1/models/{id}/reports", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    auto reports = DANVAN_TRY(mv.Reports(c, DANVAN_TRY(PathId(req))));
    json::array items;
    for (const auto& r : reports) items.push_back(ReportJson(r));
    return JsonResponse(200, {{"items", std::move(items)}});
  }));
  router.Add("GET", "/api/v1/models/{id}/photos", [&mv](Request& req) -> Result<Response> {
    auto photos = DANVAN_TRY(mv.PublicPhotos(DANVAN_TRY(PathId(req))));
    json::array items;
    for (const auto& a : photos) items.push_back(AttachmentJson(a));
    return JsonResponse(200, {{"items", std::move(items)}});
  });
  router.Add("GET", "/api/v1/attachments/{id}", [&services, &mv](Request& req) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    return FileResponse(DANVAN_TRY(mv.Attachment(OptionalCaller(services, req), id, false)));
  });
  router.Add("GET", "/api/v1/attachments/{id}/thumbnail", [&services, &mv](Request& req) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    return FileResponse(DANVAN_TRY(mv.Attachment(OptionalCaller(services, req), id, true)));
  });
  router.Add("GET", "/api/v1/fields", [&mv](Request&) -> Result<Response> {
    auto fields = DANVAN_TRY(mv.Fields());
    json::array items;
    for (const auto& f : fields) items.push_back({{"code", f.code}, {"name", f.name_vi}, {"name_en", f.name_en}});
    return JsonResponse(200, {{"items", std::move(items)}});
  });
  router.Add("GET", "/api/v1/campaigns", [&mv](Request& req) -> Result<Response> {
    auto campaigns = DANVAN_TRY(mv.ListCampaigns(DANVAN_TRY(QueryId(req, "unit_id"))));
    json::array items;
    for (const auto& c : campaigns) items.push_back(CampaignJson(c));
    return JsonResponse(200, {{"items", std::move(items)}});
  });
  router.Add("POST", "/api/v1/campaigns", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    auto campaign = DANVAN_TRY(mv.CreateCampaign(c, ParseCampaign(BodyOf(req))));
    return JsonResponse(201, CampaignJson(campaign));
  }));
  router.Add("GET", "/api/v1/campaigns/{id}", [&mv](Request& req) -> Result<Response> {
    return JsonResponse(200, CampaignJson(DANVAN_TRY(mv.GetCampaign(DANVAN_TRY(PathId(req))))));
  });
  router.Add("POST", "/api/v1/campaigns/{id}/status", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    auto campaign = DANVAN_TRY(mv.SetCampaignStatus(c, id, BodyOf(req).Text("status")));
    return JsonResponse(200, CampaignJson(campaign));
  }));
  router.Add("GET", "/api/v1/campaigns/{id}/registration", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    auto st = DANVAN_TRY(mv.Registration(c, DANVAN_TRY(PathId(req))));
    json::array rows;
    for (const auto& r : st.rows)
      rows.push_back({{"organisation_id", r.organisation.id}, {"organisation_name", r.organisation.name},
                      {"organisation_kind", r.organisation.kind}, {"registered", r.registered}, {"min_models", r.min_models},
                      {"max_models", r.max_models ? json::value(*r.max_models) : nullptr},
                      {"reopened_until", Opt(r.reopened_until)}, {"state", r.state}});
    return JsonResponse(200, {{"campaign_id", st.campaign.id},
                              {"registration_deadline", st.campaign.registration_deadline.Iso()},
                              {"deadline_passed", st.deadline_passed},
                              {"rows", std::move(rows)}});
  }));
  router.Add("POST", "/api/v1/campaigns/{id}/reopenings", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    DANVAN_TRY(mv.ReopenRegistration(c, id, body.Int("organisation_id"), body.Text("until")));
    return NoContent();
  }));
  router.Add("POST", "/api/v1/campaigns/{id}/carry-over", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    auto carried = DANVAN_TRY(mv.CarryOver(c, body.Int("from_campaign_id"), id, body.Ints("keep_model_ids"),
                                           body.Ints("close_model_ids"), body.Text("reason")));
    json::array items;
    for (const auto& m : carried) items.push_back(ModelJson(m));
    return JsonResponse(200, {{"items", std::move(items)}});
  }));

  router.Add("GET", "/api/v1/models", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    const auto paging = DANVAN_TRY(ParsePaging(req));
    auto q = DANVAN_TRY(ParseModelQuery(req, paging));
    if (WantsXlsx(req)) return ExportResponse(DANVAN_TRY(mv.ExportModels(c, std::move(q))));
    auto page = DANVAN_TRY(mv.ListModels(c, std::move(q)));
    return JsonResponse(200, PageJson(page, paging));
  }));
  router.Add("POST", "/api/v1/models", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    auto model = DANVAN_TRY(mv.CreateModel(c, ParseModel(BodyOf(req))));
    return JsonResponse(201, ModelJson(model));
  }));
  router.Add("GET", "/api/v1/models/{id}", [&services, &mv](Request& req) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    return JsonResponse(200, ModelJson(DANVAN_TRY(mv.GetModel(OptionalCaller(services, req), id))));
  });
  router.Add("POST", "/api/v1/models/{id}/transitions", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    auto model = DANVAN_TRY(mv.Transition(c, id, body.Text("action"), body.Text("reason")));
    return JsonResponse(200, ModelJson(model));
  }));
  router.Add("POST", "/api/v1/models/{id}/adoptions", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    auto model = DANVAN_TRY(mv.Adopt(c, id, ParseModel(BodyOf(req))));
    return JsonResponse(201, ModelJson(model));
  }));
  router.Add("GET", "/api/v1/models/{id}/adoptions", [&mv](Request& req) -> Result<Response> {
    auto lineage = DANVAN_TRY(mv.LineageOf(DANVAN_TRY(PathId(req))));
    if (lineage.model.status != ModelStatus::kRecognised && lineage.model.status != ModelStatus::kCarriedOver)
      return ModelNotFound();
    json::array adopters;
    for (const auto& a : lineage.adopters) {
      // An adopter not yet recognised shows only where the model spread and how far it got.
      const bool is_public = a.status == ModelStatus::kRecognised || a.status == ModelStatus::kCarriedOver;
      json::object o = is_public ? ModelJson(a)
                                 : json::object{{"id", a.id}, {"unit_id", a.unit_id}, {"status", ToString(a.status)},
                                                {"source_model_id", Opt(a.source_model_id)}};
      o["unit_name"] = lineage.unit_names[a.unit_id];
      adopters.push_back(std::move(o));
    }
    return JsonResponse(200, {{"model", ModelJson(lineage.model)},
                              {"adopters", std::move(adopters)},
                              {"times", lineage.adopters.size()},
                              {"units", lineage.units}});
  });
  router.Add("GET", "/api/v1/models/{id}/history", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    auto events = DANVAN_TRY(mv.History(c, DANVAN_TRY(PathId(req))));
    json::array items;
    for (const auto& e : events)
      items.push_back({{"at", e.at}, {"action", e.action}, {"actor", e.actor}, {"status", e.status}, {"reason", e.reason}});
    return JsonResponse(200, {{"items", std::move(items)}});
  }));
  router.Add("GET", "/api/v1/public/models", [&mv](Request& req) -> Result<Response> {
    const auto paging = DANVAN_TRY(ParsePaging(req));
    auto q = DANVAN_TRY(ParseModelQuery(req, paging));
    auto page = DANVAN_TRY(mv.PublicModels(q));
    return JsonResponse(200, PageJson(page, paging));
  });

  router.Add("POST", "/api/v1/councils", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    const auto body = BodyOf(req);
    Council council;
    council.campaign_id = body.Int("campaign_id");
    council.name = body.Text("name");
    council.kind = body.Text("kind");
    for (const auto& e : body.Objects("members")) {
      CouncilMember m;
      m.user_id = e.Int("user_id");
      m.role = e.Text("role");
      m.display_name = e.Text("display_name");
      council.members.push_back(m);
    }
    auto created = DANVAN_TRY(mv.CreateCouncil(c, council));
    json::array members;
    for (const auto& m : created.members)
      members.push_back({{"id", m.id}, {"user_id", m.user_id}, {"display_name", m.display_name}, {"role", m.role}});
    return JsonResponse(201, {{"id", created.id}, {"campaign_id", created.campaign_id}, {"name", created.name},
                              {"kind", created.kind}, {"members", std::move(members)}});
  }));
  router.Add("GET", "/api/v1/councils/{id}", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    auto council = DANVAN_TRY(mv.GetCouncil(c, DANVAN_TRY(PathId(req))));
    json::array members;
    for (const auto& m : council.members)
      members.push_back({{"id", m.id}, {"user_id", m.user_id}, {"display_name", m.display_name}, {"role", m.role}});
    return JsonResponse(200, {{"id", council.id}, {"campaign_id", council.campaign_id}, {"name", council.name},
                              {"kind", council.kind}, {"members", std::move(members)}});
  }));
  router.Add("GET", "/api/v1/campaigns/{id}/councils", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    auto found = DANVAN_TRY(mv.CouncilsOf(c, DANVAN_TRY(PathId(req))));
    json::array items;
    for (const auto& council : found.councils) {
      json::array members, sessions;
      for (const auto& m : council.members)
        members.push_back({{"id", m.id}, {"user_id", m.user_id}, {"display_name", m.display_name}, {"role", m.role}});
      for (const auto& s : found.sessions)
        if (s.council_id == council.id)
          sessions.push_back({{"id", s.id}, {"held_on", s.held_on.Iso()}, {"status", s.status}, {"closed_at", Opt(s.closed_at)}});
      items.push_back({{"id", council.id}, {"campaign_id", council.campaign_id}, {"name", council.name},
                       {"kind", council.kind}, {"members", std::move(members)}, {"sessions", std::move(sessions)}});
    }
    return JsonResponse(200, {{"items", std::move(items)}});
  }));
  router.Add("POST", "/api/v1/councils/{id}/sessions", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    auto s = DANVAN_TRY(mv.OpenSession(c, id, body.Text("held_on"), body.Ints("present_member_ids"), body.Ints("model_ids")));
    return JsonResponse(201, SessionJson(DANVAN_TRY(mv.GetSession(c, s.id))));
  }));
  router.Add("GET", "/api/v1/sessions/{id}", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    return JsonResponse(200, SessionJson(DANVAN_TRY(mv.GetSession(c, DANVAN_TRY(PathId(req))))));
  }));
  router.Add("POST", "/api/v1/sessions/{id}/scores", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    std::map<int64_t, double> scores;
    for (const auto& e : body.Objects("scores")) scores[e.Int("criterion_id")] = e.Number("score");
    DANVAN_TRY(mv.SubmitScores(c, id, body.Int("model_id"), scores));
    return NoContent();
  }));
  router.Add("POST", "/api/v1/sessions/{id}/close-scoring", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    DANVAN_TRY(mv.CloseScoring(c, DANVAN_TRY(PathId(req))));
    return NoContent();
  }));
  router.Add("POST", "/api/v1/sessions/{id}/ballots", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    DANVAN_TRY(mv.Vote(c, id, body.Int("model_id"), body.Text("vote")));
    return NoContent();
  }));
  router.Add("POST", "/api/v1/sessions/{id}/close", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    // The schema holds the keys to model ids (propertyNames) and the values to level codes.
    std::map<int64_t, std::string> levels;
    if (const auto* l = BodyOf(req).Find("levels"); l && l->is_object())
      for (const auto& [k, v] : l->as_object()) levels[std::stoll(std::string(k))] = std::string(v.as_string());
    return JsonResponse(200, SessionJson(DANVAN_TRY(mv.CloseSession(c, id, levels))));
  }));
  router.Add("GET", "/api/v1/sessions/{id}/minutes.pdf", Authed(services, [&mv](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    return PdfResponse(DANVAN_TRY(mv.MinutesPdf(c, id)), fmt::format("bien-ban-phien-hop-{}.pdf", id));
  }));
}

}  // namespace danvan::http
