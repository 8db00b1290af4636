#pragma once
//! Repository interfaces, one per aggregate. Services call these inside Database::Run; the SOCI
//! implementations (storage/*_repository.cpp) serve both SQLite and PostgreSQL.

#include "domain/access.hpp"
#include "domain/audit.hpp"
#include "domain/movement.hpp"
#include "domain/organisation.hpp"
#include "domain/territory.hpp"
#include "storage/database.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace danvan {

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  //! Locks the chain until the transaction ends and returns its last entry, if any.
  virtual std::optional<AuditEntry> LockHead(Tx& tx, const std::string& chain) = 0;
  virtual void Insert(Tx& tx, const AuditEntry& entry) = 0;
  //! Every entry, in (chain, seq) order, read in pages; stops when fn returns false.
  virtual void ForEach(Tx& tx, const std::function<bool(const AuditEntry&)>& fn) = 0;
  //! One entity's entries, oldest first.
  virtual std::vector<AuditEntry> OfEntity(Tx& tx, const std::string& entity, const std::string& entity_id) = 0;
};

//! A page of a list and the total it was cut from.
template <class T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
};

struct UnitQuery {
  std::optional<int64_t> parent_id;
  bool roots_only = false;         //!< units without a parent
  std::optional<Date> as_of;       //!< only units valid on this date
  std::optional<UnitLevel> level;
  std::string folded_text;         //!< FoldForSearch of the search text; empty = no filter
  int64_t limit = 50;
  int64_t offset = 0;
};

class TerritoryRepository {
 public:
  virtual ~TerritoryRepository() = default;
  virtual int64_t Insert(Tx& tx, const AdminUnit& unit) = 0;
  virtual std::optional<AdminUnit> Find(Tx& tx, int64_t id) = 0;
  //! The unit itself, then its parent, … up to the root: one query.
  virtual std::vector<int64_t> Ancestry(Tx& tx, int64_t id) = 0;
  //! The unit and then its ancestors, nearest first, in one statement; empty when there is no such unit.
  virtual std::vector<AdminUnit> FindWithAncestors(Tx& tx, int64_t id) = 0;
  //! Sorted in Vietnamese order; two queries whatever the page size.
  virtual Page<AdminUnit> List(Tx& tx, const UnitQuery& query) = 0;
  virtual std::vector<AdminUnit> FindMany(Tx& tx, const std::vector<int64_t>& ids) = 0;
  virtual std::optional<AdminUnit> FindByName(Tx& tx, const std::string& name, std::optional<int64_t> parent_id) = 0;

  virtual void SetValidTo(Tx& tx, int64_t id, const Date& valid_to, const std::string& at) = 0;

  virtual int64_t InsertSuccession(Tx& tx, const Succession& s) = 0;
  virtual bool SuccessionExists(Tx& tx, int64_t from_unit_id, int64_t to_unit_id) = 0;
  //! Every succession reachable from the unit, forward in time (its successors, theirs, …).
  virtual std::vector<Succession> SuccessionsFrom(Tx& tx, int64_t unit_id) = 0;
  //! Successions that end in the unit (its predecessors, one step back).
  virtual std::vector<Succession> SuccessionsInto(Tx& tx, int64_t unit_id) = 0;
};

struct UserRecord {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string password_hash;
  bool active = true;
  bool is_demo = false;
  std::string created_at;
  std::string updated_at;
  std::string password_changed_at;
  std::optional<std::string> email;  //!< where alerts are mailed (V008); none: alerts stay in the app
};

struct SessionRecord {
  int64_t id = 0;
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  std::string created_at;
  std::string last_seen_at;
  std::string expires_at;
  std::string remote;
};

struct TokenRecord {
  int64_t id = 0;
  std::string token_hash;
  int64_t user_id = 0;
  std::string name;
  std::string created_at;
  std::optional<std::string> expires_at;
  std::optional<std::string> revoked_at;
  std::optional<std::string> last_used_at;
};

