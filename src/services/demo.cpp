#include "services/demo.hpp"

#include <fmt/format.h>

#include <map>

namespace danvan {

std::string_view EmbeddedMergerTable();  // generated from demo/hoan-kiem-2025-merger.tsv

namespace {

constexpr const char* kLegalBasis = "Nghị quyết 1656/NQ-UBTVQH15";
constexpr const char* kMergerDate = "01/07/2025";

struct OrgSeed {
  std::string key;
  std::string parent_key;
  std::string kind;
  std::string name;
};

// Organisations of Lý Thái Tổ as in 2022. The article names the Party committee, the People's Committee, the
// Fatherland Front and "Tổ dân vận số 3"; the rest is the usual set of a Hà Nội ward (demo data).
const std::vector<OrgSeed>& LyThaiToOrganisations() {
  static const std::vector<OrgSeed> seeds = {
      {"dang_uy", "", "dang_uy", "Đảng ủy phường Lý Thái Tổ"},
      {"chi_bo_1", "dang_uy", "chi_bo", "Chi bộ khu dân cư số 1"},
      {"chi_bo_2", "dang_uy", "chi_bo", "Chi bộ khu dân cư số 2"},
      {"chi_bo_3", "dang_uy", "chi_bo", "Chi bộ khu dân cư số 3"},
      {"chi_bo_co_quan", "dang_uy", "chi_bo", "Chi bộ cơ quan phường"},
      {"ubnd", "", "ubnd", "Ủy ban nhân dân phường Lý Thái Tổ"},
      {"mttq", "", "mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam phường Lý Thái Tổ"},
      {"phu_nu", "mttq", "hoi_phu_nu", "Hội Liên hiệp Phụ nữ phường Lý Thái Tổ"},
      {"thanh_nien", "mttq", "doan_thanh_nien", "Đoàn Thanh niên phường Lý Thái Tổ"},
      {"cuu_chien_binh", "mttq", "hoi_cuu_chien_binh", "Hội Cựu chiến binh phường Lý Thái Tổ"},
      {"nguoi_cao_tuoi", "mttq", "hoi_nguoi_cao_tuoi", "Hội Người cao tuổi phường Lý Thái Tổ"},
      {"tdp_1", "", "to_dan_pho", "Tổ dân phố số 1"},
      {"tdp_2", "", "to_dan_pho", "Tổ dân phố số 2"},
      {"tdp_3", "", "to_dan_pho", "Tổ dân phố số 3"},
      {"tdp_4", "", "to_dan_pho", "Tổ dân phố số 4"},
      {"tdv_1", "mttq", "to_dan_van", "Tổ dân vận số 1"},
      {"tdv_2", "mttq", "to_dan_van", "Tổ dân vận số 2"},
      {"tdv_3", "mttq", "to_dan_van", "Tổ dân vận số 3"},
      {"tdv_4", "mttq", "to_dan_van", "Tổ dân vận số 4"},
      {"tdv_5", "mttq", "to_dan_van", "Tổ dân vận số 5"},
      {"truong", "", "truong_hoc", "Trường Tiểu học Tràng An"},
  };
  return seeds;
}

struct PersonSeed {
  std::string name;
  std::string gender;
  bool is_demo;
  std::string org_key;  // "district_ban_dan_van" for the district's commission
  std::string title;
};

// The first four are named in the article; the others are demo persons (is_demo), not real people.
const std::vector<PersonSeed>& People() {
  static const std::vector<PersonSeed> seeds = {
      {"Nguyễn Văn Dũng", "male", false, "dang_uy", "Bí thư Đảng ủy"},
      {"Vũ Bích Hiền", "female", false, "ubnd", "Phó Bí thư Đảng ủy, Chủ tịch UBND phường"},
      {"Phạm Thị Ngà", "female", false, "dang_uy", "Phó Bí thư Đảng ủy"},
      {"Phạm Thị Thu Thủy", "female", false, "district_ban_dan_van", "Trưởng ban Dân vận Quận ủy"},
      {"Trần Thị Hồng Minh", "female", true, "tdv_3", "Tổ trưởng"},
      {"Lê Văn Đức", "male", true, "tdv_3", "Thành viên"},
      {"Đặng Thị Hòa", "female", true, "tdv_1", "Tổ trưởng"},
      {"Ngô Quang Vinh", "male", true, "mttq", "Chủ tịch Ủy ban MTTQ phường"},
      {"Bùi Thị Lan", "female", true, "phu_nu", "Chủ tịch Hội"},
      {"Hoàng Anh Tuấn", "male", true, "thanh_nien", "Bí thư Đoàn"},
      {"Đỗ Văn Khải", "male", true, "cuu_chien_binh", "Chủ tịch Hội"},
      {"Phan Thị Ánh", "female", true, "tdp_3", "Tổ trưởng"},
  };
  return seeds;
}

}  // namespace

const std::vector<DemoLogin>& DemoLogins() {
  static const std::vector<DemoLogin> logins = {
      {"admin", "Quản trị hệ thống", "System admin"},
      {"canbo.lythaito", "Cán bộ dân vận phường Lý Thái Tổ", "Mass mobilization officer of Lý Thái Tổ"},
      {"todanvan3", "Thành viên: Tổ dân vận số 3", "Unit member for Tổ dân vận số 3"},
      {"hoidong.lythaito", "Thành viên Hội đồng Thi đua – Khen thưởng", "Council member"},
      {"lanhdao.lythaito", "Lãnh đạo ký quyết định", "Signer"},
      {"xem.lythaito", "Người xem", "Viewer"},
  };
  return logins;
}

Result<bool> HasDemo(Services& services) {
  auto user = services.accounts.GetUserByName(CommandLineCaller(), "canbo.lythaito");
  if (!user) return user.error().code == "user_not_found" ? Result<bool>(false) : Result<bool>(std::move(user).error());
  return user->user.is_demo;
}

Result<bool> SeedDemo(Services& services) {
  if (DANVAN_TRY(HasDemo(services))) return false;
  auto users = DANVAN_TRY(services.accounts.ListUsers(CommandLineCaller(), 1, 0));
  if (users.total > 0)
    return MakeError(ErrorKind::kConflict, "database_not_empty",
                     "Cơ sở dữ liệu đã có người dùng: chỉ nạp dữ liệu mẫu vào cơ sở dữ liệu mới.",
                     "The database already has users: the demo loads only into a new database.");
  const Caller cli = CommandLineCaller();

  // Territory: Hà Nội, Quận Hoàn Kiếm and its wards as they were, and the 2025 merger.
  DANVAN_TRY(services.territory.ImportMergerTable(cli, std::string(EmbeddedMergerTable()), "Thành phố Hà Nội",
                                                  kLegalBasis, kMergerDate, false));
  auto find_unit = [&](const std::string& q, const std::string& name, std::optional<Date> as_of) -> Result<AdminUnit> {
    UnitQuery query;
    query.folded_text = q;
    query.as_of = as_of;
    auto page = DANVAN_TRY(services.territory.ListUnits(query));
    for (const auto& u : page.items)
      if (u.name == name) return u;
    return UnitNotFound(0).WithDetail("name", boost::json::string(name));
  };
  const Date in_2022 = Date::FromYmd(2022, 10, 13);
  const auto ly_thai_to = DANVAN_TRY(find_unit("ly thai to", "Phường Lý Thái Tổ", in_2022));
  const auto district = DANVAN_TRY(find_unit("quan hoan kiem", "Quận Hoàn Kiếm", in_2022));
  const auto hoan_kiem = DANVAN_TRY(find_unit("phuong hoan kiem", "Phường Hoàn Kiếm", Date::FromYmd(2025, 7, 1)));

  // Organisations of 2022.
  std::map<std::string, int64_t> orgs;
  for (const auto& s : LyThaiToOrganisations()) {
    NewOrganisation o{ly_thai_to.id, std::nullopt, s.kind, s.name, "01/01/2015"};
    if (!s.parent_key.empty()) o.parent_id = orgs.at(s.parent_key);
    orgs[s.key] = DANVAN_TRY(services.community.CreateOrganisation(cli, o)).id;
  }
  orgs["district_ban_dan_van"] =
      DANVAN_TRY(services.community.CreateOrganisation(
                     cli, {district.id, std::nullopt, "ban_dan_van", "Ban Dân vận Quận ủy Hoàn Kiếm", "01/01/2015"}))
          .id;

  for (const auto& p : People()) {
    PersonInput in;
    in.full_name = p.name;
    in.gender = p.gender;
    const int64_t unit = p.org_key == "district_ban_dan_van" ? district.id : ly_thai_to.id;
    auto person = DANVAN_TRY(services.community.CreatePerson(cli, unit, in, p.is_demo));
    DANVAN_TRY(services.community.AddMembership(cli, person.person.id, {orgs.at(p.org_key), p.title, "01/01/2020", ""}));
  }

  // The 2025 merger, as staff would record it: the Party committee merges into the new ward's, the
  // mass-mobilization team moves with its people, the rest close.
  const auto new_party =
      DANVAN_TRY(services.community.CreateOrganisation(cli, {hoan_kiem.id, std::nullopt, "dang_uy", "Đảng ủy phường Hoàn Kiếm", kMergerDate}));
  DANVAN_TRY(services.community.EndOrganisation(cli, orgs.at("dang_uy"), {"merged", kMergerDate, std::nullopt, new_party.id}));
  DANVAN_TRY(services.community.EndOrganisation(cli, orgs.at("tdv_3"), {"moved", kMergerDate, hoan_kiem.id, std::nullopt}));
  DANVAN_TRY(services.community.EndOrganisation(cli, orgs.at("ubnd"), {"closed", kMergerDate, std::nullopt, std::nullopt}));

  // One login per role, scoped to Lý Thái Tổ.
  auto grant = [&](Role role, std::optional<int64_t> org = std::nullopt) {
    return std::vector<RoleGrant>{RoleGrant{0, role, role == Role::kSystemAdmin ? std::nullopt : std::optional<int64_t>(ly_thai_to.id), org}};
  };
  const std::map<std::string, std::vector<RoleGrant>> grants = {
      {"admin", grant(Role::kSystemAdmin)},
      {"canbo.lythaito", grant(Role::kUnitAdmin)},
      {"todanvan3", grant(Role::kUnitMember, orgs.at("tdv_3"))},
      {"hoidong.lythaito", grant(Role::kCouncilMember)},
      {"lanhdao.lythaito", grant(Role::kSigner)},
      {"xem.lythaito", grant(Role::kViewer)},
  };
  for (const auto& login : DemoLogins()) {
    NewUser u{login.username, login.role_vi, kDemoPassword, grants.at(login.username), true};
    DANVAN_TRY(services.accounts.CreateUser(cli, u));
  }
  return true;
}

}  // namespace danvan
