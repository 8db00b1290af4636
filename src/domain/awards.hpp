#pragma once
//! Commendation (thi đua, khen thưởng): award types, bonuses, proposals and their lifecycle, decision numbers,
//! decisions and certificates, the ceremony with its anniversaries and its calendar entry. Pure rules;
//! services/awards.cpp does the I/O.

#include "core/date.hpp"
#include "core/error.hpp"
#include "domain/movement.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace danvan {

// ---- Award types and money ----

//! Who may issue an award: the Party committee, the People's Committee chair (Luật TĐKT 2022, Art. 80.3), the
//! Fatherland Front, or a body above the ward (e.g. the district's Mass Mobilization Commission).
enum class IssuerKind { kPartyCommittee, kPeoplesCommitteeChair, kFatherlandFront, kHigherLevel };
std::string_view ToString(IssuerKind k);
std::optional<IssuerKind> ParseIssuerKind(std::string_view s);

struct AwardType {
  int64_t id = 0;
  std::string code;  //!< "giay_khen_ubnd_tap_the"
  std::string name;  //!< "Giấy khen của Chủ tịch UBND cấp xã (tập thể)"
  IssuerKind issuer_kind = IssuerKind::kPeoplesCommitteeChair;
  Subject subject = Subject::kCollective;
  std::string legal_basis;
  double bonus_coefficient = 0;  //!< × the base salary on the decision date
  std::string created_at;
};

Status ValidateAwardType(const AwardType& t);

//! The base salary (mức lương cơ sở) from a date on, in đồng.
struct BaseSalary {
  Date effective_from;
  int64_t amount = 0;
  std::string legal_basis;
};

//! The base salary in force on `on`: the latest row that starts on or before it. kNotFound before the first.
Result<BaseSalary> BaseSalaryOn(const std::vector<BaseSalary>& table, const Date& on);

//! coefficient × base salary, rounded half up to a multiple of `rounding` đồng (1 = to the đồng).
int64_t ComputeBonus(double coefficient, int64_t base_salary, int64_t rounding);

// ---- Issuers and decision numbers ----

enum class DocumentFormat { kState, kParty };  //!< Nghị định 30/2020 | Hướng dẫn 36-HD/VPTW
std::string_view ToString(DocumentFormat f);
std::optional<DocumentFormat> ParseDocumentFormat(std::string_view s);

struct Issuer {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::optional<int64_t> organisation_id;
  std::string name;    //!< "Ủy ban nhân dân phường Lý Thái Tổ"
  IssuerKind kind = IssuerKind::kPeoplesCommitteeChair;
  DocumentFormat format = DocumentFormat::kState;
  std::string symbol;  //!< the issuer's abbreviation in numbers: "UBND", "ĐU"
  std::string place;   //!< the place in "Hoàn Kiếm, ngày 13 tháng 10 năm 2022"
  std::string created_at;
};

Status ValidateIssuer(const Issuer& i);

//! "12/QĐ-UBND" (state format) or "12-QĐ/ĐU" (Party format).
std::string DecisionSymbol(DocumentFormat format, int number, const std::string& issuer_symbol);

// ---- Proposals ----

enum class ProposalStatus { kDraft, kSubmitted, kInReview, kVoted, kAwaitingSignature, kDecided, kReturned, kRevoked };
std::string_view ToString(ProposalStatus s);
std::optional<ProposalStatus> ParseProposalStatus(std::string_view s);

//! Steps of a proposal (DESIGN.md): submit (draft or returned), accept for review, record the council's vote,
//! forward for signature, return (needs a reason), decide (by issuing its decision), revoke (with the decision).
enum class ProposalAction { kSubmit, kAccept, kRecordVote, kForward, kReturn, kDecide, kRevoke };
std::string_view ToString(ProposalAction a);
std::optional<ProposalAction> ParseProposalAction(std::string_view s);

//! Who does a step: the proposer (unit admin or unit member), the officer (unit admin), the signer.
enum class ProposalActor { kProposer, kOfficer, kSigner };
ProposalActor ActorFor(ProposalAction a);

//! The state a proposal reaches by `action`, or kInvalidTransition; a return without a reason is refused.
Result<ProposalStatus> NextProposalStatus(ProposalStatus from, ProposalAction action, const std::string& reason);

struct Nominee {
  int64_t id = 0;
  int64_t proposal_id = 0;
  int64_t award_type_id = 0;
  Subject subject = Subject::kCollective;
  std::optional<int64_t> model_id;  //!< a recognised model or exemplar of the movement
  std::optional<int64_t> organisation_id;
  std::optional<int64_t> person_id;
  std::string name;         //!< the collective's or the person's name as it will be printed
  std::string achievement;  //!< tóm tắt thành tích
};

enum class PartKind { kCoverSubmission, kAchievementReport, kCouncilMinutes, kAttachment };
enum class PartOrigin { kGenerated, kUploaded, kEvidence };
std::string_view ToString(PartKind k);
std::string_view ToString(PartOrigin o);
std::optional<PartKind> ParsePartKind(std::string_view s);
std::optional<PartOrigin> ParsePartOrigin(std::string_view s);

struct DossierPart {
  int64_t id = 0;
  int64_t proposal_id = 0;
  PartKind kind = PartKind::kAttachment;
  PartOrigin origin = PartOrigin::kUploaded;
  std::string title;
  std::optional<int64_t> attachment_id;  //!< evidence: a file of a nominee's progress report
  std::string file_name;
  std::string media_type;
  int64_t size_bytes = 0;
  bool has_content = false;  //!< generated parts have none until the documents layer renders them
  std::string created_at;
};