struct ThrottleRecord {
  std::string key;
  int64_t failures = 0;
  std::string last_failure;
  std::optional<std::string> locked_until;
};

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;
  virtual int64_t InsertUser(Tx& tx, const UserRecord& user) = 0;
  virtual std::optional<UserRecord> FindUser(Tx& tx, int64_t id) = 0;
  virtual std::optional<UserRecord> FindUserByName(Tx& tx, const std::string& username) = 0;
  virtual Page<UserRecord> ListUsers(Tx& tx, int64_t limit, int64_t offset) = 0;
  //! The user `self_id` and the users whose every grant lies in the subtrees of `root_unit_ids`, by username.
  virtual Page<UserRecord> ListManagedUsers(Tx& tx, int64_t self_id, const std::vector<int64_t>& root_unit_ids,
                                            int64_t limit, int64_t offset) = 0;
  virtual void UpdatePassword(Tx& tx, int64_t user_id, const std::string& hash, const std::string& at) = 0;
  //! The address alerts are mailed to; nullopt clears it.
  virtual void UpdateEmail(Tx& tx, int64_t user_id, const std::optional<std::string>& email, const std::string& at) = 0;

  virtual int64_t InsertGrant(Tx& tx, int64_t user_id, const RoleGrant& grant, const std::string& at) = 0;
  //! Grants of several users in one query.
  virtual std::vector<std::pair<int64_t, RoleGrant>> GrantsOf(Tx& tx, const std::vector<int64_t>& user_ids) = 0;

  virtual int64_t InsertSession(Tx& tx, const SessionRecord& session) = 0;
  virtual std::optional<SessionRecord> FindSession(Tx& tx, const std::string& token_hash) = 0;
  virtual void TouchSession(Tx& tx, int64_t id, const std::string& at) = 0;
  virtual void DeleteSession(Tx& tx, int64_t id) = 0;
  virtual void DeleteSessionsOf(Tx& tx, int64_t user_id, std::optional<int64_t> except_id) = 0;
  //! The user's sessions that ended (at their end, or idle since `idle_since`).
  virtual void DeleteEndedSessionsOf(Tx& tx, int64_t user_id, const std::string& now, const std::string& idle_since) = 0;

  virtual int64_t InsertToken(Tx& tx, const TokenRecord& token) = 0;
  virtual std::optional<TokenRecord> FindToken(Tx& tx, int64_t id) = 0;
  virtual std::optional<TokenRecord> FindTokenByHash(Tx& tx, const std::string& token_hash) = 0;
  virtual std::vector<TokenRecord> ListTokens(Tx& tx, std::optional<int64_t> user_id) = 0;
  virtual void RevokeToken(Tx& tx, int64_t id, const std::string& at) = 0;
  virtual void TouchToken(Tx& tx, int64_t id, const std::string& at) = 0;

  virtual std::optional<ThrottleRecord> FindThrottle(Tx& tx, const std::string& key) = 0;
  virtual void SaveThrottle(Tx& tx, const ThrottleRecord& record) = 0;
  virtual void ClearThrottle(Tx& tx, const std::string& key) = 0;
};

struct OrganisationQuery {
  std::optional<int64_t> unit_id;
  std::optional<int64_t> parent_id;
  bool roots_only = false;
  std::optional<Date> as_of;
  std::optional<std::string> kind;
  std::string folded_text;
  int64_t limit = 50;
  int64_t offset = 0;
};

class OrganisationRepository {
 public:
  virtual ~OrganisationRepository() = default;
  virtual std::vector<OrganisationKind> Kinds(Tx& tx) = 0;
  virtual int64_t Insert(Tx& tx, const Organisation& org) = 0;
  virtual std::optional<Organisation> Find(Tx& tx, int64_t id) = 0;
  virtual std::vector<Organisation> FindMany(Tx& tx, const std::vector<int64_t>& ids) = 0;
  virtual Page<Organisation> List(Tx& tx, const OrganisationQuery& query) = 0;
  virtual void End(Tx& tx, int64_t id, OrganisationStatus status, const Date& date,
                   std::optional<int64_t> successor_id, const std::string& at) = 0;
  //! Children active on `date` or later, in Vietnamese order.
  virtual std::vector<Organisation> OpenChildren(Tx& tx, int64_t id, const Date& date) = 0;
};

