#pragma once
//! HTML form bodies (application/x-www-form-urlencoded and multipart/form-data) read into a JSON object, so that
//! the operation's schema checks them like a JSON body (schema.cpp) and handlers read them through BodyOf/Fields.
//!
//! Read loosely, as clients send them: a leading UTF-8 byte-order mark is dropped, `+` is a space, a `%` not
//! followed by two hex digits is itself, and brackets may come percent-encoded (`attribute%5BKIND%5D`). The shape:
//! - `name=v` → "name": "v"; the same name again → "name": ["v", "w"];
//! - `name[]=v` → "name": ["v"] (a list even when alone);
//! - `group[key]=v` → "group": {"key": "v"}, and `group[key][]=v` → "group": {"key": ["v"]};
//! - any other use of brackets is a plain name (and the schema refuses it as unknown);
//! - a multipart part with a file name → {"file_name", "media_type", "content_base64"}.
//! Every name and text value is valid UTF-8 (`invalid_utf8` otherwise); the same name as a value and as a group
//! is `malformed_form`.

#include "core/error.hpp"
#include "http/message.hpp"

#include <boost/json/object.hpp>

#include <string_view>

namespace danvan::http {

inline constexpr std::string_view kUrlEncodedForm = "application/x-www-form-urlencoded";
inline constexpr std::string_view kMultipartForm = "multipart/form-data";

Result<boost::json::object> DecodeUrlEncodedForm(std::string_view body);
//! `boundary` as the Content-Type names it, without the leading "--".
Result<boost::json::object> DecodeMultipartForm(std::string_view body, std::string_view boundary);

//! The request's form body by its Content-Type (one of the two above; the boundary from its parameters).
Result<boost::json::object> ReadForm(const Request& request);

}  // namespace danvan::http
