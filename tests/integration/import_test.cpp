// Imports from spreadsheets on a real database: people from .xlsx (our writer's and LibreOffice's, Vietnamese
// headings, Excel dates and text dates) and organisations from CSV and .xlsx, with the dry run, line and column of
// each problem, and the all-or-nothing rule.

#include "documents/xlsx/workbook.hpp"
#include "services/demo.hpp"
#include "support/fixture.hpp"
#include "support/xlsx_tools.hpp"

namespace danvan {
namespace {

using documents::XlsxCell;
using documents::XlsxKind;
using documents::XlsxTable;
using testing::ServiceTest;

class Import : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    auto seeded = SeedDemo(services());
    ASSERT_TRUE(seeded.ok()) << seeded.error().message_en;
    ly_thai_to_ = UnitNamed("Phường Lý Thái Tổ", Date::FromYmd(2022, 10, 13));
    hang_bac_ = UnitNamed("Phường Hàng Bạc", Date::FromYmd(2022, 10, 13));
  }

  Caller Officer() { return CallerWith({RoleGrant{0, Role::kUnitAdmin, ly_thai_to_, std::nullopt}}); }
  Caller Viewer() { return CallerWith({RoleGrant{0, Role::kViewer, ly_thai_to_, std::nullopt}}); }
  Caller OtherWard() { return CallerWith({RoleGrant{0, Role::kUnitAdmin, hang_bac_, std::nullopt}}); }

  std::vector<PersonView> PeopleNamed(const std::string& name) {
    PersonQuery q{ly_thai_to_, std::nullopt, FoldForSearch(name), 50, 0};
    auto page = services().community.ListPeople(Officer(), q);
    EXPECT_TRUE(page.ok());
    std::vector<PersonView> out;
    for (auto& v : page->items)
      if (v.person.full_name == name) out.push_back(std::move(v));
    return out;
  }

  std::vector<Organisation> OrganisationsCalled(const std::string& name) {
    OrganisationQuery q;
    q.unit_id = ly_thai_to_;
    q.folded_text = FoldForSearch(name);
    auto page = services().community.ListOrganisations(q);
    std::vector<Organisation> out;
    for (auto& o : page->items)
      if (o.name == name) out.push_back(std::move(o));
    return out;
  }

  static std::string Xlsx(const XlsxTable& table) {
    auto bytes = documents::WriteXlsx({table});
    EXPECT_TRUE(bytes.ok()) << bytes.error().message_en;
    return bytes.ok() ? *bytes : std::string();
  }

  int64_t ly_thai_to_ = 0, hang_bac_ = 0;
};

// The sheet an office keeps: a row-number column, Vietnamese headings in capitals or without diacritics, the
// organisation by its name, the start as a real date.
XlsxTable PeopleSheet(std::vector<std::vector<XlsxCell>> rows) {
  return XlsxTable{"Danh sách",
                   {{"STT", XlsxKind::kInteger},
                    {"HỌ VÀ TÊN", XlsxKind::kText},
                    {"Nam sinh", XlsxKind::kText},
                    {"Giới tính", XlsxKind::kText},
                    {"Điện thoại", XlsxKind::kText},
                    {"Địa chỉ", XlsxKind::kText},
                    {"Tổ chức", XlsxKind::kText},
                    {"Chức danh", XlsxKind::kText},
                    {"Từ ngày", XlsxKind::kDate}},
                   std::move(rows)};
}

std::vector<XlsxCell> Person(int64_t n, std::string name, std::string year, std::string gender, std::string org,
                             XlsxCell from) {
  return {n, std::move(name), std::move(year), std::move(gender), std::string("0912345678"),
          std::string("Số 5 phố Hàng Trống"), std::move(org), std::string("Tổ viên"), std::move(from)};
}

