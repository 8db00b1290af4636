#include "http/params.hpp"

#include <fmt/format.h>

#include <charconv>

namespace danvan::http {
namespace {

std::optional<int64_t> ParsePositive(std::string_view s) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

Error BadParameter(std::string_view name, std::string_view value) {
  return MakeError(ErrorKind::kInvalidInput, "invalid_parameter",
                   fmt::format("Tham số \"{}\" không hợp lệ: \"{}\".", name, value),
                   fmt::format("Invalid parameter \"{}\": \"{}\".", name, value))
      .WithDetail("parameter", boost::json::string(name));
}

}  // namespace

Result<Paging> ParsePaging(const Request& request) {
  Paging p;
  if (auto v = request.Query("page")) {
    auto n = ParsePositive(*v);
    if (!n || *n > 1'000'000) return BadParameter("page", *v);
    p.page = *n;
  }
  if (auto v = request.Query("page_size")) {
    auto n = ParsePositive(*v);
    if (!n || *n > 200) return BadParameter("page_size", *v);
    p.page_size = *n;
  }
  return p;
}

Result<int64_t> PathId(const Request& request, const std::string& name) {
  auto it = request.path_params.find(name);
  const std::string value = it == request.path_params.end() ? "" : it->second;
  auto n = ParsePositive(value);
  if (!n) return BadParameter(name, value);
  return *n;
}

Result<std::optional<int64_t>> QueryId(const Request& request, std::string_view name) {
  auto v = request.Query(name);
  if (!v || v->empty()) return std::optional<int64_t>();
  auto n = ParsePositive(*v);
  if (!n) return BadParameter(name, *v);
  return std::optional<int64_t>(*n);
}

}  // namespace danvan::http
