#include "services/accounts.hpp"

#include "core/crypto.hpp"
#include "core/date.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace danvan {
namespace {

Error InvalidCredentials() {
  return MakeError(ErrorKind::kUnauthenticated, "invalid_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.",
                   "Wrong username or password.");
}

Error Throttled(std::chrono::seconds wait, bool locked) {
  const auto secs = std::max<int64_t>(1, wait.count());
  return MakeError(ErrorKind::kTooManyRequests, locked ? "login_locked" : "login_slowed_down",
                   locked ? fmt::format("Đăng nhập sai quá nhiều lần; vui lòng thử lại sau {} phút.", (secs + 59) / 60)
                          : fmt::format("Đăng nhập sai nhiều lần; vui lòng chờ {} giây rồi thử lại.", secs),
                   locked ? fmt::format("Too many failed log-ins; try again in {} minutes.", (secs + 59) / 60)
                          : fmt::format("Several failed log-ins; wait {} seconds and try again.", secs))
      .WithDetail("retry_after_seconds", secs);
}

std::string UserJson(const UserRecord& u, const std::vector<RoleGrant>& grants) {
  boost::json::array g;
  for (const auto& r : grants) {
    boost::json::object o{{"role", ToString(r.role)}};
    if (r.unit_id) o["unit_id"] = *r.unit_id;
    if (r.organisation_id) o["organisation_id"] = *r.organisation_id;
    g.push_back(std::move(o));
  }
  return boost::json::serialize(boost::json::object{
      {"id", u.id}, {"username", u.username}, {"display_name", u.display_name}, {"active", u.active},
      {"is_demo", u.is_demo}, {"grants", std::move(g)}});
}

TimePoint ParseUtc(const std::string& s) {
  // "YYYY-MM-DDTHH:MM:SS.mmmZ" as written by FormatUtc.
  std::tm tm{};
  int ms = 0;
  if (sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
             &tm.tm_sec, &ms) < 6)
    return TimePoint{};
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return std::chrono::system_clock::from_time_t(timegm(&tm)) + std::chrono::milliseconds(ms);
}

// Login attempts commit their throttle counters even when they fail: the outcome travels as a value.
struct LoginOutcome {
  std::optional<LoginResult> result;
  std::optional<Error> error;
};

}  // namespace

Error Forbidden() {
  return MakeError(ErrorKind::kForbidden, "forbidden", "Bạn không có quyền thực hiện thao tác này.",
                   "You are not allowed to do this.");
}

Error Unauthenticated() {
  return MakeError(ErrorKind::kUnauthenticated, "unauthenticated", "Vui lòng đăng nhập.", "Please log in.");
}

Status ValidatePassword(const std::string& password) {
  const auto chars = std::count_if(password.begin(), password.end(), [](char c) { return (c & 0xC0) != 0x80; });
  const bool all_same = !password.empty() && std::all_of(password.begin(), password.end(),
                                                          [&](char c) { return c == password.front(); });
  if (chars < 8 || chars > 256 || all_same)
    return MakeError(ErrorKind::kInvalidInput, "weak_password",
                     "Mật khẩu phải có từ 8 đến 256 ký tự và không được lặp một ký tự.",
                     "A password needs 8 to 256 characters, not all the same.")
        .WithDetail("field", "password");
  return OkStatus();
}

Result<Principal> AccountService::LoadPrincipal(Tx& tx, int64_t user_id, AuthMethod method, int64_t credential_id) {
  auto user = accounts_.FindUser(tx, user_id);
  if (!user || !user->active) return Unauthenticated();
  Principal p;
  p.user_id = user->id;
  p.username = user->username;
  p.display_name = user->display_name;
  p.method = method;
  p.credential_id = credential_id;
  for (auto& [_, g] : accounts_.GrantsOf(tx, {user_id})) p.grants.push_back(g);
  return p;
}

