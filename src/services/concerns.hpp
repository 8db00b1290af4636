#pragma once
//! Residents' concerns: what a resident does without an account (send, follow with a code and PIN, add
//! information, support, rate, reopen), what staff do (intake, batches from voters' meetings, triage, assign,
//! hand over, resolve with evidence, duplicates, queues), categories and routing rules, and the working calendar
//! their deadlines are counted in.

#include "core/config.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "domain/concern.hpp"
#include "domain/work_calendar.hpp"
#include "services/audit.hpp"
#include "services/caller.hpp"
#include "services/list_export.hpp"
#include "services/movement.hpp"  // UploadedFile
#include "storage/concern_repository.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

namespace danvan {

struct NewConcern {
  int64_t unit_id = 0;
  std::string category_code;
  std::string description;
  AttributeAnswers attributes;
  std::optional<double> latitude;   //!< the two come together (the service checks), or neither
  std::optional<double> longitude;
  std::string address;
  std::vector<UploadedFile> photos;
  std::string reporter_name;
  std::string reporter_contact;
  bool contact_visible = false;
  std::string honeypot;  //!< a field people never see: bots fill it
  ConcernChannel channel = ConcernChannel::kWeb;
  std::optional<int64_t> batch_id;
  bool is_demo = false;

  std::optional<GeoPoint> Point() const {
    if (latitude && longitude) return GeoPoint{*latitude, *longitude};
    return std::nullopt;
  }
};

//! What the resident keeps: the code and the PIN (shown once; only its hash is stored).
struct SentConcern {
  std::string code;
  std::string pin;
  int64_t id = 0;
};

//! Where a request came from, for rate limits and supporters; hashed with a secret before it is stored.
struct Origin {
  std::string remote;
  std::string request_id;
};

//! A concern as the public sees it: no contact, no private notes; location rounded, text hidden when sensitive.
struct PublicConcern {
  std::string code;
  int64_t unit_id = 0;
  std::string unit_name;
  std::string category_code;
  std::string category_name;
  bool sensitive = false;
  PublicStatus status;
  std::string description;  //!< empty when sensitive
  std::optional<GeoPoint> point;
  std::string address;      //!< empty when sensitive
  std::optional<std::string> organisation_name;  //!< who answers it
  std::optional<std::string> answer;
  std::optional<std::string> reason;  //!< the rejection reason's or the right channel's words
  std::optional<std::string> reason_en;
  std::optional<std::string> duplicate_of_code;
  int64_t supporters = 0;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> expected_at;  //!< the resolving clock's due time while open
  std::vector<ConcernEvent> timeline;      //!< public events only, actor names cleared
  std::vector<ConcernFile> files;          //!< public files, without content
  std::optional<int64_t> first_photo_id;   //!< the first public photo (none when sensitive): Open311's media_url
  std::map<int64_t, std::string> organisation_names;  //!< of the organisations the timeline names
};

//! What the resident with the PIN may do now.
struct ResidentView {
  PublicConcern concern;
  bool can_add_information = false;
  bool can_rate = false;
  bool can_reopen = false;
  std::optional<std::string> reopen_until;
};

//! A concern as staff see it.
struct StaffConcern {
  Concern concern;
  ConcernCategory category;
  std::string unit_name;
  std::optional<std::string> organisation_name;
  std::vector<ConcernEvent> events;  //!< public and private
  std::vector<ConcernFile> files;
  std::map<int64_t, std::string> organisation_names;  //!< of the organisations the events name
  std::optional<std::string> draft_answer;  //!< saved since the last resolution, not yet published
  std::vector<ConcernRepository::Rating> ratings;
  std::vector<std::string> duplicate_codes;      //!< concerns marked as duplicates of this one
  std::optional<std::string> duplicate_of_code;
  bool contact_shown = false;  //!< name and contact are in `concern` only when true
  bool may_manage = false;
  bool may_handle = false;
  std::vector<ConcernAction> actions;  //!< the steps this caller may take now (StaffActions, by permission)
};

struct StaffConcernQuery {
  std::optional<int64_t> unit_id;
  std::optional<int64_t> organisation_id;
  std::optional<int64_t> category_id;
  bool mine = false;               //!< assigned to the caller
  std::string queue;               //!< "" | open | due_soon | overdue | waiting | closed
  std::string text;
  int64_t limit = 50;
  int64_t offset = 0;
};

//! A staff step on a concern: the action and what it carries.
struct ConcernStep {
  ConcernAction action = ConcernAction::kReceive;
  std::optional<int64_t> organisation_id;   //!< assign, hand_over
  std::optional<int64_t> assignee_user_id;  //!< assign
  std::string text;                          //!< the answer, the request to the resident, the hand-over's reason
  std::string reason_code;                   //!< reject: a listed reason; out_of_scope: an exclusion
  std::string duplicate_of_code;             //!< mark_duplicate
  std::vector<UploadedFile> files;           //!< resolve: the evidence
};

struct SimilarQuery {
  int64_t unit_id = 0;
  std::string category_code;
  std::optional<GeoPoint> point;
  std::string text;
};

struct PublicListQuery {
  std::optional<int64_t> unit_id;
  std::optional<bool> open;
  std::string category_code;
  std::vector<std::string> category_codes;   //!< any of these (Open311's service_code list)
  std::vector<std::string> codes;            //!< only these tracking codes (Open311's service_request_id list)
  std::optional<std::string> created_from;   //!< created at or after (UTC text)
  std::optional<std::string> created_to;     //!< created before (UTC text)
  int64_t limit = 50;
  int64_t offset = 0;
};

struct CalendarView {
  WorkCalendar calendar;
  bool stored = false;  //!< false: the default, never saved
};

struct SweepReport {
  int closed = 0;
};

class ConcernService {
 public:
  ConcernService(Database& db, Repositories& repos, ConcernRepository& concerns, AuditLog& audit, const Clock& clock,
                 ConcernsConfig settings = {})
      : db_(db), repos_(repos), concerns_(concerns), audit_(audit), clock_(clock), settings_(settings) {}

