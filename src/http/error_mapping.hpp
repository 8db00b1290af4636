#pragma once
//! The one place where errors become HTTP: status, and the JSON body
//! {"error": {"code", "message", "message_en", "details"}}.

#include "core/error.hpp"
#include "http/message.hpp"

namespace danvan::http {

int StatusFor(ErrorKind kind);

Response ErrorResponse(const Error& error);

//! Errors the HTTP layer itself raises.
Error NotFoundError(std::string_view path);
Error MethodNotAllowedError(const std::vector<std::string>& allow);
Error InternalError();

}  // namespace danvan::http
