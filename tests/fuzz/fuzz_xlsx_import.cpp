// The bytes of an .xlsx import, read as the imports read them (documents/xlsx/reader.hpp): any zip, any XML.

#include "documents/xlsx/reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  danvan::documents::XlsxReadOptions options;
  options.max_bytes = 8u << 20;  // libFuzzer's memory limit, not the reader's default
  auto rows = danvan::documents::ReadXlsx(std::string_view(reinterpret_cast<const char*>(data), size), options);
  if (rows.ok()) {
    int last = 0;
    for (const auto& row : *rows) {
      if (row.line <= last) __builtin_trap();  // rows come in the sheet's order
      if (row.fields.empty() || row.fields.back().empty()) __builtin_trap();  // empty rows and trailing cells dropped
      if (row.fields.size() > static_cast<size_t>(options.max_columns)) __builtin_trap();
      last = row.line;
    }
  } else if (rows.error().code.rfind("xlsx_", 0) != 0) {
    __builtin_trap();  // every refusal has one of the reader's codes
  }
  return 0;
}