Result<LoginResult> AccountService::Login(const std::string& username, const std::string& password,
                                          const std::string& remote, const std::string& request_id) {
  const TimePoint now = clock_.Now();
  const std::string now_s = FormatUtc(now);
  auto outcome = db_.Run<LoginOutcome>(TxMode::kWrite, [&](Tx& tx) -> Result<LoginOutcome> {
    const std::string user_key = "user:" + username;
    const std::string addr_key = "addr:" + remote;
    // Refuse at once while either key is locked or slowed down, before looking at the password.
    for (const auto& key : {user_key, addr_key}) {
      auto t = accounts_.FindThrottle(tx, key);
      if (!t) continue;
      if (t->locked_until && ParseUtc(*t->locked_until) > now)
        return LoginOutcome{std::nullopt, Throttled(std::chrono::duration_cast<std::chrono::seconds>(
                                                        ParseUtc(*t->locked_until) - now),
                                                    true)};
      if (key == user_key && t->failures >= policy_.slow_after) {
        const auto wait = std::chrono::seconds(1LL << std::min<int64_t>(t->failures - policy_.slow_after, 8));
        const auto ready = ParseUtc(t->last_failure) + wait;
        if (ready > now)
          return LoginOutcome{std::nullopt,
                              Throttled(std::chrono::duration_cast<std::chrono::seconds>(ready - now), false)};
      }
    }

    auto user = accounts_.FindUserByName(tx, username);
    // Hash even for unknown users, so that timing does not tell whether the username exists.
    static const std::string kDummyHash = HashPassword("danvan-dummy-password");
    const bool password_ok = VerifyPassword(user ? user->password_hash : kDummyHash, password);
    if (!user || !user->active || !password_ok) {
      for (const auto& key : {user_key, addr_key}) {
        auto t = accounts_.FindThrottle(tx, key).value_or(ThrottleRecord{key, 0, now_s, std::nullopt});
        if (ParseUtc(t.last_failure) + policy_.lock_for < now) t.failures = 0;  // old failures are forgiven
        t.failures += 1;
        t.last_failure = now_s;
        const int limit = key == user_key ? policy_.lock_after : policy_.address_lock_after;
        if (t.failures >= limit) t.locked_until = FormatUtc(now + policy_.lock_for);
        accounts_.SaveThrottle(tx, t);
      }
      return LoginOutcome{std::nullopt, InvalidCredentials()};
    }
    accounts_.ClearThrottle(tx, user_key);

    SessionRecord s;
    LoginResult result;
    result.session_token = RandomToken(32);
    result.csrf_token = RandomToken(24);
    s.token_hash = Sha256Hex(result.session_token);
    s.user_id = user->id;
    s.csrf_token = result.csrf_token;
    s.created_at = now_s;
    s.last_seen_at = now_s;
    s.expires_at = FormatUtc(now + policy_.session_lifetime);
    s.remote = remote;
    // Sessions that ended are not deleted when they are seen (that read does not take the write lock): a log-in
    // clears its user's.
    accounts_.DeleteEndedSessionsOf(tx, user->id, now_s, FormatUtc(now - policy_.session_idle));
    s.id = accounts_.InsertSession(tx, s);
    result.expires_at = s.expires_at;
    result.principal = DANVAN_TRY(LoadPrincipal(tx, user->id, AuthMethod::kSession, s.id));
    result.principal.csrf_token = s.csrf_token;
    audit_.Record(tx, Actor{result.principal.ActorId(), request_id},
                  AuditEvent{"system", "session", std::to_string(s.id), "login", std::nullopt,
                             boost::json::serialize(boost::json::object{{"user_id", user->id}, {"remote", remote}})});
    return LoginOutcome{std::move(result), std::nullopt};
  });
  if (!outcome) return std::move(outcome).error();
  if (outcome->error) return std::move(*outcome->error);
  return std::move(*outcome->result);
}

Status AccountService::Logout(const Caller& caller) {
  if (caller.principal.method != AuthMethod::kSession) return OkStatus();
  return db_.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    accounts_.DeleteSession(tx, caller.principal.credential_id);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{"system", "session", std::to_string(caller.principal.credential_id), "logout"});
    return OkStatus();
  });
}

// Authenticating only reads. The write lock (one writer at a time on SQLite) is taken afterwards, and only when
// the session's idle clock has to move (at most once a minute): every signed-in request waiting for that lock made
// page loads queue behind each other and, on a busy machine, fail with "database busy". An ended session keeps
// saying so until its user logs in again, which clears it (Login).
Result<Principal> AccountService::AuthenticateSession(const std::string& token, bool mutating,
                                                      const std::string& csrf) {
  const TimePoint now = clock_.Now();
  const std::string hash = Sha256Hex(token);
  std::optional<int64_t> touch;
  auto principal = db_.Run<Principal>(TxMode::kRead, [&](Tx& tx) -> Result<Principal> {
    auto s = accounts_.FindSession(tx, hash);
    if (!s) return Unauthenticated();
    if (ParseUtc(s->expires_at) <= now || ParseUtc(s->last_seen_at) + policy_.session_idle <= now) {
      return MakeError(ErrorKind::kUnauthenticated, "session_expired", "Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.",
                       "Your session has expired; please log in again.");
    }
    if (mutating && (csrf.empty() || csrf != s->csrf_token))
      return MakeError(ErrorKind::kForbidden, "csrf_token_invalid",
                       "Thiếu hoặc sai mã chống giả mạo (CSRF); hãy tải lại trang.",
                       "Missing or wrong CSRF token; reload the page.");
    if (ParseUtc(s->last_seen_at) + std::chrono::minutes(1) <= now) touch = s->id;
    auto principal = DANVAN_TRY(LoadPrincipal(tx, s->user_id, AuthMethod::kSession, s->id));
    principal.csrf_token = s->csrf_token;
    return principal;
  });
  // Housekeeping: the request's answer does not wait on it succeeding.
  if (touch && principal.ok()) {
    auto st = db_.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
      accounts_.TouchSession(tx, *touch, FormatUtc(now));
      return OkStatus();
    });
    if (!st) spdlog::warn("session {} idle clock not moved: {}", *touch, st.error().message_en);
  }
  return principal;
}

