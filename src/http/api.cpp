#include "http/api.hpp"

#include "http/handlers/handlers.hpp"

namespace danvan::http {

Router BuildRouter(Services& services, Metrics& metrics) {
  Router router;
  AddSystemRoutes(router, services, metrics);
  return router;
}

}  // namespace danvan::http
