#pragma once
//! The residents' concerns aggregate's repository: the working calendar's versions, categories, routing rules,
//! batches, concerns with their events, files, supporters and ratings, and answer templates. One SOCI
//! implementation for both databases (storage/concern_repository.cpp, SQL in storage/sql/concerns_sql.hpp).

#include "domain/concern.hpp"
#include "domain/work_calendar.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

#include <memory>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace danvan {

struct ConcernQuery {
  std::vector<int64_t> unit_roots;  //!< concerns of these units and every unit below them; empty: everywhere
  std::optional<int64_t> unit_id;   //!< and of this unit and below
  std::optional<int64_t> organisation_id;
  std::optional<int64_t> assignee_user_id;
  std::optional<int64_t> category_id;
  std::vector<ConcernStatus> statuses;     //!< empty: any
  std::optional<std::string> due_before;   //!< resolve_due_at < this (UTC text)
  std::optional<std::string> created_from;  //!< created_at >= this
  std::optional<std::string> created_to;    //!< created_at < this
  std::string folded_text;                 //!< substring of search_folded; empty: no filter
  std::vector<int64_t> ids;                //!< only these; empty: no filter
  std::vector<int64_t> category_ids;       //!< of any of these categories; empty: no filter
  std::vector<std::string> codes;          //!< only these tracking codes (normalised); empty: no filter
  enum class Order { kNewestFirst, kDueFirst } order = Order::kNewestFirst;
  int64_t limit = 50;
  int64_t offset = 0;
};

class ConcernRepository {
 public:
  virtual ~ConcernRepository() = default;

  // ---- working calendar ----
  //! The newest version with its days; nullopt before the first is saved.
  virtual std::optional<WorkCalendar> CurrentCalendar(Tx& tx) = 0;
  //! Saves `calendar` as version (newest + 1) and returns that version.
  virtual int64_t InsertCalendar(Tx& tx, const WorkCalendar& calendar, const std::string& note, const std::string& actor,
                                 const std::string& at) = 0;

  // ---- categories ----
  virtual int64_t InsertCategory(Tx& tx, const ConcernCategory& c) = 0;
  virtual void UpdateCategory(Tx& tx, const ConcernCategory& c) = 0;
  virtual std::optional<ConcernCategory> FindCategory(Tx& tx, int64_t id) = 0;
  virtual std::optional<ConcernCategory> FindCategoryByCode(Tx& tx, const std::string& code) = 0;
  //! Categories of these units (a ward's own and those its city shares), by group, name.
  virtual std::vector<ConcernCategory> CategoriesOf(Tx& tx, const std::vector<int64_t>& unit_ids, bool active_only) = 0;
  //! The units with active categories of their own, in id order (Open311's default jurisdiction).
  virtual std::vector<int64_t> UnitsWithCategories(Tx& tx) = 0;
  //! The units with this official code, the latest to come into force first (Open311's jurisdiction_id).
  virtual std::vector<int64_t> UnitIdsByCode(Tx& tx, const std::string& code) = 0;

  // ---- routing ----
  //! The rules of these units, in position order.
  virtual std::vector<RoutingRule> RulesOf(Tx& tx, const std::vector<int64_t>& unit_ids) = 0;
  //! Replaces every rule of the unit by `rules` (positions as given).
  virtual void ReplaceRules(Tx& tx, int64_t unit_id, const std::vector<RoutingRule>& rules, const std::string& at) = 0;

  // ---- batches ----
  virtual int64_t InsertBatch(Tx& tx, const ConcernBatch& b) = 0;
  virtual std::optional<ConcernBatch> FindBatch(Tx& tx, int64_t id) = 0;

  // ---- concerns ----
  virtual int64_t Insert(Tx& tx, const Concern& c) = 0;
  //! Writes every column but id, code, pin_hash, created_at, submitter_key.
  virtual void Update(Tx& tx, const Concern& c) = 0;
  virtual std::optional<Concern> Find(Tx& tx, int64_t id) = 0;
  //! Locks the row until the transaction ends on PostgreSQL (FOR UPDATE); SQLite's write transaction already does.
  virtual std::optional<Concern> FindForUpdate(Tx& tx, int64_t id) = 0;
  virtual std::optional<Concern> FindByCode(Tx& tx, const std::string& code) = 0;
  //! Two statements whatever the page size.
  virtual Page<Concern> List(Tx& tx, const ConcernQuery& q) = 0;
  //! Open concerns (any open status) of a category created at or after `since`, newest first, at most `limit`.
  virtual std::vector<Concern> RecentOpen(Tx& tx, int64_t category_id, const std::string& since, int64_t limit) = 0;
  //! Every open concern, for recounting due times when the calendar changes: ids only, in id order.
  virtual std::vector<int64_t> OpenIds(Tx& tx) = 0;
  //! Concerns sent with this key at or after `since`.
  virtual int64_t CountSentSince(Tx& tx, const std::string& submitter_key, const std::string& since) = 0;
  //! Concerns whose duplicate_of is `id`.
  virtual std::vector<Concern> DuplicatesOf(Tx& tx, int64_t id) = 0;

  // ---- events ----
  virtual int64_t InsertEvent(Tx& tx, const ConcernEvent& e) = 0;
  //! Oldest first; only the public ones when public_only.
  virtual std::vector<ConcernEvent> EventsOf(Tx& tx, int64_t concern_id, bool public_only) = 0;

  // ---- files ----
  virtual int64_t InsertFile(Tx& tx, const ConcernFile& f) = 0;
  //! Without content or thumbnail.
  virtual std::vector<ConcernFile> FilesOf(Tx& tx, int64_t concern_id) = 0;
  //! The id of the first public photo of each listed concern that has one.
  virtual std::map<int64_t, int64_t> FirstPublicPhotos(Tx& tx, const std::vector<int64_t>& concern_ids) = 0;
  //! With content and thumbnail.
  virtual std::optional<ConcernFile> FindFile(Tx& tx, int64_t id) = 0;

  // ---- supporters and ratings ----
  //! False when this key already supports the concern.
  virtual bool InsertSupporter(Tx& tx, int64_t concern_id, const std::string& supporter_key, const std::string& at) = 0;
  //! False when that resolution is already rated.
  virtual bool InsertRating(Tx& tx, int64_t concern_id, int resolution, int stars, const std::string& comment,
                            const std::string& at) = 0;
  struct Rating {
    int resolution = 0;
    int stars = 0;
    std::string comment;
    std::string at;
  };
  virtual std::vector<Rating> RatingsOf(Tx& tx, int64_t concern_id) = 0;

  // ---- secrets ----
  virtual std::optional<std::string> FindSecret(Tx& tx, const std::string& name) = 0;
  //! Inserts unless one of that name exists (two nodes may race): then the stored one wins. Returns the stored one.
  virtual std::string EnsureSecret(Tx& tx, const std::string& name, const std::string& value, const std::string& at) = 0;

  // ---- answer templates ----
  virtual int64_t InsertTemplate(Tx& tx, const AnswerTemplate& t) = 0;
  virtual std::vector<AnswerTemplate> TemplatesOf(Tx& tx, const std::vector<int64_t>& unit_ids) = 0;
};

std::unique_ptr<ConcernRepository> MakeConcernRepository();

}  // namespace danvan
