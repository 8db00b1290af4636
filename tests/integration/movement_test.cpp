// The movement on a real database: a year of "Dân vận khéo" from launch to recognition and replication.

#include "services/demo.hpp"
#include "storage/tx.hpp"
#include "support/fixture.hpp"
#include "support/pdf_tools.hpp"

namespace danvan {
namespace {

using testing::ServiceTest;

class Movement : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    ASSERT_TRUE(SeedDemo(services()).ok());
    ly_thai_to_ = UnitNamed("Phường Lý Thái Tổ", Date::FromYmd(2022, 1, 1));
    hang_bac_ = UnitNamed("Phường Hàng Bạc", Date::FromYmd(2022, 1, 1));
    team3_ = Organisation("Tổ dân vận số 3", ly_thai_to_);
    party_ = Organisation("Đảng ủy phường Lý Thái Tổ", ly_thai_to_);
    member3_ = CallerWith({RoleGrant{0, Role::kUnitMember, ly_thai_to_, team3_}}, 5001);
    // Council members are real users: the service matches callers to members by user id.
    for (int i = 0; i < 5; ++i) {
      auto u = services().accounts.CreateUser(Admin(), {"hoidong" + std::to_string(i), "Thành viên " + std::to_string(i),
                                                        "mat-khau-hoi-dong", {RoleGrant{0, Role::kCouncilMember, ly_thai_to_, std::nullopt}}});
      ASSERT_TRUE(u.ok()) << u.error().message_en;
      council_users_.push_back(u->view.user.id);
    }
  }

  int64_t Organisation(const std::string& name, int64_t unit) {
    OrganisationQuery q;
    q.folded_text = FoldForSearch(name);
    q.unit_id = unit;
    auto page = services().community.ListOrganisations(q);
    for (const auto& o : page->items)
      if (o.name == name) return o.id;
    ADD_FAILURE() << name;
    return 0;
  }

  Caller Officer(int64_t unit) { return CallerWith({RoleGrant{0, Role::kUnitAdmin, unit, std::nullopt}}, 4000 + unit); }
  Caller Councillor(int i) {
    return CallerWith({RoleGrant{0, Role::kCouncilMember, ly_thai_to_, std::nullopt}}, council_users_[static_cast<size_t>(i)]);
  }

  Campaign OpenCampaign(int64_t unit, int year) {
    CampaignInput in;
    in.unit_id = unit;
    in.title = "Phong trào \"Dân vận khéo\" năm " + std::to_string(year);
    in.starts_on = "01/01/" + std::to_string(year);
    in.ends_on = "31/12/" + std::to_string(year);
    in.registration_deadline = "31/03/" + std::to_string(year);
    in.launch_document = "Kế hoạch số 05-KH/ĐU";
    in.quotas = {{"dang_uy", 1, 3}, {"to_dan_van", 0, 1}};
    in.linked_movements = {"Phong trào thi đua yêu nước"};
    auto c = services().movement.CreateCampaign(Officer(unit), in);
    EXPECT_TRUE(c.ok()) << c.error().message_en;
    auto open = services().movement.SetCampaignStatus(Officer(unit), c->id, "open");
    EXPECT_TRUE(open.ok());
    // The campaign keeps the movements it is tied to.
    auto read = services().movement.GetCampaign(c->id);
    EXPECT_TRUE(read.ok());
    EXPECT_EQ(read->linked_movements, std::vector<std::string>{"Phong trào thi đua yêu nước"});
    return open.value();
  }

  Model Draft(const Caller& who, int64_t campaign, int64_t org, const std::string& title, const std::string& field = "van_hoa_xa_hoi") {
    ModelInput in;
    in.campaign_id = campaign;
    in.field = field;
    in.title = title;
    in.owner_organisation_id = org;
    in.address = "Phường Lý Thái Tổ, quận Hoàn Kiếm";
    in.indicators = {{"Số hộ được hỗ trợ", "hộ", 50, std::nullopt}};
    auto m = services().movement.CreateModel(who, in);
    EXPECT_TRUE(m.ok()) << m.error().message_en;
    return m.value();
  }

  // Registers, activates and proposes a model: ready for the council.
  void Propose(int64_t model, int64_t unit) {
    for (const char* action : {"register", "activate", "propose"}) {
      auto r = services().movement.Transition(Officer(unit), model, action, "");
      ASSERT_TRUE(r.ok()) << action << ": " << r.error().message_en;
    }
  }

  // What the council tests start from: in a campaign of 2022, a good and a weak model proposed; a council of the
  // five users (the first chairs, the second has `second_role`); a session of 10/10/2022 with four present, who
  // score every criterion 9 and 8 alternately on the good model and 5 on the weak one. Scoring is still open.
  struct ScoredSession {
    Campaign campaign;
    Model good, weak;
    Council council;
    int64_t id = 0;
  };
  void OpenScoredSession(ScoredSession& out, const std::string& second_role = "member") {
    clock_.Advance(-std::chrono::hours(24 * 200));  // back to March 2022: registration open
    out.campaign = OpenCampaign(ly_thai_to_, 2022);
    const auto& c = out.campaign;
    out.good = Draft(Officer(ly_thai_to_), c.id, team3_, "Tổ dân vận số 3 hỗ trợ người dân phòng, chống dịch");
    out.weak = Draft(Officer(ly_thai_to_), c.id, party_, "Đảng ủy phường với việc tiếp dân", "xay_dung_he_thong_chinh_tri");
    Propose(out.good.id, ly_thai_to_);
    Propose(out.weak.id, ly_thai_to_);
    Council council;
    council.campaign_id = c.id;
    council.name = "Hội đồng Thi đua – Khen thưởng phường Lý Thái Tổ";
    council.kind = "hoi_dong_thi_dua_khen_thuong";
    for (size_t i = 0; i < council_users_.size(); ++i)
      council.members.push_back(CouncilMember{0, 0, council_users_[i], "", i == 0 ? "chair" : i == 1 ? second_role : "member"});
    auto created = services().movement.CreateCouncil(Officer(ly_thai_to_), council);
    ASSERT_TRUE(created.ok()) << created.error().message_en;
    out.council = *created;
    std::vector<int64_t> present;
    for (size_t i = 0; i < 4; ++i) present.push_back(created->members[i].id);  // 4 of 5: quorum 2/3 met
    auto session = services().movement.OpenSession(Officer(ly_thai_to_), created->id, "10/10/2022", present,
                                                   {out.good.id, out.weak.id});
    ASSERT_TRUE(session.ok()) << session.error().message_en;
    out.id = session->id;
    for (int i = 0; i < 4; ++i) {
      std::map<int64_t, double> high, low;
      for (const auto& cr : c.criteria) {
        high[cr.id] = 9 - (i % 2);
        low[cr.id] = 5;
      }
      ASSERT_TRUE(services().movement.SubmitScores(Councillor(i), out.id, out.good.id, high).ok());
      ASSERT_TRUE(services().movement.SubmitScores(Councillor(i), out.id, out.weak.id, low).ok());
    }
  }