TEST_F(Import, PeopleFromXlsxDryRunNamesSheetRowsAndColumnsAndWritesNothing) {
  const std::vector<XlsxCell> good_1 =
      Person(1, "Đặng Thị Thu", "1975", "Nữ", "Tổ dân phố số 2", Date::FromYmd(2022, 3, 8));
  const std::vector<XlsxCell> good_2 = Person(2, "Phan Văn Đức", "1968", "Nam", "", std::monostate{});
  const auto bad = Xlsx(PeopleSheet({good_1,
                                     Person(3, "", "1980", "Nam", "", std::monostate{}),
                                     Person(4, "Cao Thị Yến", "năm", "Nữ", "", std::monostate{}),
                                     good_2,
                                     Person(6, "Hà Văn Tú", "1990", "Nam", "Tổ không có", Date::FromYmd(2022, 1, 1))}));
  const auto before = AuditCount();
  auto dry = services().community.ImportPeople(Officer(), ly_thai_to_, bad, ImportMode::kDryRun, ImportFormat::kXlsx);
  ASSERT_TRUE(dry.ok()) << dry.error().message_en;
  EXPECT_TRUE(dry->dry_run);
  EXPECT_EQ(dry->rows, 5);
  EXPECT_EQ(dry->valid_rows, 2);
  EXPECT_EQ(dry->written, 0);
  ASSERT_EQ(dry->issues.size(), 3u);
  // The header is the sheet's row 1: the data start on row 2.
  EXPECT_EQ(dry->issues[0].line, 3);
  EXPECT_EQ(dry->issues[0].column, "full_name");
  EXPECT_EQ(dry->issues[1].line, 4);
  EXPECT_EQ(dry->issues[1].column, "birth_year");
  EXPECT_EQ(dry->issues[2].line, 6);
  EXPECT_EQ(dry->issues[2].column, "organisation_id");
  EXPECT_NE(dry->issues[2].message_vi.find("Tổ không có"), std::string::npos) << dry->issues[2].message_vi;
  EXPECT_EQ(dry->names, (std::vector<std::string>{"Đặng Thị Thu", "Phan Văn Đức"}));
  EXPECT_EQ(AuditCount(), before);
  EXPECT_TRUE(PeopleNamed("Đặng Thị Thu").empty()) << "a dry run writes nothing";

  auto all = services().community.ImportPeople(Officer(), ly_thai_to_, bad, ImportMode::kAllOrNothing, ImportFormat::kXlsx);
  ASSERT_TRUE(all.ok()) << all.error().message_en;
  EXPECT_EQ(all->written, 0) << "one bad row: nothing written";
  EXPECT_EQ(AuditCount(), before);
  EXPECT_TRUE(PeopleNamed("Phan Văn Đức").empty());

  const auto good = Xlsx(PeopleSheet({good_1, good_2}));
  auto wrote = services().community.ImportPeople(Officer(), ly_thai_to_, good, ImportMode::kAllOrNothing, ImportFormat::kXlsx);
  ASSERT_TRUE(wrote.ok()) << wrote.error().message_en;
  EXPECT_TRUE(wrote->issues.empty()) << wrote->issues[0].message_en;
  EXPECT_EQ(wrote->written, 2);
  EXPECT_EQ(AuditCount(), before + 2);
  auto thu = PeopleNamed("Đặng Thị Thu");
  ASSERT_EQ(thu.size(), 1u);
  EXPECT_EQ(thu[0].person.birth_year.value_or(0), 1975);
  EXPECT_EQ(thu[0].person.gender, Gender::kFemale) << "\"Nữ\" is female";
  EXPECT_EQ(thu[0].person.phone.value_or(""), "0912345678");
  ASSERT_EQ(thu[0].memberships.size(), 1u);
  EXPECT_EQ(thu[0].memberships[0].title, "Tổ viên");
  EXPECT_EQ(thu[0].memberships[0].valid_from, Date::FromYmd(2022, 3, 8)) << "an Excel date";
  EXPECT_EQ(thu[0].memberships[0].organisation_id, OrganisationNamed("Tổ dân phố số 2")) << "found by its name";
  EXPECT_EQ(PeopleNamed("Phan Văn Đức").at(0).person.gender, Gender::kMale);

  EXPECT_EQ(services().community.ImportPeople(OtherWard(), ly_thai_to_, good, ImportMode::kAllOrNothing,
                                              ImportFormat::kXlsx).error().code,
            "forbidden");
}

