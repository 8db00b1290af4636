#include "http/api.hpp"

namespace danvan {
std::string_view EmbeddedOpenApi();  // generated from openapi.json
}

namespace danvan::http {

std::string_view OpenApiDocument() { return EmbeddedOpenApi(); }

}  // namespace danvan::http