  const ConcernsConfig& settings() const { return settings_; }

  // ---- the public, without an account ----
  //! Active categories a resident of the unit may choose (the unit's and its ancestors').
  Result<std::vector<ConcernCategory>> PublicCategories(int64_t unit_id);
  //! Open concerns like the one being written ("đã có người phản ánh"), most similar first, at most 5.
  Result<std::vector<PublicConcern>> Similar(const SimilarQuery& q);
  //! Errors: rate_limited (429), honeypot_filled, photo limits, invalid_attribute_value, location_required, …
  Result<SentConcern> Send(const NewConcern& input, const Origin& origin);
  Result<PublicConcern> PublicGet(const std::string& code);
  Result<Page<PublicConcern>> PublicList(const PublicListQuery& q);
  //! Open311's jurisdiction_id: a unit by its id or its official code (of the units with that code, the one in
  //! force today); none given: the one unit with active categories of its own. Errors: jurisdiction_required (400:
  //! none given and not exactly one such unit), jurisdiction_not_found (404).
  Result<AdminUnit> Jurisdiction(const std::string& jurisdiction_id);
  //! With the PIN: the timeline and what the resident may do. Errors: concern_not_found, wrong_pin, pin_locked.
  Result<ResidentView> Follow(const std::string& code, const std::string& pin);
  Result<ResidentView> AddInformation(const std::string& code, const std::string& pin, const std::string& text,
                                      const std::vector<UploadedFile>& photos, const Origin& origin);
  Result<ResidentView> Rate(const std::string& code, const std::string& pin, int stars, const std::string& comment,
                            const Origin& origin);
  Result<ResidentView> Reopen(const std::string& code, const std::string& pin, const std::string& reason,
                              const Origin& origin);
  //! Counts one more resident behind an open concern; the same address counts once.
  Result<PublicConcern> Support(const std::string& code, const Origin& origin);
  //! A public file of a concern that is not sensitive.
  Result<ConcernFile> PublicFile(const std::string& code, int64_t file_id, bool thumbnail);

