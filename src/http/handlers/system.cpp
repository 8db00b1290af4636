#include "http/api.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json.hpp"
#include "services/system.hpp"

#include <boost/json.hpp>

namespace danvan::http {

void AddSystemRoutes(Router& router, Services& services, Metrics& metrics) {
  router.Add("GET", "/healthz", [](Request&) -> Result<Response> {
    return JsonResponse(200, {{"status", "ok"}});
  });
  router.Add("GET", "/readyz", [&services](Request&) -> Result<Response> {
    DANVAN_TRY(CheckReady(services.db));
    return JsonResponse(200, {{"status", "ready"}});
  });
  router.Add("GET", "/metrics", [&metrics](Request&) -> Result<Response> {
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics.Render();
    return r;
  });
  router.Add("GET", "/api/openapi.json", [](Request&) -> Result<Response> {
    Response r;
    r.body = std::string(OpenApiDocument());
    r.SetHeader("Cache-Control", "no-cache");
    return r;
  });
}

}  // namespace danvan::http