  int64_t ly_thai_to_ = 0, hang_bac_ = 0, team3_ = 0, party_ = 0;
  Caller member3_;
  std::vector<int64_t> council_users_;
};

TEST_F(Movement, RegistrationFollowsTheDeadlineAndTheQuota) {
  const auto c = OpenCampaign(ly_thai_to_, 2022);  // the clock stands at 13/10/2022: past the deadline
  EXPECT_EQ(c.fields.size(), 4u) << "the four official fields by default";
  EXPECT_EQ(c.criteria.size(), 4u);
  const auto m = Draft(member3_, c.id, team3_, "Tổ dân vận số 3 hỗ trợ người dân phòng, chống dịch Covid-19");
  EXPECT_EQ(m.status, ModelStatus::kDraft);

  auto late = services().movement.Transition(member3_, m.id, "register", "");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, "registration_closed");
  EXPECT_NE(late.error().message_vi.find("31/03/2022"), std::string::npos);

  // The officer reopens registration for Tổ dân vận số 3 alone.
  ASSERT_TRUE(services().movement.ReopenRegistration(Officer(ly_thai_to_), c.id, team3_, "20/10/2022").ok());
  auto registered = services().movement.Transition(member3_, m.id, "register", "");
  ASSERT_TRUE(registered.ok()) << registered.error().message_en;
  EXPECT_EQ(registered->status, ModelStatus::kRegistered);

  // The quota allows a tổ dân vận one model.
  const auto second = Draft(member3_, c.id, team3_, "Mô hình thứ hai của Tổ dân vận số 3");
  auto over = services().movement.Transition(member3_, second.id, "register", "");
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, "quota_exceeded");

  // A member cannot activate (only register); another ward's member cannot even see the model.
  EXPECT_EQ(services().movement.Transition(member3_, m.id, "activate", "").error().code, "forbidden");
  auto other = CallerWith({RoleGrant{0, Role::kUnitMember, hang_bac_, std::nullopt}});
  EXPECT_EQ(services().movement.Transition(other, m.id, "activate", "").error().code, "model_not_found");

  // The campaign page: who has registered and who has not.
  auto st = services().movement.Registration(Officer(ly_thai_to_), c.id);
  ASSERT_TRUE(st.ok());
  EXPECT_TRUE(st->deadline_passed);
  std::map<std::string, std::string> state;
  for (const auto& r : st->rows) state[r.organisation.name] = r.state;
  EXPECT_EQ(state["Tổ dân vận số 3"], "ok");
  EXPECT_EQ(state["Đảng ủy phường Lý Thái Tổ"], "missing");
  EXPECT_EQ(state["Tổ dân vận số 1"], "ok") << "a quota with no minimum is met with nothing";
}