  // ---- staff ----
  //! Taken down by staff on behalf of a caller or a walk-in (channel phone or walk_in): received at once.
  Result<SentConcern> Intake(const Caller& caller, const NewConcern& input);
  //! A voters' meeting with its concerns, each routed on its own. All or nothing.
  Result<std::pair<ConcernBatch, std::vector<SentConcern>>> CreateBatch(const Caller& caller, const ConcernBatch& batch,
                                                                       const std::vector<NewConcern>& concerns);
  Result<StaffConcern> Get(const Caller& caller, int64_t id);
  Result<Page<StaffConcern>> List(const Caller& caller, const StaffConcernQuery& q);
  //! The whole queue List shows for the query (its limit and offset aside), as a spreadsheet (list_export.hpp).
  Result<ExportFile> ExportQueue(const Caller& caller, StaffConcernQuery query);
  Result<StaffConcern> Act(const Caller& caller, int64_t id, const ConcernStep& step);
  //! A private note (staff only) or a public update (on the resident's timeline), no change of status.
  Result<StaffConcern> Comment(const Caller& caller, int64_t id, const std::string& text, bool is_public);
  //! A draft of the answer (often from a template), kept private until a resolve step publishes an answer.
  //! Errors: concern_not_open.
  Result<StaffConcern> SaveDraft(const Caller& caller, int64_t id, const std::string& text);
  //! A new category: urgency changes with it and routing runs again.
  Result<StaffConcern> Recategorise(const Caller& caller, int64_t id, const std::string& category_code);
  Result<ConcernFile> StaffFile(const Caller& caller, int64_t id, int64_t file_id, bool thumbnail);

  Result<std::vector<ConcernCategory>> Categories(const Caller& caller, int64_t unit_id);
  Result<ConcernCategory> CreateCategory(const Caller& caller, ConcernCategory c);
  Result<ConcernCategory> UpdateCategory(const Caller& caller, int64_t id, ConcernCategory c);
  Result<std::vector<RoutingRule>> Rules(const Caller& caller, int64_t unit_id);
  Result<std::vector<RoutingRule>> ReplaceRules(const Caller& caller, int64_t unit_id, std::vector<RoutingRule> rules);
  Result<std::vector<AnswerTemplate>> Templates(const Caller& caller, int64_t unit_id);
  Result<AnswerTemplate> CreateTemplate(const Caller& caller, AnswerTemplate t);

  Result<CalendarView> Calendar();
  //! System administrators only. Saves a new version and counts the due times of every open concern again.
  Result<CalendarView> SaveCalendar(const Caller& caller, WorkCalendar calendar, const std::string& note);

  //! Closes answers not rated within the setting's days. Run by the server now and then, and by tests.
  Result<SweepReport> Sweep();

 private:
  struct Prepared;
  Result<std::vector<Prepared>> PrepareFiles(const std::vector<UploadedFile>& files, bool photos_only, size_t max_files);
  Result<StaffConcern> Note(const Caller& caller, int64_t id, std::string_view kind, const std::string& text,
                            bool is_public);
  Result<SentConcern> Create(Tx& tx, const NewConcern& input, const std::vector<Prepared>& photos,
                             const std::string& submitter_key, const Actor& actor, const std::string& actor_name,
                             const std::optional<Caller>& staff);
  WorkCalendar CalendarIn(Tx& tx);
  int64_t BudgetMinutes(Urgency u) const;
  //! Sets the due times from clock_started_at, paused_minutes and the calendar.
  void CountDue(Concern& c, const WorkCalendar& cal) const;
  //! Owner by routing: the first rule that matches, else the category's default organisation.
  std::optional<int64_t> RouteOf(Tx& tx, const Concern& c);
  std::string KeyOf(Tx& tx, const std::string& remote);
  Result<Concern> Unlock(Tx& tx, const std::string& code, const std::string& pin, bool for_update);
  //! Names a list shows on every row, each read once per call.
  class Lookups;
  PublicConcern PublicOf(Tx& tx, const Concern& c, Lookups* lookups = nullptr);
  ResidentView ResidentOf(Tx& tx, const Concern& c, bool with_pin);
  StaffConcern StaffOf(Tx& tx, const Caller& caller, const Concern& c, bool with_history, Lookups* lookups = nullptr);
  bool MayManage(Tx& tx, const Caller& caller, int64_t unit_id);
  bool MayHandle(Tx& tx, const Caller& caller, const Concern& c);
  bool MaySee(Tx& tx, const Caller& caller, const Concern& c);
  //! Inserts the event, writes the concern and audits the change; returns the event's id.
  int64_t RecordEvent(Tx& tx, Concern& c, ConcernEvent e, const Actor& actor, const std::string& before_json);
  //! Stores prepared files of a concern, linked to an event (0: none).
  void StoreFiles(Tx& tx, int64_t concern_id, int64_t event_id, const std::vector<Prepared>& files,
                  const std::string& at);

  Database& db_;
  Repositories& repos_;
  ConcernRepository& concerns_;
  AuditLog& audit_;
  const Clock& clock_;
  ConcernsConfig settings_;
};

Error ConcernNotFound();

}  // namespace danvan
