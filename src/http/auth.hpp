#pragma once
//! Who is calling: a session cookie (with a CSRF token on requests that change state) or a bearer token.

#include "http/message.hpp"
#include "http/router.hpp"
#include "services/caller.hpp"
#include "services/services.hpp"

namespace danvan::http {

inline constexpr std::string_view kSessionCookie = "danvan_session";

//! The caller of an authenticated route; unauthenticated requests get 401.
Result<Caller> Authenticate(Services& services, const Request& request);

//! For public routes that show more to those who may see it: no or bad credentials → anonymous.
std::optional<Caller> OptionalCaller(Services& services, const Request& request);

using AuthedHandler = std::function<Result<Response>(Request&, const Caller&)>;

//! Wraps a handler that needs a logged-in caller.
Handler Authed(Services& services, AuthedHandler handler);

//! Set-Cookie values for a new session and for logging out.
std::string SessionCookie(const Request& request, const std::string& token);
std::string ClearedSessionCookie(const Request& request);

}  // namespace danvan::http