struct PersonQuery {
  int64_t unit_id = 0;  //!< the unit and every unit below it
  std::optional<int64_t> organisation_id;
  std::string folded_text;
  int64_t limit = 50;
  int64_t offset = 0;
};

class PersonRepository {
 public:
  virtual ~PersonRepository() = default;
  virtual int64_t Insert(Tx& tx, const Person& person) = 0;
  virtual void Update(Tx& tx, const Person& person) = 0;
  virtual std::optional<Person> Find(Tx& tx, int64_t id) = 0;
  virtual Page<Person> List(Tx& tx, const PersonQuery& query) = 0;
  virtual int64_t InsertMembership(Tx& tx, const Membership& m, const std::string& at) = 0;
  virtual std::optional<Membership> FindMembership(Tx& tx, int64_t id) = 0;
  virtual void EndMembership(Tx& tx, int64_t id, const Date& valid_to) = 0;
  //! Memberships of several people in one query.
  virtual std::vector<Membership> MembershipsOf(Tx& tx, const std::vector<int64_t>& person_ids) = 0;
  virtual std::vector<Membership> MembersOf(Tx& tx, int64_t organisation_id) = 0;
};

struct FieldInfo {
  std::string code;
  std::string name_vi;
  std::string name_en;
};

struct ModelQuery {
  std::optional<int64_t> campaign_id;
  std::optional<int64_t> unit_id;  //!< the unit and every unit below it
  std::optional<ModelStatus> status;
  bool recognised_only = false;  //!< recognised or carried over: the public showcase
  std::optional<std::string> field;
  std::optional<ModelKind> kind;
  std::optional<int> year;  //!< the campaign's starting year
  std::optional<int64_t> owner_organisation_id;
  std::string folded_text;
  int64_t limit = 50;
  int64_t offset = 0;
};

struct CouncilMember {
  int64_t id = 0;
  int64_t council_id = 0;
  int64_t user_id = 0;
  std::string display_name;
  std::string role;  //!< chair | member | secretary
};

struct Council {
  int64_t id = 0;
  int64_t campaign_id = 0;
  std::string name;
  std::string kind;
  std::vector<CouncilMember> members;
  std::string created_at;
};

enum class SessionStatus { kOpen, kScoringClosed, kClosed };

struct SessionModel {
  int64_t model_id = 0;
  std::optional<double> total;
  std::optional<std::string> outcome;
  std::optional<std::string> level;
  std::optional<std::string> reason;
};

struct CouncilSession {
  int64_t id = 0;
  int64_t council_id = 0;
  Date held_on;
  std::string status;  //!< open | scoring_closed | closed
  std::vector<int64_t> present_member_ids;
  std::vector<SessionModel> models;
  std::optional<std::string> closed_at;
};

struct ScoreRow {
  int64_t model_id = 0;
  int64_t member_id = 0;
  int64_t criterion_id = 0;
  double score = 0;
};

class MovementRepository {
 public:
  virtual ~MovementRepository() = default;
  virtual std::vector<FieldInfo> Fields(Tx& tx) = 0;

  virtual int64_t InsertCampaign(Tx& tx, Campaign& campaign) = 0;  //!< fills criterion ids
  virtual std::optional<Campaign> FindCampaign(Tx& tx, int64_t id) = 0;
  virtual std::vector<Campaign> ListCampaigns(Tx& tx, std::optional<int64_t> unit_id) = 0;
  virtual void SetCampaignStatus(Tx& tx, int64_t id, CampaignStatus status, const std::string& at) = 0;
  virtual void Reopen(Tx& tx, int64_t campaign_id, int64_t organisation_id, const Date& until, const std::string& at) = 0;
  virtual std::optional<Date> ReopenedUntil(Tx& tx, int64_t campaign_id, int64_t organisation_id) = 0;
  virtual std::map<int64_t, Date> ReopeningsOf(Tx& tx, int64_t campaign_id) = 0;

