#pragma once
//! The application as HTTP sees it: routing, static files and the cross-cutting steps every response
//! takes (request id, security headers, metrics, access log). Independent of the transport.

#include "core/error.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace danvan::http {

class App {
 public:
  App(Router router, StaticFiles static_files, Metrics& metrics, bool access_log)
      : router_(std::move(router)), static_(std::move(static_files)), metrics_(metrics), access_log_(access_log) {}

  //! Routes and runs a request; never throws. Runs on a worker thread.
  Response Handle(Request& request);

  //! A response for a request the transport refused before routing (too large, too slow, malformed).
  Response Refuse(Request& request, const Error& error);

  const Router& router() const { return router_; }

  //! The body limit for a request, known once its head is read: a route's own (uploads) or `fallback`.
  size_t BodyLimitFor(std::string_view method, std::string_view path, size_t fallback) const;

 private:
  void Finish(const Request& request, Response& response);

  Router router_;
  StaticFiles static_;
  Metrics& metrics_;
  bool access_log_;
};

//! A client's X-Request-Id if it is well formed (1–128 of [A-Za-z0-9._:-]), else a new random one.
std::string RequestIdFor(std::string_view client_value);

}  // namespace danvan::http
