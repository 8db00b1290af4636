#pragma once
//! The "Dân vận khéo" movement's use cases: campaigns, registration, models and their lifecycle, councils,
//! scoring and the secret ballot, recognition, carry-over and replication.

#include "core/error.hpp"
#include "core/time.hpp"
#include "services/audit.hpp"
#include "services/caller.hpp"
#include "services/list_export.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

namespace danvan {

struct CampaignInput {
  int64_t unit_id = 0;
  std::string title;
  std::string starts_on, ends_on, launch_document, launch_date, registration_deadline, interim_review_on,
      final_review_on;
  std::optional<double> pass_score, ballot_threshold, quorum;
  std::vector<std::string> fields;        //!< empty → the four official fields
  std::vector<Criterion> criteria;        //!< empty → the default criteria (docs/decisions.md)
  std::vector<RecognitionLevel> levels;   //!< empty → "cấp cơ sở"
  std::vector<Quota> quotas;
  std::vector<std::string> linked_movements;
};

//! One organisation's registrations against its quota.
struct RegistrationRow {
  Organisation organisation;
  int registered = 0;
  int min_models = 0;
  std::optional<int> max_models;
  std::optional<Date> reopened_until;
  std::string state;  //!< ok | missing | over | not_required
};

struct RegistrationStatus {
  Campaign campaign;
  bool deadline_passed = false;
  std::vector<RegistrationRow> rows;
};

struct ModelInput {
  int64_t campaign_id = 0;
  std::string kind = "model";
  std::string subject = "collective";
  std::string field;
  std::string title;
  std::optional<int64_t> owner_organisation_id;
  std::optional<int64_t> owner_person_id;
  std::string address;
  std::optional<double> latitude, longitude;
  std::string description, goals, started_on;
  std::vector<Indicator> indicators;
  std::optional<int64_t> source_model_id;  //!< set by Adopt
  std::optional<int64_t> carried_from_id;  //!< set by CarryOver
};

struct UploadedFile {
  std::string file_name;
  std::string bytes;
  bool is_public = false;
};

struct ReportInput {
  std::string kind = "progress";
  std::string body;
  std::vector<UploadedFile> files;
};

struct AttachmentDownload {
  AttachmentMeta meta;
  std::string bytes;
};

struct Lineage {
  Model model;
  std::vector<Model> adopters;  //!< every model below it, directly or through other adopters
  int units = 0;                //!< distinct units the adopters are in
  std::map<int64_t, std::string> unit_names;
};

struct ScoreSheet {
  int64_t model_id = 0;
  ScoreResult result;
  Tally tally;
  BallotOutcome outcome;
};

struct SessionView {
  CouncilSession session;
  Council council;
  Campaign campaign;
  std::vector<Model> models;
  bool scores_visible = false;          //!< after scoring closes, or to the caller for their own scores
  std::vector<ScoreRow> scores;         //!< all (when visible) or the caller's own
  std::vector<ScoreSheet> sheets;       //!< results per model, once scoring is closed
  std::optional<int64_t> caller_member_id;
  std::map<int64_t, bool> caller_voted;  //!< per model
};

//! One step of a model's life as the audit log has it.
struct ModelEvent {
  std::string at;      //!< UTC
  std::string action;  //!< create | register | activate | propose | recognise | reject_recognition | stop | carry_over | …
  std::string actor;   //!< the user's display name; empty for the command line
  std::string status;  //!< the model's status after the step
  std::string reason;
};

//! A campaign's councils with their sessions.
struct CampaignCouncils {
  std::vector<Council> councils;
  std::vector<CouncilSession> sessions;
};

class MovementService {
 public:
  MovementService(Database& db, Repositories& repos, AuditLog& audit, const Clock& clock)
      : db_(db), repos_(repos), audit_(audit), clock_(clock) {}

  Result<std::vector<FieldInfo>> Fields();
  Result<Campaign> CreateCampaign(const Caller& caller, const CampaignInput& input);
  Result<Campaign> SetCampaignStatus(const Caller& caller, int64_t id, const std::string& status);
  Result<Campaign> GetCampaign(int64_t id);
  Result<std::vector<Campaign>> ListCampaigns(std::optional<int64_t> unit_id);
  Result<RegistrationStatus> Registration(const Caller& caller, int64_t campaign_id);
  Status ReopenRegistration(const Caller& caller, int64_t campaign_id, int64_t organisation_id, const std::string& until);

