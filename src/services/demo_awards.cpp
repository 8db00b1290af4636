#include "services/demo_awards.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace danvan {
namespace {

// The awards happen on their 2022 dates.
struct StoryTime final : Clock {
  TimePoint at;
  TimePoint Now() const override { return at; }
  void On(int y, unsigned m, unsigned d) { at = Date::FromYmd(y, m, d).days() + std::chrono::hours(2); }
};

struct Group {
  int64_t issuer_id = 0;
  std::string title;
  std::vector<NomineeInput> nominees;
  DecisionInput decision;
};

// The article names who handed the awards out, not who issued them. The Party committee's decision is named
// ("Quyết định Công nhận và thưởng ... của Đảng ủy"); for the 12 and the 13 collectives the demo assumes the
// People's Committee (its chair presented them) and the Fatherland Front; the certificate of merit for Tổ dân vận
// số 3 is the district Mass Mobilization Commission's (its head presented it). Collectives other than the 13
// recognised models are demo choices.
const std::vector<std::string> kUbndCollectives = {"tdp_1", "tdp_2", "tdp_3", "tdp_4", "tdv_1", "tdv_2",
                                                   "tdv_4", "tdv_5", "nguoi_cao_tuoi", "truong", "phu_nu", "thanh_nien"};
const std::vector<std::string> kMttqCollectives = {"chi_bo_1", "chi_bo_2", "chi_bo_3", "chi_bo_co_quan", "cuu_chien_binh",
                                                   "nguoi_cao_tuoi", "phu_nu", "thanh_nien", "tdv_1", "tdv_2",
                                                   "tdv_4", "tdv_5", "tdp_1"};

int64_t TypeId(const std::vector<AwardType>& types, const std::string& code) {
  for (const auto& t : types)
    if (t.code == code) return t.id;
  return 0;
}

// Through the whole lifecycle: submitted, reviewed, voted, forwarded, signed.
Result<Decision> Run(AwardService& story, StoryTime& clock, const Caller& cli, int64_t unit, Group g,
                     std::optional<int64_t> campaign, std::optional<int64_t> session) {
  clock.On(2022, 10, 11);
  ProposalInput in{unit, g.issuer_id, campaign, 2022, g.title, g.nominees};
  const auto p = DANVAN_TRY(story.CreateProposal(cli, in));
  DANVAN_TRY(story.Transition(cli, p.id, "submit", "", std::nullopt));
  DANVAN_TRY(story.Transition(cli, p.id, "accept", "", std::nullopt));
  DANVAN_TRY(story.Transition(cli, p.id, "record_vote", "", session));
  DANVAN_TRY(story.Transition(cli, p.id, "forward", "", std::nullopt));
  clock.On(2022, 10, 12);
  g.decision.proposal_id = p.id;
  return story.IssueDecision(cli, g.decision);
}

}  // namespace

