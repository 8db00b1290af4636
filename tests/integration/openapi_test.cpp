// The OpenAPI document and the router describe the same routes: a route served but not described,
// or described but not served, fails here.

#include "http/api.hpp"
#include "http/schema.hpp"
#include "storage/migrations.hpp"
#include "support/test_db.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <set>

namespace danvan::http {
namespace {

// Every route the server serves: method (upper case) and pattern.
std::vector<std::pair<std::string, std::string>> ServedRoutes() {
  testing::TestDatabase t;
  auto db = t.Open();
  SystemClock clock;
  Services services(*db, clock);
  Metrics metrics;
  std::vector<std::pair<std::string, std::string>> out;
  const Router router = BuildRouter(services, metrics);
  for (const auto& r : router.routes()) out.emplace_back(r.method, r.pattern);
  return out;
}

TEST(OpenApi, DescribesExactlyTheRoutesServed) {
  std::set<std::string> served;
  for (const auto& [route_method, pattern] : ServedRoutes()) {
    std::string method = route_method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    served.insert(method + " " + pattern);
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


// What a request may carry is declared, with limits, for every operation: the contract the server enforces is
// compiled from this document (src/http/schema.cpp), so a schema without limits is a request without limits.
class RequestLimits {
 public:
  explicit RequestLimits(const boost::json::object& doc) : schemas_(doc.at("components").at("schemas").as_object()) {}

  void Walk(const boost::json::value& v, const std::string& where, const std::string& name) {
    const auto& s = v.as_object();
    if (const auto* ref = s.if_contains("$ref")) {
      std::string target(ref->as_string());
      if (!seen_.insert(target).second) return;
      return Walk(schemas_.at(target.substr(target.rfind('/') + 1)), target, name);
    }
    std::set<std::string> types;
    if (const auto* t = s.if_contains("type")) {
      if (t->is_string()) types.insert(std::string(t->as_string()));
      else for (const auto& e : t->as_array()) types.insert(std::string(e.as_string()));
    }
    const bool is_enum = s.contains("enum");
    EXPECT_TRUE(!types.empty() || is_enum) << where << ": no type";
    if (types.count("string") && !is_enum) {
      EXPECT_TRUE(s.contains("maxLength")) << where << ": a string without maxLength";
      ++strings;
    }
    if (types.count("integer") || types.count("number")) {
      EXPECT_TRUE(s.contains("minimum") && s.contains("maximum")) << where << ": a number without its range";
      const bool id = name == "id" || (name.size() > 3 && name.compare(name.size() - 3, 3, "_id") == 0) ||
                      (name.size() > 6 && name.compare(name.size() - 6, 6, "_ids[]") == 0);
      if (id && s.contains("minimum")) {
        EXPECT_GE(s.at("minimum").to_number<double>(), 1) << where << ": an id may be 0";
      }
    }
    if (types.count("array")) {
      EXPECT_TRUE(s.contains("maxItems")) << where << ": a list without maxItems";
      if (s.contains("items")) Walk(s.at("items"), where + "[]", name + "[]");
    }
    if (types.count("object")) {
      const auto* extra = s.if_contains("additionalProperties");
      EXPECT_TRUE(extra && (extra->is_object() || extra->as_bool() == false))
          << where << ": an object that takes members it does not declare";
      if (extra && extra->is_object()) Walk(*extra, where + ".*", name);
      if (const auto* props = s.if_contains("properties"))
        for (const auto& [key, prop] : props->as_object()) Walk(prop, where + "." + std::string(key), std::string(key));
    }
  }

  int strings = 0;

 private:
  const boost::json::object& schemas_;
  std::set<std::string> seen_;
};

TEST(OpenApi, EveryRequestDeclaresLimitsOnWhatItCarries) {
  const auto doc = boost::json::parse(OpenApiDocument()).as_object();
  RequestLimits limits(doc);
  int bodies = 0, parameters = 0;
  for (const auto& [path, item] : doc.at("paths").as_object())
    for (const auto& [method, op_value] : item.as_object()) {
      const auto& op = op_value.as_object();
      const std::string where = std::string(method) + " " + std::string(path);
      if (const auto* params = op.if_contains("parameters"))
        for (const auto& p : params->as_array()) {
          ++parameters;
          const auto name = std::string(p.at("name").as_string());
          ASSERT_TRUE(p.as_object().contains("schema")) << where << " " << name;
          limits.Walk(p.at("schema"), where + " ?" + name, name);
        }
      const auto* body = op.if_contains("requestBody");
      if (!body) continue;
      for (const auto& [media, content] : body->at("content").as_object()) {
        // Form bodies are read into an object and checked like JSON ones (http/form.hpp): the same limits hold.
        if (media != "application/json" && media != "application/x-www-form-urlencoded" && media != "multipart/form-data")
          continue;
        ++bodies;
        ASSERT_TRUE(content.as_object().contains("schema")) << where << ": a JSON or form body without a schema";
        limits.Walk(content.at("schema"), where, "body");
      }
    }
  EXPECT_GE(bodies, 35);
  EXPECT_GE(parameters, 100);
  EXPECT_GE(limits.strings, 120);
}

TEST(OpenApi, TheServerEnforcesTheDocumentForEveryRouteWithInput) {
  // The contract compiles (a keyword it cannot enforce would throw) and knows every route that takes input.
  Contract contract(OpenApiDocument());
  for (const auto& [method, pattern] : ServedRoutes()) {
    const auto* op = contract.Find(method, pattern);
    ASSERT_NE(op, nullptr) << method << " " << pattern;
    // The actions that take nothing but their path: any other change says what it carries.
    static const std::set<std::string> kBodiless = {"POST /api/v1/sessions/{id}/close-scoring",
                                                    "POST /api/v1/signing-keys/rotation",
                                                    "POST /api/v1/decisions/{id}/certificates/print"};
    if (method == "POST" || method == "PUT" || method == "PATCH") {
      EXPECT_TRUE(op->body || !op->forms.empty() || !op->other_media.empty() || kBodiless.count(method + " " + pattern))
          << method << " " << pattern << " takes no declared body";
    }
  }
}

}  // namespace
}  // namespace danvan::http
