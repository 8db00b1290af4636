#include "services/demo.hpp"

#include <fmt/format.h>

#include <map>
#include <tuple>

#include "core/date.hpp"
#include "services/demo_awards.hpp"
#include "services/demo_concerns.hpp"
#include "services/demo_plans.hpp"

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

// The clock of the story: the movement's steps happen on their 2022–2023 dates.
class StoryClock final : public Clock {
 public:
  TimePoint Now() const override { return now_; }
  void Set(int y, unsigned m, unsigned d) { now_ = Date::FromYmd(y, m, d).days() + std::chrono::hours(2); }

 private:
  TimePoint now_;
};

struct ModelSeed {
  std::string org_key;   // owner organisation, or "" for an individual
  std::string person;    // owner person's name for individual exemplars
  std::string field;
  std::string title;
  std::string end_state;  // recognised | not_recognised | proposed | active | registered | draft | stopped
};

// The models of Lý Thái Tổ's 2022 campaign. The article names none of them except the work of Tổ dân vận
// số 3 against Covid-19; the titles are typical of ward reports (demo data). The first thirteen (ten
// collectives, three individuals) are those behind the Party committee's 2022 decision.
const std::vector<ModelSeed>& Models2022() {
  static const std::vector<ModelSeed> seeds = {
      {"tdv_3", "", "van_hoa_xa_hoi", "Tổ dân vận số 3 đồng hành cùng người dân phòng, chống dịch Covid-19", "recognised"},
      {"phu_nu", "", "van_hoa_xa_hoi", "\"Bữa cơm nghĩa tình\" cho người khó khăn mùa dịch", "recognised"},
      {"tdp_2", "", "van_hoa_xa_hoi", "Tuyến phố văn minh, sạch đẹp, không lấn chiếm vỉa hè", "recognised"},
      {"thanh_nien", "", "van_hoa_xa_hoi", "Thanh niên tình nguyện hỗ trợ tiêm chủng tại nhà", "recognised"},
      {"cuu_chien_binh", "", "quoc_phong_an_ninh", "Cựu chiến binh tham gia giữ gìn an ninh trật tự khu phố", "recognised"},
      {"tdp_1", "", "quoc_phong_an_ninh", "Mắt camera an ninh khu dân cư", "recognised"},
      {"chi_bo_2", "", "kinh_te", "Hỗ trợ hộ kinh doanh nhỏ phục hồi sau dịch", "recognised"},
      {"mttq", "", "kinh_te", "Phiên chợ 0 đồng", "recognised"},
      {"chi_bo_1", "", "xay_dung_he_thong_chinh_tri", "Chi bộ lắng nghe ý kiến Nhân dân hằng tháng", "recognised"},
      {"chi_bo_co_quan", "", "xay_dung_he_thong_chinh_tri", "Giải quyết thủ tục hành chính tận nhà cho người cao tuổi", "recognised"},
      {"", "Trần Thị Hồng Minh", "van_hoa_xa_hoi", "Tổ trưởng tổ dân vận gần dân, sát dân", "recognised"},
      {"", "Đặng Thị Hòa", "van_hoa_xa_hoi", "Người tốt, việc tốt trong phòng, chống dịch", "recognised"},
      {"", "Phan Thị Ánh", "quoc_phong_an_ninh", "Tổ trưởng dân phố vận động hòa giải ở cơ sở", "recognised"},
      {"tdp_3", "", "van_hoa_xa_hoi", "Tủ sách cộng đồng tại nhà văn hóa tổ dân phố", "not_recognised"},
      {"tdv_1", "", "kinh_te", "Vận động hộ kinh doanh thanh toán không dùng tiền mặt", "proposed"},
      {"tdv_5", "", "van_hoa_xa_hoi", "Vận động phân loại rác tại nguồn", "active"},
      {"nguoi_cao_tuoi", "", "van_hoa_xa_hoi", "Câu lạc bộ dưỡng sinh người cao tuổi", "registered"},
      {"tdv_2", "", "xay_dung_he_thong_chinh_tri", "Sổ tay dân vận điện tử", "draft"},
      {"tdv_4", "", "kinh_te", "Vườn rau sạch trên sân thượng", "stopped"},
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

namespace {

// The 2022 campaign of Lý Thái Tổ from launch to recognition, the 2023 carry-over, and one model adopted by
// phường Hàng Bạc in 2023. Runs through the movement's service on the story's dates.
Status SeedMovement(Services& services, int64_t ly_thai_to, const std::map<std::string, int64_t>& orgs,
                    const std::vector<int64_t>& council_users) {
  StoryClock clock;
  MovementService story(services.db, services.repos, services.audit, clock);
  const Caller cli = CommandLineCaller();

  clock.Set(2022, 1, 10);
  CampaignInput in;
  in.unit_id = ly_thai_to;
  in.title = "Phong trào thi đua \"Dân vận khéo\" phường Lý Thái Tổ năm 2022";
  in.starts_on = "01/01/2022";
  in.ends_on = "31/12/2022";
  in.launch_document = "Kế hoạch số 38-KH/ĐU (dữ liệu mẫu / demo)";
  in.launch_date = "10/01/2022";
  in.registration_deadline = "31/03/2022";
  in.interim_review_on = "15/08/2022";
  in.final_review_on = "10/10/2022";
  in.quotas = {{"dang_uy", 1, 3}, {"mttq", 1, std::nullopt}, {"hoi_phu_nu", 1, std::nullopt},
               {"doan_thanh_nien", 1, std::nullopt}, {"hoi_cuu_chien_binh", 1, std::nullopt}};
  in.linked_movements = {"Phong trào thi đua yêu nước", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"};
  const auto campaign = DANVAN_TRY(story.CreateCampaign(cli, in));
  DANVAN_TRY(story.SetCampaignStatus(cli, campaign.id, "open"));

  // People by name, for the individual exemplars.
  std::map<std::string, int64_t> people;
  PersonQuery pq;
  pq.unit_id = ly_thai_to;
  pq.limit = 200;
  for (const auto& p : DANVAN_TRY(services.community.ListPeople(cli, pq)).items) people[p.person.full_name] = p.person.id;

  clock.Set(2022, 2, 15);
  std::vector<std::pair<Model, std::string>> models;
  for (const auto& seed : Models2022()) {
    ModelInput m;
    m.campaign_id = campaign.id;
    m.field = seed.field;
    m.title = seed.title;
    m.address = "Phường Lý Thái Tổ, quận Hoàn Kiếm, Hà Nội";
    m.description = "Dữ liệu mẫu / demo data.";
    m.goals = "Phát huy vai trò của Nhân dân; nhân rộng cách làm hay.";
    m.indicators = {{"Số hộ dân được vận động, hỗ trợ", "hộ", 100, 120}};
    if (seed.org_key.empty()) {
      m.kind = "exemplar";
      m.subject = "individual";
      m.owner_person_id = people.at(seed.person);
    } else {
      m.owner_organisation_id = orgs.at(seed.org_key);
    }
    models.emplace_back(DANVAN_TRY(story.CreateModel(cli, m)), seed.end_state);
  }
  clock.Set(2022, 3, 20);
  for (auto& [model, end] : models)
    if (end != "draft") model = DANVAN_TRY(story.Transition(cli, model.id, "register", ""));
  clock.Set(2022, 4, 5);
  for (auto& [model, end] : models)
    if (end != "draft" && end != "registered") model = DANVAN_TRY(story.Transition(cli, model.id, "activate", ""));
  clock.Set(2022, 8, 15);
  for (auto& [model, end] : models)
    if (end == "stopped")
      model = DANVAN_TRY(story.Transition(cli, model.id, "stop", "Không đủ điều kiện duy trì sau sơ kết (dữ liệu mẫu)"));
  clock.Set(2022, 9, 20);
  std::vector<int64_t> agenda;
  for (auto& [model, end] : models)
    if (end == "recognised" || end == "not_recognised" || end == "proposed") {
      model = DANVAN_TRY(story.Transition(cli, model.id, "propose", ""));
      if (end != "proposed") agenda.push_back(model.id);
    }

  // The council of five meets on 10/10/2022, four present: they score and vote in secret.
  clock.Set(2022, 10, 10);
  Council council;
  council.campaign_id = campaign.id;
  council.name = "Hội đồng Thi đua – Khen thưởng phường Lý Thái Tổ";
  council.kind = "hoi_dong_thi_dua_khen_thuong";
  for (size_t i = 0; i < council_users.size(); ++i)
    council.members.push_back(CouncilMember{0, 0, council_users[i], "", i == 0 ? "chair" : "member"});
  const auto created = DANVAN_TRY(story.CreateCouncil(cli, council));
  std::vector<int64_t> present;
  for (size_t i = 0; i < 4; ++i) present.push_back(created.members[i].id);
  const auto session = DANVAN_TRY(story.OpenSession(cli, created.id, "10/10/2022", present, agenda));
  for (size_t i = 0; i < 4; ++i) {
    Caller member;
    member.principal.user_id = council_users[i];
    member.principal.grants.push_back(RoleGrant{0, Role::kCouncilMember, ly_thai_to, std::nullopt});
    for (const auto& [model, end] : models) {
      if (std::find(agenda.begin(), agenda.end(), model.id) == agenda.end()) continue;
      const bool good = end == "recognised";
      std::map<int64_t, double> scores;
      for (const auto& cr : campaign.criteria) scores[cr.id] = good ? 8.0 + static_cast<double>((i + model.id) % 3) : 5.0;
      DANVAN_TRY(story.SubmitScores(member, session.id, model.id, scores));
      DANVAN_TRY(story.Vote(member, session.id, model.id, good ? (i == 3 ? "abstain" : "agree") : (i == 0 ? "agree" : "disagree")));
    }
  }
  DANVAN_TRY(story.CloseSession(cli, session.id, {}));

  // 2023: the campaign goes on; three models carry over, and phường Hàng Bạc adopts the "Bữa cơm nghĩa tình".
  clock.Set(2023, 1, 12);
  in.title = "Phong trào thi đua \"Dân vận khéo\" phường Lý Thái Tổ năm 2023";
  in.starts_on = "01/01/2023";
  in.ends_on = "31/12/2023";
  in.launch_document = "Kế hoạch số 52-KH/ĐU (dữ liệu mẫu / demo)";
  in.launch_date = "12/01/2023";
  in.registration_deadline = "31/03/2023";
  in.interim_review_on = "15/08/2023";
  in.final_review_on = "10/10/2023";
  const auto campaign_2023 = DANVAN_TRY(story.CreateCampaign(cli, in));
  DANVAN_TRY(story.SetCampaignStatus(cli, campaign_2023.id, "open"));
  DANVAN_TRY(story.CarryOver(cli, campaign.id, campaign_2023.id, {models[0].first.id, models[2].first.id, models[5].first.id}, {}, ""));

  UnitQuery hb;
  hb.folded_text = "phuong hang bac";
  hb.as_of = Date::FromYmd(2023, 1, 1);
  const auto hang_bac_units = DANVAN_TRY(services.territory.ListUnits(hb)).items;
  if (hang_bac_units.empty()) return UnitNotFound(0);
  const int64_t hang_bac = hang_bac_units.front().id;
  const auto hb_team = DANVAN_TRY(services.community.CreateOrganisation(
      cli, {hang_bac, std::nullopt, "hoi_phu_nu", "Hội Liên hiệp Phụ nữ phường Hàng Bạc", "01/01/2015"}));
  // Hàng Bạc's officer and a member who speaks for its women's union: another ward's people, to adopt Lý Thái
  // Tổ's models (not demo logins of a role; same password).
  for (const auto& [username, name, role, org] :
       {std::tuple{"quantri.hangbac", "Cán bộ dân vận phường Hàng Bạc", Role::kUnitAdmin, std::optional<int64_t>()},
        std::tuple{"phunu.hangbac", "Thành viên: Hội Liên hiệp Phụ nữ phường Hàng Bạc", Role::kUnitMember,
                   std::optional<int64_t>(hb_team.id)}}) {
    NewUser u{username, name, kDemoPassword, {RoleGrant{0, role, hang_bac, org}}, true};
    DANVAN_TRY(services.accounts.CreateUser(cli, u));
  }
  in.unit_id = hang_bac;
  in.title = "Phong trào thi đua \"Dân vận khéo\" phường Hàng Bạc năm 2023";
  in.launch_document = "Kế hoạch số 07-KH/ĐU (dữ liệu mẫu / demo)";
  in.quotas.clear();
  const auto hang_bac_campaign = DANVAN_TRY(story.CreateCampaign(cli, in));
  DANVAN_TRY(story.SetCampaignStatus(cli, hang_bac_campaign.id, "open"));
  clock.Set(2023, 3, 1);
  ModelInput adopt;
  adopt.campaign_id = hang_bac_campaign.id;
  adopt.owner_organisation_id = hb_team.id;
  adopt.address = "Phường Hàng Bạc, quận Hoàn Kiếm, Hà Nội";
  adopt.indicators = {{"Suất cơm mỗi tháng", "suất", 200, 260}};
  const auto adopted = DANVAN_TRY(story.Adopt(cli, models[1].first.id, adopt));
  DANVAN_TRY(story.Transition(cli, adopted.id, "register", ""));
  clock.Set(2023, 4, 3);
  DANVAN_TRY(story.Transition(cli, adopted.id, "activate", ""));
  return OkStatus();
}

}  // namespace

Result<bool> SeedDemo(Services& services) {
  if (DANVAN_TRY(HasDemo(services))) return false;
  auto existing = DANVAN_TRY(services.accounts.ListUsers(CommandLineCaller(), 1, 0));
  if (existing.total > 0)
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

  // The 2025 merger, as staff would record it: the Party cells move under the new ward's Party committee, then
  // the old committee merges into it, the mass-mobilization team moves with its people, the rest close.
  const auto new_party =
      DANVAN_TRY(services.community.CreateOrganisation(cli, {hoan_kiem.id, std::nullopt, "dang_uy", "Đảng ủy phường Hoàn Kiếm", kMergerDate}));
  for (const char* cell : {"chi_bo_1", "chi_bo_2", "chi_bo_3", "chi_bo_co_quan"})
    DANVAN_TRY(services.community.EndOrganisation(
        cli, orgs.at(cell), {"moved", kMergerDate, hoan_kiem.id, std::nullopt, new_party.id}));
  DANVAN_TRY(services.community.EndOrganisation(cli, orgs.at("dang_uy"), {"merged", kMergerDate, std::nullopt, new_party.id}));
  DANVAN_TRY(services.community.EndOrganisation(cli, orgs.at("tdv_3"), {"moved", kMergerDate, hoan_kiem.id, std::nullopt}));
  DANVAN_TRY(services.community.EndOrganisation(cli, orgs.at("ubnd"), {"closed", kMergerDate, std::nullopt, std::nullopt}));

  // One login per role, scoped to Lý Thái Tổ (before the movement: council members are users).
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
  std::map<std::string, int64_t> users;
  for (const auto& login : DemoLogins()) {
    NewUser u{login.username, login.role_vi, kDemoPassword, grants.at(login.username), true};
    users[login.username] = DANVAN_TRY(services.accounts.CreateUser(cli, u)).view.user.id;
  }
  // Four more council members: a council of five (not demo logins, but they can log in with the same password).
  std::vector<int64_t> council_users = {users.at("hoidong.lythaito")};
  for (int i = 2; i <= 5; ++i) {
    NewUser u{fmt::format("hoidong{}.lythaito", i), fmt::format("Thành viên Hội đồng {}", i), kDemoPassword,
              grant(Role::kCouncilMember), true};
    council_users.push_back(DANVAN_TRY(services.accounts.CreateUser(cli, u)).view.user.id);
  }
  DANVAN_TRY(SeedMovement(services, ly_thai_to.id, orgs, council_users));
  DANVAN_TRY(SeedAwards(services, ly_thai_to.id, district.id, orgs));
  DANVAN_TRY(SeedConcerns(services, ly_thai_to.id, hoan_kiem.id, orgs));
  DANVAN_TRY(SeedPlans(services, hoan_kiem.id));
  return true;
}

}  // namespace danvan
