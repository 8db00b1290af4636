#include "http/auth.hpp"

namespace danvan::http {
namespace {

std::optional<std::string> CookieValue(const Request& request, std::string_view name) {
  for (const auto& [k, v] : request.headers) {
    if (k != "cookie") continue;
    std::string_view rest = v;
    while (!rest.empty()) {
      const auto semi = rest.find(';');
      std::string_view part = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
      const auto eq = part.find('=');
      if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
    }
  }
  return std::nullopt;
}

bool Mutating(const Request& r) { return r.method != "GET" && r.method != "HEAD" && r.method != "OPTIONS"; }

bool BehindTls(const Request& r) { return r.Header("x-forwarded-proto").value_or("") == "https"; }

}  // namespace

Result<Caller> Authenticate(Services& services, const Request& request) {
  Caller caller;
  caller.request_id = request.request_id;
  caller.remote = request.remote_address;
  if (auto auth = request.Header("authorization")) {
    if (auth->rfind("Bearer ", 0) != 0)
      return MakeError(ErrorKind::kUnauthenticated, "invalid_token", "Tiêu đề Authorization phải có dạng \"Bearer <token>\".",
                       "The Authorization header must read \"Bearer <token>\".");
    caller.principal = DANVAN_TRY(services.accounts.AuthenticateToken(std::string(auth->substr(7))));
    return caller;
  }
  if (auto token = CookieValue(request, kSessionCookie)) {
    caller.principal = DANVAN_TRY(services.accounts.AuthenticateSession(
        *token, Mutating(request), std::string(request.Header("x-csrf-token").value_or(""))));
    return caller;
  }
  return Unauthenticated();
}

std::optional<Caller> OptionalCaller(Services& services, const Request& request) {
  auto caller = Authenticate(services, request);
  if (!caller) return std::nullopt;
  return std::move(caller).value();
}

Handler Authed(Services& services, AuthedHandler handler) {
  return [&services, handler = std::move(handler)](Request& request) -> Result<Response> {
    const Caller caller = DANVAN_TRY(Authenticate(services, request));
    return handler(request, caller);
  };
}

std::string SessionCookie(const Request& request, const std::string& token) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax" +
         (BehindTls(request) ? "; Secure" : "");
}

std::string ClearedSessionCookie(const Request& request) {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" +
         (BehindTls(request) ? "; Secure" : "");
}

}  // namespace danvan::http
