// What a request may carry: the strict JSON reader and the contract compiled from an OpenAPI document. Each case
// is a request a careless reader would have accepted (or mis-read) and this one must refuse, naming the field.

#include "http/json.hpp"
#include "http/schema.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <string>

namespace danvan::http {
namespace {

namespace json = boost::json;

// A document with one operation of each shape the real one uses.
constexpr std::string_view kDocument = R"({
  "openapi": "3.1.0",
  "paths": {
    "/things/{id}": {
      "post": {
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}},
                       {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 5}},
                       {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 9}},
                       {"name": "roots", "in": "query", "schema": {"type": "boolean"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}
      }
    },
    "/levels": {
      "post": {
        "requestBody": {"content": {"application/json": {"schema": {"type": "object", "additionalProperties": false,
          "properties": {"levels": {"type": "object", "propertyNames": {"type": "string", "maxLength": 16, "pattern": "^[1-9][0-9]{0,15}$"},
                                    "additionalProperties": {"type": "string", "minLength": 1, "maxLength": 8}}}}}}}
      }
    }
  },
  "components": {"schemas": {"Thing": {
    "type": "object", "additionalProperties": false, "required": ["title", "owner_id"],
    "properties": {
      "title": {"type": "string", "maxLength": 10},
      "owner_id": {"type": "integer", "minimum": 1, "maximum": 9007199254740991},
      "parent_id": {"type": ["integer", "null"], "minimum": 1},
      "year": {"type": "integer", "minimum": 1900, "maximum": 2200},
      "share": {"type": "number", "minimum": 0, "maximum": 1},
      "note": {"type": "string", "maxLength": 20, "x-multiline": true},
      "on": {"type": "string", "format": "date", "maxLength": 10},
      "kind": {"enum": ["a", "b"]},
      "tags": {"type": "array", "maxItems": 2, "items": {"type": "string", "maxLength": 3}},
      "parts": {"type": "array", "items": {"type": "object", "additionalProperties": false, "required": ["name"],
                                           "properties": {"name": {"type": "string", "maxLength": 5}}}}
    }}}}
})";

class ContractTest : public ::testing::Test {
 protected:
  Contract contract_{kDocument};

  // Checks a POST /things/7 with `body`; returns the error (code empty when accepted).
  Error Post(std::string body, std::vector<std::pair<std::string, std::string>> query = {}, std::string id = "7") {
    request_ = Request{};
    request_.method = "POST";
    request_.headers = {{"content-type", "application/json"}};
    request_.body = std::move(body);
    request_.query = std::move(query);
    request_.path_params = {{"id", std::move(id)}};
    const auto* op = contract_.Find("POST", "/things/{id}");
    EXPECT_NE(op, nullptr);
    auto st = contract_.Check(*op, request_);
    return st.ok() ? Error{} : st.error();
  }
  static std::string Field(const Error& e) {
    const auto* f = e.details.if_contains("field");
    if (!f) f = e.details.if_contains("parameter");
    return f ? std::string(f->as_string()) : "";
  }
  Request request_;
};

TEST_F(ContractTest, AcceptsAWellFormedBodyAndTrimsItsStrings) {
  const auto e = Post(R"({"title": "  Tổ 5  ", "owner_id": 3, "parent_id": null, "note": "a\r\nb", "on": "01/02/2025",
                          "tags": ["x"], "parts": [{"name": "p"}]})");
  ASSERT_TRUE(e.code.empty()) << e.code << " " << e.message_en;
  EXPECT_EQ(request_.json.at("title").as_string(), "Tổ 5");
  EXPECT_EQ(request_.json.at("note").as_string(), "a\nb");
}

TEST_F(ContractTest, RefusesAnIdOfTheWrongTypeInsteadOfDroppingIt) {
  auto e = Post(R"({"title": "t", "owner_id": "6"})");
  EXPECT_EQ(e.code, "field_wrong_type");
  EXPECT_EQ(Field(e), "owner_id");
  EXPECT_EQ(Post(R"({"title": "t", "owner_id": 6.0})").code, "field_wrong_type");
  EXPECT_EQ(Post(R"({"title": "t", "owner_id": 3, "parent_id": "7"})").code, "field_wrong_type");
}

