#pragma once
//! The application as HTTP sees it: routing, static files and the cross-cutting steps every response
//! takes (metrics, access log; the request id and security headers the transport writes, see kSecurityHeaders).
//! Independent of the transport.

#include "core/error.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/schema.hpp"
#include "http/static_files.hpp"

#include <array>
#include <functional>
#include <string_view>

namespace danvan::http {

struct FixedHeader {
  std::string_view name;
  std::string_view value;
};

//! Security headers on every response, whatever produced it. The transport writes them with the head, next to
//! X-Request-Id, so that no response carries copies of its own. frame-src blob: lets the decision editor show its
//! live PDF preview (a blob the page fetched) in an <iframe>.
inline constexpr std::array<FixedHeader, 4> kSecurityHeaders{{
    {"Content-Security-Policy",
     "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-src 'self' blob:; "
     "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "strict-origin-when-cross-origin"},
    {"X-Frame-Options", "DENY"},
}};

class App {
 public:
  //! Whether a request's credentials are good (the same check as the handlers' Authed).
  using Authenticator = std::function<Status(const Request&)>;

  //! `contract` is what requests may carry (the OpenAPI document); each route finds its operation there once. On an
  //! operation that needs a sign-in, bad credentials are told before bad input: the schema is no one's business
  //! before they have signed in.
  App(Router router, StaticFiles static_files, Metrics& metrics, bool access_log, std::string_view contract,
      Authenticator authenticate = {});

  //! Routes and runs a request; never throws. Runs on a worker thread.
  Response Handle(Request& request);

  //! A response for a request the transport refused before routing (too large, too slow, malformed).
  Response Refuse(Request& request, const Error& error);

  const Router& router() const { return router_; }

  //! The body limit for a request, known once its head is read: a route's own (uploads) or `fallback`.
  size_t BodyLimitFor(std::string_view method, std::string_view path, size_t fallback) const;

 private:
  void Finish(const Request& request, Response& response);

  Contract contract_;
  Authenticator authenticate_;
  Router router_;
  StaticFiles static_;
  Metrics& metrics_;
  bool access_log_;
};

//! A client's X-Request-Id if it is well formed (1–128 of [A-Za-z0-9._:-]), else a new random one.
std::string RequestIdFor(std::string_view client_value);

}  // namespace danvan::http
