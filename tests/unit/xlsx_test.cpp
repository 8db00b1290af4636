// Spreadsheets read back by LibreOffice: what a user opening the export sees, cell by cell.

#include "documents/xlsx/workbook.hpp"
#include "support/xlsx_tools.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace danvan::documents {
namespace {

using testing::XlsxAsShown;

XlsxTable Awards() {
  return XlsxTable{"Khen thưởng",
                   {{"Tập thể, cá nhân", XlsxKind::kText, 30},
                    {"Số người", XlsxKind::kInteger, 10},
                    {"Ngày quyết định", XlsxKind::kDate, 14},
                    {"Tiền thưởng", XlsxKind::kMoney, 16},
                    {"Điểm", XlsxKind::kNumber, 8}},
                   {{std::string("Tổ dân phố số 3, phường Lý Thái Tổ"), int64_t{12}, Date::FromYmd(2026, 3, 15),
                     int64_t{1'800'000}, 4.5},
                    {std::string("Chi hội Phụ nữ"), int64_t{1234}, Date::FromYmd(2025, 12, 1), int64_t{900'000}}}};
}

TEST(Xlsx, LibreOfficeReadsBackEveryCellAsShown) {
  auto bytes = WriteXlsx({Awards()});
  ASSERT_TRUE(bytes.ok()) << bytes.error().message_en;
  EXPECT_EQ(bytes->substr(0, 2), "PK");  // a zip package
  const auto cells = XlsxAsShown(*bytes);
  ASSERT_EQ(cells.size(), 3u) << "LibreOffice could not read the workbook";
  EXPECT_EQ(cells[0], (std::vector<std::string>{"Tập thể, cá nhân", "Số người", "Ngày quyết định", "Tiền thưởng", "Điểm"}));
  EXPECT_EQ(cells[1], (std::vector<std::string>{"Tổ dân phố số 3, phường Lý Thái Tổ", "12", "15/03/2026", "1,800,000 ₫",
                                                "4.50"}));
  EXPECT_EQ(cells[2], (std::vector<std::string>{"Chi hội Phụ nữ", "1,234", "01/12/2025", "900,000 ₫", ""}));
}

TEST(Xlsx, OneSheetPerTable) {
  XlsxTable second{"Tổng hợp", {{"Đơn vị", XlsxKind::kText, 20}}, {{std::string("Phường Hoàn Kiếm")}}};
  auto bytes = WriteXlsx({Awards(), second});
  ASSERT_TRUE(bytes.ok()) << bytes.error().message_en;
  // The zip directory (never compressed) names one part per sheet.
  EXPECT_NE(bytes->find("xl/worksheets/sheet2.xml"), std::string::npos);
  EXPECT_EQ(bytes->find("xl/worksheets/sheet3.xml"), std::string::npos);
}

TEST(Xlsx, RefusesACellOfTheWrongKindAndABadSheetName) {
  auto table = Awards();
  table.rows[0][2] = std::string("15/03/2026");  // a date given as text
  const auto wrong = WriteXlsx({table});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, "xlsx_invalid_table");
  table = Awards();
  table.sheet_name = "Khen thưởng: 2026";
  EXPECT_FALSE(WriteXlsx({table}).ok());
  table.sheet_name = Awards().sheet_name;
  table.rows[1].emplace_back(std::in_place_type<std::string>, "ô thừa");
  table.rows[1].emplace_back(std::in_place_type<std::string>, "ô thừa nữa");
  EXPECT_FALSE(WriteXlsx({table}).ok());
}

// A sheet read in batches: every row comes back in order under the header, the types as in WriteXlsx, whatever the
// number of batches, and text with the format's own escapes ("_x0041_", "_xa_") reads back as written.
TEST(XlsxStream, RowsOfEveryBatchComeBackInOrder) {
  XlsxStream stream{"Tổ chức",
                    {{"Tên", XlsxKind::kText, 30}, {"Năm", XlsxKind::kYear, 8}, {"Ngày", XlsxKind::kDate, 12},
                     {"Tiền", XlsxKind::kMoney, 14}},
                    {}};
  int calls = 0;
  stream.next = [&calls](std::vector<std::vector<XlsxCell>>& batch) -> Status {
    if (calls == 3) return OkStatus();  // the end: an empty batch
    for (int i = 0; i < 2; ++i) {
      const int n = calls * 2 + i;
      auto& row = batch.emplace_back();
      row.emplace_back(std::in_place_type<std::string>, fmt::format("van_hoa_xa_hoi _x0041_ {}", n));
      row.emplace_back(std::in_place_type<int64_t>, 1980 + n);
      row.emplace_back(std::in_place_type<Date>, Date::FromYmd(2026, 1, 1 + n));
      row.emplace_back(std::in_place_type<int64_t>, 1000 * n);
    }
    ++calls;
    return OkStatus();
  };
  auto bytes = WriteXlsxStream(stream);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message_en;
  const auto cells = XlsxAsShown(*bytes);
  ASSERT_EQ(cells.size(), 7u) << "LibreOffice could not read the workbook";
  EXPECT_EQ(cells[0], (std::vector<std::string>{"Tên", "Năm", "Ngày", "Tiền"}));
  for (int n = 0; n < 6; ++n)
    EXPECT_EQ(cells[1 + n], (std::vector<std::string>{fmt::format("van_hoa_xa_hoi _x0041_ {}", n), std::to_string(1980 + n),
                                                      fmt::format("0{}/01/2026", 1 + n),
                                                      n ? fmt::format("{},000 ₫", n) : "0 ₫"}))
        << "row " << n + 1;
  EXPECT_EQ(calls, 3);
}

TEST(XlsxStream, AnErrorOfTheSourceOrABadCellStopsTheWorkbook) {
  XlsxStream stream{"Danh sách", {{"Năm", XlsxKind::kYear, 8}}, {}};
  stream.next = [](std::vector<std::vector<XlsxCell>>&) -> Status {
    return MakeError(ErrorKind::kInvalidInput, "export_too_large", "quá nhiều dòng", "too many rows");
  };
  const auto failed = WriteXlsxStream(stream);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, "export_too_large");
  bool sent = false;
  stream.next = [&sent](std::vector<std::vector<XlsxCell>>& batch) -> Status {
    if (!sent) batch.emplace_back().emplace_back(std::in_place_type<std::string>, "2026");  // a year given as text
    sent = true;
    return OkStatus();
  };
  const auto wrong = WriteXlsxStream(stream);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, "xlsx_invalid_table");
  stream.sheet_name = "a/b";
  EXPECT_FALSE(WriteXlsxStream(stream).ok());
}

}  // namespace
}  // namespace danvan::documents
