#pragma once
//! Reading JSON request bodies and writing JSON responses.

#include "core/error.hpp"
#include "http/message.hpp"

#include <boost/json/value.hpp>

namespace danvan::http {

//! Reads a JSON text strictly: valid UTF-8, no duplicate keys, no NUL or other control character (but tab, newline
//! and carriage return inside strings; the schema decides about those), numbers finite. Errors say where: line and
//! column for syntax, the field ("criteria[0].name") for the rest.
Result<boost::json::value> ReadStrictJson(std::string_view text);

//! The error for a control character in a field (details.field, rule "control_character").
Error ControlCharacterError(std::string_view field);

//! The request's media type, lower case, without parameters ("text/csv").
std::string MediaType(const Request& request);

//! 415 `unsupported_media_type`: the body must be sent as `expected` (one type, or a list of them).
Error UnsupportedMediaType(const Request& request, std::string_view expected);

//! Checks the content type, then reads the body with ReadStrictJson; the body must be an object.
Result<boost::json::object> ParseJsonObject(const Request& request);

Response JsonResponse(int status, boost::json::value body);

//! A stored file: images inline, the rest as attachments, its name in UTF-8 (RFC 6266 / 5987) with an ASCII
//! fallback; private caching for an hour.
Response DownloadResponse(std::string_view file_name, std::string media_type, std::string bytes);

//! `?format=xlsx` (an enum in the contract, json by default): the list or report is asked for as a spreadsheet.
bool WantsXlsx(const Request& request);

//! A spreadsheet download (a list's or a report's export): an attachment with its length, never cached (the rows
//! change).
Response XlsxResponse(std::string_view file_name, std::string bytes);
//! A generated document shown inline, private: no shared cache keeps it.
Response PdfResponse(std::string bytes, std::string_view file_name);

}  // namespace danvan::http
