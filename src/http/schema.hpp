#pragma once
//! What a request may carry, read from the OpenAPI document: each operation's body schema and parameters,
//! checked in one place (App) before the handler runs. docs/decisions.md says why this is our own reader of a
//! JSON Schema subset rather than a general validator; docs/api.md lists the subset and its rules.

#include "core/error.hpp"
#include "http/message.hpp"

#include <boost/json/value.hpp>

#include <deque>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace danvan::http {

//! One compiled schema node. Compiled once at start; `Check` is read-only and thread-safe.
class Schema {
 public:
  //! The JSON types a node admits, as bits.
  enum Type : unsigned { kNull = 1, kBoolean = 2, kInteger = 4, kNumber = 8, kString = 16, kArray = 32, kObject = 64 };

  //! Checks `value` against the node and normalises it in place: strings trimmed, CRLF → LF in multiline text.
  //! `path` names the value in errors ("title", "criteria[0].name").
  Status Check(boost::json::value& value, std::string& path) const;

  unsigned types() const { return types_; }
  //! The schema of a declared member, or null.
  const Schema* Member(std::string_view name) const;

 private:
  friend class SchemaCompiler;
  struct Property {
    std::string name;
    const Schema* schema;
    bool required;
  };
  unsigned types_ = 0;  //!< 0: any (an unconstrained schema {})
  std::vector<Property> properties_;
  enum class Extra { kAllow, kForbid, kSchema } extra_ = Extra::kAllow;
  const Schema* extra_schema_ = nullptr;
  const Schema* items_ = nullptr;
  const Schema* property_names_ = nullptr;  //!< each member name, checked as a string
  std::optional<size_t> min_length_, max_length_, min_items_, max_items_;
  std::optional<double> minimum_, maximum_;
  std::vector<boost::json::value> enum_;
  std::optional<std::regex> pattern_;  //!< ECMAScript, as JSON Schema's; only on strings with a maxLength
  std::string pattern_text_;
  bool date_ = false;
  bool multiline_ = false;
};

//! A query or path parameter of an operation.
struct Parameter {
  std::string name;
  bool required = false;
  const Schema* schema = nullptr;
};

//! One operation's input: its JSON body (if any) and its parameters.
struct Operation {
  const Schema* body = nullptr;  //!< an application/json request body
  bool body_required = false;
  //! Form bodies (application/x-www-form-urlencoded, multipart/form-data) by media type: read into an object
  //! (http/form.hpp), their text turned into the numbers and booleans the schema declares, then checked like JSON.
  std::vector<std::pair<std::string, const Schema*>> forms;
  std::vector<std::string> other_media;  //!< other media types the body may have (text/csv): read by the handler
  bool signed_in = false;   //!< the operation names a security requirement: credentials are judged before input
  std::vector<Parameter> query;
  std::vector<Parameter> path;
};

//! Every operation of the document, with the schema nodes they point into.
class Contract {
 public:
  //! Compiles the document's operations; throws std::invalid_argument naming the place of any keyword outside the
  //! supported subset (the document must not promise a rule that is not enforced).
  explicit Contract(std::string_view openapi_json);
  Contract(const Contract&) = delete;
  Contract& operator=(const Contract&) = delete;

  //! The operation of a route ("POST", "/api/v1/units/{id}"), or null when the document does not describe it.
  const Operation* Find(std::string_view method, std::string_view pattern) const;

  //! Checks the request's path and query parameters and its body against `op`; on success a JSON or form body is
  //! in `request.json`, read and normalised.
  Status Check(const Operation& op, Request& request) const;

 private:
  friend class SchemaCompiler;
  std::deque<Schema> nodes_;
  std::vector<std::pair<std::string, Operation>> operations_;  //!< "POST /api/v1/units"
};

}  // namespace danvan::http