TEST_F(Movement, ACouncilScoresVotesInSecretAndRecognises) {
  // Each present member scores; nobody sees the others' scores while scoring is open.
  ScoredSession scored;
  ASSERT_NO_FATAL_FAILURE(OpenScoredSession(scored));
  const auto& c = scored.campaign;
  const auto& good = scored.good;
  const auto& weak = scored.weak;
  auto absent = services().movement.SubmitScores(Councillor(4), scored.id, good.id, {{c.criteria[0].id, 10}});
  EXPECT_EQ(absent.error().code, "not_council_member");
  auto view = services().movement.GetSession(Councillor(1), scored.id);
  ASSERT_TRUE(view.ok());
  EXPECT_FALSE(view->scores_visible);
  for (const auto& s : view->scores) EXPECT_EQ(s.member_id, *view->caller_member_id) << "only one's own scores";
  EXPECT_TRUE(view->sheets.empty());
  EXPECT_EQ(services().movement.SubmitScores(Councillor(0), scored.id, good.id, {{c.criteria[0].id, 11}}).error().code,
            "invalid_score");

  ASSERT_TRUE(services().movement.CloseScoring(Officer(ly_thai_to_), scored.id).ok());
  EXPECT_EQ(services().movement.SubmitScores(Councillor(0), scored.id, good.id, {{c.criteria[0].id, 9}}).error().code,
            "scoring_closed");

  // The ballot: 3 agree and 1 abstain on the good model (3 > 2.5 of 5 members); the weak one 2 agree.
  const char* good_votes[] = {"agree", "agree", "abstain", "agree"};
  const char* weak_votes[] = {"agree", "disagree", "agree", "disagree"};
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(services().movement.Vote(Councillor(i), scored.id, good.id, good_votes[i]).ok());
    ASSERT_TRUE(services().movement.Vote(Councillor(i), scored.id, weak.id, weak_votes[i]).ok());
  }
  auto twice = services().movement.Vote(Councillor(0), scored.id, good.id, "disagree");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, "already_voted");

  auto closed = services().movement.CloseSession(Officer(ly_thai_to_), scored.id, {});
  ASSERT_TRUE(closed.ok()) << closed.error().message_en;
  ASSERT_EQ(closed->sheets.size(), 2u);
  for (const auto& sheet : closed->sheets) {
    if (sheet.model_id == good.id) {
      EXPECT_EQ(sheet.tally.agree, 3);
      EXPECT_EQ(sheet.tally.abstain, 1);
      EXPECT_TRUE(sheet.outcome.passed);
      EXPECT_DOUBLE_EQ(sheet.result.total, 85);  // means of 9, 8, 9, 8
      ASSERT_FALSE(sheet.result.criteria.empty());
      EXPECT_DOUBLE_EQ(sheet.result.criteria[0].stddev, 0.5);
    } else {
      EXPECT_EQ(sheet.tally.agree, 2);
      EXPECT_FALSE(sheet.outcome.passed);
    }
  }
  auto recognised = services().movement.GetModel(std::nullopt, good.id);
  ASSERT_TRUE(recognised.ok()) << "a recognised model is public";
  EXPECT_EQ(recognised->status, ModelStatus::kRecognised);
  EXPECT_EQ(recognised->recognition_level.value_or(""), "co_so");
  auto rejected = services().movement.GetModel(Officer(ly_thai_to_), weak.id);
  EXPECT_EQ(rejected->status, ModelStatus::kNotRecognised);
  EXPECT_NE(rejected->status_reason.find("Biểu quyết chưa đạt"), std::string::npos) << rejected->status_reason;
  EXPECT_NE(rejected->status_reason.find("Score 50.00 is below 70"), std::string::npos) << rejected->status_reason;
  EXPECT_EQ(services().movement.GetModel(std::nullopt, weak.id).error().code, "model_not_found") << "not public";
  // The model's history ends with the council's outcome; ballots are the session's, never a step of the model.
  auto history = services().movement.History(Officer(ly_thai_to_), good.id);
  ASSERT_TRUE(history.ok()) << history.error().message_en;
  std::vector<std::string> steps;
  for (const auto& e : *history) steps.push_back(e.action + ":" + e.status);
  EXPECT_EQ(steps, (std::vector<std::string>{"create:draft", "register:registered", "activate:active", "propose:proposed",
                                             "recognise:recognised"}));

  ModelQuery showcase;
  showcase.campaign_id = c.id;  // the demo's own 2022 campaign has recognised models too
  auto pub = services().movement.PublicModels(showcase);
  ASSERT_TRUE(pub.ok());
  ASSERT_EQ(pub->total, 1);
  EXPECT_EQ(pub->items[0].id, good.id);
}

TEST_F(Movement, WithoutQuorumNothingIsDecided) {
  clock_.Advance(-std::chrono::hours(24 * 200));
  const auto c = OpenCampaign(ly_thai_to_, 2022);
  const auto m = Draft(Officer(ly_thai_to_), c.id, team3_, "Mô hình chờ hội đồng");
  Propose(m.id, ly_thai_to_);
  Council council{0, c.id, "Ban Chỉ đạo", "ban_chi_dao", {}, ""};
  for (auto u : council_users_) council.members.push_back(CouncilMember{0, 0, u, "", "member"});
  auto created = services().movement.CreateCouncil(Officer(ly_thai_to_), council);
  ASSERT_TRUE(created.ok());
  auto session = services().movement.OpenSession(Officer(ly_thai_to_), created->id, "10/10/2022",
                                                 {created->members[0].id, created->members[1].id, created->members[2].id}, {m.id});
  ASSERT_TRUE(session.ok());
  auto refused = services().movement.CloseSession(Officer(ly_thai_to_), session->id, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "quorum_not_met");
  EXPECT_EQ(services().movement.GetModel(Officer(ly_thai_to_), m.id)->status, ModelStatus::kProposed);
}

// Two councils vote the same ballots with the voters swapped. If the stored data could link a ballot to
// its voter, the two databases would differ; they are identical, table by table, but for the audit log's
// actor column, which records that each voted, never how.
TEST_F(Movement, NoStoredDataLinksABallotToItsVoter) {
  clock_.Advance(-std::chrono::hours(24 * 200));
  const auto c = OpenCampaign(ly_thai_to_, 2022);
  std::vector<int64_t> models;
  for (int i = 0; i < 2; ++i) {
    auto m = Draft(Officer(ly_thai_to_), c.id, i == 0 ? team3_ : party_, "Mô hình " + std::to_string(i));
    Propose(m.id, ly_thai_to_);
    models.push_back(m.id);
  }
  Council council{0, c.id, "Hội đồng", "hoi_dong_thi_dua_khen_thuong", {}, ""};
  for (auto u : council_users_) council.members.push_back(CouncilMember{0, 0, u, "", "member"});
  auto created = services().movement.CreateCouncil(Officer(ly_thai_to_), council);
  ASSERT_TRUE(created.ok());
  std::vector<int64_t> present;
  for (const auto& m : created->members) present.push_back(m.id);
  // Session A: member 0 agrees, member 1 disagrees on model 0. Session B: the other way round.
  auto a = services().movement.OpenSession(Officer(ly_thai_to_), created->id, "10/10/2022", present, {models[0]});
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(services().movement.Vote(Councillor(0), a->id, models[0], "agree").ok());
  ASSERT_TRUE(services().movement.Vote(Councillor(1), a->id, models[0], "disagree").ok());

  auto dump = [&](int64_t session) {
    std::vector<std::string> rows;
    EXPECT_TRUE(db().Run(TxMode::kRead, [&](Tx& tx) -> Status {
                      soci::rowset<soci::row> voters = (tx.session().prepare
                          << "SELECT member_id FROM ballot_voters WHERE session_id = :s ORDER BY member_id",
                          soci::use(session));
                      for (const auto& r : voters) rows.push_back("voter " + std::to_string(r.get_properties(0).get_data_type() == soci::dt_integer ? r.get<int>(0) : r.get<long long>(0)));
                      soci::rowset<soci::row> tallies = (tx.session().prepare
                          << "SELECT agree, disagree, abstain FROM ballot_tallies WHERE session_id = :s", soci::use(session));
                      for (const auto& r : tallies) {
                        auto n = [&](size_t i) { return r.get_properties(i).get_data_type() == soci::dt_integer ? (long long)r.get<int>(i) : r.get<long long>(i); };
                        rows.push_back("tally " + std::to_string(n(0)) + "/" + std::to_string(n(1)) + "/" + std::to_string(n(2)));
                      }
                      return OkStatus();
                    }).ok());
    return rows;
  };
  const auto after_a = dump(a->id);

  // Reset the proposal for a second session with the same members.
  auto b = services().movement.OpenSession(Officer(ly_thai_to_), created->id, "11/10/2022", present, {models[1]});
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE(services().movement.Vote(Councillor(0), b->id, models[1], "disagree").ok());
  ASSERT_TRUE(services().movement.Vote(Councillor(1), b->id, models[1], "agree").ok());
  const auto after_b = dump(b->id);
  EXPECT_EQ(after_a, after_b) << "swapping who voted what leaves the stored ballot data unchanged";

  // And no table holds both a member and a vote: the ballot tables have no column that could.
  std::vector<std::string> columns;
  ASSERT_TRUE(db().Run(TxMode::kRead, [&](Tx& tx) -> Status {
                    const std::string q = tx.dialect() == Dialect::kSqlite
                        ? "SELECT name FROM pragma_table_info('ballot_tallies') UNION ALL SELECT name FROM pragma_table_info('ballot_voters')"
                        : "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                          " AND table_name IN ('ballot_tallies', 'ballot_voters')";
                    soci::rowset<soci::row> rows = (tx.session().prepare << q);
                    for (const auto& r : rows) columns.push_back(r.get<std::string>(0));
                    return OkStatus();
                  }).ok());
  std::sort(columns.begin(), columns.end());
  EXPECT_EQ(columns, (std::vector<std::string>{"abstain", "agree", "disagree", "member_id", "model_id", "model_id",
                                               "session_id", "session_id"}));
  // The audit log says that member 0 voted, and nothing about the choice.
  auto v = services().audit.Verify(db());
  ASSERT_TRUE(v.ok() && v->ok);
}

