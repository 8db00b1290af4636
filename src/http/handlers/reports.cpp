#include "documents/xlsx/workbook.hpp"
#include "http/auth.hpp"
#include "http/body.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json.hpp"
#include "http/params.hpp"

#include <boost/json.hpp>

namespace danvan::http {
namespace {

namespace json = boost::json;

json::object LabelJson(const UnitLabel& l) {
  json::object o{{"id", l.unit.id}, {"name", l.unit.name}, {"level", ToString(l.unit.level)},
                 {"parent_name", l.parent_name}, {"valid_from", l.unit.valid_from.Iso()}};
  o["valid_to"] = l.unit.valid_to ? json::value(l.unit.valid_to->Iso()) : nullptr;
  return o;
}

json::object TallyJson(const UnitTally& t) {
  json::object by_status;
  for (const auto& [status, n] : t.by_status) by_status[status] = n;
  json::array from, split;
  for (const auto& l : t.rolled_up_from) from.push_back(LabelJson(l));
  for (const auto& l : t.split_into) split.push_back(LabelJson(l));
  return json::object{{"unit", LabelJson(t.unit)},       {"models", t.models},         {"registered", t.registered},
                      {"recognised", t.recognised},      {"adopted", t.adopted},       {"certificates", t.certificates},
                      {"by_status", std::move(by_status)}, {"rolled_up_from", std::move(from)}, {"split_into", std::move(split)}};
}

json::value Nullable(const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object ConcernRowJson(const ConcernFigureRow& r) {
  json::array includes;
  for (const auto& i : r.includes) includes.push_back(json::value(i));
  return json::object{{"key", r.key},
                      {"label", r.label},
                      {"includes", std::move(includes)},
                      {"received", r.received},
                      {"resolved", r.resolved},
                      {"received_on_time", r.received_on_time},
                      {"resolved_on_time", r.resolved_on_time},
                      {"rejected", r.rejected},
                      {"out_of_scope", r.out_of_scope},
                      {"duplicate", r.duplicate},
                      {"open", r.open},
                      {"rating_count", r.rating_count},
                      {"rating_mean", Nullable(r.rating_mean)}};
}

json::object FieldRowJson(const YearFieldRow& r) {
  return {{"code", r.code},           {"name", r.name},           {"collective", r.collective},
          {"individual", r.individual}, {"models", r.models()},   {"registered", r.registered},
          {"recognised", r.recognised}, {"replicated", r.replicated}};
}

json::object RewardsJson(const IssuerRewards& r) {
  json::object o{{"issuer_name", r.issuer_name}, {"decisions", r.decisions}, {"collectives", r.collectives},
                 {"individuals", r.individuals}, {"amount", r.amount}};
  o["issuer_id"] = r.issuer_id ? json::value(r.issuer_id) : nullptr;
  return o;
}

json::object YearReportJson(const YearReport& r) {
  const auto& f = r.figures;
  const auto& t = r.text;
  json::array fields, levels, rewards, concerns, issuers;
  for (const auto& x : f.fields) fields.push_back(FieldRowJson(x));
  for (const auto& x : f.levels) levels.push_back(json::object{{"code", x.code}, {"name", x.name}, {"models", x.models}});
  for (const auto& x : f.rewards) rewards.push_back(RewardsJson(x));
  for (const auto& x : f.concerns.rows) concerns.push_back(ConcernRowJson(x));
  for (const auto& i : r.issuers)
    issuers.push_back(json::object{{"id", i.id}, {"name", i.name}, {"kind", ToString(i.kind)},
                                   {"document_format", ToString(i.format)}, {"symbol", i.symbol}});
  json::value plan = nullptr;
  if (f.plan) plan = PlanProgressJson(*f.plan);
  json::object text{{"saved", t.id != 0},
                    {"number", t.number},
                    {"situation", t.situation},
                    {"highlights", t.highlights},
                    {"assessment", t.assessment},
                    {"directions", t.directions},
                    {"recipients", t.recipients},
                    {"signer_capacity", t.signer_capacity},
                    {"signer_title", t.signer_title},
                    {"signer_name", t.signer_name},
                    {"updated_by", t.updated_by},
                    {"updated_at", t.updated_at}};
  text["issuer_id"] = t.issuer_id ? json::value(*t.issuer_id) : nullptr;
  text["reported_on"] = t.reported_on ? json::value(t.reported_on->Iso()) : nullptr;
  json::object body{{"unit_id", r.unit_id},
                    {"unit_name", r.unit_name},
                    {"year", r.year},
                    {"as_of", r.as_of.Iso()},
                    {"roll_up", r.roll_up},
                    {"can_edit", r.can_edit},
                    {"issuers", std::move(issuers)},
                    {"text", std::move(text)},
                    {"figures", json::object{{"fields", std::move(fields)},
                                             {"fields_total", FieldRowJson(f.fields_total)},
                                             {"levels", std::move(levels)},
                                             {"recognised_at_levels", f.recognised_at_levels},
                                             {"rewards", std::move(rewards)},
                                             {"rewards_total", RewardsJson(f.rewards_total)},
                                             {"concerns", std::move(concerns)},
                                             {"concerns_total", ConcernRowJson(f.concerns.total)},
                                             {"plan", std::move(plan)}}}};
  body["issuer_id"] = r.issuer ? json::value(r.issuer->id) : nullptr;
  return body;
}

Result<YearReportQuery> YearQueryOf(Request& req) {
  YearReportQuery q;
  q.unit_id = DANVAN_TRY(QueryId(req, "unit_id")).value_or(0);  // required: the contract has checked both
  q.year = static_cast<int>(DANVAN_TRY(QueryId(req, "year")).value_or(0));
  q.roll_up = req.Query("roll_up").value_or("true") == "true";  // an enum in the contract
  return q;
}

YearReportInput YearInputOf(const Fields& b) {
  YearReportInput in;
  in.unit_id = b.Int("unit_id");
  in.year = static_cast<int>(b.Int("year"));
  in.issuer_id = b.OptInt("issuer_id");
  in.number = b.Text("number");
  in.reported_on = b.Text("reported_on");
  in.situation = b.Text("situation");
  in.highlights = b.Text("highlights");
  in.assessment = b.Text("assessment");
  in.directions = b.Text("directions");
  in.recipients = b.Text("recipients");
  in.signer_capacity = b.Text("signer_capacity");
  in.signer_title = b.Text("signer_title");
  in.signer_name = b.Text("signer_name");
  return in;
}

}  // namespace

void AddReportRoutes(Router& router, Services& services) {
  router.Add("GET", "/api/v1/reports/models-by-unit", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    ModelsByUnitQuery q;
    q.unit_id = DANVAN_TRY(QueryId(req, "unit_id")).value_or(0);  // required: the contract has checked it
    if (auto y = DANVAN_TRY(QueryId(req, "year"))) q.year = static_cast<int>(*y);
    q.as_of = std::string(req.Query("as_of").value_or(""));
    q.roll_up = req.Query("roll_up").value_or("false") == "true";  // an enum in the contract
    if (WantsXlsx(req)) return ExportResponse(DANVAN_TRY(services.reports.ModelsByUnitXlsx(c, q)));
    const auto report = DANVAN_TRY(services.reports.ModelsByUnit(c, q));
    json::array rows;
    for (const auto& r : report.rows) rows.push_back(TallyJson(r));
    json::object body{{"unit", LabelJson(report.unit)}, {"as_of", report.as_of.Iso()}, {"roll_up", report.roll_up},
                      {"rows", std::move(rows)}, {"total", TallyJson(report.total)}};
    body["year"] = report.year ? json::value(*report.year) : nullptr;
    return JsonResponse(200, std::move(body));
  }));
  router.Add("GET", "/api/v1/reports/concerns", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    ConcernFiguresQuery q;
    q.unit_id = DANVAN_TRY(QueryId(req, "unit_id")).value_or(0);  // required: the contract has checked it
    if (auto y = DANVAN_TRY(QueryId(req, "year"))) q.year = static_cast<int>(*y);
    q.from = std::string(req.Query("from").value_or(""));
    q.to = std::string(req.Query("to").value_or(""));
    q.group_by = std::string(req.Query("group_by").value_or("unit"));  // an enum in the contract
    q.as_of = std::string(req.Query("as_of").value_or(""));
    q.roll_up = req.Query("roll_up").value_or("true") == "true";
    if (WantsXlsx(req)) return ExportResponse(DANVAN_TRY(services.reports.ConcernFiguresXlsx(c, q)));
    const auto report = DANVAN_TRY(services.reports.ConcernFigures(c, q));
    json::array rows;
    for (const auto& r : report.rows) rows.push_back(ConcernRowJson(r));
    return JsonResponse(200, {{"unit_id", report.unit_id},
                              {"unit_name", report.unit_name},
                              {"group_by", report.group_by},
                              {"year", report.year ? json::value(*report.year) : nullptr},
                              {"from", report.from},
                              {"to", report.to},
                              {"as_of", report.as_of},
                              {"roll_up", report.roll_up},
                              {"rows", std::move(rows)},
                              {"total", ConcernRowJson(report.total)}});
  }));
  router.Add("GET", "/api/v1/reports/year", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto query = DANVAN_TRY(YearQueryOf(req));
    if (WantsXlsx(req)) return ExportResponse(DANVAN_TRY(services.year_reports.Xlsx(c, query)));
    return JsonResponse(200, YearReportJson(DANVAN_TRY(services.year_reports.Get(c, query))));
  }));
  router.Add("PUT", "/api/v1/reports/year", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    return JsonResponse(200, YearReportJson(DANVAN_TRY(services.year_reports.Save(c, YearInputOf(BodyOf(req))))));
  }));
  router.Add("GET", "/api/v1/reports/year/pdf", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    auto pdf = DANVAN_TRY(services.year_reports.Pdf(c, DANVAN_TRY(YearQueryOf(req))));
    return PdfResponse(std::move(pdf.bytes), pdf.file_name);
  }));
  router.Add("POST", "/api/v1/reports/year/preview", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto body = BodyOf(req);
    auto pdf = DANVAN_TRY(services.year_reports.Preview(c, YearInputOf(body), body.Flag("roll_up", true)));
    return PdfResponse(std::move(pdf.bytes), "du-thao-" + pdf.file_name);
  }));
}

}  // namespace danvan::http
