#include "core/csv.hpp"

#include "core/text.hpp"

#include <fmt/format.h>

namespace danvan {

Result<std::vector<CsvRow>> ParseCsv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (!IsValidUtf8(text))
    return MakeError(ErrorKind::kInvalidInput, "invalid_utf8", "Tệp không phải văn bản UTF-8 hợp lệ.",
                     "The file is not valid UTF-8 text.");
  const auto first_line = text.substr(0, text.find('\n'));
  // A tab in the header makes it TSV (spreadsheets copy cells with tabs); otherwise ';' where there is no ','.
  const char sep = first_line.find('\t') != std::string_view::npos ? '\t'
                   : first_line.find(',') == std::string_view::npos && first_line.find(';') != std::string_view::npos
                       ? ';'
                       : ',';
  std::vector<CsvRow> rows;
  CsvRow row{1, {}};
  std::string field;
  bool quoted = false, field_started = false;
  int line = 1, quote_line = 0;
  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_row = [&] {
    end_field();
    const bool blank = row.fields.size() == 1 && row.fields[0].empty();
    if (!blank) rows.push_back(std::move(row));
    row = CsvRow{line + 1, {}};
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
      quote_line = line;
    } else if (c == sep) {
      end_field();
    } else if (c == '\r') {
      continue;
    } else if (c == '\n') {
      end_row();
      ++line;
    } else {
      field.push_back(c);
      field_started = true;
    }
  }
  if (quoted)
    return MakeError(ErrorKind::kInvalidInput, "csv_unterminated_quote",
                     fmt::format("Dấu ngoặc kép mở ở dòng {} không được đóng.", quote_line),
                     fmt::format("The quote opened on line {} is never closed.", quote_line))
        .WithDetail("line", quote_line);
  if (!field.empty() || !row.fields.empty()) end_row();
  return rows;
}

}  // namespace danvan
