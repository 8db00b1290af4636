#include "storage/repositories.hpp"
#include "storage/row.hpp"
#include "storage/soci_optional.hpp"
#include "storage/sql/accounts_sql.hpp"
#include "storage/tx.hpp"

namespace danvan {
namespace {

UserRecord UserFromRow(const soci::row& r) {
  UserRecord u;
  u.id = RowInt(r, 0);
  u.username = r.get<std::string>(1);
  u.display_name = r.get<std::string>(2);
  u.password_hash = r.get<std::string>(3);
  u.active = RowInt(r, 4) != 0;
  u.is_demo = RowInt(r, 5) != 0;
  u.created_at = r.get<std::string>(6);
  u.updated_at = r.get<std::string>(7);
  u.password_changed_at = r.get<std::string>(8);
  u.email = RowOptString(r, 9);
  return u;
}

SessionRecord SessionFromRow(const soci::row& r) {
  SessionRecord s;
  s.id = RowInt(r, 0);
  s.token_hash = r.get<std::string>(1);
  s.user_id = RowInt(r, 2);
  s.csrf_token = r.get<std::string>(3);
  s.created_at = r.get<std::string>(4);
  s.last_seen_at = r.get<std::string>(5);
  s.expires_at = r.get<std::string>(6);
  s.remote = RowOptString(r, 7).value_or("");
  return s;
}

TokenRecord TokenFromRow(const soci::row& r) {
  TokenRecord t;
  t.id = RowInt(r, 0);
  t.token_hash = r.get<std::string>(1);
  t.user_id = RowInt(r, 2);
  t.name = r.get<std::string>(3);
  t.created_at = r.get<std::string>(4);
  t.expires_at = RowOptString(r, 5);
  t.revoked_at = RowOptString(r, 6);
  t.last_used_at = RowOptString(r, 7);
  return t;
}

class SociAccountRepository final : public AccountRepository {
 public:
  int64_t InsertUser(Tx& tx, const UserRecord& u) override {
    int64_t id = 0;
    const int active = u.active ? 1 : 0;
    const int demo = u.is_demo ? 1 : 0;
    tx.session() << sql::kInsertUser, soci::use(u.username), soci::use(u.display_name), soci::use(u.password_hash),
        soci::use(active), soci::use(demo), soci::use(u.created_at), soci::use(u.updated_at),
        soci::use(u.password_changed_at), soci::use(u.email), soci::into(id);
    return id;
  }

  std::optional<UserRecord> FindUser(Tx& tx, int64_t id) override {
    auto rows = tx.Query(sql::kSelectUser, id);
    if (const soci::row* r = rows.Next()) return UserFromRow(*r);
    return std::nullopt;
  }

  std::optional<UserRecord> FindUserByName(Tx& tx, const std::string& username) override {
    auto rows = tx.Query(sql::kSelectUserByName, username);
    if (const soci::row* r = rows.Next()) return UserFromRow(*r);
    return std::nullopt;
  }

  Page<UserRecord> ListUsers(Tx& tx, int64_t limit, int64_t offset) override {
    Page<UserRecord> page;
    tx.session() << sql::kCountUsers, soci::into(page.total);
    soci::rowset<soci::row> rows =
        (tx.session().prepare << sql::kSelectUsersPage, soci::use(limit), soci::use(offset));
    for (const auto& r : rows) page.items.push_back(UserFromRow(r));
    return page;
  }

  Page<UserRecord> ListManagedUsers(Tx& tx, int64_t self_id, const std::vector<int64_t>& root_unit_ids, int64_t limit,
                                    int64_t offset) override {
    Page<UserRecord> page;
    const std::string roots = IdList(root_unit_ids);
    const bool sqlite = tx.dialect() == Dialect::kSqlite;
    tx.session() << (sqlite ? sql::kCountManagedUsersSqlite : sql::kCountManagedUsersPostgres), soci::use(roots),
        soci::use(self_id), soci::into(page.total);
    soci::rowset<soci::row> rows =
        (tx.session().prepare << (sqlite ? sql::kSelectManagedUsersPageSqlite : sql::kSelectManagedUsersPagePostgres),
         soci::use(roots), soci::use(self_id), soci::use(limit), soci::use(offset));
    for (const auto& r : rows) page.items.push_back(UserFromRow(r));
    return page;
  }

  void UpdatePassword(Tx& tx, int64_t user_id, const std::string& hash, const std::string& at) override {
    tx.session() << sql::kUpdatePassword, soci::use(hash), soci::use(at), soci::use(at), soci::use(user_id);
  }

  void UpdateEmail(Tx& tx, int64_t user_id, const std::optional<std::string>& email, const std::string& at) override {
    tx.session() << sql::kUpdateUserEmail, soci::use(email), soci::use(at), soci::use(user_id);
  }

  int64_t InsertGrant(Tx& tx, int64_t user_id, const RoleGrant& g, const std::string& at) override {
    int64_t id = 0;
    const std::string role(ToString(g.role));
    tx.session() << sql::kInsertGrant, soci::use(user_id), soci::use(role), soci::use(g.unit_id),
        soci::use(g.organisation_id), soci::use(at), soci::into(id);
    return id;
  }

