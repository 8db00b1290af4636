#include "domain/awards.hpp"
#include "domain/validation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace danvan {
namespace {

// Each enum's wire names, in one table per enum: ToString and Parse read the same table.
template <class E>
using Name = std::pair<E, std::string_view>;

template <class E, size_t N>
std::string_view NameIn(const Name<E> (&names)[N], E value) {
  for (const auto& [v, n] : names)
    if (v == value) return n;
  return names[0].second;
}

template <class E, size_t N>
std::optional<E> ValueIn(const Name<E> (&names)[N], std::string_view text) {
  for (const auto& [v, n] : names)
    if (n == text) return v;
  return std::nullopt;
}

constexpr Name<IssuerKind> kIssuerKinds[] = {{IssuerKind::kPartyCommittee, "party_committee"},
                                            {IssuerKind::kPeoplesCommitteeChair, "peoples_committee_chair"},
                                            {IssuerKind::kFatherlandFront, "fatherland_front"},
                                            {IssuerKind::kHigherLevel, "higher_level"}};
constexpr Name<DocumentFormat> kFormats[] = {{DocumentFormat::kState, "state"}, {DocumentFormat::kParty, "party"}};
constexpr Name<ProposalStatus> kProposalStatuses[] = {
    {ProposalStatus::kDraft, "draft"},         {ProposalStatus::kSubmitted, "submitted"},
    {ProposalStatus::kInReview, "in_review"},  {ProposalStatus::kVoted, "voted"},
    {ProposalStatus::kAwaitingSignature, "awaiting_signature"}, {ProposalStatus::kDecided, "decided"},
    {ProposalStatus::kReturned, "returned"},   {ProposalStatus::kRevoked, "revoked"}};
constexpr Name<ProposalAction> kProposalActions[] = {
    {ProposalAction::kSubmit, "submit"},   {ProposalAction::kAccept, "accept"},
    {ProposalAction::kRecordVote, "record_vote"}, {ProposalAction::kForward, "forward"},
    {ProposalAction::kReturn, "return"},   {ProposalAction::kDecide, "decide"},
    {ProposalAction::kRevoke, "revoke"}};
constexpr Name<PartKind> kPartKinds[] = {{PartKind::kCoverSubmission, "to_trinh"},
                                        {PartKind::kAchievementReport, "bao_cao_thanh_tich"},
                                        {PartKind::kCouncilMinutes, "bien_ban"},
                                        {PartKind::kAttachment, "attachment"}};
constexpr Name<PartOrigin> kPartOrigins[] = {
    {PartOrigin::kGenerated, "generated"}, {PartOrigin::kUploaded, "uploaded"}, {PartOrigin::kEvidence, "evidence"}};
constexpr Name<SegmentKind> kSegmentKinds[] = {
    {SegmentKind::kSpeech, "speech"}, {SegmentKind::kAward, "award"}, {SegmentKind::kOther, "other"}};

std::string_view ProposalStatusVi(ProposalStatus s) {
  switch (s) {
    case ProposalStatus::kDraft: return "bản nháp";
    case ProposalStatus::kSubmitted: return "đã gửi";
    case ProposalStatus::kInReview: return "đang thẩm định";
    case ProposalStatus::kVoted: return "đã bỏ phiếu";
    case ProposalStatus::kAwaitingSignature: return "chờ ký";
    case ProposalStatus::kDecided: return "đã có quyết định";
    case ProposalStatus::kReturned: return "đã trả lại";
    case ProposalStatus::kRevoked: return "đã bị thu hồi";
  }
  return "";
}

}  // namespace

