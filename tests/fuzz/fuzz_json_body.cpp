// A JSON request body read strictly and checked against an operation of the real OpenAPI document: the first byte
// chooses the operation, the rest is the body. The reader and the schema checks may refuse anything, never crash.

#include "http/api.hpp"
#include "http/json.hpp"
#include "http/schema.hpp"

#include <boost/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace {

struct Operations {
  danvan::http::Contract contract{danvan::http::OpenApiDocument()};
  std::vector<std::pair<std::string, std::string>> with_body;  // method, path

  Operations() {
    const auto doc = boost::json::parse(danvan::http::OpenApiDocument()).as_object();
    for (const auto& [path, item] : doc.at("paths").as_object())
      for (const auto& [method, op] : item.as_object()) {
        std::string verb(method);
        for (auto& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        const auto* found = contract.Find(verb, path);
        if (found && found->body) with_body.emplace_back(verb, std::string(path));
      }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Operations ops;
  if (size == 0 || ops.with_body.empty()) return 0;
  const auto& [method, path] = ops.with_body[data[0] % ops.with_body.size()];
  danvan::http::Request request;
  request.method = method;
  request.headers = {{"content-type", "application/json"}};
  request.body.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  request.path_params = {{"id", "1"}, {"public_id", "AAAAAAAAAAAAAAAA"}};
  const auto* op = ops.contract.Find(method, path);
  auto checked = ops.contract.Check(*op, request);
  if (checked.ok()) (void)boost::json::serialize(request.json);
  (void)danvan::http::ReadStrictJson(std::string_view(request.body));
  return 0;
}