TEST_F(Import, PeopleFromAWorkbookLibreOfficeSavedWithTextDates) {
  const auto team = OrganisationNamed("Tổ dân phố số 2");
  const std::string csv = "Họ và tên,Năm sinh,Giới tính,Mã tổ chức,Chức danh,Từ ngày\n"
                          "Vương Thị Hoa,1972,nữ," + std::to_string(team) + ",Tổ trưởng,13/10/2022\n"
                          "Lục Văn Bình,12/05/1961,nam," + std::to_string(team) + ",,25/2/2023\n";
  const auto xlsx = testing::XlsxFromCsv(csv);
  ASSERT_FALSE(xlsx.empty()) << "LibreOffice did not convert the CSV";
  // The media type says CSV by mistake: the bytes are a workbook, and are read as one.
  auto report = services().community.ImportPeople(Officer(), ly_thai_to_, xlsx, ImportMode::kAllOrNothing);
  ASSERT_TRUE(report.ok()) << report.error().message_en;
  ASSERT_TRUE(report->issues.empty()) << report->issues[0].column << ": " << report->issues[0].message_en;
  EXPECT_EQ(report->written, 2);
  auto hoa = PeopleNamed("Vương Thị Hoa");
  ASSERT_EQ(hoa.size(), 1u);
  EXPECT_EQ(hoa[0].memberships.at(0).valid_from, Date::FromYmd(2022, 10, 13));
  EXPECT_EQ(hoa[0].memberships.at(0).title, "Tổ trưởng");
  auto binh = PeopleNamed("Lục Văn Bình");
  ASSERT_EQ(binh.size(), 1u);
  EXPECT_EQ(binh[0].person.birth_year.value_or(0), 1961) << "a date of birth gives its year";
  EXPECT_EQ(binh[0].memberships.at(0).valid_from, Date::FromYmd(2023, 2, 25)) << "d/m/yyyy";
  EXPECT_EQ(binh[0].memberships.at(0).title, "Thành viên");
}

// An office's sheet as it is printed: the two halves of the state header and the list's title above the table. The
// header is found under them; lines keep the file's numbers; a row of data above a header is not taken for a title.
TEST_F(Import, PeopleUnderTheSheetsTitleRowsAreFoundWithTheFilesLineNumbers) {
  const std::string csv = "ỦY BAN NHÂN DÂN PHƯỜNG LÝ THÁI TỔ,,CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                          "DANH SÁCH HỘI VIÊN CHI HỘI PHỤ NỮ TỔ DÂN PHỐ SỐ 2,,\n"
                          "(Kèm theo Công văn số 15/CV-UBND),,\n"
                          "STT,Họ và tên,Năm sinh,Giới tính\n"
                          "1,Tạ Thị Nguyệt,1979,Nữ\n"
                          "2,Đinh Văn Khải,năm,Nam\n";
  for (const bool workbook : {false, true}) {
    const std::string file = workbook ? testing::XlsxFromCsv(csv) : csv;
    ASSERT_FALSE(file.empty()) << "LibreOffice did not convert the CSV";
    auto dry = services().community.ImportPeople(Officer(), ly_thai_to_, file, ImportMode::kDryRun,
                                                 workbook ? ImportFormat::kXlsx : ImportFormat::kCsv);
    ASSERT_TRUE(dry.ok()) << dry.error().message_en;
    EXPECT_EQ(dry->rows, 2) << (workbook ? "xlsx" : "csv") << ": the title rows are not people";
    EXPECT_EQ(dry->valid_rows, 1);
    ASSERT_EQ(dry->issues.size(), 1u) << dry->issues[0].line << " " << dry->issues[0].message_en;
    EXPECT_EQ(dry->issues[0].line, 6) << "the file's own line";
    EXPECT_EQ(dry->issues[0].column, "birth_year");
    EXPECT_EQ(dry->names, (std::vector<std::string>{"Tạ Thị Nguyệt"}));
  }
  // Without a heading the import knows, the first row is the header, and says so.
  auto unknown = services().community.ImportPeople(Officer(), ly_thai_to_, "Danh sách,,,\nTen day du,Nam,1,2\n",
                                                   ImportMode::kDryRun, ImportFormat::kCsv);
  ASSERT_TRUE(unknown.ok()) << unknown.error().message_en;
  ASSERT_FALSE(unknown->issues.empty());
  EXPECT_EQ(unknown->issues[0].line, 1);
}

