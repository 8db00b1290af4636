#pragma once
//! Reading the spreadsheets ward offices already keep: one sheet of an .xlsx as rows of cell text, for the imports.
//! Plain structs: minizip and libxml2 stay inside reader.cpp (and so inside the documents module).

#include "core/csv.hpp"
#include "core/error.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace danvan::documents {

struct XlsxReadOptions {
  std::string sheet;  //!< the sheet's name as the tabs show it; empty: the first sheet
  //! Caps against a zip bomb or a sparse sheet that would unfold into millions of cells: the parts read together
  //! (uncompressed), the rows with content, a cell's column (1-based), and every cell the rows hold, empty ones
  //! between filled ones included.
  std::size_t max_bytes = 48u << 20;
  int max_rows = 100'000;
  int max_columns = 1'024;
  std::size_t max_cells = 2'000'000;
};

//! The sheet's rows that hold something, each with its own row number as `line` (what the sheet shows at the
//! left), cells in column order with the empty ones the sheet skips (A1, C1: B1 is ""), trailing empty cells
//! dropped. Cell text: shared and inline strings as written (rich-text runs joined, `_x000D_` escapes decoded),
//! numbers in their shortest form ("1980", "0.5"), booleans "TRUE"/"FALSE", an error cell as its code ("#N/A"),
//! and a number whose style is a date or time format (built-in formats 14–22, or a custom one with d, m, y, h or
//! s outside quotes and brackets) as an ISO date "2022-10-13", with " 08:30" or " 08:30:15" when it has a time of
//! day: the 1900 date system with its fictitious 29/02/1900 (serial 60), or the 1904 one when workbook.xml says
//! so. Formulas give their cached value.
//!
//! Errors (kInvalidInput, both languages): "xlsx_not_zip" (not a zip, damaged, or encrypted: a password-protected
//! workbook is not a zip at all), "xlsx_missing_part" (detail "part"), "xlsx_bad_xml" (detail "part", "line"; a
//! DOCTYPE is refused too), "xlsx_sheet_not_found" (detail "sheet"), "xlsx_invalid_cell" (detail "cell": a shared
//! string that is not there, a number that is not one, cells or rows out of order), "xlsx_too_large" (detail
//! "limit": bytes, rows, columns or cells).
Result<std::vector<CsvRow>> ReadXlsx(std::string_view bytes, const XlsxReadOptions& options = {});

//! True when the bytes start like a zip archive ("PK\3\4"): what an .xlsx is.
inline bool LooksLikeZip(std::string_view bytes) { return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

}  // namespace danvan::documents
