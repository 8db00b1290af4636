#include "http/app.hpp"
#include "http/router.hpp"

#include <gtest/gtest.h>

namespace danvan::http {
namespace {

Handler Named(std::string name) {
  return [name](Request&) -> Result<Response> {
    Response r;
    r.body = name;
    return r;
  };
}

TEST(ClientAddress, OnlyATrustedProxysForwardedForIsBelievedReadFromTheRight) {
  using Headers = std::vector<std::pair<std::string, std::string>>;
  const std::vector<std::string> proxies{"10.0.0.2", "10.0.0.3"};
  const Headers forwarded{{"x-forwarded-for", "198.51.100.9, 203.0.113.5"}};
  EXPECT_EQ(ClientAddress("192.0.2.1", forwarded, proxies), "192.0.2.1") << "a client's own header is not believed";
  EXPECT_EQ(ClientAddress("10.0.0.2", forwarded, proxies), "203.0.113.5") << "the hop the proxy added";
  EXPECT_EQ(ClientAddress("10.0.0.2", {}, proxies), "10.0.0.2");
  // Two proxies in a row, and the field split over two headers: still the first untrusted hop from the right.
  const Headers chained{{"x-forwarded-for", "198.51.100.9,203.0.113.5"}, {"x-forwarded-for", " 10.0.0.3 "}};
  EXPECT_EQ(ClientAddress("10.0.0.2", chained, proxies), "203.0.113.5");
  EXPECT_EQ(ClientAddress("10.0.0.2", {{"x-forwarded-for", "2001:db8::7"}}, proxies), "2001:db8::7");
  // Garbage ends the walk at the last trusted hop, never at what the client wrote.
  EXPECT_EQ(ClientAddress("10.0.0.2", {{"x-forwarded-for", "203.0.113.5, unknown"}}, proxies), "10.0.0.2");
  EXPECT_EQ(ClientAddress("10.0.0.2", {{"x-forwarded-for", "nonsense, 10.0.0.3"}}, proxies), "10.0.0.3");
}

TEST(Router, MatchesParametersAndPrefersLiterals) {
  Router router;
  router.Add("GET", "/api/v1/units/{id}", Named("one"));
  router.Add("GET", "/api/v1/units/tree", Named("tree"));
  router.Add("POST", "/api/v1/units", Named("create"));

  auto m = router.Match("GET", "/api/v1/units/42");
  ASSERT_TRUE(std::holds_alternative<RouteMatch>(m));
  EXPECT_EQ(std::get<RouteMatch>(m).params.at("id"), "42");
  EXPECT_EQ(std::get<RouteMatch>(m).route->pattern, "/api/v1/units/{id}");

  auto tree = router.Match("GET", "/api/v1/units/tree");
  ASSERT_TRUE(std::holds_alternative<RouteMatch>(tree));
  EXPECT_EQ(std::get<RouteMatch>(tree).route->pattern, "/api/v1/units/tree");
}

TEST(Router, AParameterMayEndWithALiteralSuffix) {
  Router router;
  router.Add("GET", "/open311/v2/requests/{id}.json", Named("json"));
  router.Add("GET", "/open311/v2/requests/{id}.xml", Named("xml"));
  router.Add("GET", "/open311/v2/requests.json", Named("list"));

  auto json = router.Match("GET", "/open311/v2/requests/PA-1234-5678.json");
  ASSERT_TRUE(std::holds_alternative<RouteMatch>(json));
  EXPECT_EQ(std::get<RouteMatch>(json).route->pattern, "/open311/v2/requests/{id}.json");
  EXPECT_EQ(std::get<RouteMatch>(json).params.at("id"), "PA-1234-5678");
  auto dotted = router.Match("GET", "/open311/v2/requests/a.b.xml");
  ASSERT_TRUE(std::holds_alternative<RouteMatch>(dotted));
  EXPECT_EQ(std::get<RouteMatch>(dotted).params.at("id"), "a.b");
  // The suffix alone is no value, and another suffix is another path.
  EXPECT_TRUE(std::holds_alternative<PathNotFound>(router.Match("GET", "/open311/v2/requests/.json")));
  EXPECT_TRUE(std::holds_alternative<PathNotFound>(router.Match("GET", "/open311/v2/requests/1.yaml")));
  EXPECT_TRUE(std::holds_alternative<RouteMatch>(router.Match("GET", "/open311/v2/requests.json")));
}

TEST(Router, ErrorRenderersApplyByPrefix) {
  Router router;
  router.RenderErrorsUnder("/open311/", [](const Request&, const Error&) { return Response{}; });
  EXPECT_NE(router.ErrorRendererFor("/open311/v2/x.json"), nullptr);
  EXPECT_EQ(router.ErrorRendererFor("/api/v1/units"), nullptr);
}

TEST(Router, WrongMethodGives405WithAllow) {
  Router router;
  router.Add("POST", "/api/v1/units", Named("create"));
  router.Add("GET", "/api/v1/units", Named("list"));
  auto m = router.Match("DELETE", "/api/v1/units");
  ASSERT_TRUE(std::holds_alternative<MethodNotAllowed>(m));
  EXPECT_EQ(std::get<MethodNotAllowed>(m).allow, (std::vector<std::string>{"GET", "HEAD", "POST"}));
}

TEST(Router, UnknownPathsAndEmptySegmentsAreNotFound) {
  Router router;
  router.Add("GET", "/api/v1/units/{id}", Named("one"));
  EXPECT_TRUE(std::holds_alternative<PathNotFound>(router.Match("GET", "/api/v1/units/")));
  EXPECT_TRUE(std::holds_alternative<PathNotFound>(router.Match("GET", "/api/v1/units/1/x")));
  EXPECT_TRUE(std::holds_alternative<PathNotFound>(router.Match("GET", "/nothing")));
}

TEST(Router, HeadIsServedByGet) {
  Router router;
  router.Add("GET", "/healthz", Named("h"));
  EXPECT_TRUE(std::holds_alternative<RouteMatch>(router.Match("HEAD", "/healthz")));
}

// Routes are looked up by their third segment (the resource); one with a parameter there is a candidate for
// every path of its length, and the order of adding still decides between two equally good routes.
TEST(Router, AParameterInTheKeySegmentIsTriedBesideTheLiterals) {
  Router router;
  router.Add("GET", "/public/{slug}/page", Named("page"));
  router.Add("GET", "/public/{slug}/{part}", Named("part"));
  router.Add("PUT", "/public/models/{part}", Named("put"));
  router.Add("GET", "/public/{kind}/page", Named("second page"));  // as good as the first: never chosen

  const auto page = router.Match("GET", "/public/models/page");
  ASSERT_TRUE(std::holds_alternative<RouteMatch>(page));
  EXPECT_EQ(std::get<RouteMatch>(page).route->pattern, "/public/{slug}/page");
  EXPECT_EQ(std::get<RouteMatch>(page).params.at("slug"), "models");

  const auto part = router.Match("GET", "/public/models/photo");
  ASSERT_TRUE(std::holds_alternative<RouteMatch>(part));
  EXPECT_EQ(std::get<RouteMatch>(part).route->pattern, "/public/{slug}/{part}");

  const auto put = router.Match("PUT", "/public/models/photo");
  ASSERT_TRUE(std::holds_alternative<RouteMatch>(put));
  EXPECT_EQ(std::get<RouteMatch>(put).route->pattern, "/public/models/{part}");

  const auto other = router.Match("PUT", "/public/events/photo");
  ASSERT_TRUE(std::holds_alternative<MethodNotAllowed>(other));
  EXPECT_EQ(std::get<MethodNotAllowed>(other).allow, (std::vector<std::string>{"GET", "HEAD"}));
}

TEST(Router, ShortPathsAreKeyedByTheirLastSegment) {
  Router router;
  router.Add("GET", "/", Named("root"));
  router.Add("GET", "/healthz", Named("h"));
  router.Add("GET", "/{page}", Named("page"));
  EXPECT_EQ(std::get<RouteMatch>(router.Match("GET", "/")).route->pattern, "/");
  EXPECT_EQ(std::get<RouteMatch>(router.Match("GET", "/healthz")).route->pattern, "/healthz");
  EXPECT_EQ(std::get<RouteMatch>(router.Match("GET", "/about")).route->pattern, "/{page}");
  EXPECT_TRUE(std::holds_alternative<PathNotFound>(router.Match("GET", "/a/b")));
}

TEST(RequestId, AcceptsWellFormedClientIdsOnly) {
  EXPECT_EQ(RequestIdFor("abc-123_X.y:z"), "abc-123_X.y:z");
  EXPECT_NE(RequestIdFor("has space"), "has space");
  EXPECT_NE(RequestIdFor(std::string(129, 'a')), std::string(129, 'a'));
  EXPECT_FALSE(RequestIdFor("").empty());
}

}  // namespace
}  // namespace danvan::http
