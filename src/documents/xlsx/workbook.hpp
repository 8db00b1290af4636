#pragma once
//! Spreadsheets for the list pages and reports: tables in, .xlsx bytes out (libxlsxwriter). Plain structs: no
//! libxlsxwriter here, so services and tests include this without it.

#include "core/date.hpp"
#include "core/error.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
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
  kYear,     //!< a whole number shown without separators: a year, 2026
};

struct XlsxColumn {
  std::string header;  //!< Vietnamese, with its diacritics
  XlsxKind kind = XlsxKind::kText;
  double width = 14;  //!< in characters of the default font
};

//! An empty cell, text, an integer, a number or a date; a money column takes an integer.
using XlsxCell = std::variant<std::monostate, std::string, int64_t, double, Date>;

// Cells made in place: GCC 12 sees "maybe uninitialized" strings in moved variant temporaries.
inline XlsxCell TextCell(std::string_view s) { return XlsxCell(std::in_place_type<std::string>, s); }
inline XlsxCell IntegerCell(int64_t n) { return XlsxCell(std::in_place_type<int64_t>, n); }
inline XlsxCell NumberCell(double v) { return XlsxCell(std::in_place_type<double>, v); }
inline XlsxCell NumberCell(const std::optional<double>& v) { return v ? NumberCell(*v) : XlsxCell(); }
inline XlsxCell DateCell(const Date& d) { return XlsxCell(std::in_place_type<Date>, d); }
inline XlsxCell DateCell(const std::optional<Date>& d) { return d ? DateCell(*d) : XlsxCell(); }

//! One sheet: a bold, frozen header row with an autofilter, then the rows.
struct XlsxTable {
  std::string sheet_name;  //!< at most 31 characters, none of []:*?/\ (the format's rule)
  std::vector<XlsxColumn> columns;
  std::vector<std::vector<XlsxCell>> rows;  //!< each as long as the columns, at most
};

//! One sheet written as it is read, for exports of any length: `next` fills `batch` (cleared before each call)
//! with the next rows and leaves it empty after the last; an error from it stops the workbook. The rows go to
//! libxlsxwriter's constant_memory mode, a row at a time: memory stays that of one batch whatever the length.
struct XlsxStream {
  std::string sheet_name;  //!< as XlsxTable's
  std::vector<XlsxColumn> columns;
  std::function<Status(std::vector<std::vector<XlsxCell>>& batch)> next;
};

inline constexpr std::string_view kXlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

//! The workbook, one sheet per table, in order. Errors: "xlsx_invalid_table" (a bad sheet name, a row longer than
//! its columns, a cell of the wrong kind), "internal_error" (the library or the temporary file failed).
Result<std::string> WriteXlsx(const std::vector<XlsxTable>& tables);

//! The workbook of one streamed sheet (XlsxStream), with the same header row, formats and checks as WriteXlsx.
//! Errors: WriteXlsx's, and any `next` returns.
Result<std::string> WriteXlsxStream(const XlsxStream& sheet);

}  // namespace danvan::documents