Status SeedAwards(Services& services, int64_t ly_thai_to, int64_t district, const std::map<std::string, int64_t>& orgs) {
  StoryTime clock;
  clock.On(2022, 10, 3);
  AwardService story(services.db, services.repos, *services.award_repo, services.audit, clock, services.awards.settings());
  const Caller cli = CommandLineCaller();
  const auto types = DANVAN_TRY(story.AwardTypes());

  // Party bodies write Party documents (Hướng dẫn 36-HD/VPTW): the district's Mass Mobilization Commission too.
  auto issuer = [&](int64_t unit, const std::string& org, const char* name, const char* kind, const char* symbol,
                    const char* format = "") {
    return story.CreateIssuer(cli, IssuerInput{unit, orgs.at(org), name, kind, format, symbol, "Hoàn Kiếm"});
  };
  const auto party = DANVAN_TRY(issuer(ly_thai_to, "dang_uy", "Đảng ủy phường Lý Thái Tổ", "party_committee", "ĐU"));
  const auto ubnd = DANVAN_TRY(issuer(ly_thai_to, "ubnd", "Ủy ban nhân dân phường Lý Thái Tổ", "peoples_committee_chair", "UBND"));
  const auto mttq = DANVAN_TRY(issuer(ly_thai_to, "mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam phường Lý Thái Tổ",
                                      "fatherland_front", "MTTQ"));
  const auto ban_dan_van = DANVAN_TRY(issuer(district, "district_ban_dan_van", "Ban Dân vận Quận ủy Hoàn Kiếm",
                                             "higher_level", "BDVQU", "party"));

  // The 2022 campaign's thirteen recognised models (ten collectives, three individuals), some carried over since.
  std::optional<int64_t> campaign;
  for (const auto& c : DANVAN_TRY(services.movement.ListCampaigns(ly_thai_to)))
    if (c.starts_on.year() == 2022) campaign = c.id;
  if (!campaign) return CampaignNotFound();
  ModelQuery mq;
  mq.campaign_id = campaign;
  mq.recognised_only = true;
  mq.limit = 100;
  auto models = DANVAN_TRY(services.movement.ListModels(cli, mq)).items;
  std::sort(models.begin(), models.end(), [](const Model& a, const Model& b) { return a.id < b.id; });
  // The council session that decided them: the campaign's only one (the demo runs in a new database).
  std::optional<int64_t> session;
  DANVAN_TRY(services.db.Run(TxMode::kRead, [&](Tx& tx) -> Status {
    for (int64_t id = 1; id <= 50 && !session; ++id) {
      auto s = services.repos.movement->FindSession(tx, id);
      auto council = s ? services.repos.movement->FindCouncil(tx, s->council_id) : std::nullopt;
      if (council && council->campaign_id == *campaign) session = id;
    }
    return OkStatus();
  }));

  const std::vector<std::string> bases = {
      "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
      "Căn cứ Kế hoạch số 70-KH/BDVTW ngày 26/02/2009 của Ban Dân vận Trung ương về phong trào thi đua \"Dân vận khéo\";",
      "Xét đề nghị của Hội đồng Thi đua – Khen thưởng phường,"};
  Group g1{party.id, "Công nhận và thưởng các tập thể, cá nhân thực hiện tốt phong trào \"Dân vận khéo\" năm 2022", {}, {}};
  for (const auto& m : models)
    g1.nominees.push_back(NomineeInput{TypeId(types, m.subject == Subject::kCollective ? "cong_nhan_dvk_tap_the" : "cong_nhan_dvk_ca_nhan"),
                                       m.id, std::nullopt, std::nullopt, "", "Mô hình, điển hình \"" + m.title + "\""});
  g1.decision = DecisionInput{0, "12/10/2022", "", bases, "Văn phòng Đảng ủy, các chi bộ và các tập thể, cá nhân có tên tại Điều 1",
                              "Như Điều 3; Ban Dân vận Quận ủy Hoàn Kiếm; Lưu Văn phòng Đảng ủy.", "TM.", "Bí thư",
                              "Nguyễn Văn Dũng"};
  const auto d1 = DANVAN_TRY(Run(story, clock, cli, ly_thai_to, g1, campaign, session));

  auto collectives = [&](const std::vector<std::string>& keys, const char* type) {
    std::vector<NomineeInput> out;
    for (const auto& k : keys)
      out.push_back(NomineeInput{TypeId(types, type), std::nullopt, orgs.at(k), std::nullopt, "",
                                 "Có thành tích trong phong trào thi đua \"Dân vận khéo\" năm 2022 (dữ liệu mẫu / demo)"});
    return out;
  };
  Group g2{ubnd.id, "Khen thưởng các tập thể có thành tích trong phong trào \"Dân vận khéo\" năm 2022",
           collectives(kUbndCollectives, "giay_khen_ubnd_tap_the"), {}};
  g2.decision = DecisionInput{0, "12/10/2022", "", {"Căn cứ Luật Thi đua, khen thưởng;", "Xét đề nghị của Hội đồng Thi đua – Khen thưởng phường,"},
                              "Văn phòng UBND phường, các tập thể có tên tại Điều 1", "Như Điều 3; Lưu VT.", "TM.", "Chủ tịch",
                              "Vũ Bích Hiền"};
  const auto d2 = DANVAN_TRY(Run(story, clock, cli, ly_thai_to, g2, campaign, std::nullopt));
  Group g3{mttq.id, "Khen thưởng các tập thể có thành tích trong phong trào \"Dân vận khéo\" năm 2022",
           collectives(kMttqCollectives, "giay_khen_mttq_tap_the"), {}};
  g3.decision = DecisionInput{0, "12/10/2022", "", {"Căn cứ Điều lệ Mặt trận Tổ quốc Việt Nam;"},
                              "Ban Thường trực Ủy ban MTTQ phường, các tập thể có tên tại Điều 1", "Như Điều 3; Lưu VP.",
                              "TM.", "Chủ tịch", "Ngô Quang Vinh (dữ liệu mẫu / demo)"};
  const auto d3 = DANVAN_TRY(Run(story, clock, cli, ly_thai_to, g3, campaign, std::nullopt));
  // The certificate of merit goes to the team itself, not to its recognised model: that achievement has its award.
  Group g4{ban_dan_van.id, "Tặng giấy khen cho Tổ dân vận số 3 phường Lý Thái Tổ",
           {NomineeInput{TypeId(types, "giay_khen_ban_dan_van_tap_the"), std::nullopt, orgs.at("tdv_3"), std::nullopt, "",
                         "Đã có thành tích xuất sắc trong công tác dân vận năm 2022"}},
           {}};
  g4.decision = DecisionInput{0, "12/10/2022", "", {"Căn cứ Quy định về chức năng, nhiệm vụ của Ban Dân vận Quận ủy;"},
                              "Văn phòng Ban Dân vận Quận ủy, Tổ dân vận số 3 phường Lý Thái Tổ", "Như Điều 2; Lưu.",
                              "TM.", "Trưởng ban", "Phạm Thị Thu Thủy"};
  const auto d4 = DANVAN_TRY(Run(story, clock, cli, district, g4, std::nullopt, std::nullopt));

  // The program of 13/10/2022: presenters as the article names them; issuers are on the decisions.
  std::map<std::string, int64_t> people;
  PersonQuery pq;
  pq.unit_id = district;
  pq.limit = 200;
  for (const auto& p : DANVAN_TRY(services.community.ListPeople(cli, pq)).items) people[p.person.full_name] = p.person.id;
  auto segment = [&](const char* kind, std::string title, const std::string& who, const char* role,
                     std::optional<int64_t> decision) {
    return SegmentInput{kind, std::move(title), who, role, people.count(who) ? std::optional<int64_t>(people[who]) : std::nullopt,
                        decision, {}};
  };
  const char* thuy_title = "Ủy viên Ban Thường vụ Quận ủy, Trưởng ban Dân vận Quận ủy Hoàn Kiếm";
  EventInput e{ly_thai_to, "Ngày hội \"Dân vận khéo\" phường Lý Thái Tổ năm 2022", "13/10/2022", "08:00", "11:00",
               "Hội trường phường Lý Thái Tổ, quận Hoàn Kiếm, Hà Nội (dữ liệu mẫu / demo)",
               "Ngày hội \"Dân vận khéo\" của Đảng ủy phường Lý Thái Tổ.", {}};
  e.segments = {
      segment("speech", "Phát biểu chỉ đạo, chúc mừng của Ban Thường vụ Quận ủy Hoàn Kiếm", "Phạm Thị Thu Thủy", thuy_title, std::nullopt),
      segment("other", "Ban Thường vụ Quận ủy Hoàn Kiếm tặng hoa chúc mừng", "", "", std::nullopt),
      segment("speech", "Phát biểu tiếp thu ý kiến chỉ đạo; năm nhiệm vụ trọng tâm thời gian tới", "Nguyễn Văn Dũng",
              "Quận ủy viên, Bí thư Đảng ủy phường Lý Thái Tổ", std::nullopt),
      segment("award", fmt::format("Trao Quyết định số {} công nhận và thưởng 10 tập thể và 03 cá nhân", d1.symbol),
              "Nguyễn Văn Dũng", "Bí thư Đảng ủy phường Lý Thái Tổ", d1.id),
      segment("award", fmt::format("Trao thưởng cho 12 tập thể (Quyết định số {})", d2.symbol), "Vũ Bích Hiền",
              "Phó Bí thư Đảng ủy, Chủ tịch UBND phường Lý Thái Tổ", d2.id),
      segment("award", fmt::format("Trao thưởng cho 13 tập thể (Quyết định số {})", d3.symbol), "Phạm Thị Ngà",
              "Phó Bí thư Đảng ủy phường Lý Thái Tổ", d3.id),
      segment("award", fmt::format("Trao giấy khen cho Tổ dân vận số 3 (Quyết định số {})", d4.symbol), "Phạm Thị Thu Thủy",
              thuy_title, d4.id),
  };
  clock.On(2022, 10, 12);
  DANVAN_TRY(story.CreateEvent(cli, e));
  return OkStatus();
}

}  // namespace danvan
