#include "core/vietnamese.hpp"
#include "http/auth.hpp"
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

std::string OptionalString(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

Result<int64_t> RequiredId(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_int64() || v->as_int64() <= 0)
    return MakeError(ErrorKind::kInvalidInput, "field_required",
                     "Trường \"" + std::string(key) + "\" là bắt buộc và phải là số nguyên dương.",
                     "The field \"" + std::string(key) + "\" is required and must be a positive integer.")
        .WithDetail("field", boost::json::string(key));
  return v->as_int64();
}

}  // namespace

void AddTerritoryRoutes(Router& router, Services& services) {
  router.Add("GET", "/api/v1/units", [&services](Request& req) -> Result<Response> {
    const auto paging = DANVAN_TRY(ParsePaging(req));
    UnitQuery q;
    q.parent_id = DANVAN_TRY(QueryId(req, "parent_id"));
    q.roots_only = req.Query("roots").value_or("") == "true";
    if (auto as_of = req.Query("as_of"); as_of && !as_of->empty()) q.as_of = DANVAN_TRY(Date::Parse(*as_of, "as_of"));
    if (auto level = req.Query("level"); level && !level->empty()) {
      q.level = ParseUnitLevel(*level);
      if (!q.level)
        return MakeError(ErrorKind::kInvalidInput, "invalid_parameter", "Tham số \"level\" không hợp lệ.",
                         "Invalid parameter \"level\".")
            .WithDetail("parameter", "level");
    }
    q.folded_text = FoldForSearch(req.Query("q").value_or(""));
    q.limit = paging.limit();
    q.offset = paging.offset();
    auto page = DANVAN_TRY(services.territory.ListUnits(q));
    boost::json::array items;
    for (const auto& u : page.items) items.push_back(UnitJson(u));
    return JsonResponse(200, {{"items", std::move(items)}, {"total", page.total}, {"page", paging.page},
                              {"page_size", paging.page_size}});
  });
  router.Add("POST", "/api/v1/units", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    auto body = DANVAN_TRY(ParseJsonObject(req));
    NewUnit u;
    u.code = DANVAN_TRY(RequiredString(body, "code", 32));
    u.name = DANVAN_TRY(RequiredString(body, "name", 200));
    u.level = DANVAN_TRY(RequiredString(body, "level", 16));
    u.kind = DANVAN_TRY(RequiredString(body, "kind", 32));
    u.valid_from = DANVAN_TRY(RequiredString(body, "valid_from", 10));
    u.valid_to = OptionalString(body, "valid_to");
    if (const auto* p = body.if_contains("parent_id"); p && !p->is_null()) u.parent_id = DANVAN_TRY(RequiredId(body, "parent_id"));
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
    auto body = DANVAN_TRY(ParseJsonObject(req));
    NewSuccession s;
    s.from_unit_id = DANVAN_TRY(RequiredId(body, "from_unit_id"));
    s.to_unit_id = DANVAN_TRY(RequiredId(body, "to_unit_id"));
    s.share = DANVAN_TRY(RequiredString(body, "share", 8));
    s.legal_basis = DANVAN_TRY(RequiredString(body, "legal_basis", 300));
    s.effective_date = DANVAN_TRY(RequiredString(body, "effective_date", 10));
    s.note = OptionalString(body, "note");
    auto created = DANVAN_TRY(services.territory.AddSuccession(c, s));
    return JsonResponse(201, SuccessionJson(created));
  }));
}

}  // namespace danvan::http