TEST_F(Movement, TheDemoCampaignHasEveryStateAndAReplication) {
  ModelQuery all;
  all.unit_id = ly_thai_to_;
  all.limit = 200;
  auto models = services().movement.ListModels(Officer(ly_thai_to_), all);
  ASSERT_TRUE(models.ok());
  std::map<std::string, int> states;
  std::set<std::string> fields;
  for (const auto& m : models->items) {
    ++states[std::string(ToString(m.status))];
    fields.insert(m.field);
  }
  for (const char* s : {"draft", "registered", "active", "proposed", "recognised", "not_recognised", "carried_over", "stopped"})
    EXPECT_GT(states[s], 0) << s;
  EXPECT_EQ(fields.size(), 4u) << "every field represented";
  EXPECT_EQ(states["recognised"] + states["carried_over"], 13) << "10 collectives and 3 individuals";

  // The showcase by year: years partition it, and a year without a campaign has nothing.
  ModelQuery every_year;
  every_year.limit = 200;
  auto shown = services().movement.PublicModels(every_year);
  ASSERT_TRUE(shown.ok());
  ASSERT_GT(shown->total, 0);
  int64_t by_years = 0;
  for (int year = 2019; year <= 2026; ++year) {
    ModelQuery q = every_year;
    q.year = year;
    auto in_year = services().movement.PublicModels(q);
    ASSERT_TRUE(in_year.ok());
    if (year < 2022) {
      EXPECT_EQ(in_year->total, 0) << year;
    }
    if (year == 2022) {
      EXPECT_GE(in_year->total, 13) << "the models behind the 2022 awards";
    }
    by_years += in_year->total;
  }
  EXPECT_EQ(by_years, shown->total);

  ModelQuery pub;
  pub.folded_text = FoldForSearch("bua com nghia tinh");
  auto found = services().movement.PublicModels(pub);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->total, 1);
  auto lineage = services().movement.LineageOf(found->items[0].id);
  ASSERT_TRUE(lineage.ok());
  ASSERT_EQ(lineage->adopters.size(), 1u);
  EXPECT_EQ(lineage->unit_names[lineage->adopters[0].unit_id], "Phường Hàng Bạc");
}