std::string_view ToString(IssuerKind k) { return NameIn(kIssuerKinds, k); }
std::optional<IssuerKind> ParseIssuerKind(std::string_view s) { return ValueIn(kIssuerKinds, s); }
std::string_view ToString(DocumentFormat f) { return NameIn(kFormats, f); }
std::optional<DocumentFormat> ParseDocumentFormat(std::string_view s) { return ValueIn(kFormats, s); }
std::string_view ToString(ProposalStatus s) { return NameIn(kProposalStatuses, s); }
std::optional<ProposalStatus> ParseProposalStatus(std::string_view s) { return ValueIn(kProposalStatuses, s); }
std::string_view ToString(ProposalAction a) { return NameIn(kProposalActions, a); }
std::optional<ProposalAction> ParseProposalAction(std::string_view s) { return ValueIn(kProposalActions, s); }
std::string_view ToString(PartKind k) { return NameIn(kPartKinds, k); }
std::string_view ToString(PartOrigin o) { return NameIn(kPartOrigins, o); }
std::optional<PartKind> ParsePartKind(std::string_view s) { return ValueIn(kPartKinds, s); }
std::optional<PartOrigin> ParsePartOrigin(std::string_view s) { return ValueIn(kPartOrigins, s); }
std::string_view ToString(SegmentKind k) { return NameIn(kSegmentKinds, k); }
std::optional<SegmentKind> ParseSegmentKind(std::string_view s) { return ValueIn(kSegmentKinds, s); }
std::string_view ToString(DecisionStatus s) { return s == DecisionStatus::kIssued ? "issued" : "revoked"; }
std::string_view ToString(CertificateStatus s) { return s == CertificateStatus::kValid ? "valid" : "revoked"; }

Status ValidateAwardType(const AwardType& t) {
  if (t.code.empty() || t.code.size() > 64 ||
      !std::all_of(t.code.begin(), t.code.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }))
    return InvalidField("invalid_code", "Mã loại khen thưởng chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới.",
                        "An award type code is lower-case ASCII letters, digits and underscores.", "code");
  if (t.name.empty() || CountChars(t.name) > 300)
    return InvalidField("field_required", "Tên loại khen thưởng là bắt buộc (tối đa 300 ký tự).",
                        "An award type needs a name (at most 300 characters).", "name");
  if (t.legal_basis.empty())
    return InvalidField("field_required", "Cần nêu căn cứ pháp lý của loại khen thưởng.",
                        "An award type needs its legal basis.", "legal_basis");
  if (!(t.bonus_coefficient >= 0 && t.bonus_coefficient <= 100))
    return InvalidField("invalid_coefficient", "Hệ số tiền thưởng phải từ 0 đến 100.",
                        "The bonus coefficient must be between 0 and 100.", "bonus_coefficient");
  return OkStatus();
}

Result<BaseSalary> BaseSalaryOn(const std::vector<BaseSalary>& table, const Date& on) {
  const BaseSalary* found = nullptr;
  for (const auto& row : table)
    if (row.effective_from <= on && (!found || row.effective_from > found->effective_from)) found = &row;
  if (!found)
    return MakeError(ErrorKind::kNotFound, "base_salary_unknown",
                     "Chưa có mức lương cơ sở áp dụng cho ngày " + on.Vietnamese() + ".",
                     "No base salary is recorded for " + on.Vietnamese() + ".")
        .WithDetail("date", boost::json::string(on.Iso()));
  return *found;
}

int64_t ComputeBonus(double coefficient, int64_t base_salary, int64_t rounding) {
  if (rounding < 1) rounding = 1;
  // In whole đồng first (coefficients have few decimals; llround absorbs the binary error), then to the multiple.
  const int64_t exact = std::llround(coefficient * static_cast<double>(base_salary));
  return (exact + rounding / 2) / rounding * rounding;
}

