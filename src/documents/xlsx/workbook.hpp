#pragma once
//! Spreadsheets for the list pages and reports: tables in, .xlsx bytes out (libxlsxwriter). Plain structs: no
//! libxlsxwriter here, so services and tests include this without it.

#include "core/date.hpp"
#include "core/error.hpp"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace danvan::documents {

//! How a column's cells are written and shown.
enum class XlsxKind {
  kText,
  kInteger,  //!< a number shown as "#,##0"
  kNumber,   //!< a number shown as "#,##0.00"
  kDate,     //!< a real spreadsheet date shown as dd/mm/yyyy
  kMoney,    //!< a whole number of đồng shown as `#,##0 "₫"`
};

struct XlsxColumn {
  std::string header;  //!< Vietnamese, with its diacritics
  XlsxKind kind = XlsxKind::kText;
  double width = 14;  //!< in characters of the default font
};

//! An empty cell, text, an integer, a number or a date; a money column takes an integer.
using XlsxCell = std::variant<std::monostate, std::string, int64_t, double, Date>;

//! One sheet: a bold, frozen header row with an autofilter, then the rows.
struct XlsxTable {
  std::string sheet_name;  //!< at most 31 characters, none of []:*?/\ (the format's rule)
  std::vector<XlsxColumn> columns;
  std::vector<std::vector<XlsxCell>> rows;  //!< each as long as the columns, at most
};

inline constexpr std::string_view kXlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

//! The workbook, one sheet per table, in order. Errors: "xlsx_invalid_table" (a bad sheet name, a row longer than
//! its columns, a cell of the wrong kind), "internal_error" (the library or the temporary file failed).
Result<std::string> WriteXlsx(const std::vector<XlsxTable>& tables);

}  // namespace danvan::documents
