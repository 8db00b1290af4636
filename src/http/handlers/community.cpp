#include "core/vietnamese.hpp"
#include "http/auth.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json.hpp"
#include "http/params.hpp"

#include <boost/json.hpp>

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

std::string Str(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<int64_t> OptId(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_int64()) return std::nullopt;
  return v->as_int64();
}

Result<int64_t> NeedId(const boost::json::object& o, std::string_view key) {
  auto v = OptId(o, key);
  if (!v || *v <= 0)
    return MakeError(ErrorKind::kInvalidInput, "field_required",
                     "Trường \"" + std::string(key) + "\" là bắt buộc và phải là số nguyên dương.",
                     "The field \"" + std::string(key) + "\" is required and must be a positive integer.")
        .WithDetail("field", boost::json::string(key));
  return *v;
}

Result<PersonInput> ParsePerson(const boost::json::object& body) {
  PersonInput in;
  in.full_name = DANVAN_TRY(RequiredString(body, "full_name", 200));
  if (const auto* y = body.if_contains("birth_year"); y && !y->is_null()) {
    if (!y->is_int64())
      return MakeError(ErrorKind::kInvalidInput, "invalid_birth_year", "Năm sinh phải là số.", "birth_year must be a number.")
          .WithDetail("field", "birth_year");
    in.birth_year = static_cast<int>(y->as_int64());
  }
  in.gender = Str(body, "gender");
  in.phone = Str(body, "phone");
  in.email = Str(body, "email");
  in.address = Str(body, "address");
  return in;
}

