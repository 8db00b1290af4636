#include "http/api.hpp"

#include "http/handlers/handlers.hpp"

namespace danvan::http {

Router BuildRouter(Services& services, Metrics& metrics, size_t upload_limit) {
  Router router;
  AddSystemRoutes(router, services, metrics);
  AddAccountRoutes(router, services);
  AddTerritoryRoutes(router, services);
  AddCommunityRoutes(router, services);
  AddMovementRoutes(router, services, upload_limit);
  AddAwardRoutes(router, services, upload_limit);
  AddCredentialRoutes(router, services);
  AddReportRoutes(router, services);
  AddPlanRoutes(router, services, upload_limit);
  AddHomeRoutes(router, services);
  AddConcernRoutes(router, services, upload_limit);
  AddOpen311Routes(router, services, upload_limit);
  return router;
}

}  // namespace danvan::http