Result<Principal> AccountService::AuthenticateToken(const std::string& token) {
  const TimePoint now = clock_.Now();
  const std::string hash = Sha256Hex(token);
  std::optional<int64_t> touch;
  auto principal = db_.Run<Principal>(TxMode::kRead, [&](Tx& tx) -> Result<Principal> {
    auto t = accounts_.FindTokenByHash(tx, hash);
    if (!t || t->revoked_at || (t->expires_at && ParseUtc(*t->expires_at) <= now))
      return MakeError(ErrorKind::kUnauthenticated, "invalid_token", "Mã truy cập (token) không hợp lệ hoặc đã bị thu hồi.",
                       "The API token is invalid, expired or revoked.");
    if (!t->last_used_at || ParseUtc(*t->last_used_at) + std::chrono::minutes(1) <= now) touch = t->id;
    return LoadPrincipal(tx, t->user_id, AuthMethod::kApiToken, t->id);
  });
  if (touch && principal.ok()) {
    auto st = db_.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
      accounts_.TouchToken(tx, *touch, FormatUtc(now));
      return OkStatus();
    });
    if (!st) spdlog::warn("token {} last use not recorded: {}", *touch, st.error().message_en);
  }
  return principal;
}

Status AccountService::ChangePassword(const Caller& caller, const std::string& current, const std::string& next) {
  const std::string now = FormatUtc(clock_.Now());
  return db_.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    auto user = accounts_.FindUser(tx, caller.principal.user_id);
    if (!user) return Unauthenticated();
    // The current password first: a weak new one says nothing about whether the old one was right.
    if (!VerifyPassword(user->password_hash, current))
      return MakeError(ErrorKind::kInvalidInput, "wrong_current_password", "Mật khẩu hiện tại không đúng.",
                       "The current password is wrong.")
          .WithDetail("field", "current_password");
    DANVAN_TRY(ValidatePassword(next));
    accounts_.UpdatePassword(tx, user->id, HashPassword(next), now);
    // Other sessions of the user end: whoever knew the old password is logged out.
    std::optional<int64_t> keep;
    if (caller.principal.method == AuthMethod::kSession) keep = caller.principal.credential_id;
    accounts_.DeleteSessionsOf(tx, user->id, keep);
    audit_.Record(tx, caller.actor(), AuditEvent{"system", "user", std::to_string(user->id), "change_password"});
    return OkStatus();
  });
}

bool AccountService::MayManage(Tx& tx, const Principal& caller, const std::vector<RoleGrant>& grants) {
  if (caller.IsSystemAdmin()) return true;
  if (grants.empty()) return false;
  for (const auto& g : grants) {
    if (g.role == Role::kSystemAdmin || !g.unit_id) return false;
    if (!Allows(caller, Permission::kManageUsers, territory_.Ancestry(tx, *g.unit_id))) return false;
  }
  return true;
}

Status AccountService::CheckGrants(Tx& tx, const Principal& caller, const std::vector<RoleGrant>& grants) {
  if (!MayManage(tx, caller, grants)) return Forbidden();
  for (const auto& g : grants) {
    if (g.unit_id && !territory_.Find(tx, *g.unit_id))
      return MakeError(ErrorKind::kInvalidInput, "unit_not_found", "Không có đơn vị được gán quyền.",
                       "The unit of a role grant does not exist.")
          .WithDetail("unit_id", *g.unit_id);
    if (g.organisation_id) {
      // The organisation must exist inside the granted unit's subtree.
      auto org = organisations_.Find(tx, *g.organisation_id);
      const auto ancestry = org ? territory_.Ancestry(tx, org->unit_id) : std::vector<int64_t>{};
      if (!g.unit_id || std::find(ancestry.begin(), ancestry.end(), *g.unit_id) == ancestry.end())
        return MakeError(ErrorKind::kInvalidInput, "invalid_grant_organisation",
                         "Tổ chức được gán không thuộc đơn vị của quyền này.",
                         "The grant's organisation is not inside the grant's unit.")
            .WithDetail("organisation_id", *g.organisation_id);
    }
  }
  return OkStatus();
}