  std::vector<std::pair<int64_t, RoleGrant>> GrantsOf(Tx& tx, const std::vector<int64_t>& user_ids) override {
    std::vector<std::pair<int64_t, RoleGrant>> out;
    if (user_ids.empty()) return out;
    const std::string csv = IdList(user_ids);
    const auto query = tx.dialect() == Dialect::kSqlite ? sql::kSelectGrantsSqlite : sql::kSelectGrantsPostgres;
    auto rows = tx.Query(query, csv);
    while (const soci::row* r = rows.Next()) {
      RoleGrant g;
      g.id = RowInt(*r, 0);
      g.role = ParseRole(r->get<std::string>(2)).value_or(Role::kViewer);
      if (r->get_indicator(3) == soci::i_ok) g.unit_id = RowInt(*r, 3);
      if (r->get_indicator(4) == soci::i_ok) g.organisation_id = RowInt(*r, 4);
      out.emplace_back(RowInt(*r, 1), g);
    }
    return out;
  }

  int64_t InsertSession(Tx& tx, const SessionRecord& s) override {
    int64_t id = 0;
    tx.session() << sql::kInsertSession, soci::use(s.token_hash), soci::use(s.user_id), soci::use(s.csrf_token),
        soci::use(s.created_at), soci::use(s.last_seen_at), soci::use(s.expires_at), soci::use(s.remote),
        soci::into(id);
    return id;
  }

  std::optional<SessionRecord> FindSession(Tx& tx, const std::string& token_hash) override {
    auto rows = tx.Query(sql::kSelectSession, token_hash);
    if (const soci::row* r = rows.Next()) return SessionFromRow(*r);
    return std::nullopt;
  }

  void TouchSession(Tx& tx, int64_t id, const std::string& at) override {
    tx.session() << sql::kTouchSession, soci::use(at), soci::use(id);
  }

  void DeleteSession(Tx& tx, int64_t id) override { tx.session() << sql::kDeleteSession, soci::use(id); }

  void DeleteEndedSessionsOf(Tx& tx, int64_t user_id, const std::string& now, const std::string& idle_since) override {
    tx.session() << sql::kDeleteEndedSessionsOf, soci::use(user_id), soci::use(now), soci::use(idle_since);
  }

  void DeleteSessionsOf(Tx& tx, int64_t user_id, std::optional<int64_t> except_id) override {
    const int64_t except = except_id.value_or(0);
    tx.session() << sql::kDeleteSessionsOf, soci::use(user_id), soci::use(except);
  }

  int64_t InsertToken(Tx& tx, const TokenRecord& t) override {
    int64_t id = 0;
    tx.session() << sql::kInsertToken, soci::use(t.token_hash), soci::use(t.user_id), soci::use(t.name),
        soci::use(t.created_at), soci::use(t.expires_at), soci::into(id);
    return id;
  }

  std::optional<TokenRecord> FindToken(Tx& tx, int64_t id) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectToken, soci::use(id));
    for (const auto& r : rows) return TokenFromRow(r);
    return std::nullopt;
  }

  std::optional<TokenRecord> FindTokenByHash(Tx& tx, const std::string& token_hash) override {
    auto rows = tx.Query(sql::kSelectTokenByHash, token_hash);
    if (const soci::row* r = rows.Next()) return TokenFromRow(*r);
    return std::nullopt;
  }

  std::vector<TokenRecord> ListTokens(Tx& tx, std::optional<int64_t> user_id) override {
    std::vector<TokenRecord> out;
    soci::rowset<soci::row> rows =
        (tx.session().prepare << sql::kSelectTokens, soci::use(user_id), soci::use(user_id));
    for (const auto& r : rows) out.push_back(TokenFromRow(r));
    return out;
  }

  void RevokeToken(Tx& tx, int64_t id, const std::string& at) override {
    tx.session() << sql::kRevokeToken, soci::use(at), soci::use(id);
  }

  void TouchToken(Tx& tx, int64_t id, const std::string& at) override {
    tx.session() << sql::kTouchToken, soci::use(at), soci::use(id);
  }

  std::optional<ThrottleRecord> FindThrottle(Tx& tx, const std::string& key) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectThrottle, soci::use(key));
    for (const auto& r : rows)
      return ThrottleRecord{r.get<std::string>(0), RowInt(r, 1), r.get<std::string>(2), RowOptString(r, 3)};
    return std::nullopt;
  }

  void SaveThrottle(Tx& tx, const ThrottleRecord& t) override {
    tx.session() << sql::kUpsertThrottle, soci::use(t.key), soci::use(t.failures), soci::use(t.last_failure),
        soci::use(t.locked_until);
  }

  void ClearThrottle(Tx& tx, const std::string& key) override {
    tx.session() << sql::kDeleteThrottle, soci::use(key);
  }
};

}  // namespace

std::unique_ptr<AccountRepository> MakeAccountRepository() { return std::make_unique<SociAccountRepository>(); }

}  // namespace danvan
