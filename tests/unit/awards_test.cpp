// Commendation rules: bonuses, decision numbers, the proposal lifecycle, nominees, revocation, anniversaries and
// the calendar file.

#include "domain/awards.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace danvan {
namespace {

const std::vector<BaseSalary> kSalaries = {{Date::FromYmd(2019, 7, 1), 1'490'000, "Nghị định 38/2019/NĐ-CP"},
                                           {Date::FromYmd(2023, 7, 1), 1'800'000, "Nghị định 24/2023/NĐ-CP"},
                                           {Date::FromYmd(2024, 7, 1), 2'340'000, "Nghị định 73/2024/NĐ-CP"}};

TEST(Awards, BaseSalaryIsTheOneInForceOnTheDate) {
  EXPECT_EQ(BaseSalaryOn(kSalaries, Date::FromYmd(2022, 10, 12))->amount, 1'490'000);
  EXPECT_EQ(BaseSalaryOn(kSalaries, Date::FromYmd(2023, 6, 30))->amount, 1'490'000);
  EXPECT_EQ(BaseSalaryOn(kSalaries, Date::FromYmd(2023, 7, 1))->amount, 1'800'000) << "the first day it applies";
  EXPECT_EQ(BaseSalaryOn(kSalaries, Date::FromYmd(2025, 10, 15))->amount, 2'340'000);
  auto before = BaseSalaryOn(kSalaries, Date::FromYmd(2019, 6, 30));
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().code, "base_salary_unknown");
  EXPECT_NE(before.error().message_vi.find("30/06/2019"), std::string::npos);
}

