#include "domain/movement.hpp"

#include <gtest/gtest.h>

namespace danvan {
namespace {

Campaign Campaign2022() {
  Campaign c;
  c.title = "Phong trào thi đua \"Dân vận khéo\" năm 2022";
  c.starts_on = Date::FromYmd(2022, 1, 1);
  c.ends_on = Date::FromYmd(2022, 12, 31);
  c.registration_deadline = Date::FromYmd(2022, 3, 31);
  c.interim_review_on = Date::FromYmd(2022, 8, 15);
  c.final_review_on = Date::FromYmd(2022, 10, 10);
  c.status = CampaignStatus::kOpen;
  c.fields = {"kinh_te", "van_hoa_xa_hoi", "quoc_phong_an_ninh", "xay_dung_he_thong_chinh_tri"};
  c.criteria = {{1, "Hiệu quả", 3, 10}, {2, "Sức lan tỏa", 2, 10}, {3, "Tính bền vững", 1, 10}};
  c.levels = {{"co_so", "Cấp cơ sở"}};
  c.quotas = {{"dang_uy", 1, 3}, {"mttq", 1, std::nullopt}};
  return c;
}

TEST(ModelLifecycle, EveryAllowedStepAndEveryRefusedOne) {
  using S = ModelStatus;
  using A = ModelAction;
  const std::vector<std::tuple<S, A, S>> allowed = {
      {S::kDraft, A::kRegister, S::kRegistered},      {S::kRegistered, A::kActivate, S::kActive},
      {S::kActive, A::kPropose, S::kProposed},        {S::kProposed, A::kRecognise, S::kRecognised},
      {S::kProposed, A::kRejectRecognition, S::kNotRecognised}, {S::kRecognised, A::kCarryOver, S::kCarriedOver},
      {S::kDraft, A::kStop, S::kStopped},             {S::kRegistered, A::kStop, S::kStopped},
      {S::kActive, A::kStop, S::kStopped},            {S::kProposed, A::kStop, S::kStopped},
      {S::kRecognised, A::kStop, S::kStopped},
  };
  const S all_states[] = {S::kDraft, S::kRegistered, S::kActive, S::kProposed, S::kRecognised, S::kNotRecognised,
                          S::kCarriedOver, S::kStopped};
  const A all_actions[] = {A::kRegister, A::kActivate, A::kPropose, A::kRecognise, A::kRejectRecognition,
                           A::kCarryOver, A::kStop};
  int refused = 0;
  for (S from : all_states)
    for (A action : all_actions) {
      auto expected = std::find_if(allowed.begin(), allowed.end(), [&](const auto& t) {
        return std::get<0>(t) == from && std::get<1>(t) == action;
      });
      auto got = NextStatus(from, action);
      if (expected != allowed.end()) {
        ASSERT_TRUE(got.ok()) << ToString(from) << " " << ToString(action);
        EXPECT_EQ(got.value(), std::get<2>(*expected));
      } else {
        ASSERT_FALSE(got.ok()) << ToString(from) << " " << ToString(action);
        EXPECT_EQ(got.error().code, "invalid_transition");
        EXPECT_EQ(got.error().kind, ErrorKind::kInvalidTransition);
        EXPECT_FALSE(got.error().message_vi.empty());
        ++refused;
      }
    }
  EXPECT_EQ(refused, 8 * 7 - static_cast<int>(allowed.size()));
}

TEST(Registration, ClosesAfterTheDeadlineUnlessReopened) {
  const auto c = Campaign2022();
  EXPECT_TRUE(CheckRegistrationOpen(c, Date::FromYmd(2022, 3, 31), false).ok());
  auto late = CheckRegistrationOpen(c, Date::FromYmd(2022, 4, 1), false);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, "registration_closed");
  EXPECT_NE(late.error().message_vi.find("31/03/2022"), std::string::npos);
  EXPECT_TRUE(CheckRegistrationOpen(c, Date::FromYmd(2022, 4, 1), true).ok());
  auto closed = c;
  closed.status = CampaignStatus::kClosed;
  EXPECT_EQ(CheckRegistrationOpen(closed, Date::FromYmd(2022, 2, 1), true).error().code, "campaign_not_open");
}

TEST(Registration, QuotaCapsThePartyCommitteeAtThree) {
  const auto c = Campaign2022();
  EXPECT_TRUE(CheckQuota(c, "dang_uy", 2).ok());
  EXPECT_EQ(CheckQuota(c, "dang_uy", 3).error().code, "quota_exceeded");
  EXPECT_TRUE(CheckQuota(c, "mttq", 10).ok());
  EXPECT_TRUE(CheckQuota(c, "to_dan_van", 10).ok());
}

TEST(Campaigns, InconsistentSettingsAreRefused) {
  EXPECT_TRUE(ValidateCampaign(Campaign2022()).ok());
  auto c = Campaign2022();
  c.registration_deadline = Date::FromYmd(2023, 1, 15);
  EXPECT_EQ(ValidateCampaign(c).error().code, "invalid_deadline");
  c = Campaign2022();
  c.criteria.clear();
  EXPECT_EQ(ValidateCampaign(c).error().code, "criteria_required");
  c = Campaign2022();
  c.quotas = {{"dang_uy", 3, 1}};
  EXPECT_EQ(ValidateCampaign(c).error().code, "invalid_quota");
  c = Campaign2022();
  c.ballot_threshold = 1.2;
  EXPECT_EQ(ValidateCampaign(c).error().code, "invalid_threshold");
}

TEST(Models, OwnersFitTheSubject) {
  const auto c = Campaign2022();
  Model m;
  m.title = "Tổ dân vận số 3 với việc hỗ trợ người dân phòng chống dịch";
  m.field = "van_hoa_xa_hoi";
  m.address = "Phường Lý Thái Tổ";
  m.owner_organisation_id = 7;
  EXPECT_TRUE(ValidateModel(m, c).ok());
  m.field = "nong_thon_moi";
  EXPECT_EQ(ValidateModel(m, c).error().code, "invalid_field");
  m.field = "kinh_te";
  m.subject = Subject::kIndividual;
  m.owner_person_id = 3;
  EXPECT_EQ(ValidateModel(m, c).error().code, "invalid_subject");
  m.kind = ModelKind::kExemplar;
  EXPECT_TRUE(ValidateModel(m, c).ok());
  m.owner_person_id.reset();
  EXPECT_EQ(ValidateModel(m, c).error().code, "owner_required");
}

TEST(Scoring, WeightedTotalWithMeanAndSpread) {
  const auto c = Campaign2022();
  // Two members: criterion 1 (weight 3): 8 and 10; criterion 2 (weight 2): 6 and 6; criterion 3 (weight 1): 10, 4.
  std::map<int64_t, std::map<int64_t, double>> scores = {{101, {{1, 8}, {2, 6}, {3, 10}}},
                                                         {102, {{1, 10}, {2, 6}, {3, 4}}}};
  auto r = ComputeScore(c.criteria, scores);
  ASSERT_EQ(r.criteria.size(), 3u);
  EXPECT_DOUBLE_EQ(r.criteria[0].mean, 9);
  EXPECT_DOUBLE_EQ(r.criteria[0].stddev, 1);
  EXPECT_DOUBLE_EQ(r.criteria[1].stddev, 0);
  EXPECT_DOUBLE_EQ(r.criteria[2].min, 4);
  EXPECT_DOUBLE_EQ(r.criteria[2].max, 10);
  // (3×0.9 + 2×0.6 + 1×0.7) / 6 = 4.6 / 6 = 76.67 %
  EXPECT_DOUBLE_EQ(r.total, 76.67);
  EXPECT_TRUE(r.complete);

  scores[103] = {{1, 5}};  // a third member left two criteria blank
  EXPECT_FALSE(ComputeScore(c.criteria, scores).complete);
  EXPECT_FALSE(ComputeScore(c.criteria, {}).complete);
  EXPECT_EQ(ValidateScore(c.criteria[0], 10.5).error().code, "invalid_score");
  EXPECT_EQ(ValidateScore(c.criteria[0], -1).error().code, "invalid_score");
  EXPECT_TRUE(ValidateScore(c.criteria[0], 0).ok());
}

TEST(Ballot, MoreThanHalfOfAllMembersMustAgree) {
  // Seven members, all present: 4 agree pass; 3 agree and 4 abstain do not (abstaining is not agreeing).
  EXPECT_TRUE(DecideBallot({4, 3, 0}, 7, 7, 2.0 / 3, 0.5).passed);
  EXPECT_FALSE(DecideBallot({3, 0, 4}, 7, 7, 2.0 / 3, 0.5).passed);
  // A tie in a council of six: 3 of 6 is not more than half.
  auto tie = DecideBallot({3, 3, 0}, 6, 6, 2.0 / 3, 0.5);
  EXPECT_FALSE(tie.passed);
  EXPECT_EQ(tie.needed, 4);
  // Absent members count against: five present of seven, all agree → 5 > 3.5 passes.
  EXPECT_TRUE(DecideBallot({5, 0, 0}, 7, 5, 2.0 / 3, 0.5).passed);
}

TEST(Ballot, NoQuorumNoDecision) {
  // Two-thirds of six is exactly four.
  EXPECT_TRUE(DecideBallot({4, 0, 0}, 6, 4, 2.0 / 3, 0.5).quorum_met);
  auto missing = DecideBallot({3, 0, 0}, 6, 3, 2.0 / 3, 0.5);
  EXPECT_FALSE(missing.quorum_met);
  EXPECT_FALSE(missing.passed);
  EXPECT_FALSE(DecideBallot({0, 0, 0}, 0, 0, 2.0 / 3, 0.5).quorum_met);
}

}  // namespace
}  // namespace danvan
