#include "documents/xlsx/workbook.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cctype>
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
  lxw_format* year;
  lxw_format* For(XlsxKind kind) const {
    switch (kind) {
      case XlsxKind::kText: return nullptr;
      case XlsxKind::kInteger: return integer;
      case XlsxKind::kNumber: return number;
      case XlsxKind::kDate: return date;
      case XlsxKind::kMoney: return money;
      case XlsxKind::kYear: return year;
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
  f.year = workbook_add_format(book);
  format_set_num_format(f.year, "0");
  return f;
}

Status CheckSheetName(const std::string& name) {
  if (name.empty() || lxw_utf8_strlen(name.c_str()) > LXW_SHEETNAME_MAX || name.find_first_of("[]:*?/\\") != std::string::npos)
    return Invalid(fmt::format("Tên trang tính không hợp lệ: “{}”.", name), fmt::format("Invalid sheet name: \"{}\".", name));
  return OkStatus();
}

// Row `r` (from 1, under the header) against the columns: no longer than them, each cell of its column's kind.
Status CheckRow(const std::string& sheet_name, const std::vector<XlsxColumn>& columns, const std::vector<XlsxCell>& row,
                std::size_t r) {
  if (row.size() > columns.size())
    return Invalid(fmt::format("Dòng {} của trang “{}” có nhiều ô hơn số cột.", r, sheet_name),
                   fmt::format("Row {} of sheet \"{}\" has more cells than columns.", r, sheet_name));
  for (std::size_t c = 0; c < row.size(); ++c) {
    const auto& cell = row[c];
    if (std::holds_alternative<std::monostate>(cell)) continue;
    bool fits = false;
    switch (columns[c].kind) {
      case XlsxKind::kText: fits = std::holds_alternative<std::string>(cell); break;
      case XlsxKind::kInteger:
      case XlsxKind::kMoney:
      case XlsxKind::kYear: fits = std::holds_alternative<int64_t>(cell); break;
      case XlsxKind::kNumber: fits = std::holds_alternative<double>(cell) || std::holds_alternative<int64_t>(cell); break;
      case XlsxKind::kDate: fits = std::holds_alternative<Date>(cell); break;
    }
    if (!fits)
      return Invalid(fmt::format("Ô dòng {}, cột “{}” của trang “{}” sai kiểu dữ liệu.", r, columns[c].header, sheet_name),
                     fmt::format("The cell at row {}, column \"{}\" of sheet \"{}\" has the wrong kind.", r,
                                 columns[c].header, sheet_name));
  }
  return OkStatus();
}

Status CheckTable(const XlsxTable& table) {
  DANVAN_TRY(CheckSheetName(table.sheet_name));
  for (std::size_t r = 0; r < table.rows.size(); ++r) DANVAN_TRY(CheckRow(table.sheet_name, table.columns, table.rows[r], r + 1));
  return OkStatus();
}

// The format reads "_xHHHH_" in a string as the character U+HHHH (ECMA-376 §22.4.2.4), and LibreOffice reads fewer
// digits too ("van_hoa_xa_hoi" came back with a line break): the underscore that starts one is written as "_x005F_",
// the format's own escape for itself, so that the text reads back as it was.
std::string EscapeUnderscores(const std::string& text) {
  if (text.find("_x") == std::string::npos) return text;
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 1 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X')) {
      std::size_t j = i + 2;
      while (j < text.size() && std::isxdigit(static_cast<unsigned char>(text[j]))) ++j;
      if (j > i + 2 && j < text.size() && text[j] == '_') {
        out += "_x005F_";
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

lxw_error WriteCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const XlsxCell& cell, lxw_format* format) {
  if (const auto* text = std::get_if<std::string>(&cell))
    return worksheet_write_string(sheet, row, col, EscapeUnderscores(*text).c_str(), format);
  if (const auto* integer = std::get_if<int64_t>(&cell))
    return worksheet_write_number(sheet, row, col, static_cast<double>(*integer), format);
  if (const auto* number = std::get_if<double>(&cell)) return worksheet_write_number(sheet, row, col, *number, format);
  if (const auto* date = std::get_if<Date>(&cell)) {
    lxw_datetime when{date->year(), static_cast<int>(date->month()), static_cast<int>(date->day()), 0, 0, 0};
    return worksheet_write_datetime(sheet, row, col, &when, format);
  }
  return LXW_NO_ERROR;
}

// A sheet's columns (widths, formats) and its bold header row.
Status StartSheet(lxw_worksheet* sheet, const std::vector<XlsxColumn>& columns, const Formats& formats) {
  lxw_error error = LXW_NO_ERROR;
  for (std::size_t c = 0; c < columns.size() && !error; ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    error = worksheet_set_column(sheet, col, col, columns[c].width, formats.For(columns[c].kind));
    if (!error) error = worksheet_write_string(sheet, 0, col, columns[c].header.c_str(), formats.header);
  }
  return error ? Status(LibraryFailed("worksheet", error)) : OkStatus();
}

Status WriteRow(lxw_worksheet* sheet, const std::vector<XlsxColumn>& columns, const std::vector<XlsxCell>& row,
                std::size_t r, const Formats& formats) {
  for (std::size_t c = 0; c < row.size(); ++c)
    if (const lxw_error error = WriteCell(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), row[c],
                                          formats.For(columns[c].kind)))
      return LibraryFailed("worksheet", error);
  return OkStatus();
}

// The header row frozen, and an autofilter over the header and the `rows` under it.
Status FinishSheet(lxw_worksheet* sheet, std::size_t columns, std::size_t rows) {
  worksheet_freeze_panes(sheet, 1, 0);
  if (columns == 0) return OkStatus();
  if (const lxw_error error =
          worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(rows), static_cast<lxw_col_t>(columns - 1)))
    return LibraryFailed("worksheet_autofilter", error);
  return OkStatus();
}

