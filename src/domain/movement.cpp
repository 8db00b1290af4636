#include "domain/movement.hpp"
#include "domain/validation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace danvan {
namespace {

// Vietnamese names of the states, for messages.
std::string_view StatusVi(ModelStatus s) {
  switch (s) {
    case ModelStatus::kDraft: return "bản nháp";
    case ModelStatus::kRegistered: return "đã đăng ký";
    case ModelStatus::kActive: return "đang thực hiện";
    case ModelStatus::kProposed: return "đã đề nghị công nhận";
    case ModelStatus::kRecognised: return "đã được công nhận";
    case ModelStatus::kNotRecognised: return "không được công nhận";
    case ModelStatus::kCarriedOver: return "đã chuyển sang năm sau";
    case ModelStatus::kStopped: return "đã dừng";
  }
  return "";
}

}  // namespace

std::string_view ToString(CampaignStatus s) {
  switch (s) {
    case CampaignStatus::kDraft: return "draft";
    case CampaignStatus::kOpen: return "open";
    case CampaignStatus::kClosed: return "closed";
  }
  return "draft";
}
std::optional<CampaignStatus> ParseCampaignStatus(std::string_view s) {
  static constexpr CampaignStatus kAll[] = {CampaignStatus::kDraft, CampaignStatus::kOpen, CampaignStatus::kClosed};
  return ParseEnum(s, kAll);
}

std::string_view ToString(ModelKind k) { return k == ModelKind::kModel ? "model" : "exemplar"; }
std::string_view ToString(Subject s) { return s == Subject::kCollective ? "collective" : "individual"; }
std::string_view ToString(ModelStatus s) {
  switch (s) {
    case ModelStatus::kDraft: return "draft";
    case ModelStatus::kRegistered: return "registered";
    case ModelStatus::kActive: return "active";
    case ModelStatus::kProposed: return "proposed";
    case ModelStatus::kRecognised: return "recognised";
    case ModelStatus::kNotRecognised: return "not_recognised";
    case ModelStatus::kCarriedOver: return "carried_over";
    case ModelStatus::kStopped: return "stopped";
  }
  return "draft";
}
std::optional<ModelKind> ParseModelKind(std::string_view s) {
  static constexpr ModelKind kAll[] = {ModelKind::kModel, ModelKind::kExemplar};
  return ParseEnum(s, kAll);
}
std::optional<Subject> ParseSubject(std::string_view s) {
  static constexpr Subject kAll[] = {Subject::kCollective, Subject::kIndividual};
  return ParseEnum(s, kAll);
}
std::optional<ModelStatus> ParseModelStatus(std::string_view s) {
  static constexpr ModelStatus kAll[] = {ModelStatus::kDraft,      ModelStatus::kRegistered,    ModelStatus::kActive,
                                         ModelStatus::kProposed,   ModelStatus::kRecognised,    ModelStatus::kNotRecognised,
                                         ModelStatus::kCarriedOver, ModelStatus::kStopped};
  return ParseEnum(s, kAll);
}

std::string_view ToString(ModelAction a) {
  switch (a) {
    case ModelAction::kRegister: return "register";
    case ModelAction::kActivate: return "activate";
    case ModelAction::kPropose: return "propose";
    case ModelAction::kRecognise: return "recognise";
    case ModelAction::kRejectRecognition: return "reject_recognition";
    case ModelAction::kCarryOver: return "carry_over";
    case ModelAction::kStop: return "stop";
  }
  return "stop";
}
std::optional<ModelAction> ParseModelAction(std::string_view s) {
  static constexpr ModelAction kAll[] = {ModelAction::kRegister,  ModelAction::kActivate,
                                         ModelAction::kPropose,   ModelAction::kRecognise,
                                         ModelAction::kRejectRecognition, ModelAction::kCarryOver,
                                         ModelAction::kStop};
  return ParseEnum(s, kAll);
}

Result<ModelStatus> NextStatus(ModelStatus from, ModelAction action) {
  using S = ModelStatus;
  std::optional<S> to;
  switch (action) {
    case ModelAction::kRegister: if (from == S::kDraft) to = S::kRegistered; break;
    case ModelAction::kActivate: if (from == S::kRegistered) to = S::kActive; break;
    case ModelAction::kPropose: if (from == S::kActive) to = S::kProposed; break;
    case ModelAction::kRecognise: if (from == S::kProposed) to = S::kRecognised; break;
    case ModelAction::kRejectRecognition: if (from == S::kProposed) to = S::kNotRecognised; break;
    case ModelAction::kCarryOver: if (from == S::kRecognised) to = S::kCarriedOver; break;
    case ModelAction::kStop:
      if (from != S::kStopped && from != S::kCarriedOver && from != S::kNotRecognised) to = S::kStopped;
      break;
  }
  if (to) return *to;
  return MakeError(ErrorKind::kInvalidTransition, "invalid_transition",
                   fmt::format("Không thể \"{}\" một mô hình {}.", ToString(action), StatusVi(from)),
                   fmt::format("Cannot {} a model that is {}.", ToString(action), ToString(from)))
      .WithDetail("from", boost::json::string(ToString(from)))
      .WithDetail("action", boost::json::string(ToString(action)));
}

