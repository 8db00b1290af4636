// The OpenAPI document and the router describe the same routes: a route served but not described,
// or described but not served, fails here.

#include "http/api.hpp"
#include "storage/migrations.hpp"
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

// Every member of an answer is described by its schema: a client generated from the document sees all of it.
void ExpectDescribed(const boost::json::object& answer, const boost::json::object& schema, const std::string& where) {
  const auto& props = schema.at("properties").as_object();
  for (const auto& [key, _] : answer) EXPECT_TRUE(props.contains(key)) << where << " returns \"" << key << "\", undescribed";
}

TEST(OpenApi, TheOrganisationSchemaDescribesWhatTheDetailReturns) {
  testing::TestDatabase t;
  auto db = t.Open();
  ASSERT_TRUE(Migrate(*db).ok());
  SystemClock clock;
  Services services(*db, clock);
  Metrics metrics;
  Router router = BuildRouter(services, metrics);
  Caller admin;
  admin.principal.grants = {RoleGrant{0, Role::kSystemAdmin, std::nullopt, std::nullopt}};
  auto unit = services.territory.CreateUnit(admin, {"T", "Thành phố Thử", "province", "thanh_pho", std::nullopt, "01/01/2008", ""});
  ASSERT_TRUE(unit.ok());
  auto parent = services.community.CreateOrganisation(admin, {unit->id, std::nullopt, "mttq", "Mặt trận", "01/01/2015"});
  auto child = services.community.CreateOrganisation(admin, {unit->id, parent->id, "to_dan_van", "Tổ cũ", "01/01/2015"});
  auto heir = services.community.CreateOrganisation(admin, {unit->id, parent->id, "to_dan_van", "Tổ mới", "01/01/2015"});
  ASSERT_TRUE(child.ok() && heir.ok());
  ASSERT_TRUE(services.community.EndOrganisation(admin, child->id, {"merged", "01/07/2025", std::nullopt, heir->id}).ok());

  auto match = router.Match("GET", "/api/v1/organisations/" + std::to_string(child->id));
  ASSERT_TRUE(std::holds_alternative<RouteMatch>(match));
  Request req;
  req.method = "GET";
  req.path_params = std::get<RouteMatch>(match).params;
  auto res = std::get<RouteMatch>(match).route->handler(req);
  ASSERT_TRUE(res.ok()) << res.error().message_en;
  const auto answer = boost::json::parse(res->body).as_object();
  ASSERT_EQ(answer.at("ancestors").as_array().size(), 1u);
  ASSERT_TRUE(answer.at("successor").is_object());

  const auto doc = boost::json::parse(OpenApiDocument()).as_object();
  const auto& schema = doc.at("components").at("schemas").at("Organisation").as_object();
  ExpectDescribed(answer, schema, "GET /api/v1/organisations/{id}");
  ExpectDescribed(answer.at("ancestors").as_array()[0].as_object(), schema, "an ancestor");
  ExpectDescribed(answer.at("successor").as_object(), schema, "the successor");
  const auto& props = schema.at("properties").as_object();
  EXPECT_EQ(props.at("ancestors").at("items").at("$ref").as_string(), "#/components/schemas/Organisation");
  EXPECT_NE(boost::json::serialize(props.at("successor")).find("\"null\""), std::string::npos) << "successor may be null";
}

}  // namespace
}  // namespace danvan::http
