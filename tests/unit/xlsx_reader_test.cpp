// The .xlsx reader of the imports: workbooks written by LibreOffice and by our own writer, and hand-made packages
// for each rule (dates and their two systems, skipped cells, strings, limits, broken files).

#include "documents/xlsx/reader.hpp"
#include "documents/xlsx/workbook.hpp"
#include "support/xlsx_tools.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <utility>

namespace danvan::documents {
namespace {

using Parts = std::vector<std::pair<std::string, std::string>>;

//! A zip of the parts, written with minizip (the reader's own library reads it back).
std::string ZipOf(const Parts& parts) {
  const auto path = std::filesystem::temp_directory_path() / fmt::format("danvan-xlsx-reader-{}.zip", getpid());
  zipFile zf = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  EXPECT_NE(zf, nullptr);
  for (const auto& [name, content] : parts) {
    zip_fileinfo info{};
    EXPECT_EQ(zipOpenNewFileInZip64(zf, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, 9, 1), ZIP_OK);
    EXPECT_EQ(zipWriteInFileInZip(zf, content.data(), static_cast<unsigned>(content.size())), ZIP_OK);
    zipCloseFileInZip(zf);
  }
  zipClose(zf, nullptr);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  return bytes;
}

constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

//! A minimal package: one sheet (or more), optional shared strings and styles, workbookPr attributes.
Parts Package(const std::string& sheet_data, const std::string& shared = "", const std::string& styles = "",
              const std::string& workbook_pr = "", const std::vector<std::string>& more_sheets = {}) {
  Parts parts;
  parts.emplace_back("[Content_Types].xml",
                     "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
  parts.emplace_back("_rels/.rels",
                     fmt::format("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
                                 "2006/relationships\"><Relationship Id=\"rId1\" Type=\"{}/officeDocument\" "
                                 "Target=\"xl/workbook.xml\"/></Relationships>",
                                 kRel));
  std::string sheets = "<sheet name=\"Danh sách\" sheetId=\"1\" r:id=\"rId1\"/>";
  std::string rels = fmt::format("<Relationship Id=\"rId1\" Type=\"{}/worksheet\" Target=\"worksheets/sheet1.xml\"/>", kRel);
  for (size_t i = 0; i < more_sheets.size(); ++i) {
    sheets += fmt::format("<sheet name=\"Trang {}\" sheetId=\"{}\" r:id=\"rId{}\"/>", i + 2, i + 2, i + 10);
    rels += fmt::format("<Relationship Id=\"rId{}\" Type=\"{}/worksheet\" Target=\"/xl/worksheets/sheet{}.xml\"/>", i + 10,
                        kRel, i + 2);
  }
  if (!shared.empty())
    rels += fmt::format("<Relationship Id=\"rId7\" Type=\"{}/sharedStrings\" Target=\"sharedStrings.xml\"/>", kRel);
  if (!styles.empty()) rels += fmt::format("<Relationship Id=\"rId8\" Type=\"{}/styles\" Target=\"styles.xml\"/>", kRel);
  parts.emplace_back("xl/workbook.xml",
                     fmt::format("<?xml version=\"1.0\"?><workbook xmlns=\"{}\" xmlns:r=\"{}\"><workbookPr {}/>"
                                 "<sheets>{}</sheets></workbook>",
                                 kMain, kRel, workbook_pr, sheets));
  parts.emplace_back("xl/_rels/workbook.xml.rels",
                     fmt::format("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
                                 "package/2006/relationships\">{}</Relationships>",
                                 rels));
  auto sheet = [&](const std::string& data) {
    return fmt::format("<?xml version=\"1.0\"?><worksheet xmlns=\"{}\"><sheetData>{}</sheetData></worksheet>", kMain, data);
  };
  parts.emplace_back("xl/worksheets/sheet1.xml", sheet(sheet_data));
  for (size_t i = 0; i < more_sheets.size(); ++i)
    parts.emplace_back(fmt::format("xl/worksheets/sheet{}.xml", i + 2), sheet(more_sheets[i]));
  if (!shared.empty())
    parts.emplace_back("xl/sharedStrings.xml",
                       fmt::format("<?xml version=\"1.0\"?><sst xmlns=\"{}\">{}</sst>", kMain, shared));
  if (!styles.empty())
    parts.emplace_back("xl/styles.xml", fmt::format("<?xml version=\"1.0\"?><styleSheet xmlns=\"{}\">{}</styleSheet>",
                                                    kMain, styles));
  return parts;
}

std::vector<std::vector<std::string>> Cells(const std::vector<CsvRow>& rows) {
  std::vector<std::vector<std::string>> out;
  for (const auto& r : rows) out.push_back(r.fields);
  return out;
}

std::string CodeOf(const std::string& bytes, const XlsxReadOptions& options = {}) {
  auto rows = ReadXlsx(bytes, options);
  return rows.ok() ? "ok" : rows.error().code;
}

// Styles: 0 general, 1 built-in date (14), 2 a custom date format, 3 a custom number format with quoted text,
// 4 a date-time (22), 5 a custom time with an elapsed-hours bracket.
const std::string kStyles =
    "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"#,##0&quot; ngày&quot;;[Red]-#,##0\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"[h]:mm\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"6\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
    "<xf numFmtId=\"22\"/><xf numFmtId=\"166\"/></cellXfs>";

TEST(XlsxReader, ReadsAWorkbookLibreOfficeWroteFromACsv) {
  // An office's list: Vietnamese headings, an ISO date LibreOffice turns into a real date, a date kept as text, a
  // number, empty cells in the middle and at the end, a quoted comma.
  const std::string csv =
      "Họ và tên,Năm sinh,Giới tính,Điện thoại,Địa chỉ,Từ ngày\n"
      "Lê Thị Mai,1975,Nữ,,\"12 phố Hàng Gai, Hà Nội\",2022-10-13\n"
      "Trần Văn Hùng,,Nam,0912345678,,13/10/2022\n"
      "Lê Thị Mai,1980,,,,\n";
  const auto bytes = testing::XlsxFromCsv(csv);
  ASSERT_FALSE(bytes.empty()) << "LibreOffice did not convert the CSV";
  auto rows = ReadXlsx(bytes);
  ASSERT_TRUE(rows.ok()) << rows.error().message_en;
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0].line, 1);
  EXPECT_EQ((*rows)[3].line, 4);
  EXPECT_EQ((*rows)[0].fields,
            (std::vector<std::string>{"Họ và tên", "Năm sinh", "Giới tính", "Điện thoại", "Địa chỉ", "Từ ngày"}));
  EXPECT_EQ((*rows)[1].fields,
            (std::vector<std::string>{"Lê Thị Mai", "1975", "Nữ", "", "12 phố Hàng Gai, Hà Nội", "2022-10-13"}))
      << "a date cell comes back as the date";
  // LibreOffice reads a leading zero as a number unless told otherwise: the phone loses it, as the sheet shows.
  EXPECT_EQ((*rows)[2].fields[0], "Trần Văn Hùng");
  EXPECT_EQ((*rows)[2].fields[1], "") << "an empty cell between filled ones";
  EXPECT_EQ((*rows)[2].fields[5], "13/10/2022") << "a text date stays text";
  EXPECT_EQ((*rows)[3].fields, (std::vector<std::string>{"Lê Thị Mai", "1980"})) << "trailing empty cells are dropped";
}

TEST(XlsxReader, ReadsWhatOurOwnWriterWrites) {
  XlsxTable table{"Người",
                  {{"Họ và tên", XlsxKind::kText},
                   {"Năm sinh", XlsxKind::kInteger},
                   {"Từ ngày", XlsxKind::kDate},
                   {"Điểm", XlsxKind::kNumber},
                   {"Tiền", XlsxKind::kMoney}},
                  {{std::string("Nguyễn Thị Lan"), int64_t{1978}, Date::FromYmd(2024, 2, 29), 4.5, int64_t{1'800'000}},
                   {std::string("Trần Văn Hùng"), std::monostate{}, Date::FromYmd(1900, 3, 1), std::monostate{},
                    std::monostate{}},
                   {std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{}},
                   {std::string("Lê Thị Hồng Nhung"), std::monostate{}, std::monostate{}, 0.1, std::monostate{}}}};
  auto bytes = WriteXlsx({table});
  ASSERT_TRUE(bytes.ok()) << bytes.error().message_en;
  auto rows = ReadXlsx(*bytes);
  ASSERT_TRUE(rows.ok()) << rows.error().message_en;
  EXPECT_EQ(Cells(*rows), (std::vector<std::vector<std::string>>{
                              {"Họ và tên", "Năm sinh", "Từ ngày", "Điểm", "Tiền"},
                              {"Nguyễn Thị Lan", "1978", "2024-02-29", "4.5", "1800000"},
                              {"Trần Văn Hùng", "", "1900-03-01"},
                              {"Lê Thị Hồng Nhung", "", "", "0.1"},
                          }));
  EXPECT_EQ((*rows)[3].line, 5) << "an empty row is skipped, the sheet's row numbers stay";
}

TEST(XlsxReader, DatesByStyleInBothSystemsWithTheLeapYearBug) {
  const std::string data =
      "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>59</v></c><c r=\"B1\" s=\"1\"><v>60</v></c><c r=\"C1\" s=\"1\"><v>61</v></c>"
      "<c r=\"D1\" s=\"2\"><v>44847</v></c><c r=\"E1\" s=\"3\"><v>44847</v></c><c r=\"F1\"><v>44847</v></c>"
      "<c r=\"G1\" s=\"4\"><v>44847.5</v></c><c r=\"H1\" s=\"5\"><v>0.25</v></c><c r=\"I1\" s=\"1\"><v>1</v></c></row>";
  auto rows = ReadXlsx(ZipOf(Package(data, "", kStyles)));
  ASSERT_TRUE(rows.ok()) << rows.error().message_en;
  EXPECT_EQ(Cells(*rows), (std::vector<std::vector<std::string>>{{"1900-02-28", "1900-02-29", "1900-03-01", "2022-10-13",
                                                                  "44847", "44847", "2022-10-13 12:00", "06:00",
                                                                  "1900-01-01"}}))
      << "serial 60 is Excel's 29/02/1900; a quoted \" ngày\" is not a date format";
  auto in_1904 = ReadXlsx(ZipOf(Package("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"2\"><v>43385</v></c></row>",
                                        "", kStyles, "date1904=\"1\"")));
  ASSERT_TRUE(in_1904.ok()) << in_1904.error().message_en;
  EXPECT_EQ(Cells(*in_1904), (std::vector<std::vector<std::string>>{{"1904-01-01", "2022-10-13"}}));
}

TEST(XlsxReader, StringsBooleansAndCellsSkippedByReference) {
  const std::string shared =
      "<si><t>Họ và tên</t></si><si><r><rPr><b/></rPr><t>Nguyễn </t></r><r><t xml:space=\"preserve\">Văn An</t></r>"
      "<rPh><t>ふりがな</t></rPh></si><si><t>dòng 1_x000D_</t></si><si/>";
  const std::string data =
      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"C2\" t=\"s\"><v>1</v></c></row>"
      "<row r=\"3\"><c t=\"inlineStr\"><is><t>Tổ dân phố &amp; số 2</t></is></c><c t=\"b\"><v>1</v></c>"
      "<c r=\"D3\" t=\"b\"><v>0</v></c><c r=\"E3\" t=\"e\"><v>#N/A</v></c><c r=\"F3\" t=\"str\"><f>A1</f><v>x</v></c>"
      "<c r=\"G3\" t=\"s\"><v>2</v></c><c r=\"H3\" t=\"s\"><v>3</v></c><c r=\"I3\"/></row>"
      "<row r=\"4\"><c r=\"B4\"/></row>";
  auto rows = ReadXlsx(ZipOf(Package(data, shared)));
  ASSERT_TRUE(rows.ok()) << rows.error().message_en;
  ASSERT_EQ(rows->size(), 2u) << "a row of empty cells is no row";
  EXPECT_EQ((*rows)[0].line, 2);
  EXPECT_EQ((*rows)[0].fields, (std::vector<std::string>{"Họ và tên", "", "Nguyễn Văn An"}))
      << "B2 is skipped by reference; rich-text runs join, the phonetic run does not count";
  EXPECT_EQ((*rows)[1].fields,
            (std::vector<std::string>{"Tổ dân phố & số 2", "TRUE", "", "FALSE", "#N/A", "x", "dòng 1\r"}));
}

TEST(XlsxReader, ChoosesASheetByName) {
  const auto bytes = ZipOf(Package("<row r=\"1\"><c t=\"inlineStr\"><is><t>một</t></is></c></row>", "", "", "",
                                   {"<row r=\"1\"><c t=\"inlineStr\"><is><t>hai</t></is></c></row>"}));
  EXPECT_EQ(Cells(ReadXlsx(bytes).value()), (std::vector<std::vector<std::string>>{{"một"}})) << "the first sheet";
  XlsxReadOptions second;
  second.sheet = "Trang 2";
  EXPECT_EQ(Cells(ReadXlsx(bytes, second).value()), (std::vector<std::vector<std::string>>{{"hai"}}));
  second.sheet = "Trang 9";
  EXPECT_EQ(CodeOf(bytes, second), "xlsx_sheet_not_found");
}

TEST(XlsxReader, RefusesBrokenFilesWithStableCodes) {
  EXPECT_EQ(CodeOf("full_name\nLê Thị Mai\n"), "xlsx_not_zip");
  EXPECT_EQ(CodeOf(std::string("PK\x03\x04", 4) + std::string(100, 'x')), "xlsx_not_zip") << "a zip's start, no zip";
  EXPECT_EQ(CodeOf(ZipOf({{"hello.txt", "xin chào"}})), "xlsx_missing_part");
  auto parts = Package("<row r=\"1\"><c><v>1</v></c></row>");
  parts.pop_back();  // the sheet
  EXPECT_EQ(CodeOf(ZipOf(parts)), "xlsx_missing_part");
  EXPECT_EQ(CodeOf(ZipOf(Package("<row r=\"1\"><c><v>1</v></row>"))), "xlsx_bad_xml");
  parts = Package("");
  parts.back().second = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet><sheetData/></worksheet>";
  auto doctype = ReadXlsx(ZipOf(parts));
  ASSERT_FALSE(doctype.ok());
  EXPECT_EQ(doctype.error().code, "xlsx_bad_xml") << "no DOCTYPE, hence no entities";
  EXPECT_EQ(doctype.error().details.at("part").as_string(), "xl/worksheets/sheet1.xml");
  EXPECT_FALSE(doctype.error().message_vi.empty());
  EXPECT_EQ(CodeOf(ZipOf(Package("<row r=\"1\"><c t=\"s\"><v>5</v></c></row>", "<si><t>a</t></si>"))),
            "xlsx_invalid_cell") << "a shared string that is not there";
  EXPECT_EQ(CodeOf(ZipOf(Package("<row r=\"1\"><c><v>một</v></c></row>"))), "xlsx_invalid_cell");
  EXPECT_EQ(CodeOf(ZipOf(Package("<row r=\"2\"><c><v>1</v></c></row><row r=\"1\"><c><v>1</v></c></row>"))),
            "xlsx_invalid_cell") << "rows out of order";
  EXPECT_EQ(CodeOf(ZipOf(Package("<row r=\"1\"><c r=\"C1\"><v>1</v></c><c r=\"B1\"><v>1</v></c></row>"))),
            "xlsx_invalid_cell") << "cells out of order";
}

TEST(XlsxReader, RefusesZipBombsAndHugeSheets) {
  // 8 MB of one repeated cell compresses to a few kilobytes.
  std::string big;
  for (int r = 1; r <= 200'000; ++r) big += fmt::format("<row r=\"{}\"><c><v>1</v></c></row>", r);
  const auto bomb = ZipOf(Package(big));
  EXPECT_LT(bomb.size(), 1u << 20);
  XlsxReadOptions small;
  small.max_bytes = 1u << 20;
  auto refused = ReadXlsx(bomb, small);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "xlsx_too_large");
  EXPECT_EQ(refused.error().details.at("limit").as_string(), "bytes");
  auto rows = ReadXlsx(bomb);
  ASSERT_FALSE(rows.ok()) << "200 000 rows are over the default 100 000";
  EXPECT_EQ(rows.error().details.at("limit").as_string(), "rows");
  auto wide = ReadXlsx(ZipOf(Package("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>")));
  ASSERT_FALSE(wide.ok());
  EXPECT_EQ(wide.error().details.at("limit").as_string(), "columns");
  // Sparse cells far to the right on many rows would unfold into millions of empty ones.
  std::string sparse;
  for (int r = 1; r <= 3'000; ++r) sparse += fmt::format("<row r=\"{}\"><c r=\"AMJ{}\"><v>1</v></c></row>", r, r);
  auto cells = ReadXlsx(ZipOf(Package(sparse)));
  ASSERT_FALSE(cells.ok());
  EXPECT_EQ(cells.error().details.at("limit").as_string(), "cells");
}

}  // namespace
}  // namespace danvan::documents
