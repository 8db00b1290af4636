#include "http/error_mapping.hpp"

#include <boost/json/serialize.hpp>

namespace danvan::http {

int StatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidInput: return 400;
    case ErrorKind::kUnauthenticated: return 401;
    case ErrorKind::kForbidden: return 403;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kMethodNotAllowed: return 405;
    case ErrorKind::kTimeout: return 408;
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kTooLarge: return 413;
    case ErrorKind::kUnsupportedMediaType: return 415;
    case ErrorKind::kInvalidTransition: return 422;
    case ErrorKind::kTooManyRequests: return 429;
    case ErrorKind::kHeaderTooLarge: return 431;
    case ErrorKind::kUnavailable: return 503;
    case ErrorKind::kInternal: return 500;
  }
  return 500;
}

Response ErrorResponse(const Error& error) {
  boost::json::object body;
  body["error"] = {
      {"code", error.code},
      {"message", error.message_vi},
      {"message_en", error.message_en},
      {"details", error.details},
  };
  Response r;
  r.status = StatusFor(error.kind);
  r.body = boost::json::serialize(body);
  if (error.kind == ErrorKind::kUnavailable) r.SetHeader("Retry-After", "1");
  if (const auto* wait = error.details.if_contains("retry_after_seconds"); wait && wait->is_int64())
    r.SetHeader("Retry-After", std::to_string(wait->as_int64()));
  return r;
}

Error NotFoundError(std::string_view path) {
  return MakeError(ErrorKind::kNotFound, "not_found", "Không tìm thấy địa chỉ này.", "No such path.")
      .WithDetail("path", boost::json::string(path));
}

Error MethodNotAllowedError(const std::vector<std::string>& allow) {
  boost::json::array methods;
  for (const auto& m : allow) methods.emplace_back(m);
  return MakeError(ErrorKind::kMethodNotAllowed, "method_not_allowed",
                   "Địa chỉ này không hỗ trợ phương thức đã dùng.", "This path does not support that method.")
      .WithDetail("allow", std::move(methods));
}

Error InternalError() {
  return MakeError(ErrorKind::kInternal, "internal_error",
                   "Đã có lỗi trong hệ thống. Lỗi đã được ghi lại; vui lòng thử lại sau.",
                   "Something went wrong on our side. It has been logged; please try again later.");
}

}  // namespace danvan::http