Status ValidateIssuer(const Issuer& i) {
  if (i.name.empty() || CountChars(i.name) > 300)
    return InvalidField("field_required", "Tên cơ quan ban hành là bắt buộc.", "An issuer needs a name.", "name");
  if (i.symbol.empty() || CountChars(i.symbol) > 32 || i.symbol.find_first_of("/ ") != std::string::npos)
    return InvalidField("invalid_symbol", "Ký hiệu cơ quan (ví dụ UBND, ĐU) là bắt buộc, không có dấu \"/\" hay khoảng trắng.",
                        "The issuer's symbol (e.g. UBND, ĐU) is required, without \"/\" or spaces.", "symbol");
  if (i.place.empty())
    return InvalidField("field_required", "Cần địa danh ghi trên văn bản (ví dụ Hoàn Kiếm).",
                        "The place written on documents (e.g. Hoàn Kiếm) is required.", "place");
  return OkStatus();
}

std::string DecisionSymbol(DocumentFormat format, int number, const std::string& issuer_symbol) {
  return format == DocumentFormat::kParty ? fmt::format("{}-QĐ/{}", number, issuer_symbol)
                                          : fmt::format("{}/QĐ-{}", number, issuer_symbol);
}

ProposalActor ActorFor(ProposalAction a) {
  switch (a) {
    case ProposalAction::kSubmit: return ProposalActor::kProposer;
    case ProposalAction::kDecide:
    case ProposalAction::kRevoke: return ProposalActor::kSigner;
    default: return ProposalActor::kOfficer;
  }
}