  Result<Model> CreateModel(const Caller& caller, const ModelInput& input);
  Result<Model> Transition(const Caller& caller, int64_t model_id, const std::string& action, const std::string& reason);
  Result<Model> GetModel(const std::optional<Caller>& caller, int64_t id);
  Result<Page<Model>> ListModels(const Caller& caller, ModelQuery query);
  //! Every model the query matches (its limit and offset aside), as a spreadsheet (list_export.hpp).
  Result<ExportFile> ExportModels(const Caller& caller, ModelQuery query);
  //! Recognised models and exemplars of every unit: what anyone may see.
  Result<Page<Model>> PublicModels(ModelQuery query);
  //! A recognised model adopted by another organisation or unit, as a new model in the adopter's campaign.
  Result<Model> Adopt(const Caller& caller, int64_t source_model_id, ModelInput input);
  Result<Lineage> LineageOf(int64_t model_id);
  //! The model's steps, oldest first, for those who may see the model privately.
  Result<std::vector<ModelEvent>> History(const Caller& caller, int64_t model_id);

  //! A progress report with evidence, by the owner's member or an officer. Types are decided by content;
  //! photos are re-encoded without metadata (location included) and get thumbnails.
  Result<ProgressReport> AddReport(const Caller& caller, int64_t model_id, const ReportInput& input);
  Result<std::vector<ProgressReport>> Reports(const Caller& caller, int64_t model_id);
  //! Attachments the owner marked public, of a public (recognised) model.
  Result<std::vector<AttachmentMeta>> PublicPhotos(int64_t model_id);
  Result<AttachmentDownload> Attachment(const std::optional<Caller>& caller, int64_t id, bool thumbnail);
  //! In one action: carries the still-effective recognised models (`keep`) of one campaign into a later one,
  //! and stops the ineffective ones (`close`) with the reason; recognised models in neither list stay as they are.
  Result<std::vector<Model>> CarryOver(const Caller& caller, int64_t from_campaign, int64_t to_campaign,
                                       const std::vector<int64_t>& keep, const std::vector<int64_t>& close,
                                       const std::string& reason);

  Result<Council> CreateCouncil(const Caller& caller, Council council);
  Result<Council> GetCouncil(const Caller& caller, int64_t id);
  //! The councils of a campaign and their sessions, for anyone granted on its unit.
  Result<CampaignCouncils> CouncilsOf(const Caller& caller, int64_t campaign_id);
  Result<CouncilSession> OpenSession(const Caller& caller, int64_t council_id, const std::string& held_on,
                                     const std::vector<int64_t>& present_member_ids, const std::vector<int64_t>& model_ids);
  Result<SessionView> GetSession(const Caller& caller, int64_t session_id);
  Status SubmitScores(const Caller& caller, int64_t session_id, int64_t model_id, const std::map<int64_t, double>& scores);
  Status CloseScoring(const Caller& caller, int64_t session_id);
  Status Vote(const Caller& caller, int64_t session_id, int64_t model_id, const std::string& vote);
  //! Decides every model of the session: recognised at `levels[model]` (default: the first level) when the
  //! ballot passes and the score reaches the pass score, otherwise not recognised with the reasons.
  Result<SessionView> CloseSession(const Caller& caller, int64_t session_id, const std::map<int64_t, std::string>& levels);
  //! The session's minutes (biên bản) as PDF once scoring is closed, marked draft until the session closes; for
  //! the council's members, the unit's admins and its signers. Errors: "session_not_found", "forbidden",
  //! "minutes_not_ready". Defined in movement_minutes.cpp.
  Result<std::string> MinutesPdf(const Caller& caller, int64_t session_id);

 private:
  bool Has(Tx& tx, const Caller& caller, Permission permission, int64_t unit_id);
  Result<SessionView> View(Tx& tx, const Caller& caller, int64_t session_id);

  Database& db_;
  Repositories& repos_;
  AuditLog& audit_;
  const Clock& clock_;
};

Error CampaignNotFound();
Error ModelNotFound();

}  // namespace danvan
