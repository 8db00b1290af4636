#pragma once
//! HTTP messages as the application sees them: plain structs, so that only server.cpp includes Beast.

#include <boost/json/value.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace danvan::http {

struct Request {
  std::string method;  //!< upper case: "GET"
  std::string target;  //!< as received: "/api/v1/units?q=x"
  std::string path;    //!< percent-decoded path, without the query
  std::vector<std::pair<std::string, std::string>> query;    //!< decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  //!< names in lower case
  std::string body;
  std::string remote_address;
  std::string request_id;
  std::map<std::string, std::string> path_params;  //!< filled by the router
  boost::json::value json;  //!< the JSON body, read and checked against its schema before the handler runs
  std::string_view route = "-";  //!< the matched route's pattern (owned by the router), for logs and metrics
  std::chrono::steady_clock::time_point received = std::chrono::steady_clock::now();

  std::optional<std::string_view> Header(std::string_view lower_name) const;
  std::optional<std::string_view> Query(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void SetHeader(std::string name, std::string value);
};

//! Splits an origin-form target ("/api/v1/units?q=x") into the request's decoded path and query parameters; false
//! on anything else, or on a NUL in the path. The bytes decoded are not checked here (App refuses what is not text).
bool ParseTarget(std::string_view target, Request& request);

//! The client's address: the peer's, unless the peer is one of `trusted_proxies` (exact addresses). Then the
//! X-Forwarded-For fields (all of them, in order) are read from the right, past the trusted proxies, to the first
//! address no trusted proxy added; what is not an address ends the walk, and the last trusted hop counts instead.
std::string ClientAddress(std::string_view peer, const std::vector<std::pair<std::string, std::string>>& headers,
                          const std::vector<std::string>& trusted_proxies);

}  // namespace danvan::http
