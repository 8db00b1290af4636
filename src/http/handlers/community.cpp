#include "core/vietnamese.hpp"
#include "documents/xlsx/workbook.hpp"
#include "http/auth.hpp"
#include "http/body.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json.hpp"
#include "http/params.hpp"

#include <boost/json.hpp>

#include <tuple>

namespace danvan::http {
namespace {

boost::json::value Opt(const std::optional<int64_t>& v) { return v ? boost::json::value(*v) : nullptr; }
boost::json::value Opt(const std::optional<std::string>& v) { return v ? boost::json::value(*v) : nullptr; }
boost::json::value Opt(const std::optional<Date>& v) { return v ? boost::json::value(v->Iso()) : nullptr; }

boost::json::object OrganisationJson(const Organisation& o) {
  return {{"id", o.id},           {"unit_id", o.unit_id},       {"parent_id", Opt(o.parent_id)},
          {"kind", o.kind},       {"name", o.name},             {"valid_from", o.valid_from.Iso()},
          {"valid_to", Opt(o.valid_to)}, {"status", ToString(o.status)}, {"successor_id", Opt(o.successor_id)}};
}

boost::json::object MembershipJson(const Membership& m) {
  return {{"id", m.id},       {"person_id", m.person_id},          {"organisation_id", m.organisation_id},
          {"title", m.title}, {"valid_from", m.valid_from.Iso()}, {"valid_to", Opt(m.valid_to)}};
}

boost::json::object PersonJson(const PersonView& v) {
  const auto& p = v.person;
  boost::json::object o{{"id", p.id}, {"unit_id", p.unit_id}, {"full_name", p.full_name}, {"is_demo", p.is_demo},
                        {"gender", p.gender ? boost::json::value(ToString(*p.gender)) : nullptr}};
  // Personal data (Nghị định 13/2023/NĐ-CP) only for roles that need it; the keys are absent otherwise.
  if (v.personal_data_visible) {
    o["birth_year"] = p.birth_year ? boost::json::value(*p.birth_year) : nullptr;
    o["phone"] = Opt(p.phone);
    o["email"] = Opt(p.email);
    o["address"] = Opt(p.address);
  }
  boost::json::array memberships;
  for (const auto& m : v.memberships) {
    auto j = MembershipJson(m);
    for (const auto& org : v.organisations)
      if (org.id == m.organisation_id) j["organisation_name"] = org.name;
    memberships.push_back(std::move(j));
  }
  o["memberships"] = std::move(memberships);
  return o;
}

PersonInput ParsePerson(const Fields& body) {
  PersonInput in;
  in.full_name = body.Text("full_name");
  if (auto y = body.OptInt("birth_year")) in.birth_year = static_cast<int>(*y);
  in.gender = body.Text("gender");
  in.phone = body.Text("phone");
  in.email = body.Text("email");
  in.address = body.Text("address");
  return in;
}

// A merge patch (RFC 7396): only the members present change; null clears one (the schema refuses unknown members
// and a null full name).
PersonPatch ParsePersonPatch(const Fields& body) {
  PersonPatch patch;
  if (body.Find("full_name")) patch.full_name = body.Text("full_name");
  if (body.Find("birth_year")) {
    const auto y = body.OptInt("birth_year");
    patch.birth_year = y ? std::optional<int>(static_cast<int>(*y)) : std::nullopt;
  }
  // null clears: an empty string is what the service stores as "none"
  if (body.Find("gender")) patch.gender = body.Text("gender");
  if (body.Find("phone")) patch.phone = body.Text("phone");
  if (body.Find("email")) patch.email = body.Text("email");
  if (body.Find("address")) patch.address = body.Text("address");
  return patch;
}

Result<Response> OrganisationList(Services& services, Request& req) {
  const auto paging = DANVAN_TRY(ParsePaging(req));
  OrganisationQuery q;
  q.unit_id = DANVAN_TRY(QueryId(req, "unit_id"));
  q.parent_id = DANVAN_TRY(QueryId(req, "parent_id"));
  q.roots_only = req.Query("roots").value_or("") == "true";
  if (auto as_of = req.Query("as_of"); as_of && !as_of->empty()) q.as_of = DANVAN_TRY(Date::Parse(*as_of, "as_of"));
  if (auto kind = req.Query("kind"); kind && !kind->empty()) q.kind = std::string(*kind);
  q.folded_text = FoldForSearch(req.Query("q").value_or(""));
  if (WantsXlsx(req)) return ExportResponse(DANVAN_TRY(services.community.ExportOrganisations(q)));
  q.limit = paging.limit();
  q.offset = paging.offset();
  auto page = DANVAN_TRY(services.community.ListOrganisations(q));
  boost::json::array items;
  for (const auto& o : page.items) items.push_back(OrganisationJson(o));
  return JsonResponse(200, {{"items", std::move(items)}, {"total", page.total}, {"page", paging.page},
                            {"page_size", paging.page_size}});
}

// The query of an import and what its file is. The contract has checked that unit_id is there, that mode is one of
// its three values and the media type (CSV, TSV or XLSX).
std::tuple<int64_t, ImportMode, ImportFormat> ImportRequestOf(const Request& req) {
  auto unit = QueryId(req, "unit_id");
  const auto mode_s = req.Query("mode").value_or("dry_run");
  const ImportMode mode = mode_s == "all"             ? ImportMode::kAllOrNothing
                          : mode_s == "skip_bad_rows" ? ImportMode::kSkipBadRows
                                                      : ImportMode::kDryRun;
  const auto format = MediaType(req) == documents::kXlsxMediaType ? ImportFormat::kXlsx : ImportFormat::kCsv;
  return {unit.ok() ? unit.value().value_or(0) : 0, mode, format};
}

Result<Response> ImportResponse(const RowImportReport& report) {
  boost::json::array issues;
  for (const auto& i : report.issues)
    issues.push_back({{"line", i.line}, {"column", i.column}, {"message", i.message_vi}, {"message_en", i.message_en}});
  boost::json::array names;
  for (const auto& n : report.names) names.emplace_back(n);
  return JsonResponse(200, {{"dry_run", report.dry_run},
                            {"rows", report.rows},
                            {"valid_rows", report.valid_rows},
                            {"written", report.written},
                            {"issues", std::move(issues)},
                            {"names", std::move(names)}});
}

}  // namespace

void AddCommunityRoutes(Router& router, Services& services) {
  router.Add("GET", "/api/v1/organisation-kinds", [&services](Request&) -> Result<Response> {
    auto kinds = DANVAN_TRY(services.community.Kinds());
    boost::json::array items;
    for (const auto& k : kinds) items.push_back({{"code", k.code}, {"name", k.name_vi}, {"name_en", k.name_en}});
    return JsonResponse(200, {{"items", std::move(items)}});
  });
  router.Add("GET", "/api/v1/organisations", [&services](Request& req) { return OrganisationList(services, req); });
  router.Add("POST", "/api/v1/organisations", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto body = BodyOf(req);
    NewOrganisation o;
    o.unit_id = body.Int("unit_id");
    o.parent_id = body.OptInt("parent_id");
    o.kind = body.Text("kind");
    o.name = body.Text("name");
    o.valid_from = body.Text("valid_from");
    auto created = DANVAN_TRY(services.community.CreateOrganisation(c, o));
    return JsonResponse(201, OrganisationJson(created));
  }));
  router.Add("GET", "/api/v1/organisations/{id}", [&services](Request& req) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    auto d = DANVAN_TRY(services.community.GetOrganisation(OptionalCaller(services, req), id));
    auto o = OrganisationJson(d.organisation);
    boost::json::array ancestors;
    for (const auto& a : d.ancestors) ancestors.push_back(OrganisationJson(a));
    o["ancestors"] = std::move(ancestors);
    o["successor"] = d.successor ? boost::json::value(OrganisationJson(*d.successor)) : nullptr;
    if (d.members_visible) {
      boost::json::array members;
      for (const auto& m : d.members) {
        auto j = MembershipJson(m);
        for (const auto& p : d.people)
          if (p.id == m.person_id) j["full_name"] = p.full_name;
        members.push_back(std::move(j));
      }
      o["members"] = std::move(members);
    }
    return JsonResponse(200, std::move(o));
  });
  router.Add("POST", "/api/v1/organisations/{id}/end", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    OrganisationEnd end;
    end.status = body.Text("status");
    end.date = body.Text("date");
    end.to_unit_id = body.OptInt("to_unit_id");
    end.successor_id = body.OptInt("successor_id");
    end.to_parent_id = body.OptInt("to_parent_id");
    auto o = DANVAN_TRY(services.community.EndOrganisation(c, id, end));
    return JsonResponse(200, OrganisationJson(o));
  }));

  router.Add("GET", "/api/v1/people", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto paging = DANVAN_TRY(ParsePaging(req));
    PersonQuery q;
    q.unit_id = DANVAN_TRY(QueryId(req, "unit_id")).value_or(0);  // required: the contract has checked it
    q.organisation_id = DANVAN_TRY(QueryId(req, "organisation_id"));
    q.folded_text = FoldForSearch(req.Query("q").value_or(""));
    if (WantsXlsx(req)) return ExportResponse(DANVAN_TRY(services.community.ExportPeople(c, q)));
    q.limit = paging.limit();
    q.offset = paging.offset();
    auto page = DANVAN_TRY(services.community.ListPeople(c, q));
    boost::json::array items;
    for (const auto& v : page.items) items.push_back(PersonJson(v));
    return JsonResponse(200, {{"items", std::move(items)}, {"total", page.total}, {"page", paging.page},
                              {"page_size", paging.page_size}});
  }));
  router.Add("POST", "/api/v1/people", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto body = BodyOf(req);
    auto v = DANVAN_TRY(services.community.CreatePerson(c, body.Int("unit_id"), ParsePerson(body)));
    return JsonResponse(201, PersonJson(v));
  }));
  router.Add("GET", "/api/v1/people/{id}", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    auto v = DANVAN_TRY(services.community.GetPerson(c, id));
    return JsonResponse(200, PersonJson(v));
  }));
  router.Add("PUT", "/api/v1/people/{id}", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    auto v = DANVAN_TRY(services.community.UpdatePerson(c, id, ParsePerson(body), body.OptInt("unit_id")));
    return JsonResponse(200, PersonJson(v));
  }));
  router.Add("PATCH", "/api/v1/people/{id}", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    auto v = DANVAN_TRY(services.community.PatchPerson(c, id, ParsePersonPatch(BodyOf(req))));
    return JsonResponse(200, PersonJson(v));
  }));
  router.Add("POST", "/api/v1/people/{id}/memberships", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    const auto body = BodyOf(req);
    NewMembership m;
    m.organisation_id = body.Int("organisation_id");
    m.title = body.Text("title");
    m.valid_from = body.Text("valid_from");
    m.valid_to = body.Text("valid_to");
    auto created = DANVAN_TRY(services.community.AddMembership(c, id, m));
    return JsonResponse(201, MembershipJson(created));
  }));
  router.Add("POST", "/api/v1/memberships/{id}/end", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    auto m = DANVAN_TRY(services.community.EndMembership(c, id, BodyOf(req).Text("valid_to")));
    return JsonResponse(200, MembershipJson(m));
  }));
  router.Add("POST", "/api/v1/people/import", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto [unit, mode, format] = ImportRequestOf(req);
    return ImportResponse(DANVAN_TRY(services.community.ImportPeople(c, unit, req.body, mode, format)));
  }));
  router.Add("POST", "/api/v1/organisations/import", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto [unit, mode, format] = ImportRequestOf(req);
    return ImportResponse(DANVAN_TRY(services.community.ImportOrganisations(c, unit, req.body, mode, format)));
  }));

  router.Add("GET", "/api/v1/search", [&services](Request& req) -> Result<Response> {
    auto hits = DANVAN_TRY(services.community.Search(OptionalCaller(services, req), std::string(req.Query("q").value_or("")), 30));
    boost::json::array items;
    for (const auto& h : hits)
      items.push_back({{"type", h.type}, {"id", h.id}, {"title", h.title}, {"subtitle", h.subtitle}, {"rank", h.rank}});
    return JsonResponse(200, {{"items", std::move(items)}});
  });
}

}  // namespace danvan::http
