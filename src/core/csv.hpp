#pragma once
//! CSV as spreadsheets write it (RFC 4180): commas or semicolons, quoted fields with "" escapes and line
//! breaks, a UTF-8 byte-order mark tolerated. Small enough that a library would add more than it saves.

#include "core/error.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace danvan {

struct CsvRow {
  int line = 0;  //!< where the row starts in the file, 1-based
  std::vector<std::string> fields;
};

//! Splits the text into rows; the separator is a tab when the first line holds one (TSV), otherwise ';' when it
//! holds a ';' and no ',', otherwise ','.
//! Fails on an unterminated quote or invalid UTF-8, naming the line.
Result<std::vector<CsvRow>> ParseCsv(std::string_view text);

}  // namespace danvan
