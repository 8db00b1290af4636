#include "documents/xlsx/workbook.hpp"
#include "http/auth.hpp"
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
    auto row = [](const ConcernFigureRow& r) {
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
                          {"rating_mean", r.rating_mean ? json::value(*r.rating_mean) : nullptr}};
    };
    json::array rows;
    for (const auto& r : report.rows) rows.push_back(row(r));
    return JsonResponse(200, {{"unit_id", report.unit_id},
                              {"unit_name", report.unit_name},
                              {"group_by", report.group_by},
                              {"year", report.year ? json::value(*report.year) : nullptr},
                              {"from", report.from},
                              {"to", report.to},
                              {"as_of", report.as_of},
                              {"roll_up", report.roll_up},
                              {"rows", std::move(rows)},
                              {"total", row(report.total)}});
  }));
}

}  // namespace danvan::http