// A merge patch (RFC 7396): only the members present change; null clears one. Unknown members are refused, so a
// misspelt field is not silently ignored.
Result<PersonPatch> ParsePersonPatch(const boost::json::object& body) {
  PersonPatch patch;
  for (const auto& [key, value] : body) {
    const auto invalid = [&key = key](std::string code, std::string vi, std::string en) {
      return MakeError(ErrorKind::kInvalidInput, std::move(code), std::move(vi), std::move(en))
          .WithDetail("field", boost::json::string(key));
    };
    if (key == "full_name") {
      patch.full_name = DANVAN_TRY(RequiredString(body, "full_name", 200));
    } else if (key == "birth_year") {
      if (!value.is_null() && !value.is_int64())
        return invalid("invalid_birth_year", "Năm sinh phải là số.", "birth_year must be a number.");
      patch.birth_year = value.is_null() ? std::nullopt : std::optional<int>(static_cast<int>(value.as_int64()));
    } else if (key == "gender" || key == "phone" || key == "email" || key == "address") {
      if (!value.is_null() && !value.is_string())
        return invalid("invalid_field", "Trường \"" + std::string(key) + "\" phải là chuỗi hoặc null.",
                       "The field \"" + std::string(key) + "\" must be a string or null.");
      auto& field = key == "gender" ? patch.gender
                    : key == "phone"  ? patch.phone
                    : key == "email"  ? patch.email
                                      : patch.address;
      field = value.is_null() ? std::string() : std::string(value.as_string());
    } else {
      return invalid("unknown_field", "Trường \"" + std::string(key) + "\" không sửa được ở đây.",
                     "The field \"" + std::string(key) + "\" cannot be changed here.");
    }
  }
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
  q.limit = paging.limit();
  q.offset = paging.offset();
  auto page = DANVAN_TRY(services.community.ListOrganisations(q));
  boost::json::array items;
  for (const auto& o : page.items) items.push_back(OrganisationJson(o));
  return JsonResponse(200, {{"items", std::move(items)}, {"total", page.total}, {"page", paging.page},
                            {"page_size", paging.page_size}});
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
    auto body = DANVAN_TRY(ParseJsonObject(req));
    NewOrganisation o;
    o.unit_id = DANVAN_TRY(NeedId(body, "unit_id"));
    o.parent_id = OptId(body, "parent_id");
    o.kind = DANVAN_TRY(RequiredString(body, "kind", 40));
    o.name = DANVAN_TRY(RequiredString(body, "name", 200));
    o.valid_from = DANVAN_TRY(RequiredString(body, "valid_from", 10));
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
    auto body = DANVAN_TRY(ParseJsonObject(req));
    OrganisationEnd end;
    end.status = DANVAN_TRY(RequiredString(body, "status", 16));
    end.date = DANVAN_TRY(RequiredString(body, "date", 10));
    end.to_unit_id = OptId(body, "to_unit_id");
    end.successor_id = OptId(body, "successor_id");
    end.to_parent_id = OptId(body, "to_parent_id");
    auto o = DANVAN_TRY(services.community.EndOrganisation(c, id, end));
    return JsonResponse(200, OrganisationJson(o));
  }));

  router.Add("GET", "/api/v1/people", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto paging = DANVAN_TRY(ParsePaging(req));
    PersonQuery q;
    auto unit = DANVAN_TRY(QueryId(req, "unit_id"));
    if (!unit)
      return MakeError(ErrorKind::kInvalidInput, "invalid_parameter", "Cần tham số unit_id.", "The parameter unit_id is required.")
          .WithDetail("parameter", "unit_id");
    q.unit_id = *unit;
    q.organisation_id = DANVAN_TRY(QueryId(req, "organisation_id"));
    q.folded_text = FoldForSearch(req.Query("q").value_or(""));
    q.limit = paging.limit();
    q.offset = paging.offset();
    auto page = DANVAN_TRY(services.community.ListPeople(c, q));
    boost::json::array items;
    for (const auto& v : page.items) items.push_back(PersonJson(v));
    return JsonResponse(200, {{"items", std::move(items)}, {"total", page.total}, {"page", paging.page},
                              {"page_size", paging.page_size}});
  }));
  router.Add("POST", "/api/v1/people", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    auto body = DANVAN_TRY(ParseJsonObject(req));
    const auto unit_id = DANVAN_TRY(NeedId(body, "unit_id"));
    const auto input = DANVAN_TRY(ParsePerson(body));
    auto v = DANVAN_TRY(services.community.CreatePerson(c, unit_id, input));
    return JsonResponse(201, PersonJson(v));
  }));
  router.Add("GET", "/api/v1/people/{id}", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    auto v = DANVAN_TRY(services.community.GetPerson(c, id));
    return JsonResponse(200, PersonJson(v));
  }));
  router.Add("PUT", "/api/v1/people/{id}", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    auto body = DANVAN_TRY(ParseJsonObject(req));
    const auto input = DANVAN_TRY(ParsePerson(body));
    auto v = DANVAN_TRY(services.community.UpdatePerson(c, id, input));
    return JsonResponse(200, PersonJson(v));
  }));
  router.Add("PATCH", "/api/v1/people/{id}", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    auto body = DANVAN_TRY(ParseJsonObject(req));
    const auto patch = DANVAN_TRY(ParsePersonPatch(body));
    auto v = DANVAN_TRY(services.community.PatchPerson(c, id, patch));
    return JsonResponse(200, PersonJson(v));
  }));
  router.Add("POST", "/api/v1/people/{id}/memberships", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    auto body = DANVAN_TRY(ParseJsonObject(req));
    NewMembership m;
    m.organisation_id = DANVAN_TRY(NeedId(body, "organisation_id"));
    m.title = DANVAN_TRY(RequiredString(body, "title", 100));
    m.valid_from = DANVAN_TRY(RequiredString(body, "valid_from", 10));
    m.valid_to = Str(body, "valid_to");
    auto created = DANVAN_TRY(services.community.AddMembership(c, id, m));
    return JsonResponse(201, MembershipJson(created));
  }));
  router.Add("POST", "/api/v1/memberships/{id}/end", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    auto body = DANVAN_TRY(ParseJsonObject(req));
    const auto to = DANVAN_TRY(RequiredString(body, "valid_to", 10));
    auto m = DANVAN_TRY(services.community.EndMembership(c, id, to));
    return JsonResponse(200, MembershipJson(m));
  }));
  router.Add("POST", "/api/v1/people/import", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    auto unit = DANVAN_TRY(QueryId(req, "unit_id"));
    if (!unit)
      return MakeError(ErrorKind::kInvalidInput, "invalid_parameter", "Cần tham số unit_id.", "The parameter unit_id is required.")
          .WithDetail("parameter", "unit_id");
    const auto type = req.Header("content-type").value_or("");
    if (type.substr(0, type.find(';')) != "text/csv")
      return MakeError(ErrorKind::kUnsupportedMediaType, "unsupported_media_type",
                       "Tệp nhập phải là CSV (Content-Type: text/csv).", "The import must be CSV (Content-Type: text/csv).");
    const auto mode_s = req.Query("mode").value_or("dry_run");
    ImportMode mode = ImportMode::kDryRun;
    if (mode_s == "all") {
      mode = ImportMode::kAllOrNothing;
    } else if (mode_s == "skip_bad_rows") {
      mode = ImportMode::kSkipBadRows;
    } else if (mode_s != "dry_run") {
      return MakeError(ErrorKind::kInvalidInput, "invalid_parameter", "mode phải là dry_run, all hoặc skip_bad_rows.",
                       "mode must be dry_run, all or skip_bad_rows.")
          .WithDetail("parameter", "mode");
    }
    auto report = DANVAN_TRY(services.community.ImportPeople(c, *unit, req.body, mode));
    boost::json::array issues;
    for (const auto& i : report.issues)
      issues.push_back({{"line", i.line}, {"column", i.column}, {"message", i.message_vi}, {"message_en", i.message_en}});
    return JsonResponse(200, {{"dry_run", report.dry_run},
                              {"rows", report.rows},
                              {"valid_rows", report.valid_rows},
                              {"written", report.written},
                              {"issues", std::move(issues)}});
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