TEST_F(Movement, RecognisedModelsSpreadAndCarryOver) {
  clock_.Advance(-std::chrono::hours(24 * 200));
  const auto c2022 = OpenCampaign(ly_thai_to_, 2022);
  const auto source = Draft(Officer(ly_thai_to_), c2022.id, team3_, "Tổ dân vận số 3 với \"Bữa cơm nghĩa tình\"");
  Propose(source.id, ly_thai_to_);
  Council council{0, c2022.id, "Hội đồng", "hoi_dong_thi_dua_khen_thuong", {}, ""};
  for (auto u : council_users_) council.members.push_back(CouncilMember{0, 0, u, "", "member"});
  auto created = services().movement.CreateCouncil(Officer(ly_thai_to_), council);
  std::vector<int64_t> present;
  for (const auto& m : created->members) present.push_back(m.id);
  auto session = services().movement.OpenSession(Officer(ly_thai_to_), created->id, "10/10/2022", present, {source.id});
  for (int i = 0; i < 5; ++i) {
    std::map<int64_t, double> s;
    for (const auto& cr : c2022.criteria) s[cr.id] = 9;
    ASSERT_TRUE(services().movement.SubmitScores(Councillor(i), session->id, source.id, s).ok());
    ASSERT_TRUE(services().movement.Vote(Councillor(i), session->id, source.id, "agree").ok());
  }
  ASSERT_TRUE(services().movement.CloseSession(Officer(ly_thai_to_), session->id, {}).ok());

  // Another ward adopts it, and a team in that ward adopts the adoption.
  const auto hang_bac_campaign = OpenCampaign(hang_bac_, 2022);
  auto org = services().community.CreateOrganisation(Admin(), {hang_bac_, std::nullopt, "to_dan_van", "Tổ dân vận số 1 Hàng Bạc", "01/01/2020"});
  ASSERT_TRUE(org.ok());
  ModelInput adopt;
  adopt.campaign_id = hang_bac_campaign.id;
  adopt.owner_organisation_id = org->id;
  adopt.address = "Phường Hàng Bạc";
  auto outsider = services().movement.Adopt(Officer(ly_thai_to_), source.id, adopt);
  EXPECT_EQ(outsider.error().code, "forbidden") << "adopting is the adopter's officer's act";
  auto adopted = services().movement.Adopt(Officer(hang_bac_), source.id, adopt);
  ASSERT_TRUE(adopted.ok()) << adopted.error().message_en;
  EXPECT_EQ(adopted->source_model_id.value_or(0), source.id);
  EXPECT_EQ(adopted->title, source.title);
  ASSERT_TRUE(services().movement.Transition(Officer(hang_bac_), adopted->id, "register", "").ok());

  auto lineage = services().movement.LineageOf(source.id);
  ASSERT_TRUE(lineage.ok());
  ASSERT_EQ(lineage->adopters.size(), 1u);
  EXPECT_EQ(lineage->units, 1);
  EXPECT_EQ(lineage->unit_names[hang_bac_], "Phường Hàng Bạc");

  // 2023: carry the model over; it keeps its history through carried_from.
  const auto c2023 = OpenCampaign(ly_thai_to_, 2023);
  EXPECT_EQ(services().movement.CarryOver(Officer(ly_thai_to_), c2022.id, c2023.id, {source.id}, {source.id}, "x").error().code,
            "invalid_model_list");
  auto carried = services().movement.CarryOver(Officer(ly_thai_to_), c2022.id, c2023.id, {source.id}, {}, "");
  ASSERT_TRUE(carried.ok()) << carried.error().message_en;
  ASSERT_EQ(carried->size(), 1u);
  EXPECT_EQ(carried->front().carried_from_id.value_or(0), source.id);
  EXPECT_EQ(carried->front().status, ModelStatus::kActive);
  EXPECT_EQ(services().movement.GetModel(std::nullopt, source.id)->status, ModelStatus::kCarriedOver);
}

// GET /api/v1/campaigns/{id}/councils, how a council member finds a session: the campaign's councils only, each with
// its members and its sessions in their current state. Any grant on the campaign's ward reads it (the unit member
// too: nothing personal is in it); another ward's staff are refused. The list costs the same whatever its length.
TEST_F(Movement, ACampaignsCouncilsComeWithTheirMembersAndSessions) {
  ScoredSession scored;
  ASSERT_NO_FATAL_FAILURE(OpenScoredSession(scored));
  const int64_t campaign = scored.campaign.id;

  auto listed = services().movement.CouncilsOf(Councillor(3), campaign);
  ASSERT_TRUE(listed.ok()) << listed.error().message_en;
  ASSERT_EQ(listed->councils.size(), 1u) << "only this campaign's council, not the demo campaign's";
  const auto& council = listed->councils[0];
  EXPECT_EQ(council.id, scored.council.id);
  EXPECT_EQ(council.campaign_id, campaign);
  EXPECT_EQ(council.name, "Hội đồng Thi đua – Khen thưởng phường Lý Thái Tổ");
  EXPECT_EQ(council.kind, "hoi_dong_thi_dua_khen_thuong");
  std::vector<std::string> members;
  for (const auto& m : council.members) members.push_back(m.display_name + " (" + m.role + ")");
  EXPECT_EQ(members, (std::vector<std::string>{"Thành viên 0 (chair)", "Thành viên 1 (member)", "Thành viên 2 (member)",
                                               "Thành viên 3 (member)", "Thành viên 4 (member)"}));
  EXPECT_EQ(council.members[3].user_id, council_users_[3]) << "a member finds themself by user id";
  ASSERT_EQ(listed->sessions.size(), 1u);
  EXPECT_EQ(listed->sessions[0].id, scored.id);
  EXPECT_EQ(listed->sessions[0].council_id, council.id);
  EXPECT_EQ(listed->sessions[0].held_on.Iso(), "2022-10-10");
  EXPECT_EQ(listed->sessions[0].status, "open");
  EXPECT_FALSE(listed->sessions[0].closed_at.has_value());

  // A second council (a Ban Chỉ đạo, no session yet): the list grows, its cost does not.
  auto s0 = db().statements_run();
  ASSERT_TRUE(services().movement.CouncilsOf(Officer(ly_thai_to_), campaign).ok());
  const auto cost_one = db().statements_run() - s0;
  Council steering{0, campaign, "Ban Chỉ đạo phong trào \"Dân vận khéo\"", "ban_chi_dao", {}, ""};
  for (size_t i = 2; i < council_users_.size(); ++i) steering.members.push_back(CouncilMember{0, 0, council_users_[i], "", "member"});
  auto created = services().movement.CreateCouncil(Officer(ly_thai_to_), steering);
  ASSERT_TRUE(created.ok()) << created.error().message_en;
  ASSERT_TRUE(services().movement.CloseScoring(Officer(ly_thai_to_), scored.id).ok());
  s0 = db().statements_run();
  auto two = services().movement.CouncilsOf(Officer(ly_thai_to_), campaign);
  EXPECT_EQ(db().statements_run() - s0, cost_one) << "two councils cost what one did";
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->councils.size(), 2u);
  for (const auto& c : two->councils)
    EXPECT_EQ(c.members.size(), c.id == created->id ? 3u : 5u) << "each council with its own members: " << c.name;
  ASSERT_EQ(two->sessions.size(), 1u);
  EXPECT_EQ(two->sessions[0].council_id, scored.council.id);
  EXPECT_EQ(two->sessions[0].status, "scoring_closed") << "a session is listed in its current state";

  // Another campaign of the same ward has councils of its own (none yet).
  const auto next_year = OpenCampaign(ly_thai_to_, 2023);
  auto none = services().movement.CouncilsOf(Officer(ly_thai_to_), next_year.id);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->councils.empty());
  EXPECT_TRUE(none->sessions.empty());

  // Who reads it: every grant on the ward; not another ward's staff, whatever their role there.
  for (const auto& reader : {CallerWith({RoleGrant{0, Role::kViewer, ly_thai_to_, std::nullopt}}),
                             CallerWith({RoleGrant{0, Role::kSigner, ly_thai_to_, std::nullopt}}), member3_, Admin()}) {
    auto r = services().movement.CouncilsOf(reader, campaign);
    ASSERT_TRUE(r.ok()) << r.error().message_en;
    EXPECT_EQ(r->councils.size(), 2u);
  }
  for (const auto& outsider : {Officer(hang_bac_), CallerWith({RoleGrant{0, Role::kCouncilMember, hang_bac_, std::nullopt}}),
                               CallerWith({RoleGrant{0, Role::kUnitMember, hang_bac_, std::nullopt}})}) {
    auto r = services().movement.CouncilsOf(outsider, campaign);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "forbidden");
    EXPECT_EQ(r.error().kind, ErrorKind::kForbidden);
  }
  EXPECT_EQ(services().movement.CouncilsOf(Officer(ly_thai_to_), 9'999'999).error().code, "campaign_not_found");
}