Result<lxw_worksheet*> AddSheet(lxw_workbook* book, const std::string& name) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, name.c_str());
  if (!sheet)
    return Invalid(fmt::format("Tên trang tính bị trùng hoặc không hợp lệ: “{}”.", name),
                   fmt::format("Duplicate or invalid sheet name: \"{}\".", name));
  return sheet;
}

// A workbook in a private temporary file, filled by `fill`, closed, and read back. `constant_memory`: each row goes
// to disk once the next one starts (rows must then come in order).
Result<std::string> Write(bool constant_memory, const std::function<Status(lxw_workbook*, const Formats&)>& fill) {
  const TempFile file;
  if (file.path().empty())
    return MakeError(ErrorKind::kInternal, "internal_error", "Lỗi nội bộ khi tạo tệp Excel.",
                     "Internal error while writing a spreadsheet: no temporary file");
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* book = workbook_new_opt(file.path().c_str(), &options);
  if (!book) return LibraryFailed("workbook_new_opt", LXW_ERROR_CREATING_XLSX_FILE);
  if (auto filled = fill(book, MakeFormats(book)); !filled) {
    workbook_close(book);
    return std::move(filled).error();
  }
  if (const lxw_error closed = workbook_close(book); closed != LXW_NO_ERROR)
    return LibraryFailed("workbook_close", closed);
  std::ifstream in(file.path(), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof())
    return MakeError(ErrorKind::kInternal, "internal_error", "Lỗi nội bộ khi tạo tệp Excel.",
                     "Internal error while writing a spreadsheet: cannot read it back");
  return bytes;
}

}  // namespace

Result<std::string> WriteXlsx(const std::vector<XlsxTable>& tables) {
  for (const auto& table : tables) DANVAN_TRY(CheckTable(table));
  return Write(false, [&tables](lxw_workbook* book, const Formats& formats) -> Status {
    for (const auto& table : tables) {
      lxw_worksheet* sheet = DANVAN_TRY(AddSheet(book, table.sheet_name));
      DANVAN_TRY(StartSheet(sheet, table.columns, formats));
      for (std::size_t r = 0; r < table.rows.size(); ++r) DANVAN_TRY(WriteRow(sheet, table.columns, table.rows[r], r + 1, formats));
      DANVAN_TRY(FinishSheet(sheet, table.columns.size(), table.rows.size()));
    }
    if (tables.empty()) workbook_add_worksheet(book, nullptr);  // a workbook needs a sheet to open
    return OkStatus();
  });
}

Result<std::string> WriteXlsxStream(const XlsxStream& stream) {
  DANVAN_TRY(CheckSheetName(stream.sheet_name));
  if (!stream.next) return Invalid("Trang tính không có nguồn dữ liệu.", "The sheet has no source of rows.");
  return Write(true, [&stream](lxw_workbook* book, const Formats& formats) -> Status {
    lxw_worksheet* sheet = DANVAN_TRY(AddSheet(book, stream.sheet_name));
    DANVAN_TRY(StartSheet(sheet, stream.columns, formats));
    std::size_t written = 0;
    std::vector<std::vector<XlsxCell>> batch;
    for (;;) {
      batch.clear();
      DANVAN_TRY(stream.next(batch));
      if (batch.empty()) break;
      for (const auto& row : batch) {
        ++written;
        DANVAN_TRY(CheckRow(stream.sheet_name, stream.columns, row, written));
        DANVAN_TRY(WriteRow(sheet, stream.columns, row, written, formats));
      }
    }
    return FinishSheet(sheet, stream.columns.size(), written);
  });
}

}  // namespace danvan::documents