  virtual int64_t InsertModel(Tx& tx, const Model& model) = 0;
  virtual void UpdateModelStatus(Tx& tx, const Model& model) = 0;
  virtual std::optional<Model> FindModel(Tx& tx, int64_t id) = 0;
  virtual std::vector<Model> FindModels(Tx& tx, const std::vector<int64_t>& ids) = 0;
  //! Two queries for the page, one for all its indicators.
  virtual Page<Model> ListModels(Tx& tx, const ModelQuery& query) = 0;
  //! Models registered (not draft, not stopped) in a campaign, per owner organisation.
  virtual int CountRegistered(Tx& tx, int64_t campaign_id, int64_t organisation_id) = 0;
  //! Every model adopted from `model_id`, their adopters, and so on: the whole lineage below it.
  virtual std::vector<Model> Descendants(Tx& tx, int64_t model_id) = 0;

  virtual int64_t InsertReport(Tx& tx, const ProgressReport& report) = 0;
  //! Stores the bytes (and the thumbnail, if any) of one attachment.
  virtual int64_t InsertAttachment(Tx& tx, const AttachmentMeta& meta, const std::string& content,
                                   const std::optional<std::string>& thumbnail) = 0;
  //! A model's reports, newest first, with their attachments' metadata: two queries.
  virtual std::vector<ProgressReport> ReportsOf(Tx& tx, int64_t model_id) = 0;
  //! An attachment's metadata, its model and its bytes (the thumbnail's when asked and present).
  virtual std::optional<std::pair<AttachmentMeta, int64_t>> FindAttachment(Tx& tx, int64_t id) = 0;
  virtual std::optional<std::string> AttachmentBytes(Tx& tx, int64_t id, bool thumbnail) = 0;

  virtual int64_t InsertCouncil(Tx& tx, Council& council) = 0;  //!< fills member ids
  virtual std::optional<Council> FindCouncil(Tx& tx, int64_t id) = 0;
  //! A campaign's councils with their members, and their sessions (without attendance and models).
  virtual std::vector<Council> CouncilsOf(Tx& tx, int64_t campaign_id) = 0;
  virtual std::vector<CouncilSession> SessionsOfCampaign(Tx& tx, int64_t campaign_id) = 0;
  virtual int64_t InsertSession(Tx& tx, const CouncilSession& session, const std::string& at) = 0;
  virtual std::optional<CouncilSession> FindSession(Tx& tx, int64_t id) = 0;
  virtual void SetSessionStatus(Tx& tx, int64_t id, const std::string& status, const std::optional<std::string>& closed_at) = 0;
  virtual void SaveOutcome(Tx& tx, int64_t session_id, const SessionModel& outcome) = 0;

  virtual void UpsertScore(Tx& tx, int64_t session_id, const ScoreRow& score) = 0;
  virtual std::vector<ScoreRow> Scores(Tx& tx, int64_t session_id) = 0;

  //! Records that a member voted and adds the vote to the tally; false if the member had voted already.
  virtual bool CastBallot(Tx& tx, int64_t session_id, int64_t model_id, int64_t member_id, Vote vote) = 0;
  virtual Tally TallyOf(Tx& tx, int64_t session_id, int64_t model_id) = 0;
  virtual std::vector<int64_t> VotersOf(Tx& tx, int64_t session_id, int64_t model_id) = 0;
};

//! All repositories of one database.
struct Repositories {
  std::unique_ptr<AuditRepository> audit;
  std::unique_ptr<TerritoryRepository> territory;
  std::unique_ptr<AccountRepository> accounts;
  std::unique_ptr<OrganisationRepository> organisations;
  std::unique_ptr<PersonRepository> people;
  std::unique_ptr<MovementRepository> movement;
};

Repositories MakeRepositories();

}  // namespace danvan
