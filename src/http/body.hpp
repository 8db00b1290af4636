#pragma once
//! The fields of a request body that has already been read and checked against its operation's schema (see
//! schema.hpp): types, ranges, lengths and required members are guaranteed, strings are trimmed. Handlers only
//! map fields to service inputs; nothing here validates, so a field the schema does not declare is always absent.

#include "core/error.hpp"
#include "http/message.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace danvan::http {

class Fields {
 public:
  explicit Fields(const boost::json::object& o) : o_(&o) {}

  bool Has(std::string_view key) const;  //!< present and not null
  const boost::json::value* Find(std::string_view key) const { return o_->if_contains(key); }

  std::string Text(std::string_view key) const;  //!< "" when absent or null
  std::optional<std::string> OptText(std::string_view key) const;
  int64_t Int(std::string_view key) const;  //!< 0 when absent or null
  std::optional<int64_t> OptInt(std::string_view key) const;
  std::optional<double> OptNumber(std::string_view key) const;
  double Number(std::string_view key) const { return OptNumber(key).value_or(0); }
  bool Flag(std::string_view key, bool otherwise = false) const;
  std::vector<int64_t> Ints(std::string_view key) const;
  std::vector<std::string> Texts(std::string_view key) const;
  std::vector<Fields> Objects(std::string_view key) const;  //!< a list of objects
  //! A file's bytes sent as base64 text (whitespace allowed); `invalid_base64` naming the field otherwise.
  Result<std::string> Bytes(std::string_view key) const;
  const boost::json::object& object() const { return *o_; }

 private:
  const boost::json::object* o_;
};

//! The request's checked JSON body (an empty object for a route without one).
Fields BodyOf(const Request& request);

}  // namespace danvan::http
