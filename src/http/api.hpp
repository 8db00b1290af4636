#pragma once
//! Every route of the server, bound to the services: the HTTP surface in one place.

#include "http/metrics.hpp"
#include "http/router.hpp"
#include "services/services.hpp"

namespace danvan::http {

//! `upload_limit` is the body limit of the routes that take files.
Router BuildRouter(Services& services, Metrics& metrics, size_t upload_limit = 48 * 1024 * 1024);

//! The OpenAPI 3.1 document served at /api/openapi.json (src/http/openapi.json, embedded).
std::string_view OpenApiDocument();

}  // namespace danvan::http