// GET /api/v1/models/{id}/history: a model's steps from the audit log, oldest first, each with the status it led to,
// the reason when there is one, and who took it (by name; the command line has none). Read by whoever may read the
// model privately: a grant on its unit, or the unit member who speaks for its owner even without one.
TEST_F(Movement, AModelsHistoryTellsEachStepAndWhoTookIt) {
  clock_.Advance(-std::chrono::hours(24 * 200));  // 27/03/2022: registration open
  auto user = [&](const std::string& username, const std::string& name, RoleGrant grant) {
    auto u = services().accounts.CreateUser(Admin(), {username, name, "mat-khau-lich-su", {grant}});
    EXPECT_TRUE(u.ok()) << u.error().message_en;
    return CallerWith({grant}, u->view.user.id);
  };
  const auto officer = user("canbo.lichsu", "Nguyễn Thị Cán Bộ", RoleGrant{0, Role::kUnitAdmin, ly_thai_to_, std::nullopt});
  const auto member = user("todanvan3.lichsu", "Trần Văn Tổ Viên", RoleGrant{0, Role::kUnitMember, ly_thai_to_, team3_});
  const auto c = OpenCampaign(ly_thai_to_, 2022);
  const auto m = Draft(member, c.id, team3_, "Tổ dân vận số 3 vận động giữ gìn vệ sinh ngõ phố");
  ASSERT_TRUE(services().movement.Transition(member, m.id, "register", "").ok());
  clock_.Advance(std::chrono::hours(24));
  ASSERT_TRUE(services().movement.Transition(officer, m.id, "activate", "").ok());
  ASSERT_TRUE(services().movement.Transition(CommandLineCaller(), m.id, "propose", "").ok());
  const std::string reason = "Tổ dân vận sáp nhập, mô hình không còn điều kiện duy trì";
  ASSERT_TRUE(services().movement.Transition(officer, m.id, "stop", reason).ok());

  auto history = services().movement.History(member, m.id);
  ASSERT_TRUE(history.ok()) << history.error().message_en;
  std::vector<std::string> steps;
  for (const auto& e : *history) steps.push_back(e.action + " → " + e.status + " by [" + e.actor + "]" + (e.reason.empty() ? "" : ": " + e.reason));
  EXPECT_EQ(steps, (std::vector<std::string>{
                       "create → draft by [Trần Văn Tổ Viên]", "register → registered by [Trần Văn Tổ Viên]",
                       "activate → active by [Nguyễn Thị Cán Bộ]", "propose → proposed by []",
                       "stop → stopped by [Nguyễn Thị Cán Bộ]: " + reason}));
  ASSERT_EQ(history->size(), 5u);
  EXPECT_TRUE(history->front().at.starts_with("2022-03-27T")) << history->front().at;
  EXPECT_TRUE(history->back().at.starts_with("2022-03-28T")) << history->back().at;
  for (size_t i = 1; i < history->size(); ++i) EXPECT_LE((*history)[i - 1].at, (*history)[i].at) << "oldest first";

  // Readers: any grant on the ward (the member of another organisation too: it reads, it does not write); the
  // system admin. Another ward's staff do not learn that the model exists.
  const auto party_member = CallerWith({RoleGrant{0, Role::kUnitMember, ly_thai_to_, party_}});
  for (const auto& reader : {officer, party_member, CallerWith({RoleGrant{0, Role::kViewer, ly_thai_to_, std::nullopt}}), Admin()}) {
    auto r = services().movement.History(reader, m.id);
    ASSERT_TRUE(r.ok()) << r.error().message_en;
    EXPECT_EQ(r->size(), 5u);
  }
  for (const auto& outsider : {Officer(hang_bac_), CallerWith({RoleGrant{0, Role::kViewer, hang_bac_, std::nullopt}})})
    EXPECT_EQ(services().movement.History(outsider, m.id).error().code, "model_not_found");
  EXPECT_EQ(services().movement.History(officer, 9'999'999).error().code, "model_not_found");

  // A model of the district above the ward, owned by Tổ dân vận số 3: its member reads the history without a grant
  // on the district; the ward's own viewer, whose grant does not reach up, does not.
  const int64_t district = UnitNamed("Quận Hoàn Kiếm", Date::FromYmd(2022, 1, 1));
  const auto district_campaign = OpenCampaign(district, 2022);
  const auto dm = Draft(member, district_campaign.id, team3_, "Tổ dân vận số 3 tham gia mô hình của quận");
  auto dh = services().movement.History(member, dm.id);
  ASSERT_TRUE(dh.ok()) << dh.error().message_en;
  ASSERT_EQ(dh->size(), 1u);
  EXPECT_EQ(dh->front().actor, "Trần Văn Tổ Viên");
  EXPECT_EQ(services().movement.History(CallerWith({RoleGrant{0, Role::kViewer, ly_thai_to_, std::nullopt}}), dm.id).error().code,
            "model_not_found");
  EXPECT_EQ(services().movement.History(party_member, dm.id).error().code, "model_not_found");
}

