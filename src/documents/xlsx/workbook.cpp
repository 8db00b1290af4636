#include "documents/xlsx/workbook.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace danvan::documents {
namespace {

Error Invalid(const std::string& vi, const std::string& en) {
  return MakeError(ErrorKind::kInvalidInput, "xlsx_invalid_table", vi, en);
}

Error LibraryFailed(std::string_view what, lxw_error error) {
  return MakeError(ErrorKind::kInternal, "internal_error", "Lỗi nội bộ khi tạo tệp Excel.",
                   fmt::format("Internal error while writing a spreadsheet: {}: {}", what, lxw_strerror(error)));
}

// libxlsxwriter 1.1.4 writes to a file only (output_buffer came in 1.1.5): a private temporary file, removed on
// every path out.
class TempFile {
 public:
  TempFile() {
    std::error_code ec;
    auto dir = std::filesystem::temp_directory_path(ec);
    if (ec) dir = "/tmp";
    path_ = (dir / "danvan-xlsx-XXXXXX.xlsx").string();
    const int fd = mkstemps(path_.data(), 5);
    if (fd < 0) {
      path_.clear();
    } else {
      close(fd);
    }
  }
  ~TempFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct Formats {
  lxw_format* header;
  lxw_format* integer;
  lxw_format* number;
  lxw_format* date;
  lxw_format* money;
  lxw_format* For(XlsxKind kind) const {
    switch (kind) {
      case XlsxKind::kText: return nullptr;
      case XlsxKind::kInteger: return integer;
      case XlsxKind::kNumber: return number;
      case XlsxKind::kDate: return date;
      case XlsxKind::kMoney: return money;
    }
    return nullptr;
  }
};

Formats MakeFormats(lxw_workbook* book) {
  Formats f{};
  f.header = workbook_add_format(book);
  format_set_bold(f.header);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  f.integer = workbook_add_format(book);
  format_set_num_format(f.integer, "#,##0");
  f.number = workbook_add_format(book);
  format_set_num_format(f.number, "#,##0.00");
  f.date = workbook_add_format(book);
  format_set_num_format(f.date, "dd/mm/yyyy");
  f.money = workbook_add_format(book);
  format_set_num_format(f.money, "#,##0 \"₫\"");
  return f;
}

Status CheckTable(const XlsxTable& table) {
  if (table.sheet_name.empty() || lxw_utf8_strlen(table.sheet_name.c_str()) > LXW_SHEETNAME_MAX ||
      table.sheet_name.find_first_of("[]:*?/\\") != std::string::npos)
    return Invalid(fmt::format("Tên trang tính không hợp lệ: “{}”.", table.sheet_name),
                   fmt::format("Invalid sheet name: \"{}\".", table.sheet_name));
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    if (row.size() > table.columns.size())
      return Invalid(fmt::format("Dòng {} của trang “{}” có nhiều ô hơn số cột.", r + 1, table.sheet_name),
                     fmt::format("Row {} of sheet \"{}\" has more cells than columns.", r + 1, table.sheet_name));
    for (std::size_t c = 0; c < row.size(); ++c) {
      const auto& cell = row[c];
      if (std::holds_alternative<std::monostate>(cell)) continue;
      bool fits = false;
      switch (table.columns[c].kind) {
        case XlsxKind::kText: fits = std::holds_alternative<std::string>(cell); break;
        case XlsxKind::kInteger:
        case XlsxKind::kMoney: fits = std::holds_alternative<int64_t>(cell); break;
        case XlsxKind::kNumber:
          fits = std::holds_alternative<double>(cell) || std::holds_alternative<int64_t>(cell);
          break;
        case XlsxKind::kDate: fits = std::holds_alternative<Date>(cell); break;
      }
      if (!fits)
        return Invalid(fmt::format("Ô dòng {}, cột “{}” của trang “{}” sai kiểu dữ liệu.", r + 1,
                                   table.columns[c].header, table.sheet_name),
                       fmt::format("The cell at row {}, column \"{}\" of sheet \"{}\" has the wrong kind.", r + 1,
                                   table.columns[c].header, table.sheet_name));
    }
  }
  return OkStatus();
}

lxw_error WriteCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const XlsxCell& cell, lxw_format* format) {
  if (const auto* text = std::get_if<std::string>(&cell))
    return worksheet_write_string(sheet, row, col, text->c_str(), format);
  if (const auto* integer = std::get_if<int64_t>(&cell))
    return worksheet_write_number(sheet, row, col, static_cast<double>(*integer), format);
  if (const auto* number = std::get_if<double>(&cell)) return worksheet_write_number(sheet, row, col, *number, format);
  if (const auto* date = std::get_if<Date>(&cell)) {
    lxw_datetime when{date->year(), static_cast<int>(date->month()), static_cast<int>(date->day()), 0, 0, 0};
    return worksheet_write_datetime(sheet, row, col, &when, format);
  }
  return LXW_NO_ERROR;
}

}  // namespace

Result<std::string> WriteXlsx(const std::vector<XlsxTable>& tables) {
  for (const auto& table : tables) DANVAN_TRY(CheckTable(table));
  const TempFile file;
  if (file.path().empty())
    return MakeError(ErrorKind::kInternal, "internal_error", "Lỗi nội bộ khi tạo tệp Excel.",
                     "Internal error while writing a spreadsheet: no temporary file");
  lxw_workbook_options options{};
  lxw_workbook* book = workbook_new_opt(file.path().c_str(), &options);
  if (!book) return LibraryFailed("workbook_new_opt", LXW_ERROR_CREATING_XLSX_FILE);
  const Formats formats = MakeFormats(book);
  lxw_error error = LXW_NO_ERROR;
  for (const auto& table : tables) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, table.sheet_name.c_str());
    if (!sheet) {
      workbook_close(book);
      return Invalid(fmt::format("Tên trang tính bị trùng hoặc không hợp lệ: “{}”.", table.sheet_name),
                     fmt::format("Duplicate or invalid sheet name: \"{}\".", table.sheet_name));
    }
    for (std::size_t c = 0; c < table.columns.size() && !error; ++c) {
      const auto& column = table.columns[c];
      const auto col = static_cast<lxw_col_t>(c);
      error = worksheet_set_column(sheet, col, col, column.width, formats.For(column.kind));
      if (!error) error = worksheet_write_string(sheet, 0, col, column.header.c_str(), formats.header);
    }
    for (std::size_t r = 0; r < table.rows.size() && !error; ++r) {
      const auto& row = table.rows[r];
      for (std::size_t c = 0; c < row.size() && !error; ++c)
        error = WriteCell(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), row[c],
                          formats.For(table.columns[c].kind));
    }
    worksheet_freeze_panes(sheet, 1, 0);
    if (!error && !table.columns.empty())
      error = worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                                   static_cast<lxw_col_t>(table.columns.size() - 1));
    if (error) {
      workbook_close(book);
      return LibraryFailed("worksheet", error);
    }
  }
  if (tables.empty()) workbook_add_worksheet(book, nullptr);  // a workbook needs a sheet to open
  if (const lxw_error closed = workbook_close(book); closed != LXW_NO_ERROR)
    return LibraryFailed("workbook_close", closed);
  std::ifstream in(file.path(), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof())
    return MakeError(ErrorKind::kInternal, "internal_error", "Lỗi nội bộ khi tạo tệp Excel.",
                     "Internal error while writing a spreadsheet: cannot read it back");
  return bytes;
}

}  // namespace danvan::documents
