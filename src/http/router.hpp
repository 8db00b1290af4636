#pragma once
//! Routes: METHOD + pattern with {param} segments → handler. Unknown path → 404; known path, other
//! method → 405 with Allow. A parameter may end its segment with a literal suffix ("{id}.json", Open311's format).

#include "core/error.hpp"
#include "http/message.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace danvan::http {

using Handler = std::function<Result<Response>(Request&)>;
//! How the errors of a family of routes are written when that family speaks another dialect than ours (Open311).
using ErrorRenderer = std::function<Response(const Request&, const Error&)>;

struct Operation;

struct Route {
  std::string method;
  std::string pattern;  //!< "/api/v1/units/{id}"
  Handler handler;
  size_t body_limit = 0;  //!< a larger limit for uploads; 0 = the server's server.body_limit
  //! The pattern cut at '/' once, when the route is added: matching a request allocates nothing.
  struct Segment {
    std::string text;  //!< the literal, or the parameter's name
    bool parameter = false;
    std::string suffix;  //!< a parameter's literal end: "{id}.json" matches "42.json" with id "42"
  };
  std::vector<Segment> segments;
  size_t parameters = 0;
  //! What the OpenAPI document says the route may carry (set by App); null for a route it does not describe.
  const Operation* operation = nullptr;
};

struct RouteMatch {
  const Route* route;
  std::map<std::string, std::string> params;
};
struct PathNotFound {};
struct MethodNotAllowed {
  std::vector<std::string> allow;
};

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler, size_t body_limit = 0);
  std::variant<RouteMatch, PathNotFound, MethodNotAllowed> Match(std::string_view method,
                                                                std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }
  std::vector<Route>& routes() { return routes_; }

  //! Errors of every request whose path starts with `prefix` (a route's, or none matched: then 404, never a static
  //! file) are written by `render` instead of our JSON error body.
  void RenderErrorsUnder(std::string prefix, ErrorRenderer render);
  //! The renderer for `path`, or null.
  const ErrorRenderer* ErrorRendererFor(std::string_view path) const;

 private:
  //! The routes of one number of path segments, by the literal of their key segment (the third, the resource
  //! of /api/v1/<resource>/…; the last for shorter paths), and those with a parameter there. Indexes into
  //! routes_, in the order the routes were added.
  struct Bucket {
    std::map<std::string, std::vector<size_t>, std::less<>> by_key;
    std::vector<size_t> any_key;
  };
  static size_t KeySegment(size_t length) { return std::min<size_t>(2, length - 1); }

  std::vector<Route> routes_;
  std::vector<std::pair<std::string, ErrorRenderer>> renderers_;
  std::vector<Bucket> by_length_;  //!< by number of path segments
};

}  // namespace danvan::http