TEST_F(Import, ABrokenWorkbookIsRefusedWithItsCode) {
  auto report = services().community.ImportPeople(Officer(), ly_thai_to_, "full_name\nA\n", ImportMode::kDryRun,
                                                  ImportFormat::kXlsx);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, "xlsx_not_zip");
}

const std::string kOrganisationsHeader = "Tên tổ chức,Loại tổ chức,Tổ chức cấp trên,Từ ngày\n";

TEST_F(Import, OrganisationsDryRunAllOrNothingAndSkippingBadRows) {
  const auto front = OrganisationNamed("Ủy ban Mặt trận Tổ quốc Việt Nam phường Lý Thái Tổ");
  const std::string csv = kOrganisationsHeader +
                          "Chi hội Phụ nữ tổ 5,Hội Liên hiệp Phụ nữ,Hội Liên hiệp Phụ nữ phường Lý Thái Tổ,01/01/2023\n"
                          "Tổ dân vận số 9,to_dan_van," + std::to_string(front) + ",2023-02-01\n"
                          "Nhóm tuyên truyền tổ 9,tổ dân vận,Tổ dân vận số 9,1/3/2023\n"
                          "Câu lạc bộ dưỡng sinh,khong_co,,01/01/2023\n"
                          "Chi hội Cựu chiến binh tổ 5,hoi_cuu_chien_binh,Tổ chức không có,01/01/2023\n"
                          "Chi đoàn tổ 5,doan_thanh_nien,,31/02/2023\n"
                          "Nhóm trước ngày,to_dan_van,Tổ dân vận số 9,01/01/2023\n"
                          "Nhóm của dòng lỗi,to_dan_van,Câu lạc bộ dưỡng sinh,01/06/2023\n";
  const auto before = AuditCount();
  auto dry = services().community.ImportOrganisations(Officer(), ly_thai_to_, csv, ImportMode::kDryRun);
  ASSERT_TRUE(dry.ok()) << dry.error().message_en;
  EXPECT_EQ(dry->rows, 8);
  EXPECT_EQ(dry->valid_rows, 3);
  EXPECT_EQ(dry->written, 0);
  std::vector<std::pair<int, std::string>> where;
  for (const auto& i : dry->issues) where.emplace_back(i.line, i.column);
  EXPECT_EQ(where, (std::vector<std::pair<int, std::string>>{
                       {5, "kind"}, {6, "parent"}, {7, "valid_from"}, {8, "parent"}, {9, "parent"}}));
  EXPECT_NE(dry->issues[3].message_en.find("parent"), std::string::npos)
      << "a parent that starts after its child: " << dry->issues[3].message_en;
  EXPECT_NE(dry->issues[4].message_vi.find("dòng 5"), std::string::npos)
      << "the parent's own row has problems: " << dry->issues[4].message_vi;
  EXPECT_EQ(AuditCount(), before);
  EXPECT_TRUE(OrganisationsCalled("Tổ dân vận số 9").empty());

  auto all = services().community.ImportOrganisations(Officer(), ly_thai_to_, csv, ImportMode::kAllOrNothing);
  ASSERT_TRUE(all.ok()) << all.error().message_en;
  EXPECT_EQ(all->written, 0);
  EXPECT_EQ(AuditCount(), before);
  EXPECT_TRUE(OrganisationsCalled("Chi hội Phụ nữ tổ 5").empty());

  auto skip = services().community.ImportOrganisations(Officer(), ly_thai_to_, csv, ImportMode::kSkipBadRows);
  ASSERT_TRUE(skip.ok()) << skip.error().message_en;
  EXPECT_EQ(skip->written, 3);
  EXPECT_EQ(AuditCount(), before + 3) << "each organisation audited";
  const auto team = OrganisationsCalled("Tổ dân vận số 9");
  ASSERT_EQ(team.size(), 1u);
  EXPECT_EQ(team[0].parent_id.value_or(0), front);
  EXPECT_EQ(team[0].valid_from, Date::FromYmd(2023, 2, 1));
  const auto group = OrganisationsCalled("Nhóm tuyên truyền tổ 9");
  ASSERT_EQ(group.size(), 1u);
  EXPECT_EQ(group[0].parent_id.value_or(0), team[0].id) << "the parent made by an earlier row";
  EXPECT_EQ(group[0].kind, "to_dan_van") << "the kind by its Vietnamese name";
  const auto women = OrganisationsCalled("Chi hội Phụ nữ tổ 5");
  ASSERT_EQ(women.size(), 1u);
  EXPECT_EQ(women[0].kind, "hoi_phu_nu");
  EXPECT_EQ(women[0].parent_id.value_or(0), OrganisationNamed("Hội Liên hiệp Phụ nữ phường Lý Thái Tổ"));

  // The same file again: those rows exist now, under the same parents.
  auto again = services().community.ImportOrganisations(Officer(), ly_thai_to_, csv, ImportMode::kDryRun);
  ASSERT_TRUE(again.ok());
  ASSERT_FALSE(again->issues.empty());
  EXPECT_EQ(again->issues[0].line, 2);
  EXPECT_EQ(again->issues[0].column, "name");

  EXPECT_EQ(services().community.ImportOrganisations(Viewer(), ly_thai_to_, csv, ImportMode::kDryRun).error().code,
            "forbidden");
  EXPECT_EQ(services().community.ImportOrganisations(OtherWard(), ly_thai_to_, csv, ImportMode::kDryRun).error().code,
            "forbidden");
}

