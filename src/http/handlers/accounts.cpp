#include "http/auth.hpp"
#include "http/body.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json.hpp"
#include "http/params.hpp"

#include <boost/json.hpp>

namespace danvan::http {
namespace {

boost::json::array GrantsJson(const std::vector<RoleGrant>& grants) {
  boost::json::array out;
  for (const auto& g : grants) {
    boost::json::object o{{"role", ToString(g.role)}};
    o["unit_id"] = g.unit_id ? boost::json::value(*g.unit_id) : nullptr;
    o["organisation_id"] = g.organisation_id ? boost::json::value(*g.organisation_id) : nullptr;
    out.push_back(std::move(o));
  }
  return out;
}

boost::json::object UserJson(const UserRecord& u, const std::vector<RoleGrant>& grants) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"active", u.active},
          {"is_demo", u.is_demo},
          {"created_at", u.created_at},
          {"grants", GrantsJson(grants)}};
}

boost::json::object PrincipalJson(const Principal& p) {
  return {{"id", p.user_id}, {"username", p.username}, {"display_name", p.display_name}, {"grants", GrantsJson(p.grants)}};
}

boost::json::object TokenJson(const TokenRecord& t) {
  boost::json::object o{{"id", t.id}, {"user_id", t.user_id}, {"name", t.name}, {"created_at", t.created_at}};
  o["expires_at"] = t.expires_at ? boost::json::value(*t.expires_at) : nullptr;
  o["revoked_at"] = t.revoked_at ? boost::json::value(*t.revoked_at) : nullptr;
  o["last_used_at"] = t.last_used_at ? boost::json::value(*t.last_used_at) : nullptr;
  return o;
}

// The schema has checked each grant's role (an enum) and ids; the service checks what a grant must name.
std::vector<RoleGrant> ParseGrants(const Fields& body) {
  std::vector<RoleGrant> grants;
  for (const auto& item : body.Objects("grants"))
    grants.push_back(RoleGrant{0, ParseRole(item.Text("role")).value_or(Role::kViewer), item.OptInt("unit_id"),
                               item.OptInt("organisation_id")});
  return grants;
}

}  // namespace

void AddAccountRoutes(Router& router, Services& services) {
  router.Add("POST", "/api/v1/session", [&services](Request& req) -> Result<Response> {
    const auto body = BodyOf(req);
    const auto username = body.Text("username");
    const auto password = body.Text("password");
    auto login = DANVAN_TRY(services.accounts.Login(username, password, req.remote_address, req.request_id));
    Response r = JsonResponse(200, {{"user", PrincipalJson(login.principal)},
                                    {"csrf_token", login.csrf_token},
                                    {"expires_at", login.expires_at}});
    r.SetHeader("Set-Cookie", SessionCookie(req, login.session_token));
    r.SetHeader("Cache-Control", "no-store");
    return r;
  });
  router.Add("DELETE", "/api/v1/session", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    DANVAN_TRY(services.accounts.Logout(c));
    Response r;
    r.status = 204;
    r.SetHeader("Set-Cookie", ClearedSessionCookie(req));
    return r;
  }));
  router.Add("GET", "/api/v1/me", Authed(services, [](Request&, const Caller& c) -> Result<Response> {
    auto o = PrincipalJson(c.principal);
    o["csrf_token"] = c.principal.csrf_token;
    Response r = JsonResponse(200, std::move(o));
    r.SetHeader("Cache-Control", "no-store");
    return r;
  }));
  router.Add("POST", "/api/v1/me/password", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto body = BodyOf(req);
    const auto current = body.Text("current_password");
    const auto next = body.Text("new_password");
    DANVAN_TRY(services.accounts.ChangePassword(c, current, next));
    Response r;
    r.status = 204;
    return r;
  }));

  router.Add("GET", "/api/v1/users", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    if (WantsXlsx(req)) return ExportResponse(DANVAN_TRY(services.accounts.ExportUsers(c)));
    const auto paging = DANVAN_TRY(ParsePaging(req));
    auto page = DANVAN_TRY(services.accounts.ListUsers(c, paging.limit(), paging.offset()));
    boost::json::array items;
    for (const auto& v : page.items) items.push_back(UserJson(v.user, v.grants));
    return JsonResponse(200, {{"items", std::move(items)}, {"total", page.total}, {"page", paging.page},
                              {"page_size", paging.page_size}});
  }));
  router.Add("POST", "/api/v1/users", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto body = BodyOf(req);
    NewUser u;
    u.username = body.Text("username");
    u.display_name = body.Text("display_name");
    u.password = body.Text("password");
    u.grants = ParseGrants(body);
    auto created = DANVAN_TRY(services.accounts.CreateUser(c, std::move(u)));
    auto o = UserJson(created.view.user, created.view.grants);
    if (!created.generated_password.empty()) o["generated_password"] = created.generated_password;
    return JsonResponse(201, std::move(o));
  }));
  router.Add("GET", "/api/v1/users/{id}", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    auto v = DANVAN_TRY(services.accounts.GetUser(c, id));
    return JsonResponse(200, UserJson(v.user, v.grants));
  }));

  router.Add("GET", "/api/v1/tokens", Authed(services, [&services](Request&, const Caller& c) -> Result<Response> {
    auto tokens = DANVAN_TRY(services.accounts.ListTokens(c));
    boost::json::array items;
    for (const auto& t : tokens) items.push_back(TokenJson(t));
    return JsonResponse(200, {{"items", std::move(items)}});
  }));
  router.Add("POST", "/api/v1/tokens", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto body = BodyOf(req);
    const auto name = body.Text("name");
    const int64_t user_id = body.OptInt("user_id").value_or(c.principal.user_id);
    std::optional<Date> expires;
    if (body.Has("expires_on")) expires = DANVAN_TRY(Date::Parse(body.Text("expires_on"), "expires_on"));
    auto issued = DANVAN_TRY(services.accounts.IssueToken(c, user_id, name, expires));
    auto o = TokenJson(issued.record);
    o["token"] = issued.token;
    Response r = JsonResponse(201, std::move(o));
    r.SetHeader("Cache-Control", "no-store");
    return r;
  }));
  router.Add("DELETE", "/api/v1/tokens/{id}", Authed(services, [&services](Request& req, const Caller& c) -> Result<Response> {
    const auto id = DANVAN_TRY(PathId(req));
    DANVAN_TRY(services.accounts.RevokeToken(c, id));
    Response r;
    r.status = 204;
    return r;
  }));
}

}  // namespace danvan::http
