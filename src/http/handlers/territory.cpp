#include "core/vietnamese.hpp"
#include "http/auth.hpp"
#include "http/body.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json.hpp"
#include "http/params.hpp"

#include <boost/json.hpp>

namespace danvan::http {
namespace {

// `sp`: where the object's memory comes from (a request's monotonic buffer on the hot read below).
boost::json::object UnitJson(const AdminUnit& u, boost::json::storage_ptr sp = {}) {
  boost::json::object o({{"id", u.id},
                         {"code", u.code},
                         {"name", u.name},
                         {"level", ToString(u.level)},
                         {"kind", u.kind},
                         {"valid_from", u.valid_from.Iso()},
                         {"parent_id", u.parent_id ? boost::json::value(*u.parent_id) : nullptr},
                         {"valid_to", u.valid_to ? boost::json::value(u.valid_to->Iso()) : nullptr}},
                        std::move(sp));
  return o;
}

boost::json::object SuccessionJson(const Succession& s) {
  boost::json::object o{{"id", s.id},
                        {"from_unit_id", s.from_unit_id},
                        {"to_unit_id", s.to_unit_id},
                        {"share", ToString(s.share)},
                        {"legal_basis", s.legal_basis},
                        {"effective_date", s.effective_date.Iso()}};
  o["note"] = s.note ? boost::json::value(*s.note) : nullptr;
  return o;
}

}  // namespace

void AddTerritoryRoutes(Router& router, Services& services) {
  router.Add("GET", "/api/v1/units", [&services](Request& req) -> Result<Response> {
    const auto paging = DANVAN_TRY(ParsePaging(req));
    UnitQuery q;
    q.parent_id = DANVAN_TRY(QueryId(req, "parent_id"));
    q.roots_only = req.Query("roots").value_or("") == "true";
    if (auto as_of = req.Query("as_of"); as_of && !as_of->empty()) q.as_of = DANVAN_TRY(Date::Parse(*as_of, "as_of"));
    if (auto level = req.Query("level"); level && !level->empty()) q.level = ParseUnitLevel(*level);  // an enum in the contract
    q.folded_text = FoldForSearch(req.Query("q").value_or(""));
    if (WantsXlsx(req)) return ExportResponse(DANVAN_TRY(services.territory.ExportUnits(q)));
    q.limit = paging.limit();
    q.offset = paging.offset();
    auto page = DANVAN_TRY(services.territory.ListUnits(q));
    boost::json::array items;
    for (const auto& u : page.items) items.push_back(UnitJson(u));
    return JsonResponse(200, {{"items", std::move(items)}, {"total", page.total}, {"page", paging.page},
                              {"page_size", paging.page_size}});
  });
  router.Add("POST", "/api/v1/units", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto body = BodyOf(req);
    NewUnit u;
    u.code = body.Text("code");
    u.name = body.Text("name");
    u.level = body.Text("level");
    u.kind = body.Text("kind");
    u.valid_from = body.Text("valid_from");
    u.valid_to = body.Text("valid_to");
    u.parent_id = body.OptInt("parent_id");
    auto unit = DANVAN_TRY(services.territory.CreateUnit(c, u));
    return JsonResponse(201, UnitJson(unit));
  }));
  router.Add("GET", "/api/v1/units/{id}", [&services](Request& req) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    auto d = DANVAN_TRY(services.territory.GetUnit(id));
    // The most read answer (every page that names a unit): its JSON is built in one stack buffer, with no
    // allocation or destruction per value; the buffer only grows onto the heap for an unusually long unit.
    unsigned char buffer[4096];
    boost::json::monotonic_resource memory(buffer, sizeof buffer);
    const boost::json::storage_ptr sp(&memory);
    auto o = UnitJson(d.unit, sp);
    boost::json::array ancestors(sp);
    ancestors.reserve(d.ancestors.size());
    for (const auto& a : d.ancestors) ancestors.push_back(UnitJson(a, sp));
    o["ancestors"] = std::move(ancestors);
    return JsonResponse(200, std::move(o));
  });
  router.Add("GET", "/api/v1/units/{id}/successors", [&services](Request& req) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    auto fate = DANVAN_TRY(services.territory.Successors(id));
    boost::json::array successions, units;
    for (const auto& s : fate.successions) successions.push_back(SuccessionJson(s));
    for (const auto& u : fate.units) units.push_back(UnitJson(u));
    return JsonResponse(200, {{"unit", UnitJson(fate.unit)}, {"successions", std::move(successions)}, {"units", std::move(units)}});
  });
  router.Add("POST", "/api/v1/successions", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto body = BodyOf(req);
    NewSuccession s;
    s.from_unit_id = body.Int("from_unit_id");
    s.to_unit_id = body.Int("to_unit_id");
    s.share = body.Text("share");
    s.legal_basis = body.Text("legal_basis");
    s.effective_date = body.Text("effective_date");
    s.note = body.Text("note");
    auto created = DANVAN_TRY(services.territory.AddSuccession(c, s));
    return JsonResponse(201, SuccessionJson(created));
  }));
}

}  // namespace danvan::http
