// Commendation routes: award types, base salary, issuers, proposals, decisions, certificates, the ceremony,
// and the public keys that sign certificates.

#include "http/auth.hpp"
#include "http/body.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json.hpp"
#include "http/params.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <tuple>

namespace danvan::http {
namespace {

namespace json = boost::json;

json::value Nullable(const std::optional<int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }

// A year the contract has held to 1900–2200.
Result<std::optional<int>> QueryYear(const Request& req) {
  auto y = DANVAN_TRY(QueryId(req, "year"));
  return y ? std::optional<int>(static_cast<int>(*y)) : std::nullopt;
}

Response Created(json::object body) { return JsonResponse(201, std::move(body)); }

json::object AwardTypeJson(const AwardType& t) {
  return {{"id", t.id}, {"code", t.code}, {"name", t.name}, {"issuer_kind", ToString(t.issuer_kind)},
          {"subject", ToString(t.subject)}, {"legal_basis", t.legal_basis}, {"bonus_coefficient", t.bonus_coefficient}};
}

json::object IssuerJson(const Issuer& i) {
  return {{"id", i.id}, {"unit_id", i.unit_id}, {"organisation_id", Nullable(i.organisation_id)}, {"name", i.name},
          {"kind", ToString(i.kind)}, {"document_format", ToString(i.format)}, {"symbol", i.symbol}, {"place", i.place}};
}

json::object PartJson(const DossierPart& p) {
  return {{"id", p.id}, {"kind", ToString(p.kind)}, {"origin", ToString(p.origin)}, {"title", p.title},
          {"attachment_id", Nullable(p.attachment_id)}, {"file_name", p.file_name}, {"media_type", p.media_type},
          {"size_bytes", p.size_bytes}, {"has_content", p.has_content}, {"created_at", p.created_at}};
}

json::object ProposalJson(const Proposal& p) {
  json::array nominees, parts;
  for (const auto& n : p.nominees)
    nominees.push_back({{"id", n.id}, {"award_type_id", n.award_type_id}, {"subject", ToString(n.subject)},
                        {"model_id", Nullable(n.model_id)}, {"organisation_id", Nullable(n.organisation_id)},
                        {"person_id", Nullable(n.person_id)}, {"name", n.name}, {"achievement", n.achievement}});
  for (const auto& part : p.parts) parts.push_back(PartJson(part));
  return {{"id", p.id}, {"unit_id", p.unit_id}, {"issuer_id", p.issuer_id}, {"campaign_id", Nullable(p.campaign_id)},
          {"council_session_id", Nullable(p.council_session_id)}, {"year", p.year}, {"title", p.title},
          {"status", ToString(p.status)}, {"status_reason", p.status_reason}, {"created_at", p.created_at},
          {"updated_at", p.updated_at}, {"nominees", std::move(nominees)}, {"parts", std::move(parts)}};
}

json::object DecisionJson(const Decision& d) {
  json::array bases, beneficiaries;
  for (const auto& b : d.legal_bases) bases.emplace_back(b);
  for (const auto& b : d.beneficiaries)
    beneficiaries.push_back({{"id", b.id}, {"award_type_id", b.award_type_id}, {"subject", ToString(b.subject)},
                             {"model_id", Nullable(b.model_id)}, {"organisation_id", Nullable(b.organisation_id)},
                             {"person_id", Nullable(b.person_id)}, {"name", b.name}, {"achievement", b.achievement},
                             {"coefficient", b.coefficient}, {"amount", b.amount},
                             {"certificate_id", Nullable(b.certificate_id)}});
  return {{"id", d.id}, {"unit_id", d.unit_id}, {"issuer_id", d.issuer_id}, {"proposal_id", Nullable(d.proposal_id)},
          {"year", d.year}, {"number", d.number}, {"symbol", d.symbol}, {"decided_on", d.decided_on.Iso()},
          {"place", d.place}, {"summary", d.summary}, {"legal_bases", std::move(bases)}, {"executors", d.executors},
          {"recipients", d.recipients}, {"signer_capacity", d.signer_capacity}, {"signer_title", d.signer_title},
          {"signer_name", d.signer_name}, {"base_salary", d.base_salary}, {"total_amount", d.total_amount()},
          {"status", ToString(d.status)}, {"revoked_on", d.revoked_on ? json::value(d.revoked_on->Iso()) : nullptr},
          {"revocation_reason", d.revocation_reason}, {"beneficiaries", std::move(beneficiaries)}};
}

json::object CertificateJson(const CertificateRow& r) {
  const auto& c = r.certificate;
  return {{"id", c.id}, {"public_id", c.public_id}, {"verify_url", "/verify/" + c.public_id},
          {"decision_id", c.decision_id}, {"decision_symbol", r.decision_symbol}, {"decided_on", r.decided_on.Iso()},
          {"issuer_name", r.issuer_name}, {"award_type_name", r.award_type_name}, {"beneficiary_id", c.beneficiary_id},
          {"beneficiary_name", r.beneficiary_name}, {"achievement", r.achievement}, {"status", ToString(c.status)},
          {"revoked_on", c.revoked_on ? json::value(c.revoked_on->Iso()) : nullptr},
          {"revocation_reason", c.revocation_reason}, {"signed", c.signature.has_value()}};
}

json::object EventJson(const Event& e) {
  json::array segments, anniversaries;
  for (const auto& s : e.segments) {
    json::array recipients;
    for (const auto& r : s.recipients)
      recipients.push_back({{"beneficiary_id", r.beneficiary_id}, {"stage_order", r.stage_order}, {"name", r.name}});
    segments.push_back({{"id", s.id}, {"position", s.position}, {"kind", ToString(s.kind)}, {"title", s.title},
                        {"presenter_person_id", Nullable(s.presenter_person_id)}, {"presenter_name", s.presenter_name},
                        {"presenter_title", s.presenter_title}, {"decision_id", Nullable(s.decision_id)},
                        {"recipients", std::move(recipients)}});
  }
  for (const auto& a : AnniversariesOn(e.held_on))
    anniversaries.push_back({{"code", a.code}, {"name", a.name_vi}, {"name_en", a.name_en}, {"origin", a.origin.Iso()},
                             {"date", a.this_year.Iso()}, {"count", a.count}});
  return {{"id", e.id}, {"unit_id", e.unit_id}, {"title", e.title}, {"held_on", e.held_on.Iso()},
          {"starts_at", e.starts_at}, {"ends_at", e.ends_at}, {"place", e.place}, {"description", e.description},
          {"anniversaries", std::move(anniversaries)}, {"segments", std::move(segments)}};
}

DecisionInput ParseDecision(const Fields& body) {
  DecisionInput in;
  in.proposal_id = body.Int("proposal_id");
  in.decided_on = body.Text("decided_on");
  in.summary = body.Text("summary");
  in.legal_bases = body.Texts("legal_bases");
  in.executors = body.Text("executors");
  in.recipients = body.Text("recipients");
  in.signer_capacity = body.Text("signer_capacity");
  in.signer_title = body.Text("signer_title");
  in.signer_name = body.Text("signer_name");
  return in;
}

json::object PrintJobJson(const PrintJobView& j) {
  json::object out{{"id", j.id}, {"decision_id", j.decision_id}, {"decision_symbol", j.decision_symbol},
                   {"state", ToString(j.state)}, {"done", j.done}, {"total", j.total}};
  if (j.error)
    out["error"] = json::object{{"code", j.error->code}, {"message", j.error->message_vi}, {"message_en", j.error->message_en}};
  return out;
}

// A print job's id: the random token it was given (base64url), nothing else.
Result<std::string> PathToken(const Request& req) {
  const auto it = req.path_params.find("id");
  const std::string id = it == req.path_params.end() ? "" : it->second;
  const bool valid = !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_';
  });
  if (!valid)
    return MakeError(ErrorKind::kNotFound, "print_job_not_found", "Không tìm thấy lượt in (hoặc đã hết hạn).",
                     "No such print job (or it has expired).");
  return id;
}

