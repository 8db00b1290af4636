#include "http/message.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>

namespace danvan::http {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::optional<std::string_view> Request::Header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers)
    if (k == lower_name) return std::string_view(v);
  return std::nullopt;
}

std::optional<std::string_view> Request::Query(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return std::string_view(v);
  return std::nullopt;
}

void Response::SetHeader(std::string name, std::string value) {
  for (auto& [k, v] : headers)
    if (EqualsIgnoreCase(k, name)) {
      v = std::move(value);
      return;
    }
  headers.emplace_back(std::move(name), std::move(value));
}

bool ParseTarget(std::string_view target, Request& request) {
  if (target.empty() || target.front() != '/') return false;
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  request.path = parsed->path();
  if (request.path.find('\0') != std::string::npos) return false;
  for (const auto& param : parsed->params()) request.query.emplace_back(param.key, param.value);
  return true;
}

}  // namespace danvan::http
