// The request head and body as the server reads them: Beast's parser with the server's limits, then the target
// split into path and query (http::ParseTarget). Nothing may crash, hang or leak, whatever the bytes.

#include "http/message.hpp"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace bhttp = boost::beast::http;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(1024 * 1024);
  parser.eager(true);
  boost::beast::error_code ec;
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  while (!rest.empty() && !parser.is_done()) {
    const size_t used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
    if (ec == bhttp::error::need_more) break;
    if (ec || used == 0) return 0;
    rest.remove_prefix(used);
  }
  if (!parser.is_header_done()) return 0;
  danvan::http::Request request;
  request.method = std::string(parser.get().method_string());
  if (danvan::http::ParseTarget(parser.get().target(), request)) {
    for (const auto& [name, value] : request.query) (void)request.Query(name);
  }
  return 0;
}
