// The OpenAPI document and the router describe the same routes: a route served but not described,
// or described but not served, fails here.

#include "http/api.hpp"
#include "support/test_db.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <set>

namespace danvan::http {
namespace {

TEST(OpenApi, DescribesExactlyTheRoutesServed) {
  testing::TestDatabase t;
  auto db = t.Open();
  SystemClock clock;
  Services services(*db, clock);
  Metrics metrics;
  Router router = BuildRouter(services, metrics);

  std::set<std::string> served;
  for (const auto& r : router.routes()) {
    std::string method = r.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    served.insert(method + " " + r.pattern);
  }

  const auto doc = boost::json::parse(OpenApiDocument()).as_object();
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
  std::set<std::string> described;
  for (const auto& [path, item] : doc.at("paths").as_object())
    for (const auto& [method, op] : item.as_object())
      if (method != "parameters") described.insert(std::string(method) + " " + std::string(path));

  for (const auto& s : served) EXPECT_TRUE(described.count(s)) << "served but not described: " << s;
  for (const auto& d : described) EXPECT_TRUE(served.count(d)) << "described but not served: " << d;
}

}  // namespace
}  // namespace danvan::http
