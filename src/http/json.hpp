#pragma once
//! Reading JSON request bodies and writing JSON responses.

#include "core/error.hpp"
#include "http/message.hpp"

#include <boost/json/value.hpp>

namespace danvan::http {

//! Checks the content type and UTF-8, then parses; errors say where the text went wrong.
Result<boost::json::object> ParseJsonObject(const Request& request);

Response JsonResponse(int status, boost::json::value body);

//! A required string member, trimmed; errors name the field.
Result<std::string> RequiredString(const boost::json::object& o, std::string_view field, size_t max_chars);

}  // namespace danvan::http