// Issue 3: a unit member "speaks for one organisation". Its grant reads the ward's non-personal data, but it writes
// only for that organisation: another organisation's model cannot be created, registered or reported on (403
// not_own_organisation, which says why), and the ward's organisations, people and memberships are the unit admin's
// (403 forbidden), its own organisation's included. Personal data stays hidden from it. Refusals leave no trace.
TEST_F(Movement, AUnitMemberWritesOnlyForItsOwnOrganisation) {
  clock_.Advance(-std::chrono::hours(24 * 200));  // registration open
  const auto c = OpenCampaign(ly_thai_to_, 2022);
  const auto others = Draft(Officer(ly_thai_to_), c.id, party_, "Đảng ủy phường với việc tiếp dân", "xay_dung_he_thong_chinh_tri");
  const auto others_registered = Draft(Officer(ly_thai_to_), c.id, party_, "Đảng ủy phường đối thoại với Nhân dân",
                                       "xay_dung_he_thong_chinh_tri");
  ASSERT_TRUE(services().movement.Transition(Officer(ly_thai_to_), others_registered.id, "register", "").ok());
  PersonInput resident;
  resident.full_name = "Lê Thị Tổ Viên";
  resident.birth_year = 1975;
  resident.phone = "0987 654 321";
  resident.address = "Số 5 phố Lê Lai";
  auto person = services().community.CreatePerson(Officer(ly_thai_to_), ly_thai_to_, resident);
  ASSERT_TRUE(person.ok()) << person.error().message_en;
  auto membership = services().community.AddMembership(Officer(ly_thai_to_), person->person.id, {team3_, "Tổ viên", "01/01/2022", ""});
  ASSERT_TRUE(membership.ok()) << membership.error().message_en;
  const auto audited = AuditCount();

  auto expect_refused = [](const auto& result, const std::string& code, const std::string& what) {
    ASSERT_FALSE(result.ok()) << what;
    EXPECT_EQ(result.error().code, code) << what;
    EXPECT_EQ(result.error().kind, ErrorKind::kForbidden) << what;
  };
  // The movement: another organisation's models.
  ModelInput in;
  in.campaign_id = c.id;
  in.field = "xay_dung_he_thong_chinh_tri";
  in.title = "Mô hình đăng thay Đảng ủy";
  in.owner_organisation_id = party_;
  in.address = "Phường Lý Thái Tổ";
  auto created = services().movement.CreateModel(member3_, in);
  expect_refused(created, "not_own_organisation", "creating a model for another organisation");
  EXPECT_NE(created.error().message_vi.find("thay mặt tổ chức của mình"), std::string::npos);
  EXPECT_NE(created.error().message_en.find("your own organisation"), std::string::npos);
  in.owner_organisation_id.reset();
  expect_refused(services().movement.CreateModel(member3_, in), "not_own_organisation", "a model without an owner organisation");
  expect_refused(services().movement.Transition(member3_, others.id, "register", ""), "not_own_organisation",
                 "registering another organisation's model");
  expect_refused(services().movement.Transition(member3_, others_registered.id, "activate", ""), "forbidden",
                 "an officer's step is refused as before");
  ReportInput report;
  report.kind = "progress";
  report.body = "Báo cáo thay tổ chức khác";
  expect_refused(services().movement.AddReport(member3_, others_registered.id, report), "not_own_organisation",
                 "reporting on another organisation's model");
  // Other roles keep the plain answer.
  const auto viewer = CallerWith({RoleGrant{0, Role::kViewer, ly_thai_to_, std::nullopt}});
  expect_refused(services().movement.AddReport(viewer, others_registered.id, report), "forbidden", "a viewer reporting");

  // Organisations, people and memberships of the ward, its own organisation's included.
  expect_refused(services().community.CreateOrganisation(member3_, {ly_thai_to_, team3_, "to_dan_van", "Nhóm mới của Tổ 3", "01/01/2022"}),
                 "forbidden", "creating an organisation");
  expect_refused(services().community.EndOrganisation(member3_, party_, {"closed", "01/06/2022", std::nullopt, std::nullopt, std::nullopt}),
                 "forbidden", "ending another organisation");
  expect_refused(services().community.CreatePerson(member3_, ly_thai_to_, resident), "forbidden", "adding a person");
  expect_refused(services().community.UpdatePerson(member3_, person->person.id, resident), "forbidden", "changing a person");
  expect_refused(services().community.AddMembership(member3_, person->person.id, {party_, "Đảng viên", "01/01/2022", ""}),
                 "forbidden", "a membership of another organisation");
  expect_refused(services().community.AddMembership(member3_, person->person.id, {team3_, "Tổ phó", "01/01/2022", ""}),
                 "forbidden", "a membership of its own organisation");
  expect_refused(services().community.EndMembership(member3_, membership->id, "01/06/2022"), "forbidden", "ending a membership");
  EXPECT_EQ(AuditCount(), audited) << "refused writes leave no trace";
  EXPECT_EQ(services().movement.GetModel(Officer(ly_thai_to_), others.id)->status, ModelStatus::kDraft);
  EXPECT_TRUE(services().movement.Reports(Officer(ly_thai_to_), others_registered.id)->empty());

  // Reading the ward's non-personal data stays allowed; personal data does not show, even for its own organisation's member.
  EXPECT_TRUE(services().movement.GetModel(member3_, others.id).ok());
  EXPECT_TRUE(services().movement.Reports(member3_, others_registered.id).ok());
  auto seen = services().community.GetPerson(member3_, person->person.id);
  ASSERT_TRUE(seen.ok()) << seen.error().message_en;
  EXPECT_EQ(seen->person.full_name, "Lê Thị Tổ Viên");
  EXPECT_FALSE(seen->personal_data_visible);
  EXPECT_FALSE(seen->person.birth_year || seen->person.phone || seen->person.email || seen->person.address);
  PersonQuery list{ly_thai_to_, std::nullopt, FoldForSearch("Lê Thị Tổ Viên"), 50, 0};
  auto page = services().community.ListPeople(member3_, list);
  ASSERT_TRUE(page.ok()) << page.error().message_en;
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_FALSE(page->items[0].personal_data_visible);
  EXPECT_FALSE(page->items[0].person.birth_year || page->items[0].person.phone || page->items[0].person.address);

  // For its own organisation it still writes: create, register, report.
  const auto own = Draft(member3_, c.id, team3_, "Tổ dân vận số 3 hỗ trợ người dân phòng, chống dịch");
  ASSERT_TRUE(services().movement.Transition(member3_, own.id, "register", "").ok());
  auto reported = services().movement.AddReport(member3_, own.id, report);
  ASSERT_TRUE(reported.ok()) << reported.error().message_en;
}

