#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace danvan::http {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 1;  // paths start with '/'
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

bool MatchPattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>* params) {
  const auto p = Split(pattern);
  const auto s = Split(path);
  if (p.size() != s.size()) return false;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i].size() > 2 && p[i].front() == '{' && p[i].back() == '}') {
      if (s[i].empty()) return false;
      if (params) (*params)[std::string(p[i].substr(1, p[i].size() - 2))] = std::string(s[i]);
    } else if (p[i] != s[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler, size_t body_limit) {
  if (pattern.empty() || pattern.front() != '/') throw std::logic_error("route pattern must start with /: " + pattern);
  for (const auto& r : routes_)
    if (r.method == method && r.pattern == pattern) throw std::logic_error("route added twice: " + pattern);
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(handler), body_limit});
}

std::variant<RouteMatch, PathNotFound, MethodNotAllowed> Router::Match(std::string_view method,
                                                                      std::string_view path) const {
  if (path.empty() || path.front() != '/') return PathNotFound{};
  // A literal segment beats a parameter: try routes with fewer parameters first.
  const Route* best = nullptr;
  size_t best_params = SIZE_MAX;
  std::vector<std::string> allow;
  for (const auto& r : routes_) {
    if (!MatchPattern(r.pattern, path, nullptr)) continue;
    const size_t n = static_cast<size_t>(std::count(r.pattern.begin(), r.pattern.end(), '{'));
    if (r.method == method || (method == "HEAD" && r.method == "GET")) {
      if (n < best_params) {
        best = &r;
        best_params = n;
      }
    } else if (std::find(allow.begin(), allow.end(), r.method) == allow.end()) {
      allow.push_back(r.method);
    }
  }
  if (best) {
    RouteMatch m{best, {}};
    MatchPattern(best->pattern, path, &m.params);
    return m;
  }
  if (!allow.empty()) {
    if (std::find(allow.begin(), allow.end(), "GET") != allow.end()) allow.push_back("HEAD");
    std::sort(allow.begin(), allow.end());
    return MethodNotAllowed{allow};
  }
  return PathNotFound{};
}

}  // namespace danvan::http