ProposalInput ParseProposal(const Fields& body) {
  ProposalInput in;
  in.unit_id = body.Int("unit_id");
  in.issuer_id = body.Int("issuer_id");
  in.campaign_id = body.OptInt("campaign_id");
  if (auto y = body.OptInt("year")) in.year = static_cast<int>(*y);
  in.title = body.Text("title");
  for (const auto& o : body.Objects("nominees"))
    in.nominees.push_back(NomineeInput{o.Int("award_type_id"), o.OptInt("model_id"), o.OptInt("organisation_id"),
                                       o.OptInt("person_id"), o.Text("name"), o.Text("achievement")});
  return in;
}

EventInput ParseEvent(const Fields& body) {
  EventInput in;
  in.unit_id = body.Int("unit_id");
  in.title = body.Text("title");
  in.held_on = body.Text("held_on");
  in.start_time = body.Text("start_time");
  in.end_time = body.Text("end_time");
  in.place = body.Text("place");
  in.description = body.Text("description");
  for (const auto& o : body.Objects("segments"))
    in.segments.push_back(SegmentInput{o.Text("kind"), o.Text("title"), o.Text("presenter_name"), o.Text("presenter_title"),
                                       o.OptInt("presenter_person_id"), o.OptInt("decision_id"), o.Ints("recipient_ids")});
  return in;
}

}  // namespace

