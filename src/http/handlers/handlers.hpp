#pragma once
// Route registration per area; each handler parses, calls one service, serialises.

#include "http/json.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "services/services.hpp"

namespace danvan::http {

//! A list's or a report's spreadsheet (?format=xlsx, WantsXlsx) as its download.
inline Response ExportResponse(ExportFile file) { return XlsxResponse(file.file_name, std::move(file.bytes)); }

//! A plan's progress in short, as the home and the year report show it: each task with its targets' values.
boost::json::object PlanProgressJson(const PlanView& plan);

void AddSystemRoutes(Router& router, Services& services, Metrics& metrics);
void AddAccountRoutes(Router& router, Services& services);
void AddTerritoryRoutes(Router& router, Services& services);
void AddCommunityRoutes(Router& router, Services& services);
void AddMovementRoutes(Router& router, Services& services, size_t upload_limit);
void AddAwardRoutes(Router& router, Services& services, size_t upload_limit);
void AddCredentialRoutes(Router& router, Services& services);
void AddReportRoutes(Router& router, Services& services);
void AddPlanRoutes(Router& router, Services& services, size_t upload_limit);
//! GET /api/v1/home: the signed-in user's home page.
void AddHomeRoutes(Router& router, Services& services);
void AddConcernRoutes(Router& router, Services& services, size_t upload_limit);
//! Open311 GeoReport v2 at /open311/v2/, in XML and JSON.
void AddOpen311Routes(Router& router, Services& services, size_t upload_limit);

}  // namespace danvan::http