Status ValidateCampaign(const Campaign& c) {
  if (c.title.empty() || CountChars(c.title) > 300)
    return InvalidField("invalid_title", "Tên đợt thi đua phải có từ 1 đến 300 ký tự.",
                   "A campaign's title must have 1 to 300 characters.", "title");
  if (c.ends_on <= c.starts_on)
    return InvalidField("invalid_period", "Ngày kết thúc phải sau ngày bắt đầu.", "ends_on must come after starts_on.",
                   "ends_on");
  if (c.registration_deadline < c.starts_on || c.registration_deadline > c.ends_on)
    return InvalidField("invalid_deadline", "Hạn đăng ký phải nằm trong thời gian của đợt thi đua.",
                   "The registration deadline must fall within the campaign.", "registration_deadline");
  if (c.interim_review_on && (*c.interim_review_on < c.registration_deadline || *c.interim_review_on > c.ends_on))
    return InvalidField("invalid_deadline", "Ngày sơ kết phải sau hạn đăng ký và trong thời gian của đợt.",
                   "The interim review must come after registration and within the campaign.", "interim_review_on");
  if (c.final_review_on &&
      (*c.final_review_on < c.interim_review_on.value_or(c.registration_deadline) || *c.final_review_on > c.ends_on))
    return InvalidField("invalid_deadline", "Ngày tổng kết phải sau ngày sơ kết và trong thời gian của đợt.",
                   "The final review must come after the interim review and within the campaign.", "final_review_on");
  if (c.fields.empty())
    return InvalidField("fields_required", "Cần ít nhất một lĩnh vực.", "At least one field is needed.", "fields");
  if (c.criteria.empty())
    return InvalidField("criteria_required", "Cần ít nhất một tiêu chí chấm điểm.", "At least one criterion is needed.",
                   "criteria");
  for (const auto& cr : c.criteria)
    if (cr.name.empty() || cr.weight <= 0 || cr.max_score <= 0)
      return InvalidField("invalid_criterion", "Mỗi tiêu chí cần tên, trọng số và điểm tối đa dương.",
                     "Each criterion needs a name, a positive weight and a positive maximum score.", "criteria");
  if (c.levels.empty())
    return InvalidField("levels_required", "Cần ít nhất một cấp công nhận.", "At least one recognition level is needed.",
                   "levels");
  if (c.pass_score < 0 || c.pass_score > 100 || c.ballot_threshold < 0 || c.ballot_threshold >= 1 || c.quorum <= 0 ||
      c.quorum > 1)
    return InvalidField("invalid_threshold", "Ngưỡng điểm (0–100), ngưỡng biểu quyết (0–1) hoặc tỷ lệ có mặt (0–1) không hợp lệ.",
                   "The pass score (0–100), ballot threshold (0–1) or quorum (0–1) is out of range.", "pass_score");
  for (const auto& q : c.quotas)
    if (q.min_models < 0 || (q.max_models && *q.max_models < q.min_models))
      return InvalidField("invalid_quota", "Chỉ tiêu đăng ký không hợp lệ.", "A registration quota is inconsistent.", "quotas");
  return OkStatus();
}

Status ValidateModel(const Model& m, const Campaign& c) {
  if (m.title.empty() || CountChars(m.title) > 300)
    return InvalidField("invalid_title", "Tên mô hình phải có từ 1 đến 300 ký tự.", "A model's title must have 1 to 300 characters.",
                   "title");
  if (std::find(c.fields.begin(), c.fields.end(), m.field) == c.fields.end())
    return InvalidField("invalid_field", fmt::format("Lĩnh vực \"{}\" không thuộc đợt thi đua này.", m.field),
                   fmt::format("The field \"{}\" is not one of this campaign's.", m.field), "field");
  if (m.subject == Subject::kIndividual && !m.owner_person_id)
    return InvalidField("owner_required", "Điển hình cá nhân cần chọn người.", "An individual exemplar needs a person.",
                   "owner_person_id");
  if (m.subject == Subject::kCollective && !m.owner_organisation_id)
    return InvalidField("owner_required", "Mô hình, điển hình tập thể cần chọn tổ chức.",
                   "A collective model or exemplar needs an organisation.", "owner_organisation_id");
  if (m.kind == ModelKind::kModel && m.subject == Subject::kIndividual)
    return InvalidField("invalid_subject", "Mô hình là của tập thể; cá nhân là điển hình.",
                   "A model belongs to a collective; an individual is an exemplar.", "subject");
  if (m.address.empty() && m.kind == ModelKind::kModel)
    return InvalidField("address_required", "Mô hình cần có địa chỉ cụ thể.", "A model needs a concrete address.", "address");
  if ((m.latitude && (*m.latitude < -90 || *m.latitude > 90)) || (m.longitude && (*m.longitude < -180 || *m.longitude > 180)))
    return InvalidField("invalid_position", "Tọa độ không hợp lệ.", "The map position is out of range.", "latitude");
  for (const auto& i : m.indicators)
    if (i.name.empty())
      return InvalidField("invalid_indicator", "Mỗi chỉ tiêu cần có tên.", "Each indicator needs a name.", "indicators");
  return OkStatus();
}

