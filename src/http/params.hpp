#pragma once
//! Reading path and query parameters, with errors that name the parameter.

#include "core/error.hpp"
#include "http/message.hpp"

#include <cstdint>
#include <optional>

namespace danvan::http {

struct Paging {
  int64_t page = 1;
  int64_t page_size = 50;
  int64_t limit() const { return page_size; }
  int64_t offset() const { return (page - 1) * page_size; }
};

//! ?page=1&page_size=50 (page_size 1–200).
Result<Paging> ParsePaging(const Request& request);

//! A positive integer id from the path, e.g. {id}.
Result<int64_t> PathId(const Request& request, const std::string& name = "id");

//! An optional positive integer query parameter.
Result<std::optional<int64_t>> QueryId(const Request& request, std::string_view name);

}  // namespace danvan::http