void AddAwardRoutes(Router& router, Services& services, size_t upload_limit) {
  auto& aw = services.awards;
  router.Add("GET", "/api/v1/award-types", [&aw](Request&) -> Result<Response> {
    json::array items;
    for (const auto& t : DANVAN_TRY(aw.AwardTypes())) items.push_back(AwardTypeJson(t));
    return JsonResponse(200, {{"items", std::move(items)}});
  });
  router.Add("POST", "/api/v1/award-types", Authed(services, [&aw](Request& req, const Caller& c) -> Result<Response> {
    const auto body = BodyOf(req);
    AwardTypeInput in{body.Text("code"), body.Text("name"), body.Text("issuer_kind"), body.Text("subject"),
                      body.Text("legal_basis"), body.Number("bonus_coefficient")};
    return Created(AwardTypeJson(DANVAN_TRY(aw.CreateAwardType(c, in))));
  }));
  router.Add("GET", "/api/v1/base-salaries", [&aw](Request& req) -> Result<Response> {
    // `on` is required: the contract has checked it is there and a date.
    auto q = DANVAN_TRY(aw.QuoteBonus(std::string(req.Query("on").value_or("")), DANVAN_TRY(QueryId(req, "award_type_id"))));
    json::object out{{"effective_from", q.base_salary.effective_from.Iso()}, {"amount", q.base_salary.amount},
                     {"legal_basis", q.base_salary.legal_basis}, {"rounding", q.rounding}};
    if (q.award_type) {
      out["award_type"] = AwardTypeJson(*q.award_type);
      out["bonus"] = *q.amount;
    }
    return JsonResponse(200, std::move(out));
  });
  router.Add("GET", "/api/v1/issuers", [&aw](Request& req) -> Result<Response> {
    json::array items;
    for (const auto& i : DANVAN_TRY(aw.Issuers(DANVAN_TRY(QueryId(req, "unit_id"))))) items.push_back(IssuerJson(i));
    return JsonResponse(200, {{"items", std::move(items)}});
  });
  router.Add("POST", "/api/v1/issuers", Authed(services, [&aw](Request& req, const Caller& c) -> Result<Response> {
    const auto body = BodyOf(req);
    IssuerInput in{body.Int("unit_id"), body.OptInt("organisation_id"), body.Text("name"),
                   body.Text("kind"), body.Text("document_format"), body.Text("symbol"), body.Text("place")};
    return Created(IssuerJson(DANVAN_TRY(aw.CreateIssuer(c, in))));
  }));

  router.Add("GET", "/api/v1/proposals", Authed(services, [&aw](Request& req, const Caller& c) -> Result<Response> {
    const auto paging = DANVAN_TRY(ParsePaging(req));
    ProposalQuery q;
    q.unit_id = DANVAN_TRY(QueryId(req, "unit_id"));
    if (auto s = req.Query("status"); s && !s->empty()) q.status = ParseProposalStatus(*s);  // an enum in the contract
    q.year = DANVAN_TRY(QueryYear(req));
    if (WantsXlsx(req)) return ExportResponse(DANVAN_TRY(aw.ExportProposals(c, q)));
    q.limit = paging.limit();
    q.offset = paging.offset();
    auto page = DANVAN_TRY(aw.ListProposals(c, q));
    json::array items;
    for (const auto& p : page.items) items.push_back(ProposalJson(p));
    return JsonResponse(200, {{"items", std::move(items)}, {"total", page.total}, {"page", paging.page},
                              {"page_size", paging.page_size}});
  }));
  router.Add("POST", "/api/v1/proposals", Authed(services, [&aw](Request& req, const Caller& c) -> Result<Response> {
    return Created(ProposalJson(DANVAN_TRY(aw.CreateProposal(c, ParseProposal(BodyOf(req))))));
  }));
  router.Add("GET", "/api/v1/proposals/{id}", Authed(services, [&aw](Request& req, const Caller& c) -> Result<Response> {
    return JsonResponse(200, ProposalJson(DANVAN_TRY(aw.GetProposal(c, DANVAN_TRY(PathId(req))))));
  }));
  router.Add("POST", "/api/v1/proposals/{id}/transitions", Authed(services, [&aw](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    auto p = DANVAN_TRY(aw.Transition(c, id, body.Text("action"), body.Text("reason"), body.OptInt("council_session_id")));
    return JsonResponse(200, ProposalJson(p));
  }));
  // The generated parts of the dossier: route, part, file name.
  const std::tuple<const char*, DossierDocument, const char*> dossier[] = {
      {"/api/v1/proposals/{id}/dossier/submission.pdf", DossierDocument::kSubmission, "to-trinh"},
      {"/api/v1/proposals/{id}/dossier/achievements.pdf", DossierDocument::kAchievements, "bao-cao-thanh-tich"},
      {"/api/v1/proposals/{id}/dossier/minutes.pdf", DossierDocument::kMinutes, "bien-ban"}};
  for (const auto& [path, part, file] : dossier)
    router.Add("GET", path, Authed(services, [&aw, part = part, file = file](Request& req, const Caller& c) -> Result<Response> {
      const auto id = DANVAN_TRY(PathId(req));
      return PdfResponse(DANVAN_TRY(aw.DossierPdf(c, id, part)), fmt::format("{}-ho-so-{}.pdf", file, id));
    }));
  router.Add("POST", "/api/v1/proposals/{id}/parts", Authed(services, [&aw](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    PartInput in;
    if (auto k = body.Text("kind"); !k.empty()) in.kind = k;
    in.title = body.Text("title");
    in.file_name = body.Text("file_name");
    in.attachment_id = body.OptInt("attachment_id");
    if (body.Has("content_base64")) in.bytes = DANVAN_TRY(body.Bytes("content_base64"));
    return Created(PartJson(DANVAN_TRY(aw.AddPart(c, id, in))));
  }), upload_limit);

  router.Add("GET", "/api/v1/decisions", Authed(services, [&aw](Request& req, const Caller& c) -> Result<Response> {
    const auto paging = DANVAN_TRY(ParsePaging(req));
    DecisionQuery q;
    q.unit_id = DANVAN_TRY(QueryId(req, "unit_id"));
    q.issuer_id = DANVAN_TRY(QueryId(req, "issuer_id"));
    q.year = DANVAN_TRY(QueryYear(req));
    if (WantsXlsx(req)) return ExportResponse(DANVAN_TRY(aw.ExportDecisions(c, q)));
    q.limit = paging.limit();
    q.offset = paging.offset();
    auto page = DANVAN_TRY(aw.ListDecisions(c, q));
    json::array items;
    for (const auto& d : page.items) items.push_back(DecisionJson(d));
    return JsonResponse(200, {{"items", std::move(items)}, {"total", page.total}, {"page", paging.page},
                              {"page_size", paging.page_size}});
  }));
  router.Add("POST", "/api/v1/decisions", Authed(services, [&aw](Request& req, const Caller& c) -> Result<Response> {
    return Created(DecisionJson(DANVAN_TRY(aw.IssueDecision(c, ParseDecision(BodyOf(req))))));
  }));
  router.Add("POST", "/api/v1/decisions/preview", Authed(services, [&aw](Request& req, const Caller& c) -> Result<Response> {
    return PdfResponse(DANVAN_TRY(aw.PreviewDecisionPdf(c, ParseDecision(BodyOf(req)))), "du-thao-quyet-dinh.pdf");
  }));
  router.Add("GET", "/api/v1/decisions/{id}/pdf", Authed(services, [&aw](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    return PdfResponse(DANVAN_TRY(aw.DecisionPdf(c, id)), fmt::format("quyet-dinh-{}.pdf", id));
  }));
  router.Add("POST", "/api/v1/decisions/{id}/certificates/print", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    return JsonResponse(202, PrintJobJson(DANVAN_TRY(services.print_jobs.Start(c, DANVAN_TRY(PathId(req))))));
  }));
  router.Add("GET", "/api/v1/print-jobs/{id}", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    return JsonResponse(200, PrintJobJson(DANVAN_TRY(services.print_jobs.Get(c, DANVAN_TRY(PathToken(req))))));
  }));
  router.Add("GET", "/api/v1/print-jobs/{id}/pdf", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathToken(req));
    return PdfResponse(DANVAN_TRY(services.print_jobs.Pdf(c, id)), fmt::format("giay-khen-{}.pdf", id));
  }));
  router.Add("GET", "/api/v1/decisions/{id}", Authed(services, [&aw](Request& req, const Caller& c) -> Result<Response> {
    return JsonResponse(200, DecisionJson(DANVAN_TRY(aw.GetDecision(c, DANVAN_TRY(PathId(req))))));
  }));
  router.Add("POST", "/api/v1/decisions/{id}/revocation", Authed(services, [&aw](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    auto d = DANVAN_TRY(aw.RevokeDecision(c, id, body.Text("revoked_on"), body.Text("reason")));
    return JsonResponse(200, DecisionJson(d));
  }));

  router.Add("GET", "/api/v1/certificates", Authed(services, [&aw](Request& req, const Caller& c) -> Result<Response> {
    const auto paging = DANVAN_TRY(ParsePaging(req));
    const auto decision_id = DANVAN_TRY(QueryId(req, "decision_id"));
    const auto unit_id = DANVAN_TRY(QueryId(req, "unit_id"));
    if (WantsXlsx(req)) return ExportResponse(DANVAN_TRY(aw.ExportCertificates(c, decision_id, unit_id)));
    auto rows = DANVAN_TRY(aw.ListCertificates(c, decision_id, unit_id, paging.limit(), paging.offset()));
    json::array items;
    for (const auto& r : rows) items.push_back(CertificateJson(r));
    return JsonResponse(200, {{"items", std::move(items)}, {"page", paging.page}, {"page_size", paging.page_size}});
  }));
  router.Add("GET", "/api/v1/certificates/{id}", Authed(services, [&aw](Request& req, const Caller& c) -> Result<Response> {
    return JsonResponse(200, CertificateJson(DANVAN_TRY(aw.GetCertificate(c, DANVAN_TRY(PathId(req))))));
  }));
  router.Add("GET", "/api/v1/certificates/{id}/pdf", Authed(services, [&aw](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    return PdfResponse(DANVAN_TRY(aw.CertificatePdf(c, id)), fmt::format("giay-khen-{}.pdf", id));
  }));

  router.Add("GET", "/api/v1/events", [&aw](Request& req) -> Result<Response> {
    json::array items;
    for (const auto& e : DANVAN_TRY(aw.ListEvents(DANVAN_TRY(QueryId(req, "unit_id"))))) items.push_back(EventJson(e));
    return JsonResponse(200, {{"items", std::move(items)}});
  });
  router.Add("POST", "/api/v1/events", Authed(services, [&aw](Request& req, const Caller& c) -> Result<Response> {
    return Created(EventJson(DANVAN_TRY(aw.CreateEvent(c, ParseEvent(BodyOf(req))))));
  }));
  router.Add("GET", "/api/v1/events/{id}", [&aw](Request& req) -> Result<Response> {
    return JsonResponse(200, EventJson(DANVAN_TRY(aw.GetEvent(DANVAN_TRY(PathId(req))))));
  });
  router.Add("GET", "/api/v1/events/{id}/calendar.ics", [&aw](Request& req) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    Response r;
    r.content_type = "text/calendar; charset=utf-8";
    r.body = DANVAN_TRY(aw.Calendar(id));
    r.SetHeader("Content-Disposition", fmt::format("attachment; filename=\"su-kien-{}.ics\"", id));
    return r;
  });
  router.Add("GET", "/api/v1/events/{id}/program.pdf", [&aw](Request& req) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    auto r = PdfResponse(DANVAN_TRY(aw.ProgramPdf(id)), fmt::format("chuong-trinh-su-kien-{}.pdf", id));
    r.SetHeader("Cache-Control", "public, max-age=60");
    return r;
  });
  router.Add("GET", "/.well-known/jwks.json", [&aw](Request&) -> Result<Response> {
    auto r = JsonResponse(200, DANVAN_TRY(aw.Jwks()));
    r.content_type = "application/jwk-set+json";
    r.SetHeader("Cache-Control", "public, max-age=300");
    return r;
  });
}

}  // namespace danvan::http
