#pragma once
//! Accounts: log-in with throttling, sessions, API tokens, users and their role grants.

#include "core/config.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "services/audit.hpp"
#include "services/caller.hpp"
#include "services/list_export.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

namespace danvan {

struct AuthPolicy {
  std::chrono::minutes session_lifetime{12 * 60};  //!< absolute
  std::chrono::minutes session_idle{120};          //!< since last use
  int slow_after = 3;                              //!< failures before each try must wait 2^(n-slow_after) s
  int lock_after = 10;                             //!< failures on one account before it locks
  int address_lock_after = 50;                     //!< failures from one address before it locks
  std::chrono::minutes lock_for{15};
};

struct LoginResult {
  std::string session_token;  //!< goes in the cookie; only its hash is stored
  std::string csrf_token;
  std::string expires_at;
  Principal principal;
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string password;  //!< empty → one is generated and returned once
  std::vector<RoleGrant> grants;
  bool is_demo = false;
};

struct UserView {
  UserRecord user;
  std::vector<RoleGrant> grants;
};

struct CreatedUser {
  UserView view;
  std::string generated_password;  //!< set only when one was generated
};

struct IssuedToken {
  TokenRecord record;
  std::string token;  //!< shown once
};

class AccountService {
 public:
  AccountService(Database& db, AccountRepository& accounts, TerritoryRepository& territory,
                 OrganisationRepository& organisations, AuditLog& audit, const Clock& clock, AuthPolicy policy = {})
      : db_(db),
        accounts_(accounts),
        territory_(territory),
        organisations_(organisations),
        audit_(audit),
        clock_(clock),
        policy_(policy) {}

  //! Never says whether the username exists: every failure is "invalid_credentials" (or a throttle).
  Result<LoginResult> Login(const std::string& username, const std::string& password, const std::string& remote,
                            const std::string& request_id);
  Status Logout(const Caller& caller);
  //! `csrf` must match the session's token when the request changes state.
  Result<Principal> AuthenticateSession(const std::string& token, bool mutating, const std::string& csrf);
  Result<Principal> AuthenticateToken(const std::string& token);

  Status ChangePassword(const Caller& caller, const std::string& current, const std::string& next);

  Result<CreatedUser> CreateUser(const Caller& caller, NewUser user);
  Result<Page<UserView>> ListUsers(const Caller& caller, int64_t limit, int64_t offset);
  //! Every user ListUsers shows the caller, as a spreadsheet (list_export.hpp).
  Result<ExportFile> ExportUsers(const Caller& caller);
  Result<UserView> GetUser(const Caller& caller, int64_t id);
  Result<UserView> GetUserByName(const Caller& caller, const std::string& username);

  Result<IssuedToken> IssueToken(const Caller& caller, int64_t user_id, const std::string& name,
                                 std::optional<Date> expires);
  Status RevokeToken(const Caller& caller, int64_t token_id);
  Result<std::vector<TokenRecord>> ListTokens(const Caller& caller);

 private:
  Result<Principal> LoadPrincipal(Tx& tx, int64_t user_id, AuthMethod method, int64_t credential_id);
  //! May the caller administer this user? Their grants must all lie in the caller's subtrees.
  bool MayManage(Tx& tx, const Principal& caller, const std::vector<RoleGrant>& grants);
  //! MayManage, and every grant's unit and organisation exist and fit together.
  Status CheckGrants(Tx& tx, const Principal& caller, const std::vector<RoleGrant>& grants);

  Database& db_;
  AccountRepository& accounts_;
  TerritoryRepository& territory_;
  OrganisationRepository& organisations_;
  AuditLog& audit_;
  const Clock& clock_;
  AuthPolicy policy_;
};

//! Password rules: 8–256 characters, not all the same character.
Status ValidatePassword(const std::string& password);

}  // namespace danvan