TEST_F(ContractTest, RefusesIdsOutOfRange) {
  for (const char* id : {"0", "-1", "9223372036854775808", "9007199254740992", "123456789012345678901234567890"}) {
    const auto e = Post(std::string(R"({"title": "t", "owner_id": )") + id + "}");
    EXPECT_EQ(e.code, "field_out_of_range") << id;
    EXPECT_EQ(Field(e), "owner_id") << id;
  }
  EXPECT_NE(Post(R"({"title": "t", "owner_id": 1e400})").code, "");
  EXPECT_EQ(Post(R"({"title": "t", "owner_id": 1, "year": 4294969296})").code, "field_out_of_range");
  EXPECT_EQ(Post(R"({"title": "t", "owner_id": 1, "year": -0})").code, "field_out_of_range");
  EXPECT_EQ(Post(R"({"title": "t", "owner_id": 1, "share": 1.5})").code, "field_out_of_range");
}

TEST_F(ContractTest, RefusesDuplicateKeysAnywhere) {
  auto e = Post(R"({"title": "nobody", "title": "admin", "owner_id": 1})");
  EXPECT_EQ(e.code, "duplicate_key");
  EXPECT_EQ(Field(e), "title");
  e = Post(R"({"title": "t", "owner_id": 1, "parts": [{"name": "a", "name": "b"}]})");
  EXPECT_EQ(e.code, "duplicate_key");
  EXPECT_EQ(Field(e), "parts[0].name");
}

TEST_F(ContractTest, RefusesControlCharactersButNewlinesInLongText) {
  EXPECT_EQ(Post(R"({"title": "a\u0000b", "owner_id": 1})").code, "field_control_character");
  EXPECT_EQ(Post(R"({"title": "a\nb", "owner_id": 1})").code, "field_control_character");
  EXPECT_EQ(Post(R"({"title": "a\u0085b", "owner_id": 1})").code, "field_control_character");
  EXPECT_EQ(Post(R"({"title": "t", "owner_id": 1, "note": "a\rb"})").code, "field_control_character");
  EXPECT_TRUE(Post(R"({"title": "t", "owner_id": 1, "note": "a\n\tb"})").code.empty());
}

TEST_F(ContractTest, RefusesBlankRequiredStringsAndMissingMembers) {
  auto e = Post(R"({"title": "   ", "owner_id": 1})");
  EXPECT_EQ(e.code, "field_required");
  EXPECT_EQ(Field(e), "title");
  e = Post(R"({"owner_id": 1})");
  EXPECT_EQ(e.code, "field_required");
  EXPECT_EQ(Field(e), "title");
  EXPECT_EQ(Post(R"({"title": null, "owner_id": 1})").code, "field_required");
  EXPECT_EQ(Post(R"({"title": "t", "owner_id": 1, "parts": [{}]})").code, "field_required");
}

TEST_F(ContractTest, RefusesWhatIsTooLongUnknownOrNotAllowed) {
  auto e = Post(R"({"title": "mười một ký tự", "owner_id": 1})");
  EXPECT_EQ(e.code, "field_too_long");
  EXPECT_EQ(e.details.at("limit").to_number<int64_t>(), 10);
  EXPECT_TRUE(Post(R"({"title": "mười ký tự", "owner_id": 1})").code.empty()) << "characters, not bytes";
  e = Post(R"({"title": "t", "owner_id": 1, "colour": "red"})");
  EXPECT_EQ(e.code, "field_unknown");
  EXPECT_EQ(Field(e), "colour");
  EXPECT_EQ(Post(R"({"title": "t", "owner_id": 1, "kind": "c"})").code, "field_not_allowed");
  EXPECT_EQ(Post(R"({"title": "t", "owner_id": 1, "tags": ["a", "b", "c"]})").code, "too_many_items");
  EXPECT_EQ(Field(Post(R"({"title": "t", "owner_id": 1, "tags": ["abcd"]})")), "tags[0]");
  EXPECT_EQ(Post(R"({"title": "t", "owner_id": 1, "on": "31/02/2025"})").code, "field_bad_format");
}