TEST_F(Movement, TheMinutesOfASessionAreAPdfWithEveryPartInOrder) {
  ScoredSession scored;
  ASSERT_NO_FATAL_FAILURE(OpenScoredSession(scored, "secretary"));
  EXPECT_EQ(services().movement.MinutesPdf(Officer(ly_thai_to_), scored.id).error().code, "minutes_not_ready")
      << "no minutes while the scores are still hidden";
  ASSERT_TRUE(services().movement.CloseScoring(Officer(ly_thai_to_), scored.id).ok());
  const char* good_votes[] = {"agree", "agree", "abstain", "agree"};
  const char* weak_votes[] = {"agree", "disagree", "agree", "disagree"};
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(services().movement.Vote(Councillor(i), scored.id, scored.good.id, good_votes[i]).ok());
    ASSERT_TRUE(services().movement.Vote(Councillor(i), scored.id, scored.weak.id, weak_votes[i]).ok());
  }
  auto draft = services().movement.MinutesPdf(Councillor(2), scored.id);
  ASSERT_TRUE(draft.ok()) << draft.error().message_en;
  EXPECT_NE(testing::PdfFile(*draft).Text().find("BIÊN BẢN (DỰ THẢO)"), std::string::npos);
  ASSERT_TRUE(services().movement.CloseSession(Officer(ly_thai_to_), scored.id, {}).ok());

  auto pdf = services().movement.MinutesPdf(Councillor(4), scored.id);  // absent members read them too
  ASSERT_TRUE(pdf.ok()) << pdf.error().message_en;
  testing::PdfFile file(*pdf);
  const std::string text = file.Text();
  const std::string chair = scored.council.members[0].display_name, secretary = scored.council.members[1].display_name;
  EXPECT_TRUE(testing::InOrder(text, {
      "ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "PHƯỜNG LÝ THÁI TỔ", "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
      "Phường Lý Thái Tổ, ngày 10 tháng 10 năm 2022", "BIÊN BẢN", "Họp xét công nhận mô hình, điển hình",
      "I. THỜI GIAN, ĐỊA ĐIỂM", "II. THÀNH PHẦN", "Tổng số thành viên Hội đồng: 5; có mặt: 4; vắng mặt: 1.", chair,
      "Chủ tịch Hội đồng", "Có mặt", secretary, "Thư ký", "Vắng mặt", "Số thành viên phải có mặt: 4.",
      "Phiên họp đủ số thành viên", "III. KẾT QUẢ CHẤM ĐIỂM",
      "1. Tổ dân vận số 3 hỗ trợ người dân phòng, chống dịch", "tổng điểm có trọng số 85,00/100",
      "Cách làm sáng tạo", "8,50", "0,50", "8 – 9", "2. Đảng ủy phường với việc tiếp dân",
      "tổng điểm có trọng số 50,00/100", "IV. KẾT QUẢ BỎ PHIẾU KÍN", "Đồng ý", "Không đồng ý",
      "Tổ dân vận số 3", "Đạt", "Đảng ủy phường với", "Không đạt", "V. KẾT LUẬN", "Công nhận: ",
      "Không công nhận.", "Biểu quyết chưa đạt", "THƯ KÝ", "CHỦ TỊCH HỘI ĐỒNG", secretary, chair}));
  EXPECT_EQ(text.find("DỰ THẢO"), std::string::npos);
  // The ballot table's rows: agree, disagree, abstain, needed, result, on the first line of each model's row.
  auto ballot_row = [&](const std::string& title_start) {
    const auto at = text.find(title_start, text.find("IV. KẾT QUẢ BỎ PHIẾU KÍN"));
    if (at == std::string::npos) return std::string();
    std::string line = text.substr(at, text.find('\n', at) - at), collapsed;
    for (char ch : line)
      if (ch != ' ' || (!collapsed.empty() && collapsed.back() != ' ')) collapsed.push_back(ch);
    return collapsed;
  };
  EXPECT_TRUE(ballot_row("Tổ dân vận số 3").ends_with("3 0 1 3 Đạt")) << ballot_row("Tổ dân vận số 3");
  EXPECT_TRUE(ballot_row("Đảng ủy phường với").ends_with("2 2 0 3 Không đạt")) << ballot_row("Đảng ủy phường với");
  EXPECT_TRUE(testing::EmbedsLiberationSerif(file.Fonts()));

  // Who reads them: members, admins, signers of the ward; not its viewers; nobody outside it learns of the session.
  auto signer = CallerWith({RoleGrant{0, Role::kSigner, ly_thai_to_, std::nullopt}});
  EXPECT_TRUE(services().movement.MinutesPdf(signer, scored.id).ok());
  auto viewer = CallerWith({RoleGrant{0, Role::kViewer, ly_thai_to_, std::nullopt}});
  EXPECT_EQ(services().movement.MinutesPdf(viewer, scored.id).error().code, "forbidden");
  EXPECT_EQ(services().movement.MinutesPdf(member3_, scored.id).error().code, "forbidden");
  auto outsider = CallerWith({RoleGrant{0, Role::kUnitAdmin, hang_bac_, std::nullopt}});
  EXPECT_EQ(services().movement.MinutesPdf(outsider, scored.id).error().code, "session_not_found");
}

}  // namespace
}  // namespace danvan