Result<ProposalStatus> NextProposalStatus(ProposalStatus from, ProposalAction action, const std::string& reason) {
  using S = ProposalStatus;
  std::optional<S> to;
  switch (action) {
    case ProposalAction::kSubmit: if (from == S::kDraft || from == S::kReturned) to = S::kSubmitted; break;
    case ProposalAction::kAccept: if (from == S::kSubmitted) to = S::kInReview; break;
    case ProposalAction::kRecordVote: if (from == S::kInReview) to = S::kVoted; break;
    case ProposalAction::kForward: if (from == S::kVoted) to = S::kAwaitingSignature; break;
    case ProposalAction::kReturn:
      if (from == S::kSubmitted || from == S::kInReview || from == S::kVoted || from == S::kAwaitingSignature)
        to = S::kReturned;
      break;
    case ProposalAction::kDecide: if (from == S::kAwaitingSignature) to = S::kDecided; break;
    case ProposalAction::kRevoke: if (from == S::kDecided) to = S::kRevoked; break;
  }
  if (!to)
    return MakeError(ErrorKind::kInvalidTransition, "invalid_transition",
                     fmt::format("Không thể \"{}\" một hồ sơ đề nghị {}.", ToString(action), ProposalStatusVi(from)),
                     fmt::format("Cannot {} a proposal that is {}.", ToString(action), ToString(from)))
        .WithDetail("from", boost::json::string(ToString(from)))
        .WithDetail("action", boost::json::string(ToString(action)));
  if (action == ProposalAction::kReturn && reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return InvalidField("reason_required", "Trả lại hồ sơ phải nêu lý do.", "Returning a proposal needs a reason.",
                        "reason");
  return *to;
}

Status ValidateNominee(const Nominee& n, const AwardType& type, const std::optional<Model>& model) {
  if (n.subject != type.subject)
    return InvalidField("subject_mismatch",
                        fmt::format("\"{}\" dành cho {}.", type.name,
                                    type.subject == Subject::kCollective ? "tập thể" : "cá nhân"),
                        fmt::format("\"{}\" is for {}s.", type.name, ToString(type.subject)), "award_type_id");
  if (n.name.empty() || CountChars(n.name) > 300)
    return InvalidField("field_required", "Cần tên tập thể hoặc cá nhân được đề nghị.",
                        "A nominee needs a name.", "name");
  if (n.achievement.empty() || CountChars(n.achievement) > 4000)
    return InvalidField("achievement_required", "Cần tóm tắt thành tích (tối đa 4.000 ký tự).",
                        "A nominee needs an achievement summary (at most 4,000 characters).", "achievement");
  if (n.subject == Subject::kIndividual && n.organisation_id && !n.person_id)
    return InvalidField("subject_mismatch", "Cá nhân được đề nghị phải là một người, không phải tổ chức.",
                        "An individual nominee is a person, not an organisation.", "organisation_id");
  if (n.subject == Subject::kCollective && n.person_id)
    return InvalidField("subject_mismatch", "Tập thể được đề nghị phải là một tổ chức, không phải một người.",
                        "A collective nominee is an organisation, not a person.", "person_id");
  if (model) {
    if (model->status != ModelStatus::kRecognised && model->status != ModelStatus::kCarriedOver)
      return InvalidField("model_not_recognised",
                          fmt::format("Mô hình \"{}\" chưa được công nhận nên chưa thể đề nghị khen thưởng.", model->title),
                          fmt::format("The model \"{}\" is not recognised, so it cannot be proposed for an award.", model->title),
                          "model_id");
    if (model->subject != n.subject)
      return InvalidField("subject_mismatch", "Đối tượng của mô hình (tập thể/cá nhân) khác với đề nghị.",
                          "The model's subject (collective/individual) differs from the nominee's.", "model_id");
  }
  return OkStatus();
}

Error AchievementAlreadyRewarded(const std::string& model_title, const std::string& first_award) {
  return MakeError(ErrorKind::kConflict, "achievement_already_rewarded",
                   fmt::format("Mỗi thành tích chỉ được khen thưởng một lần: \"{}\" đã được đề nghị hoặc khen thưởng "
                               "trong {}.", model_title, first_award),
                   fmt::format("One achievement is rewarded once: \"{}\" is already proposed or rewarded in {}.",
                               model_title, first_award))
      .WithDetail("first_award", boost::json::string(first_award));
}

int64_t Decision::total_amount() const {
  int64_t total = 0;
  for (const auto& b : beneficiaries) total += b.amount;
  return total;
}

Status ValidateSignerCapacity(const std::string& capacity) {
  static constexpr std::string_view kAllowed[] = {"", "TM.", "KT.", "Q.", "TL.", "TUQ."};
  if (std::find(std::begin(kAllowed), std::end(kAllowed), capacity) == std::end(kAllowed))
    return InvalidField("invalid_signer_capacity", "Thẩm quyền ký phải là TM., KT., Q., TL., TUQ. hoặc để trống.",
                        "The signer's capacity must be TM., KT., Q., TL., TUQ. or empty.", "signer_capacity");
  return OkStatus();
}

Status ValidateRevocation(const Decision& d, const Date& on, const std::string& reason) {
  if (d.status == DecisionStatus::kRevoked)
    return MakeError(ErrorKind::kInvalidTransition, "decision_revoked", "Quyết định này đã bị thu hồi.",
                     "This decision is already revoked.");
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return InvalidField("reason_required", "Thu hồi quyết định phải nêu lý do.", "Revoking a decision needs a reason.",
                        "reason");
  if (on < d.decided_on)
    return InvalidField("invalid_date", "Ngày thu hồi không thể trước ngày ký quyết định.",
                        "A decision cannot be revoked before the day it was signed.", "revoked_on");
  return OkStatus();
}

std::vector<Anniversary> AnniversariesOn(const Date& on) {
  struct Origin {
    const char* code;
    const char* vi;
    const char* en;
    Date date;
  };
  static const Origin kOrigins[] = {
      {"tradition_day", "Ngày truyền thống công tác dân vận của Đảng", "Tradition day of the Party's mass mobilization work",
       Date::FromYmd(1930, 10, 15)},
      {"national_day", "Ngày Dân vận của cả nước", "National Mass Mobilization Day", Date::FromYmd(1999, 10, 15)},
  };
  std::vector<Anniversary> out;
  for (const auto& o : kOrigins) {
    const int count = on.year() - o.date.year();
    if (count < 1) continue;
    out.push_back(Anniversary{o.code, o.vi, o.en, o.date, Date::FromYmd(on.year(), o.date.month(), o.date.day()), count});
  }
  return out;
}

Status ValidateEvent(const Event& e) {
  if (e.title.empty() || CountChars(e.title) > 300)
    return InvalidField("field_required", "Tên sự kiện là bắt buộc (tối đa 300 ký tự).",
                        "An event needs a title (at most 300 characters).", "title");
  if (e.place.empty())
    return InvalidField("field_required", "Cần địa điểm tổ chức.", "An event needs a place.", "place");
  if (!(e.starts_at < e.ends_at))
    return InvalidField("invalid_period", "Giờ kết thúc phải sau giờ bắt đầu.", "The end must come after the start.",
                        "ends_at");
  for (const auto& s : e.segments) {
    if (s.title.empty())
      return InvalidField("field_required", "Mỗi phần của chương trình cần tiêu đề.", "Every segment needs a title.",
                          "segments");
    if (s.kind == SegmentKind::kAward && !s.decision_id)
      return InvalidField("decision_required", "Phần trao thưởng phải gắn với một quyết định.",
                          "An award segment names its decision.", "segments");
    if (s.kind != SegmentKind::kOther && s.presenter_name.empty())
      return InvalidField("presenter_required", "Phần phát biểu hoặc trao thưởng cần người trình bày/trao.",
                          "Speeches and award segments need a presenter.", "segments");
  }
  return OkStatus();
}

namespace {

// RFC 5545 §3.3.11: backslash, semicolon and comma escaped; newlines as \n.
std::string IcsText(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out.push_back(c);
    }
  }
  return out;
}

// RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + space); never inside a UTF-8 sequence.
std::string Fold(const std::string& line) {
  std::string out;
  size_t start = 0, limit = 75;
  while (line.size() - start > limit) {
    size_t cut = start + limit;
    while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line, start, cut - start);
    out += "\r\n ";
    start = cut;
    limit = 74;  // the leading space counts
  }
  out.append(line, start, std::string::npos);
  return out + "\r\n";
}

// "2022-10-13T01:00:00.000Z" → "20221013T010000Z".
std::string IcsUtc(const std::string& iso) {
  std::string out;
  for (char c : iso.substr(0, 19))
    if (c != '-' && c != ':') out.push_back(c);
  return out + "Z";
}

}  // namespace

std::string EventCalendar(const Event& e, const std::string& uid_domain, const std::string& stamp_utc) {
  std::string description = e.description;
  for (const auto& a : AnniversariesOn(e.held_on))
    description += fmt::format("{}Kỷ niệm {} năm {} ({} – {}).", description.empty() ? "" : "\n", a.count, a.name_vi,
                               a.origin.Vietnamese(), a.this_year.Vietnamese());
  if (!e.segments.empty()) description += "\n\nChương trình:";
  for (const auto& s : e.segments) {
    description += fmt::format("\n{}. {}", s.position, s.title);
    if (!s.presenter_name.empty())
      description += fmt::format(" — {}{}", s.presenter_name, s.presenter_title.empty() ? "" : ", " + s.presenter_title);
  }
  std::string out;
  out += Fold("BEGIN:VCALENDAR");
  out += Fold("VERSION:2.0");
  out += Fold("PRODID:-//danvan//Dan van kheo//VI");
  out += Fold("CALSCALE:GREGORIAN");
  out += Fold("METHOD:PUBLISH");
  out += Fold("BEGIN:VEVENT");
  out += Fold(fmt::format("UID:event-{}@{}", e.id, uid_domain));
  out += Fold("DTSTAMP:" + IcsUtc(stamp_utc));
  out += Fold("DTSTART:" + IcsUtc(e.starts_at));
  out += Fold("DTEND:" + IcsUtc(e.ends_at));
  out += Fold("SUMMARY;LANGUAGE=vi:" + IcsText(e.title));
  out += Fold("LOCATION;LANGUAGE=vi:" + IcsText(e.place));
  out += Fold("DESCRIPTION;LANGUAGE=vi:" + IcsText(description));
  out += Fold("END:VEVENT");
  out += Fold("END:VCALENDAR");
  return out;
}

}  // namespace danvan