TEST_F(ContractTest, RefusesBodiesThatAreNotJsonObjects) {
  EXPECT_EQ(Post("[1]").code, "json_object_expected");
  EXPECT_EQ(Post("").code, "malformed_json");
  EXPECT_EQ(Post("{\"title\": \"\xff\", \"owner_id\": 1}").code, "invalid_utf8");
}

TEST_F(ContractTest, ReadsParametersByTheSameRules) {
  auto e = Post(R"({"title": "t", "owner_id": 1})", {}, "0");
  EXPECT_EQ(e.code, "invalid_parameter");
  EXPECT_EQ(Field(e), "id");
  EXPECT_EQ(Post(R"({"title": "t", "owner_id": 1})", {}, "7x").code, "invalid_parameter");
  EXPECT_EQ(Post(R"({"title": "t", "owner_id": 1})", {{"page", "10"}}).details.at("rule").as_string(), "maximum");
  EXPECT_EQ(Post(R"({"title": "t", "owner_id": 1})", {{"page", "1"}, {"page", "2"}}).details.at("rule").as_string(), "duplicate");
  EXPECT_EQ(Post(R"({"title": "t", "owner_id": 1})", {{"color", "1"}}).details.at("rule").as_string(), "unknown");
  EXPECT_EQ(Post(R"({"title": "t", "owner_id": 1})", {{"q", std::string("a\0b", 3)}}).details.at("rule").as_string(),
            "control_character");
  EXPECT_EQ(Post(R"({"title": "t", "owner_id": 1})", {{"q", "abcdef"}}).details.at("rule").as_string(), "maxLength");
  EXPECT_EQ(Post(R"({"title": "t", "owner_id": 1})", {{"roots", "yes"}}).code, "invalid_parameter");
  EXPECT_TRUE(Post(R"({"title": "t", "owner_id": 1})", {{"roots", "true"}, {"page", ""}}).code.empty());
}

TEST_F(ContractTest, MapKeysFollowTheirPropertyNames) {
  const auto* op = contract_.Find("POST", "/levels");
  ASSERT_NE(op, nullptr);
  auto check = [&](std::string body) {
    request_ = Request{};
    request_.headers = {{"content-type", "application/json"}};
    request_.body = std::move(body);
    auto st = contract_.Check(*op, request_);
    return st.ok() ? std::string() : st.error().code;
  };
  EXPECT_EQ(check(R"({"levels": {"12": "phuong"}})"), "");
  EXPECT_EQ(check(R"({"levels": {"x": "phuong"}})"), "field_bad_format");
  EXPECT_EQ(check(R"({"levels": {"0": "phuong"}})"), "field_bad_format");
  EXPECT_EQ(check(R"({"levels": {"12": ""}})"), "field_required");
  EXPECT_EQ(check(""), "") << "an optional body left out is an empty object";
}

TEST(ContractCompile, RefusesAKeywordItDoesNotEnforce) {
  EXPECT_THROW(Contract(R"({"paths": {"/a": {"post": {"requestBody": {"content": {"application/json": {"schema":
                 {"type": "object", "properties": {"n": {"type": "integer", "multipleOf": 2}}}}}}}}}})"),
               std::invalid_argument);
  EXPECT_THROW(Contract(R"({"paths": {"/a": {"get": {"parameters": [{"name": "x", "in": "query",
                 "schema": {"type": "string", "pattern": "^a+$"}}]}}}})"),
               std::invalid_argument)
      << "a pattern without a bound length";
}

TEST(StrictJson, SaysWhereTheTextIsWrong) {
  auto r = ReadStrictJson("{\n  \"a\": 1,\n  \"a\": 2\n}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "duplicate_key");
  r = ReadStrictJson("{\"a\": [1, 2,]}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "malformed_json");
  EXPECT_TRUE(r.error().details.contains("line"));
  EXPECT_FALSE(ReadStrictJson("{\"a\": 1} x").ok());
  EXPECT_FALSE(ReadStrictJson(std::string("{\"a\": \"b\0\"}", 10)).ok());
  EXPECT_TRUE(ReadStrictJson("{\"a\": \"Phường Lý Thái Tổ\"}").ok());
}

}  // namespace
}  // namespace danvan::http