Result<CreatedUser> AccountService::CreateUser(const Caller& caller, NewUser input) {
  const auto chars = input.username.size();
  const bool name_ok = chars >= 3 && chars <= 64 &&
                       std::all_of(input.username.begin(), input.username.end(), [](char c) {
                         return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                       });
  if (!name_ok)
    return MakeError(ErrorKind::kInvalidInput, "invalid_username",
                     "Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, '.', '_' hoặc '-'.",
                     "A username has 3–64 characters: lower-case letters, digits, '.', '_' or '-'.")
        .WithDetail("field", "username");
  if (input.display_name.empty())
    return MakeError(ErrorKind::kInvalidInput, "field_required", "Cần nhập họ tên hiển thị.",
                     "The display name is required.")
        .WithDetail("field", "display_name");
  for (const auto& g : input.grants)
    if (g.role != Role::kSystemAdmin && !g.unit_id)
      return MakeError(ErrorKind::kInvalidInput, "grant_needs_unit", "Vai trò này cần đơn vị (unit_id).",
                       "This role needs a unit (unit_id).");
  CreatedUser created;
  if (input.password.empty()) {
    input.password = RandomToken(12);
    created.generated_password = input.password;
  }
  DANVAN_TRY(ValidatePassword(input.password));
  // Permission first, in a read: hashing costs ~0.1 s of CPU and must not be free to the unauthorised.
  auto allowed = db_.Run(TxMode::kRead, [&](Tx& tx) { return CheckGrants(tx, caller.principal, input.grants); });
  if (!allowed) return std::move(allowed).error();
  const std::string hash = HashPassword(input.password);
  const std::string now = FormatUtc(clock_.Now());
  return db_.Run<CreatedUser>(TxMode::kWrite, [&](Tx& tx) -> Result<CreatedUser> {
    DANVAN_TRY(CheckGrants(tx, caller.principal, input.grants));
    if (accounts_.FindUserByName(tx, input.username))
      return MakeError(ErrorKind::kConflict, "username_taken", "Tên đăng nhập này đã có người dùng.",
                       "This username is taken.")
          .WithDetail("field", "username");
    UserRecord u;
    u.username = input.username;
    u.display_name = input.display_name;
    u.password_hash = hash;
    u.is_demo = input.is_demo;
    u.created_at = u.updated_at = u.password_changed_at = now;
    u.id = accounts_.InsertUser(tx, u);
    for (auto& g : input.grants) g.id = accounts_.InsertGrant(tx, u.id, g, now);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{"system", "user", std::to_string(u.id), "create", std::nullopt, UserJson(u, input.grants)});
    created.view = UserView{u, input.grants};
    return created;
  });
}

Result<Page<UserView>> AccountService::ListUsers(const Caller& caller, int64_t limit, int64_t offset) {
  return db_.Run<Page<UserView>>(TxMode::kRead, [&](Tx& tx) -> Result<Page<UserView>> {
    // Others than system admins see themselves and the users they may manage (MayManage), filtered in SQL so
    // that the total and every page agree.
    auto page = caller.principal.IsSystemAdmin()
                    ? accounts_.ListUsers(tx, limit, offset)
                    : accounts_.ListManagedUsers(tx, caller.principal.user_id,
                                                 ScopeRoots(caller.principal, Permission::kManageUsers), limit, offset);
    std::vector<int64_t> ids;
    for (const auto& u : page.items) ids.push_back(u.id);
    std::map<int64_t, std::vector<RoleGrant>> grants;
    for (auto& [uid, g] : accounts_.GrantsOf(tx, ids)) grants[uid].push_back(g);
    Page<UserView> out;
    out.total = page.total;
    for (auto& u : page.items) {
      auto& g = grants[u.id];
      out.items.push_back(UserView{std::move(u), std::move(g)});
    }
    return out;
  });
}