Status CheckRegistrationOpen(const Campaign& c, const Date& today, bool reopened_for_owner) {
  if (c.status != CampaignStatus::kOpen)
    return MakeError(ErrorKind::kInvalidTransition, "campaign_not_open", "Đợt thi đua chưa mở hoặc đã kết thúc.",
                     "The campaign is not open.");
  if (today > c.registration_deadline && !reopened_for_owner)
    return MakeError(ErrorKind::kInvalidTransition, "registration_closed",
                     fmt::format("Đã hết hạn đăng ký ({}). Liên hệ cán bộ dân vận để được mở lại.",
                                 c.registration_deadline.Vietnamese()),
                     fmt::format("Registration closed on {}. Ask the mass mobilization officer to reopen it.",
                                 c.registration_deadline.Vietnamese()))
        .WithDetail("deadline", boost::json::string(c.registration_deadline.Iso()));
  return OkStatus();
}

Status CheckQuota(const Campaign& c, const std::string& organisation_kind, int registered) {
  for (const auto& q : c.quotas)
    if (q.organisation_kind == organisation_kind && q.max_models && registered + 1 > *q.max_models)
      return MakeError(ErrorKind::kConflict, "quota_exceeded",
                       fmt::format("Mỗi tổ chức loại này đăng ký tối đa {} mô hình.", *q.max_models),
                       fmt::format("An organisation of this kind may register at most {} models.", *q.max_models))
          .WithDetail("max_models", *q.max_models);
  return OkStatus();
}

ScoreResult ComputeScore(const std::vector<Criterion>& criteria,
                         const std::map<int64_t, std::map<int64_t, double>>& scores) {
  ScoreResult r;
  double weighted = 0, weights = 0;
  r.complete = !scores.empty();
  for (const auto& c : criteria) {
    CriterionResult cr;
    cr.criterion_id = c.id;
    std::vector<double> values;
    for (const auto& [member, by_criterion] : scores) {
      auto it = by_criterion.find(c.id);
      if (it == by_criterion.end()) {
        r.complete = false;
        continue;
      }
      values.push_back(it->second);
    }
    cr.scored_by = static_cast<int>(values.size());
    if (!values.empty()) {
      double sum = 0;
      for (double v : values) sum += v;
      cr.mean = sum / static_cast<double>(values.size());
      cr.min = *std::min_element(values.begin(), values.end());
      cr.max = *std::max_element(values.begin(), values.end());
      double sq = 0;
      for (double v : values) sq += (v - cr.mean) * (v - cr.mean);
      cr.stddev = std::sqrt(sq / static_cast<double>(values.size()));
    }
    weighted += c.weight * (cr.mean / c.max_score);
    weights += c.weight;
    r.criteria.push_back(cr);
  }
  r.total = weights > 0 ? std::round(weighted / weights * 10000.0) / 100.0 : 0;  // two decimals
  return r;
}

Status ValidateScore(const Criterion& criterion, double score) {
  if (!(score >= 0 && score <= criterion.max_score))
    return MakeError(ErrorKind::kInvalidInput, "invalid_score",
                     fmt::format("Điểm tiêu chí \"{}\" phải từ 0 đến {}.", criterion.name, criterion.max_score),
                     fmt::format("The score for \"{}\" must be between 0 and {}.", criterion.name, criterion.max_score))
        .WithDetail("criterion_id", criterion.id);
  return OkStatus();
}

std::string_view ToString(ReportKind k) {
  switch (k) {
    case ReportKind::kProgress: return "progress";
    case ReportKind::kInterim: return "interim";
    case ReportKind::kFinal: return "final";
  }
  return "progress";
}
std::optional<ReportKind> ParseReportKind(std::string_view s) {
  static constexpr ReportKind kAll[] = {ReportKind::kProgress, ReportKind::kInterim, ReportKind::kFinal};
  return ParseEnum(s, kAll);
}

std::string_view ToString(Vote v) {
  switch (v) {
    case Vote::kAgree: return "agree";
    case Vote::kDisagree: return "disagree";
    case Vote::kAbstain: return "abstain";
  }
  return "abstain";
}
std::optional<Vote> ParseVote(std::string_view s) {
  static constexpr Vote kAll[] = {Vote::kAgree, Vote::kDisagree, Vote::kAbstain};
  return ParseEnum(s, kAll);
}

BallotOutcome DecideBallot(const Tally& tally, int members, int present, double quorum, double threshold) {
  BallotOutcome o;
  // A small epsilon keeps 2/3 × 6 = 4 from becoming 4.000000001 → 5.
  const int quorum_needed = static_cast<int>(std::ceil(quorum * members - 1e-9));
  o.quorum_needed = quorum_needed;
  o.quorum_met = members > 0 && present >= quorum_needed;
  o.needed = static_cast<int>(std::floor(threshold * members + 1e-9)) + 1;
  o.passed = o.quorum_met && tally.agree >= o.needed;
  return o;
}

}  // namespace danvan
