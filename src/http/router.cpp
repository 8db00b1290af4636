#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace danvan::http {
namespace {

// Calls fn(segment) for each '/'-separated segment of an absolute path; stops early when fn returns false.
template <class Fn>
bool ForEachSegment(std::string_view path, Fn&& fn) {
  size_t start = 1;  // paths start with '/'
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (!fn(path.substr(start, end - start))) return false;
    start = end + 1;
  }
  return true;
}

bool Matches(const Route& route, std::string_view path, std::map<std::string, std::string>* params) {
  size_t i = 0;
  const bool all = ForEachSegment(path, [&](std::string_view segment) {
    if (i == route.segments.size()) return false;
    const auto& expected = route.segments[i++];
    if (expected.parameter) {
      const auto& suffix = expected.suffix;
      if (segment.size() <= suffix.size() || segment.compare(segment.size() - suffix.size(), suffix.size(), suffix) != 0)
        return false;
      if (params) (*params)[expected.text] = std::string(segment.substr(0, segment.size() - suffix.size()));
      return true;
    }
    return segment == expected.text;
  });
  return all && i == route.segments.size();
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler, size_t body_limit) {
  if (pattern.empty() || pattern.front() != '/') throw std::logic_error("route pattern must start with /: " + pattern);
  for (const auto& r : routes_)
    if (r.method == method && r.pattern == pattern) throw std::logic_error("route added twice: " + pattern);
  Route route{std::move(method), std::move(pattern), std::move(handler), body_limit, {}, 0};
  ForEachSegment(route.pattern, [&](std::string_view segment) {
    // "{name}" or "{name}suffix"; the suffix is a literal (no brace).
    const size_t close = segment.find('}');
    const bool parameter = segment.size() > 2 && segment.front() == '{' && close != std::string_view::npos &&
                           close > 1 && segment.find_first_of("{}", close + 1) == std::string_view::npos;
    if (parameter) {
      route.segments.push_back({std::string(segment.substr(1, close - 1)), true, std::string(segment.substr(close + 1))});
      ++route.parameters;
    } else {
      route.segments.push_back({std::string(segment), false, {}});
    }
    return true;
  });
  const size_t length = route.segments.size();
  if (by_length_.size() <= length) by_length_.resize(length + 1);
  const auto& key = route.segments[KeySegment(length)];
  auto& bucket = by_length_[length];
  (key.parameter ? bucket.any_key : bucket.by_key[key.text]).push_back(routes_.size());
  routes_.push_back(std::move(route));
}

std::variant<RouteMatch, PathNotFound, MethodNotAllowed> Router::Match(std::string_view method,
                                                                      std::string_view path) const {
  if (path.empty() || path.front() != '/') return PathNotFound{};
  // A literal segment beats a parameter: try routes with fewer parameters first.
  const Route* best = nullptr;
  size_t best_params = SIZE_MAX;
  std::vector<std::string> allow;
  // Only routes with as many segments as the path can match it.
  const size_t length = static_cast<size_t>(std::count(path.begin(), path.end(), '/'));
  if (length >= by_length_.size()) return PathNotFound{};
  // Only those whose key segment is this path's literal, or a parameter: two short lists, merged in the order the
  // routes were added, so that the first of two equally good routes still wins.
  const Bucket& bucket = by_length_[length];
  std::string_view key;
  size_t at = 0;
  ForEachSegment(path, [&](std::string_view segment) {
    if (at++ < KeySegment(length)) return true;
    key = segment;
    return false;
  });
  static const std::vector<size_t> kNone;
  const auto literal = bucket.by_key.find(key);
  const auto& named = literal == bucket.by_key.end() ? kNone : literal->second;
  auto a = named.begin(), b = bucket.any_key.begin();
  while (a != named.end() || b != bucket.any_key.end()) {
    const size_t index = (b == bucket.any_key.end() || (a != named.end() && *a < *b)) ? *a++ : *b++;
    const Route& r = routes_[index];
    if (!Matches(r, path, nullptr)) continue;
    const size_t n = r.parameters;
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
    Matches(*best, path, &m.params);
    return m;
  }
  if (!allow.empty()) {
    if (std::find(allow.begin(), allow.end(), "GET") != allow.end()) allow.push_back("HEAD");
    std::sort(allow.begin(), allow.end());
    return MethodNotAllowed{allow};
  }
  return PathNotFound{};
}

void Router::RenderErrorsUnder(std::string prefix, ErrorRenderer render) {
  renderers_.emplace_back(std::move(prefix), std::move(render));
}

const ErrorRenderer* Router::ErrorRendererFor(std::string_view path) const {
  for (const auto& [prefix, render] : renderers_)
    if (path.substr(0, prefix.size()) == prefix) return &render;
  return nullptr;
}

}  // namespace danvan::http