struct Proposal {
  int64_t id = 0;
  int64_t unit_id = 0;
  int64_t issuer_id = 0;
  std::optional<int64_t> campaign_id;
  std::optional<int64_t> council_session_id;
  int year = 0;  //!< the year of the achievements
  std::string title;
  ProposalStatus status = ProposalStatus::kDraft;
  std::string status_reason;
  std::string created_by;
  std::string created_at;
  std::string updated_at;
  std::vector<Nominee> nominees;
  std::vector<DossierPart> parts;
};

//! A nominee is a collective (organisation or name) or an individual (person or name) matching its award type,
//! with an achievement summary; a model must be recognised (or carried over) and of the same subject.
Status ValidateNominee(const Nominee& n, const AwardType& type, const std::optional<Model>& model);

//! "One achievement is rewarded once": the message when `model` is already claimed by `first_award`
//! (e.g. "Quyết định số 12-QĐ/ĐU" or "Hồ sơ đề nghị số 4 (đang xét)").
Error AchievementAlreadyRewarded(const std::string& model_title, const std::string& first_award);

// ---- Decisions and certificates ----

enum class DecisionStatus { kIssued, kRevoked };
std::string_view ToString(DecisionStatus s);

//! Signer's capacity before the title: TM. (on behalf of), KT. (for the head), Q., TL., TUQ., or none.
Status ValidateSignerCapacity(const std::string& capacity);

struct Beneficiary {
  int64_t id = 0;
  int64_t decision_id = 0;
  std::optional<int64_t> nominee_id;
  int64_t award_type_id = 0;
  Subject subject = Subject::kCollective;
  std::optional<int64_t> model_id;
  std::optional<int64_t> organisation_id;
  std::optional<int64_t> person_id;
  std::string name;
  std::string achievement;
  double coefficient = 0;
  int64_t amount = 0;  //!< đồng
  std::optional<int64_t> certificate_id;
  std::string certificate_public_id;
};

struct Decision {
  int64_t id = 0;
  int64_t unit_id = 0;
  int64_t issuer_id = 0;
  std::optional<int64_t> proposal_id;
  int year = 0;
  int number = 0;
  std::string symbol;  //!< "12/QĐ-UBND"
  Date decided_on;
  std::string place;
  std::string summary;                   //!< "Về việc ..."
  std::vector<std::string> legal_bases;  //!< each "Căn cứ ..." line
  std::string executors;                 //!< who executes (Điều 3)
  std::string recipients;                //!< "Nơi nhận"
  std::string signer_capacity;
  std::string signer_title;
  std::string signer_name;
  int64_t base_salary = 0;
  DecisionStatus status = DecisionStatus::kIssued;
  std::optional<Date> revoked_on;
  std::string revocation_reason;
  std::string issued_by;
  std::string created_at;
  std::vector<Beneficiary> beneficiaries;
  int64_t total_amount() const;
};

enum class CertificateStatus { kValid, kRevoked };
std::string_view ToString(CertificateStatus s);

struct Certificate {
  int64_t id = 0;
  std::string public_id;  //!< what the QR code carries: /verify/{public_id}
  int64_t decision_id = 0;
  int64_t beneficiary_id = 0;
  CertificateStatus status = CertificateStatus::kValid;
  std::optional<Date> revoked_on;
  std::string revocation_reason;
  std::optional<std::string> signature;  //!< the signed credential: a compact JWS (domain/credential.hpp)
  std::optional<std::string> key_id;     //!< the "kid" of the key that signed it
  std::string issued_at;
};

//! Revoking needs a reason and a date not before the decision's.
Status ValidateRevocation(const Decision& d, const Date& on, const std::string& reason);

// ---- The ceremony ----

//! A computed anniversary: "kỷ niệm 92 năm Ngày truyền thống công tác dân vận của Đảng (15/10/1930 – 15/10/2022)".
struct Anniversary {
  std::string code;  //!< "tradition_day" | "national_day"
  std::string name_vi;
  std::string name_en;
  Date origin;
  Date this_year;  //!< the day it falls on in the event's year
  int count = 0;   //!< the 92nd (tradition day, since 1930) or 23rd (national day, since 1999)
};

//! The mass-mobilization anniversaries an event on `on` celebrates: the Party's tradition day (15/10/1930,
//! counted in years) and the National Mass Mobilization Day (15/10 since 1999, counted as days held).
std::vector<Anniversary> AnniversariesOn(const Date& on);

enum class SegmentKind { kSpeech, kAward, kOther };
std::string_view ToString(SegmentKind k);
std::optional<SegmentKind> ParseSegmentKind(std::string_view s);

struct SegmentRecipient {
  int64_t beneficiary_id = 0;
  int stage_order = 0;
  std::string name;  //!< filled when read
};

struct Segment {
  int64_t id = 0;
  int position = 0;
  SegmentKind kind = SegmentKind::kSpeech;
  std::string title;
  std::optional<int64_t> presenter_person_id;
  std::string presenter_name;   //!< who speaks or hands out; not the issuer of the decision
  std::string presenter_title;
  std::optional<int64_t> decision_id;
  std::vector<SegmentRecipient> recipients;
};

struct Event {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string title;
  Date held_on;
  std::string starts_at;  //!< UTC, as stored
  std::string ends_at;
  std::string place;
  std::string description;
  std::string created_at;
  std::vector<Segment> segments;
};

//! Title, place and times present; the end after the start; award segments name a decision and recipients
//! only from it (checked by the service), speeches a presenter.
Status ValidateEvent(const Event& e);

//! The event as an iCalendar file (RFC 5545): CRLF lines folded at 75 octets without splitting a UTF-8
//! character, text escaped (\\ \; \, \n), times in UTC; the program and the anniversaries in the description.
std::string EventCalendar(const Event& e, const std::string& uid_domain, const std::string& stamp_utc);

}  // namespace danvan
