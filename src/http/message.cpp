#include "http/message.hpp"

#include <boost/url/parse.hpp>

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace danvan::http {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool IsIpAddress(const std::string& s) {
  std::array<unsigned char, 16> out{};
  return inet_pton(AF_INET, s.c_str(), out.data()) == 1 || inet_pton(AF_INET6, s.c_str(), out.data()) == 1;
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

std::string ClientAddress(std::string_view peer, const std::vector<std::pair<std::string, std::string>>& headers,
                          const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](std::string_view a) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) != trusted_proxies.end();
  };
  std::string client(peer);
  if (!trusted(client)) return client;
  // The hops, left to right, over every X-Forwarded-For field in the order received (RFC 7239 4, RFC 9110 5.3).
  std::vector<std::string> hops;
  for (const auto& [name, value] : headers) {
    if (name != "x-forwarded-for") continue;
    size_t start = 0;
    while (start <= value.size()) {
      size_t end = value.find(',', start);
      if (end == std::string::npos) end = value.size();
      std::string hop = value.substr(start, end - start);
      hop.erase(0, hop.find_first_not_of(" \t"));
      hop.erase(hop.find_last_not_of(" \t") + 1);
      hops.push_back(std::move(hop));
      start = end + 1;
    }
  }
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    if (!IsIpAddress(*it)) break;  // a forged or garbled entry: trust nothing left of it
    client = *it;
    if (!trusted(client)) break;
  }
  return client;
}

}  // namespace danvan::http
