#include "http/app.hpp"

#include "core/text.hpp"

#include "core/crypto.hpp"
#include "http/error_mapping.hpp"

#include <spdlog/spdlog.h>

#include <cstring>
#include <random>

namespace danvan::http {
namespace {

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

}  // namespace

std::string RequestIdFor(std::string_view client_value) {
  const bool well_formed = !client_value.empty() && client_value.size() <= 128 &&
                           std::all_of(client_value.begin(), client_value.end(), [](char c) {
                             return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' ||
                                    c == ':' || c == '-';
                           });
  if (well_formed) return std::string(client_value);
  // 16 characters of base64url from a per-thread generator seeded by the system's: an id need not be secret,
  // and drawing from the kernel for every request cost a system call each.
  thread_local std::mt19937_64 generator = [] {
    const std::string seed = RandomBytes(sizeof(uint64_t));
    uint64_t value = 0;
    std::memcpy(&value, seed.data(), sizeof value);
    return std::mt19937_64(value);
  }();
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string id(16, '-');
  uint64_t bits = generator();
  for (size_t i = 0; i < id.size(); ++i) {
    if (i == 10) bits = generator();  // 10 × 6 bits from each draw
    id[i] = kAlphabet[bits & 63];
    bits >>= 6;
  }
  return id;
}

App::App(Router router, StaticFiles static_files, Metrics& metrics, bool access_log, std::string_view contract,
         Authenticator authenticate)
    : contract_(contract), authenticate_(std::move(authenticate)), router_(std::move(router)), static_(std::move(static_files)), metrics_(metrics),
      access_log_(access_log) {
  for (auto& route : router_.routes()) route.operation = contract_.Find(route.method, route.pattern);
}

namespace {

// The decoded target is text: valid UTF-8, and no NUL (or other C0 control) in a path or a query. Said before
// routing, so that no error ever echoes bytes that are not text.
std::optional<Error> TargetError(const Request& request) {
  if (!IsValidUtf8(request.path) || HasControlCharacter(request.path))
    return MakeError(ErrorKind::kInvalidInput, "invalid_path", "Đường dẫn không phải văn bản UTF-8 hợp lệ.",
                     "The path is not valid UTF-8 text.")
        .WithDetail("rule", IsValidUtf8(request.path) ? "control_character" : "utf8");
  for (const auto& [name, value] : request.query) {
    const bool utf8 = IsValidUtf8(name) && IsValidUtf8(value);
    if (utf8 && !HasControlCharacter(name) && !HasControlCharacter(value)) continue;
    auto e = utf8 ? MakeError(ErrorKind::kInvalidInput, "invalid_parameter",
                              "Tham số chứa ký tự điều khiển không được phép (như NUL).",
                              "A parameter contains a control character that is not allowed (such as NUL).")
                        .WithDetail("rule", "control_character")
                  : MakeError(ErrorKind::kInvalidInput, "invalid_parameter", "Tham số không phải văn bản UTF-8 hợp lệ.",
                              "A parameter is not valid UTF-8 text.")
                        .WithDetail("rule", "utf8");
    return std::move(e).WithDetail("parameter", boost::json::string(IsValidUtf8(name) && !HasControlCharacter(name) ? std::string_view(name) : std::string_view("?")));
  }
  return std::nullopt;
}

}  // namespace

Response App::Handle(Request& request) {
  Response response;
  // A family of routes that speaks another dialect (Open311) writes its own errors, matched or not.
  const ErrorRenderer* render = router_.ErrorRendererFor(request.path);
  auto fail = [&](const Error& e) { return render ? (*render)(request, e) : ErrorResponse(e); };
  try {
    auto match = router_.Match(request.method, request.path);
    if (auto bad = TargetError(request)) {
      request.route = "unmatched";
      response = fail(*bad);
    } else if (auto* m = std::get_if<RouteMatch>(&match)) {
      request.route = m->route->pattern;
      request.path_params = std::move(m->params);
      // What the request carries is checked against its operation's schema before the handler sees it.
      const auto* op = m->route->operation;
      auto checked = op ? contract_.Check(*op, request) : OkStatus();
      if (!checked.ok() && op->signed_in && authenticate_)
        if (auto who = authenticate_(request); !who.ok()) checked = who;
      auto result = checked.ok() ? m->route->handler(request) : Result<Response>(checked.error());
      response = result.ok() ? std::move(result).value() : fail(result.error());
    } else if (auto* not_allowed = std::get_if<MethodNotAllowed>(&match)) {
      request.route = "unmatched";
      response = fail(MethodNotAllowedError(not_allowed->allow));
      response.SetHeader("Allow", Join(not_allowed->allow));
    } else if (render || request.path.rfind("/api/", 0) == 0 || request.path == "/api") {
      request.route = "unmatched";
      response = fail(NotFoundError(request.path));
    } else if (request.method != "GET" && request.method != "HEAD") {
      request.route = "static";
      response = ErrorResponse(MethodNotAllowedError({"GET", "HEAD"}));
      response.SetHeader("Allow", "GET, HEAD");
    } else {
      request.route = "static";
      auto result = static_.Serve(request);
      response = result.ok() ? std::move(result).value() : ErrorResponse(result.error());
    }
  } catch (const std::exception& e) {
    spdlog::error("unhandled exception request_id={} route={} what={}", request.request_id, request.route, e.what());
    response = fail(InternalError());
  }
  Finish(request, response);
  return response;
}

size_t App::BodyLimitFor(std::string_view method, std::string_view path, size_t fallback) const {
  auto match = router_.Match(method, path);
  if (auto* m = std::get_if<RouteMatch>(&match); m && m->route->body_limit > 0) return m->route->body_limit;
  return fallback;
}

Response App::Refuse(Request& request, const Error& error) {
  const ErrorRenderer* render = router_.ErrorRendererFor(request.path);
  Response response = render ? (*render)(request, error) : ErrorResponse(error);
  Finish(request, response);
  return response;
}

void App::Finish(const Request& request, Response& response) {
  // X-Request-Id and the security headers are the same on every response: the server writes them with the head
  // (kFixedHeaders in server.cpp) rather than each response carrying copies.
  const auto took = std::chrono::steady_clock::now() - request.received;
  metrics_.Observe(request.route, request.method.empty() ? "-" : request.method, response.status, took);
  if (access_log_) {
    spdlog::info("access method={} route={} status={} duration_ms={:.3f} bytes={} request_id={} remote={}",
                 request.method.empty() ? "-" : request.method, request.route, response.status,
                 std::chrono::duration<double, std::milli>(took).count(), response.body.size(), request.request_id,
                 request.remote_address);
  }
}

}  // namespace danvan::http
