// The reports as spreadsheets (docs/api.md, "Reports"): the same figures as the JSON answers, one row each.
#include "documents/xlsx/workbook.hpp"
#include "services/reports.hpp"

#include <fmt/format.h>

namespace danvan {
namespace {

using documents::XlsxCell;
using documents::XlsxColumn;
using documents::XlsxKind;
using documents::XlsxTable;

// "2026" for a year's report, else the date it stands on: "2026-03-15".
std::string FileName(std::string_view stem, const std::optional<int>& year, std::string_view as_of) {
  return year ? fmt::format("{}-{}.xlsx", stem, *year) : fmt::format("{}-{}.xlsx", stem, as_of);
}

// The cells are emplaced one by one: GCC 12 sees "maybe uninitialized" strings in moved variant temporaries.
std::vector<XlsxCell> TallyRow(const std::string& name, const std::string& parent, const UnitTally& t,
                               const Date& as_of) {
  std::vector<XlsxCell> row;
  row.reserve(8);
  row.emplace_back(std::in_place_type<std::string>, name);
  row.emplace_back(std::in_place_type<std::string>, parent);
  for (const int64_t n : {t.models, t.registered, t.recognised, t.adopted, t.certificates})
    row.emplace_back(std::in_place_type<int64_t>, n);
  row.emplace_back(std::in_place_type<Date>, as_of);
  return row;
}

std::string GroupHeader(std::string_view group_by) {
  if (group_by == "organisation") return "Tổ chức";
  if (group_by == "category") return "Lĩnh vực";
  if (group_by == "month") return "Tháng";
  return "Đơn vị";
}

std::vector<XlsxCell> FigureRow(const ConcernFigureRow& r) {
  std::vector<XlsxCell> row;
  row.reserve(11);
  row.emplace_back(std::in_place_type<std::string>, r.label);
  for (const int64_t n : {r.received, r.resolved, r.received_on_time, r.resolved_on_time, r.rejected, r.out_of_scope,
                          r.duplicate, r.open, r.rating_count})
    row.emplace_back(std::in_place_type<int64_t>, n);
  if (r.rating_mean) row.emplace_back(std::in_place_type<double>, *r.rating_mean);  // else an empty cell
  return row;
}

}  // namespace

Result<ReportFile> ReportService::ModelsByUnitXlsx(const Caller& caller, const ModelsByUnitQuery& query) {
  const auto report = DANVAN_TRY(ModelsByUnit(caller, query));
  XlsxTable table{"Mô hình theo đơn vị",
                  {{"Đơn vị", XlsxKind::kText, 32},
                   {"Đơn vị cấp trên", XlsxKind::kText, 28},
                   {"Số mô hình", XlsxKind::kInteger, 12},
                   {"Đã đăng ký", XlsxKind::kInteger, 12},
                   {"Được công nhận", XlsxKind::kInteger, 15},
                   {"Nhân rộng", XlsxKind::kInteger, 12},
                   {"Giấy khen, bằng khen", XlsxKind::kInteger, 20},
                   {"Số liệu đến ngày", XlsxKind::kDate, 16}},
                  {}};
  for (const auto& r : report.rows)
    table.rows.push_back(TallyRow(r.unit.unit.name, r.unit.parent_name, r, report.as_of));
  table.rows.push_back(TallyRow("Tổng cộng", "", report.total, report.as_of));
  auto bytes = DANVAN_TRY(documents::WriteXlsx({table}));
  return ReportFile{FileName("bao-cao-mo-hinh", report.year, report.as_of.Iso()), std::move(bytes)};
}

Result<ReportFile> ReportService::ConcernFiguresXlsx(const Caller& caller, const ConcernFiguresQuery& query) {
  const auto report = DANVAN_TRY(ConcernFigures(caller, query));
  XlsxTable table{"Phản ánh, kiến nghị",
                  {{GroupHeader(report.group_by), XlsxKind::kText, 32},
                   {"Tiếp nhận", XlsxKind::kInteger, 11},
                   {"Đã giải quyết", XlsxKind::kInteger, 13},
                   {"Tiếp nhận đúng hạn", XlsxKind::kInteger, 13},
                   {"Giải quyết đúng hạn", XlsxKind::kInteger, 13},
                   {"Từ chối", XlsxKind::kInteger, 10},
                   {"Ngoài thẩm quyền", XlsxKind::kInteger, 13},
                   {"Trùng lặp", XlsxKind::kInteger, 10},
                   {"Đang xử lý", XlsxKind::kInteger, 11},
                   {"Lượt đánh giá", XlsxKind::kInteger, 12},
                   {"Điểm hài lòng trung bình", XlsxKind::kNumber, 14}},
                  {}};
  for (const auto& r : report.rows) table.rows.push_back(FigureRow(r));
  table.rows.push_back(FigureRow(report.total));
  auto bytes = DANVAN_TRY(documents::WriteXlsx({table}));
  return ReportFile{FileName("bao-cao-phan-anh", report.year, report.as_of), std::move(bytes)};
}

}  // namespace danvan