Result<UserView> AccountService::GetUser(const Caller& caller, int64_t id) {
  return db_.Run<UserView>(TxMode::kRead, [&](Tx& tx) -> Result<UserView> {
    auto u = accounts_.FindUser(tx, id);
    std::vector<RoleGrant> grants;
    if (u)
      for (auto& [_, g] : accounts_.GrantsOf(tx, {id})) grants.push_back(g);
    if (!u || (id != caller.principal.user_id && !MayManage(tx, caller.principal, grants)))
      return MakeError(ErrorKind::kNotFound, "user_not_found", "Không tìm thấy người dùng.", "No such user.");
    return UserView{*u, grants};
  });
}

Result<UserView> AccountService::GetUserByName(const Caller& caller, const std::string& username) {
  auto id = db_.Run<int64_t>(TxMode::kRead, [&](Tx& tx) -> Result<int64_t> {
    auto u = accounts_.FindUserByName(tx, username);
    if (!u) return MakeError(ErrorKind::kNotFound, "user_not_found", "Không tìm thấy người dùng.", "No such user.");
    return u->id;
  });
  if (!id) return std::move(id).error();
  return GetUser(caller, id.value());
}

Result<IssuedToken> AccountService::IssueToken(const Caller& caller, int64_t user_id, const std::string& name,
                                               std::optional<Date> expires) {
  if (name.empty() || name.size() > 200)
    return MakeError(ErrorKind::kInvalidInput, "field_required", "Cần đặt tên cho token (tối đa 200 ký tự).",
                     "A token needs a name (at most 200 characters).")
        .WithDetail("field", "name");
  const std::string now = FormatUtc(clock_.Now());
  return db_.Run<IssuedToken>(TxMode::kWrite, [&](Tx& tx) -> Result<IssuedToken> {
    auto user = accounts_.FindUser(tx, user_id);
    std::vector<RoleGrant> grants;
    if (user)
      for (auto& [_, g] : accounts_.GrantsOf(tx, {user_id})) grants.push_back(g);
    // Unknown and unmanageable users answer alike: ids do not leak.
    if (!user || !(caller.principal.IsSystemAdmin() ||
                   (MayManage(tx, caller.principal, grants) &&
                    std::all_of(grants.begin(), grants.end(), [&](const RoleGrant& g) {
                      return g.unit_id &&
                             Allows(caller.principal, Permission::kManageTokens, territory_.Ancestry(tx, *g.unit_id));
                    }))))
      return MakeError(ErrorKind::kNotFound, "user_not_found", "Không tìm thấy người dùng.", "No such user.");
    IssuedToken issued;
    issued.token = "dv_" + RandomToken(32);
    issued.record.token_hash = Sha256Hex(issued.token);
    issued.record.user_id = user_id;
    issued.record.name = name;
    issued.record.created_at = now;
    // Valid through the chosen day in Vietnam: until 24:00 +07:00, i.e. 17:00 UTC that day.
    if (expires) issued.record.expires_at = expires->Iso() + "T17:00:00.000Z";
    issued.record.id = accounts_.InsertToken(tx, issued.record);
    audit_.Record(tx, caller.actor(),
                  AuditEvent{"system", "api_token", std::to_string(issued.record.id), "issue", std::nullopt,
                             boost::json::serialize(boost::json::object{{"user_id", user_id}, {"name", name}})});
    return issued;
  });
}

Status AccountService::RevokeToken(const Caller& caller, int64_t token_id) {
  const std::string now = FormatUtc(clock_.Now());
  return db_.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    auto t = accounts_.FindToken(tx, token_id);
    std::vector<RoleGrant> grants;
    if (t)
      for (auto& [_, g] : accounts_.GrantsOf(tx, {t->user_id})) grants.push_back(g);
    if (!t || !(caller.principal.IsSystemAdmin() || t->user_id == caller.principal.user_id ||
                MayManage(tx, caller.principal, grants)))
      return MakeError(ErrorKind::kNotFound, "token_not_found", "Không tìm thấy token.", "No such token.");
    if (t->revoked_at) return OkStatus();
    accounts_.RevokeToken(tx, token_id, now);
    audit_.Record(tx, caller.actor(), AuditEvent{"system", "api_token", std::to_string(token_id), "revoke"});
    return OkStatus();
  });
}

Result<std::vector<TokenRecord>> AccountService::ListTokens(const Caller& caller) {
  return db_.Run<std::vector<TokenRecord>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<TokenRecord>> {
    std::optional<int64_t> only;
    if (!caller.principal.IsSystemAdmin()) only = caller.principal.user_id;
    return accounts_.ListTokens(tx, only);
  });
}

}  // namespace danvan
