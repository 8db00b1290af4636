#pragma once
//! Repository interfaces, one per aggregate. Services call these inside Database::Run; the SOCI
//! implementations (storage/*_repository.cpp) serve both SQLite and PostgreSQL.

#include "domain/access.hpp"
#include "domain/audit.hpp"
#include "domain/organisation.hpp"
#include "domain/territory.hpp"
#include "storage/database.hpp"

#include <functional>
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
  virtual void UpdatePassword(Tx& tx, int64_t user_id, const std::string& hash, const std::string& at) = 0;

  virtual int64_t InsertGrant(Tx& tx, int64_t user_id, const RoleGrant& grant, const std::string& at) = 0;
  //! Grants of several users in one query.
  virtual std::vector<std::pair<int64_t, RoleGrant>> GrantsOf(Tx& tx, const std::vector<int64_t>& user_ids) = 0;

  virtual int64_t InsertSession(Tx& tx, const SessionRecord& session) = 0;
  virtual std::optional<SessionRecord> FindSession(Tx& tx, const std::string& token_hash) = 0;
  virtual void TouchSession(Tx& tx, int64_t id, const std::string& at) = 0;
  virtual void DeleteSession(Tx& tx, int64_t id) = 0;
  virtual void DeleteSessionsOf(Tx& tx, int64_t user_id, std::optional<int64_t> except_id) = 0;

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

//! All repositories of one database.
struct Repositories {
  std::unique_ptr<AuditRepository> audit;
  std::unique_ptr<TerritoryRepository> territory;
  std::unique_ptr<AccountRepository> accounts;
  std::unique_ptr<OrganisationRepository> organisations;
  std::unique_ptr<PersonRepository> people;
};

Repositories MakeRepositories();

}  // namespace danvan