TEST(Awards, BonusIsCoefficientTimesBaseSalaryRoundedBySetting) {
  EXPECT_EQ(ComputeBonus(0.3, 1'490'000, 1000), 447'000);
  EXPECT_EQ(ComputeBonus(0.6, 1'490'000, 1000), 894'000);
  EXPECT_EQ(ComputeBonus(0.3, 2'340'000, 1000), 702'000);
  EXPECT_EQ(ComputeBonus(0.15, 1'490'000, 1), 223'500) << "to the đồng";
  EXPECT_EQ(ComputeBonus(0.15, 1'490'000, 1000), 224'000) << "half up";
  EXPECT_EQ(ComputeBonus(0.15, 1'490'000, 10'000), 220'000);
  EXPECT_EQ(ComputeBonus(0.0, 1'490'000, 1000), 0);
  EXPECT_EQ(ComputeBonus(0.3, 1'490'000, 0), 447'000) << "a rounding below 1 means to the đồng";
}

TEST(Awards, DecisionNumbersFollowTheIssuersFormat) {
  EXPECT_EQ(DecisionSymbol(DocumentFormat::kState, 12, "UBND"), "12/QĐ-UBND");
  EXPECT_EQ(DecisionSymbol(DocumentFormat::kParty, 12, "ĐU"), "12-QĐ/ĐU");
  EXPECT_EQ(DecisionSymbol(DocumentFormat::kParty, 1, "BDVQU"), "1-QĐ/BDVQU");
}

TEST(Awards, ProposalLifecycleAllowsOnlyDesignSteps) {
  using S = ProposalStatus;
  using A = ProposalAction;
  const struct {
    S from;
    A action;
    std::optional<S> to;
  } cases[] = {
      {S::kDraft, A::kSubmit, S::kSubmitted},           {S::kReturned, A::kSubmit, S::kSubmitted},
      {S::kSubmitted, A::kAccept, S::kInReview},        {S::kInReview, A::kRecordVote, S::kVoted},
      {S::kVoted, A::kForward, S::kAwaitingSignature},  {S::kAwaitingSignature, A::kDecide, S::kDecided},
      {S::kDecided, A::kRevoke, S::kRevoked},           {S::kSubmitted, A::kReturn, S::kReturned},
      {S::kInReview, A::kReturn, S::kReturned},         {S::kVoted, A::kReturn, S::kReturned},
      {S::kAwaitingSignature, A::kReturn, S::kReturned}, {S::kDraft, A::kAccept, std::nullopt},
      {S::kDraft, A::kDecide, std::nullopt},            {S::kSubmitted, A::kDecide, std::nullopt},
      {S::kInReview, A::kForward, std::nullopt},        {S::kDecided, A::kReturn, std::nullopt},
      {S::kDecided, A::kSubmit, std::nullopt},          {S::kRevoked, A::kRevoke, std::nullopt},
      {S::kDraft, A::kReturn, std::nullopt},            {S::kReturned, A::kReturn, std::nullopt},
  };
  for (const auto& c : cases) {
    auto r = NextProposalStatus(c.from, c.action, "Thiếu biên bản họp hội đồng");
    if (c.to) {
      ASSERT_TRUE(r.ok()) << ToString(c.from) << " + " << ToString(c.action) << ": " << r.error().message_en;
      EXPECT_EQ(*r, *c.to);
    } else {
      ASSERT_FALSE(r.ok()) << ToString(c.from) << " + " << ToString(c.action);
      EXPECT_EQ(r.error().code, "invalid_transition");
      EXPECT_EQ(r.error().kind, ErrorKind::kInvalidTransition);
    }
  }
}

TEST(Awards, ReturningAProposalNeedsAReason) {
  auto r = NextProposalStatus(ProposalStatus::kInReview, ProposalAction::kReturn, "  \n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "reason_required");
  EXPECT_EQ(r.error().details.at("field").as_string(), "reason");
}

TEST(Awards, EachStepHasItsActor) {
  EXPECT_EQ(ActorFor(ProposalAction::kSubmit), ProposalActor::kProposer);
  EXPECT_EQ(ActorFor(ProposalAction::kAccept), ProposalActor::kOfficer);
  EXPECT_EQ(ActorFor(ProposalAction::kRecordVote), ProposalActor::kOfficer);
  EXPECT_EQ(ActorFor(ProposalAction::kForward), ProposalActor::kOfficer);
  EXPECT_EQ(ActorFor(ProposalAction::kDecide), ProposalActor::kSigner);
  EXPECT_EQ(ActorFor(ProposalAction::kRevoke), ProposalActor::kSigner);
}

TEST(Awards, NomineesMatchTheirAwardTypeAndModel) {
  AwardType collective{1, "giay_khen_ubnd_tap_the", "Giấy khen (tập thể)", IssuerKind::kPeoplesCommitteeChair,
                       Subject::kCollective, "Luật TĐKT 2022", 0.6, ""};
  Nominee n;
  n.subject = Subject::kCollective;
  n.organisation_id = 7;
  n.name = "Tổ dân vận số 3";
  n.achievement = "Đồng hành cùng người dân phòng, chống dịch Covid-19";
  EXPECT_TRUE(ValidateNominee(n, collective, std::nullopt).ok());

  Nominee person = n;
  person.subject = Subject::kIndividual;
  person.organisation_id.reset();
  person.person_id = 3;
  EXPECT_EQ(ValidateNominee(person, collective, std::nullopt).error().code, "subject_mismatch");

  Nominee empty = n;
  empty.achievement.clear();
  EXPECT_EQ(ValidateNominee(empty, collective, std::nullopt).error().code, "achievement_required");

  Model m;
  m.title = "Phiên chợ 0 đồng";
  m.subject = Subject::kCollective;
  m.status = ModelStatus::kActive;
  EXPECT_EQ(ValidateNominee(n, collective, m).error().code, "model_not_recognised");
  m.status = ModelStatus::kCarriedOver;
  EXPECT_TRUE(ValidateNominee(n, collective, m).ok()) << "a carried-over model was recognised that year";
  m.status = ModelStatus::kRecognised;
  m.subject = Subject::kIndividual;
  EXPECT_EQ(ValidateNominee(n, collective, m).error().code, "subject_mismatch");
}

TEST(Awards, OnceOnlyMessageNamesTheFirstAward) {
  auto e = AchievementAlreadyRewarded("Phiên chợ 0 đồng", "Quyết định số 1-QĐ/ĐU của Đảng ủy phường Lý Thái Tổ");
  EXPECT_EQ(e.code, "achievement_already_rewarded");
  EXPECT_EQ(e.kind, ErrorKind::kConflict);
  EXPECT_NE(e.message_vi.find("1-QĐ/ĐU"), std::string::npos);
  EXPECT_NE(e.message_vi.find("Phiên chợ 0 đồng"), std::string::npos);
  EXPECT_NE(e.message_en.find("1-QĐ/ĐU"), std::string::npos);
}

TEST(Awards, RevocationNeedsReasonAndDateAfterSigning) {
  Decision d;
  d.decided_on = Date::FromYmd(2022, 10, 12);
  EXPECT_EQ(ValidateRevocation(d, Date::FromYmd(2023, 1, 5), "").error().code, "reason_required");
  EXPECT_EQ(ValidateRevocation(d, Date::FromYmd(2022, 10, 11), "Sai thông tin").error().code, "invalid_date");
  EXPECT_TRUE(ValidateRevocation(d, Date::FromYmd(2022, 10, 12), "Sai thông tin").ok());
  d.status = DecisionStatus::kRevoked;
  EXPECT_EQ(ValidateRevocation(d, Date::FromYmd(2023, 1, 5), "Sai thông tin").error().code, "decision_revoked");
}

TEST(Awards, SignerCapacityIsOneOfTheDecreesForms) {
  for (const char* ok : {"", "TM.", "KT.", "Q.", "TL.", "TUQ."}) EXPECT_TRUE(ValidateSignerCapacity(ok).ok()) << ok;
  EXPECT_EQ(ValidateSignerCapacity("T/M").error().code, "invalid_signer_capacity");
}

TEST(Awards, AnniversariesOfTheCeremonyIn2022) {
  // 13/10/2022: "kỷ niệm 92 năm Ngày truyền thống công tác dân vận của Đảng, 23 năm Ngày Dân vận của cả nước".
  const auto a = AnniversariesOn(Date::FromYmd(2022, 10, 13));
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].code, "tradition_day");
  EXPECT_EQ(a[0].count, 92);
  EXPECT_EQ(a[0].origin, Date::FromYmd(1930, 10, 15));
  EXPECT_EQ(a[0].this_year, Date::FromYmd(2022, 10, 15));
  EXPECT_EQ(a[1].code, "national_day");
  EXPECT_EQ(a[1].count, 23);
  EXPECT_EQ(a[1].origin, Date::FromYmd(1999, 10, 15));
  // After the day in the same year it is the same anniversary; the first National Day came in 2000.
  EXPECT_EQ(AnniversariesOn(Date::FromYmd(2025, 10, 20))[0].count, 95);
  EXPECT_EQ(AnniversariesOn(Date::FromYmd(2000, 10, 15))[1].count, 1);
  EXPECT_EQ(AnniversariesOn(Date::FromYmd(1999, 10, 15)).size(), 1u) << "no 0th anniversary";
}

std::vector<std::string> Lines(const std::string& ics) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < ics.size()) {
    const size_t end = ics.find("\r\n", start);
    EXPECT_NE(end, std::string::npos) << "every line ends in CRLF";
    if (end == std::string::npos) break;
    out.push_back(ics.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

bool ValidUtf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

TEST(Awards, CalendarFileFollowsRfc5545) {
  Event e;
  e.id = 7;
  e.title = "Ngày hội \"Dân vận khéo\"; phường Lý Thái Tổ, năm 2022";
  e.held_on = Date::FromYmd(2022, 10, 13);
  e.starts_at = "2022-10-13T01:00:00.000Z";
  e.ends_at = "2022-10-13T04:00:00.000Z";
  e.place = "Hội trường phường Lý Thái Tổ, quận Hoàn Kiếm";
  e.description = "Dòng một\\dòng hai";
  Segment s;
  s.position = 1;
  s.kind = SegmentKind::kAward;
  s.title = "Trao Quyết định công nhận và thưởng 10 tập thể và 03 cá nhân thực hiện tốt phong trào \"Dân vận khéo\"";
  s.presenter_name = "Nguyễn Văn Dũng";
  s.presenter_title = "Bí thư Đảng ủy phường";
  e.segments.push_back(s);

  const std::string ics = EventCalendar(e, "danvan", "2022-10-12T02:00:00.000Z");
  const auto lines = Lines(ics);
  ASSERT_GE(lines.size(), 10u);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_TRUE(ValidUtf8(ics));
  // Folding: no line longer than 75 octets; a continuation starts with one space and splits no character.
  std::string unfolded;
  for (const auto& l : lines) {
    EXPECT_LE(l.size(), 75u) << l;
    EXPECT_TRUE(ValidUtf8(l)) << "folded inside a UTF-8 sequence: " << l;
    if (!l.empty() && l[0] == ' ') {
      unfolded += l.substr(1);
    } else {
      unfolded += (unfolded.empty() ? "" : "\n") + l;
    }
  }
  EXPECT_NE(unfolded.find("UID:event-7@danvan"), std::string::npos);
  EXPECT_NE(unfolded.find("DTSTAMP:20221012T020000Z"), std::string::npos);
  EXPECT_NE(unfolded.find("DTSTART:20221013T010000Z"), std::string::npos);
  EXPECT_NE(unfolded.find("DTEND:20221013T040000Z"), std::string::npos);
  EXPECT_NE(unfolded.find("SUMMARY;LANGUAGE=vi:Ngày hội \"Dân vận khéo\"\\; phường Lý Thái Tổ\\, năm 2022"),
            std::string::npos)
      << unfolded;
  EXPECT_NE(unfolded.find("LOCATION;LANGUAGE=vi:Hội trường phường Lý Thái Tổ\\, quận Hoàn Kiếm"), std::string::npos);
  EXPECT_NE(unfolded.find("Dòng một\\\\dòng hai"), std::string::npos) << "a backslash is escaped";
  EXPECT_NE(unfolded.find("Kỷ niệm 92 năm Ngày truyền thống công tác dân vận của Đảng (15/10/1930 – 15/10/2022)."),
            std::string::npos);
  EXPECT_NE(unfolded.find("Kỷ niệm 23 năm Ngày Dân vận của cả nước"), std::string::npos);
  EXPECT_NE(unfolded.find("\\n1. Trao Quyết định"), std::string::npos) << "newlines in text are \\n";
  EXPECT_NE(unfolded.find("— Nguyễn Văn Dũng\\, Bí thư Đảng ủy phường"), std::string::npos);
}

TEST(Awards, EventsNeedTitlesPresentersAndDecisionsForAwards) {
  Event e;
  e.title = "Ngày hội";
  e.place = "Hội trường";
  e.starts_at = "2022-10-13T01:00:00.000Z";
  e.ends_at = "2022-10-13T04:00:00.000Z";
  EXPECT_TRUE(ValidateEvent(e).ok());
  Event backwards = e;
  backwards.ends_at = "2022-10-13T00:00:00.000Z";
  EXPECT_EQ(ValidateEvent(backwards).error().code, "invalid_period");
  Segment award;
  award.kind = SegmentKind::kAward;
  award.title = "Trao thưởng";
  award.presenter_name = "Vũ Bích Hiền";
  e.segments = {award};
  EXPECT_EQ(ValidateEvent(e).error().code, "decision_required");
  e.segments[0].decision_id = 3;
  EXPECT_TRUE(ValidateEvent(e).ok());
  e.segments[0].presenter_name.clear();
  EXPECT_EQ(ValidateEvent(e).error().code, "presenter_required");
}

TEST(Awards, AwardTypesAreValidated) {
  AwardType t{0, "giay_khen", "Giấy khen", IssuerKind::kPeoplesCommitteeChair, Subject::kIndividual, "Luật TĐKT", 0.3, ""};
  EXPECT_TRUE(ValidateAwardType(t).ok());
  t.code = "Giấy khen";
  EXPECT_EQ(ValidateAwardType(t).error().code, "invalid_code");
  t.code = "giay_khen";
  t.bonus_coefficient = -1;
  EXPECT_EQ(ValidateAwardType(t).error().code, "invalid_coefficient");
}

}  // namespace
}  // namespace danvan