TEST_F(Import, OrganisationsFromXlsxWriteAllInOneGo) {
  XlsxTable sheet{"Tổ chức",
                  {{"STT", XlsxKind::kInteger},
                   {"Tên", XlsxKind::kText},
                   {"Loại", XlsxKind::kText},
                   {"Trực thuộc", XlsxKind::kText},
                   {"Ngày thành lập", XlsxKind::kDate}},
                  {{int64_t{1}, std::string("Tổ dân vận số 10"), std::string("Tổ dân vận"), std::monostate{},
                    Date::FromYmd(2024, 1, 15)},
                   {int64_t{2}, std::string("Nhóm hòa giải tổ 10"), std::string("to_dan_van"),
                    std::string("TỔ DÂN VẬN SỐ 10"), Date::FromYmd(2024, 2, 1)}}};
  const auto before = AuditCount();
  auto report = services().community.ImportOrganisations(Officer(), ly_thai_to_, Xlsx(sheet), ImportMode::kAllOrNothing,
                                                         ImportFormat::kXlsx);
  ASSERT_TRUE(report.ok()) << report.error().message_en;
  ASSERT_TRUE(report->issues.empty()) << report->issues[0].message_en;
  EXPECT_EQ(report->written, 2);
  EXPECT_EQ(AuditCount(), before + 2);
  const auto team = OrganisationsCalled("Tổ dân vận số 10");
  ASSERT_EQ(team.size(), 1u);
  EXPECT_EQ(team[0].valid_from, Date::FromYmd(2024, 1, 15));
  EXPECT_FALSE(team[0].parent_id.has_value());
  EXPECT_EQ(OrganisationsCalled("Nhóm hòa giải tổ 10").at(0).parent_id.value_or(0), team[0].id)
      << "an earlier row named in capitals";

  // A missing required column stops at the header, before any row.
  auto header = services().community.ImportOrganisations(Officer(), ly_thai_to_, "Tên tổ chức,Loại\nA,to_dan_van\n",
                                                         ImportMode::kDryRun);
  ASSERT_TRUE(header.ok());
  ASSERT_EQ(header->issues.size(), 1u);
  EXPECT_EQ(header->issues[0].line, 1);
  EXPECT_EQ(header->issues[0].column, "valid_from");
  EXPECT_EQ(header->rows, 0);
}

}  // namespace
}  // namespace danvan
