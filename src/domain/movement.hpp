#pragma once
//! The "Dân vận khéo" movement: campaigns, models and exemplars and their lifecycle, registration rules,
//! council scoring and the secret ballot. Pure rules; services/movement.cpp does the I/O.

#include "core/date.hpp"
#include "core/error.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace danvan {

// ---- Campaigns ----

struct Criterion {
  int64_t id = 0;
  std::string name;
  double weight = 1;      //!< relative weight in the total
  double max_score = 10;  //!< a member scores 0 … max_score
};

struct RecognitionLevel {
  std::string code;  //!< "co_so", "quan", …
  std::string name;  //!< "Mô hình Dân vận khéo cấp cơ sở"
};

//! How many models an organisation kind must / may register (e.g. Đảng ủy 1–3, MTTQ at least 1).
struct Quota {
  std::string organisation_kind;
  int min_models = 0;
  std::optional<int> max_models;
};

enum class CampaignStatus { kDraft, kOpen, kClosed };
std::string_view ToString(CampaignStatus s);
std::optional<CampaignStatus> ParseCampaignStatus(std::string_view s);

struct Campaign {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string movement = "Dân vận khéo";
  std::string title;
  Date starts_on;
  Date ends_on;
  std::string launch_document;  //!< "Kế hoạch số 12-KH/ĐU"
  std::optional<Date> launch_date;
  Date registration_deadline;
  std::optional<Date> interim_review_on;  //!< sơ kết
  std::optional<Date> final_review_on;    //!< tổng kết
  double pass_score = 70;                 //!< weighted total (0–100) a model needs
  double ballot_threshold = 0.5;          //!< share of all council members who must agree (strictly more)
  double quorum = 2.0 / 3;                //!< share of council members who must attend
  CampaignStatus status = CampaignStatus::kDraft;
  std::vector<std::string> fields;  //!< field codes; the four official ones by default
  std::vector<Criterion> criteria;
  std::vector<RecognitionLevel> levels;
  std::vector<Quota> quotas;
  std::vector<std::string> linked_movements;  //!< other emulation movements this campaign is tied to
  std::string created_at;
};

Status ValidateCampaign(const Campaign& c);

// ---- Models and exemplars ----

enum class ModelKind { kModel, kExemplar };        //!< mô hình | điển hình
enum class Subject { kCollective, kIndividual };   //!< tập thể | cá nhân
enum class ModelStatus {
  kDraft,
  kRegistered,
  kActive,
  kProposed,
  kRecognised,
  kNotRecognised,
  kCarriedOver,
  kStopped,
};
std::string_view ToString(ModelKind k);
std::string_view ToString(Subject s);
std::string_view ToString(ModelStatus s);
std::optional<ModelKind> ParseModelKind(std::string_view s);
std::optional<Subject> ParseSubject(std::string_view s);
std::optional<ModelStatus> ParseModelStatus(std::string_view s);

//! What can be done to a model; the lifecycle of DESIGN.md.
enum class ModelAction { kRegister, kActivate, kPropose, kRecognise, kRejectRecognition, kCarryOver, kStop };
std::string_view ToString(ModelAction a);
std::optional<ModelAction> ParseModelAction(std::string_view s);

//! The state a model reaches by `action` from `from`, or kInvalidTransition naming both.
Result<ModelStatus> NextStatus(ModelStatus from, ModelAction action);

struct Indicator {
  std::string name;
  std::string unit;  //!< "buổi", "người", "%"
  double target = 0;
  std::optional<double> actual;
};

struct Model {
  int64_t id = 0;
  int64_t campaign_id = 0;
  int64_t unit_id = 0;
  ModelKind kind = ModelKind::kModel;
  Subject subject = Subject::kCollective;
  std::string field;
  std::string title;
  std::optional<int64_t> owner_organisation_id;
  std::optional<int64_t> owner_person_id;
  std::string address;
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::string description;
  std::string goals;
  std::vector<Indicator> indicators;
  std::optional<Date> started_on;
  ModelStatus status = ModelStatus::kDraft;
  std::optional<std::string> recognition_level;
  std::string status_reason;                 //!< why stopped / not recognised
  std::optional<int64_t> source_model_id;    //!< replication: the model it copies
  std::optional<int64_t> carried_from_id;    //!< carry-over: last year's record
  std::optional<std::string> registered_at;  //!< UTC
  std::string created_at;
  std::string updated_at;
};

Status ValidateModel(const Model& m, const Campaign& c);

//! Registration is open until the deadline (inclusive, Vietnam's date) unless reopened for the organisation.
Status CheckRegistrationOpen(const Campaign& c, const Date& today, bool reopened_for_owner);

//! Registering one more model for an organisation of `kind` that already has `registered` in the campaign.
Status CheckQuota(const Campaign& c, const std::string& organisation_kind, int registered);

// ---- Progress reports and their evidence ----

enum class ReportKind { kProgress, kInterim, kFinal };  //!< báo cáo tiến độ | sơ kết | tổng kết
std::string_view ToString(ReportKind k);
std::optional<ReportKind> ParseReportKind(std::string_view s);

struct AttachmentMeta {
  int64_t id = 0;
  int64_t report_id = 0;
  std::string file_name;
  std::string media_type;
  int64_t size_bytes = 0;
  std::optional<int> width, height;
  bool is_public = false;  //!< the owner marked it for the public showcase
  bool has_thumbnail = false;
  std::string created_at;
};

struct ProgressReport {
  int64_t id = 0;
  int64_t model_id = 0;
  ReportKind kind = ReportKind::kProgress;
  std::string body;
  std::string author;  //!< display name of who wrote it
  std::string created_at;
  std::vector<AttachmentMeta> attachments;
};

// ---- Council scoring and the secret ballot ----

struct CriterionResult {
  int64_t criterion_id = 0;
  double mean = 0;
  double min = 0;
  double max = 0;
  double stddev = 0;  //!< population standard deviation: the spread between members
  int scored_by = 0;
};

struct ScoreResult {
  std::vector<CriterionResult> criteria;
  double total = 0;  //!< weighted, 0–100
  bool complete = false;  //!< every scoring member scored every criterion
};

//! scores[member][criterion] for one model, by the members who scored.
ScoreResult ComputeScore(const std::vector<Criterion>& criteria,
                         const std::map<int64_t, std::map<int64_t, double>>& scores);

Status ValidateScore(const Criterion& criterion, double score);

enum class Vote { kAgree, kDisagree, kAbstain };
std::string_view ToString(Vote v);
std::optional<Vote> ParseVote(std::string_view s);

struct Tally {
  int agree = 0;
  int disagree = 0;
  int abstain = 0;
  int voted() const { return agree + disagree + abstain; }
};

struct BallotOutcome {
  bool quorum_met = false;
  bool passed = false;
  int needed = 0;  //!< agree votes needed to pass
  int quorum_needed = 0;  //!< members who must attend
};

//! Quorum: attendance ≥ ⌈quorum × members⌉. Passing: agree > threshold × members (of the whole council;
//! abstentions and absences count against).
BallotOutcome DecideBallot(const Tally& tally, int members, int present, double quorum, double threshold);

}  // namespace danvan
