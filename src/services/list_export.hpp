#pragma once
//! The list pages as spreadsheets (docs/api.md, "Exports"): `?format=xlsx` on a paged list answers every row its
//! filters match, in the list's order, as one sheet. One generic path: a list declares its columns (ExportColumn)
//! and how to read one page of itself (the service's own list function, so the same permission and visibility
//! rules hold), and ExportList reads it a batch at a time into the streaming writer (documents::WriteXlsxStream).

#include "core/date.hpp"
#include "core/error.hpp"
#include "documents/xlsx/workbook.hpp"
#include "storage/repositories.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace danvan {

//! A download: its ASCII file name and its bytes.
struct ExportFile {
  std::string file_name;  //!< ASCII: "to-chuc-2026-12-07.xlsx"
  std::string bytes;
};

//! One column of a list's sheet: its header, kind and width, and the cell of an item.
template <class Item>
struct ExportColumn {
  documents::XlsxColumn column;
  std::function<documents::XlsxCell(const Item&)> cell;
  //! Whether the column is in the sheet at all, asked of the list's first item (none: always; an empty list: not).
  //! People's personal data: only for a caller the list shows it to.
  std::function<bool(const Item&)> shown;
};

//! A list's sheet: its name (31 characters at most), the file's stem ("to-chuc") and the columns.
template <class Item>
struct ExportSpec {
  std::string sheet_name;
  std::string file_stem;
  std::vector<ExportColumn<Item>> columns;
};

//! Reads the list's items [offset, offset + limit) with the list's own filters; `total` < 0 when the list does not
//! count them.
template <class Item>
using PageReader = std::function<Result<Page<Item>>(int64_t limit, int64_t offset)>;

//! Rows one export may hold (the setting documents.export_max_rows); set once at start-up.
void SetExportRowLimit(int64_t rows);
int64_t ExportRowLimit();

//! Rows read from the database at once: the memory of an export is that of one batch.
inline constexpr int64_t kExportBatch = 1000;

//! "export_too_large": more rows than an export may hold.
Error ExportTooLarge(int64_t rows, int64_t limit);

//! A date cell for a stored instant ("2026-03-15T02:00:00.000Z"), the day it was in Vietnam; empty for none.
documents::XlsxCell VietnamDateCell(const std::string& instant);
documents::XlsxCell VietnamDateCell(const std::optional<std::string>& instant);

//! The whole list as a workbook of one sheet named "{stem}-{today}.xlsx".
template <class Item>
Result<ExportFile> ExportList(const ExportSpec<Item>& spec, const PageReader<Item>& read, const Date& today) {
  const int64_t limit = ExportRowLimit();
  auto first = DANVAN_TRY(read(kExportBatch, 0));
  if (first.total > limit) return ExportTooLarge(first.total, limit);
  std::vector<const ExportColumn<Item>*> columns;
  for (const auto& c : spec.columns)
    if (!c.shown || (!first.items.empty() && c.shown(first.items.front()))) columns.push_back(&c);
  documents::XlsxStream stream;
  stream.sheet_name = spec.sheet_name;
  for (const auto* c : columns) stream.columns.push_back(c->column);
  std::optional<Page<Item>> pending(std::move(first));
  int64_t offset = 0;
  bool ended = false;  // after a short page
  stream.next = [&](std::vector<std::vector<documents::XlsxCell>>& batch) -> Status {
    if (ended) return OkStatus();
    if (!pending) pending = DANVAN_TRY(read(kExportBatch, offset));
    const auto page = std::move(*pending);
    pending.reset();
    offset += static_cast<int64_t>(page.items.size());
    if (offset > limit) return ExportTooLarge(offset, limit);  // a list that does not count its rows
    ended = static_cast<int64_t>(page.items.size()) < kExportBatch;
    for (const auto& item : page.items) {
      auto& row = batch.emplace_back();
      row.reserve(columns.size());
      for (const auto* c : columns) row.push_back(c->cell(item));
    }
    return OkStatus();
  };
  auto bytes = DANVAN_TRY(documents::WriteXlsxStream(stream));
  return ExportFile{fmt::format("{}-{}.xlsx", spec.file_stem, today.Iso()), std::move(bytes)};
}

}  // namespace danvan
