#pragma once
// Named SQL of users, role grants, sessions, API tokens and log-in throttling.

#include <string_view>

namespace danvan::sql {

inline constexpr std::string_view kInsertUser = R"~(
INSERT INTO users (username, display_name, password_hash, active, is_demo, created_at, updated_at,
                   password_changed_at, email)
VALUES (:username, :display_name, :password_hash, :active, :is_demo, :created_at, :updated_at, :changed_at, :email)
RETURNING id)~";

inline constexpr std::string_view kUserColumns =
    "id, username, display_name, password_hash, active, is_demo, created_at, updated_at, password_changed_at, email";

inline constexpr std::string_view kSelectUser = R"~(
SELECT id, username, display_name, password_hash, active, is_demo, created_at, updated_at, password_changed_at, email
FROM users WHERE id = :id)~";

inline constexpr std::string_view kSelectUserByName = R"~(
SELECT id, username, display_name, password_hash, active, is_demo, created_at, updated_at, password_changed_at, email
FROM users WHERE username = :username)~";

inline constexpr std::string_view kCountUsers = R"~(SELECT COUNT(*) FROM users)~";

inline constexpr std::string_view kSelectUsersPage = R"~(
SELECT id, username, display_name, password_hash, active, is_demo, created_at, updated_at, password_changed_at, email
FROM users ORDER BY username LIMIT :limit OFFSET :offset)~";

// The users a unit admin may manage, and the admin: at least one grant, and every grant inside the admin's
// subtrees (no system admin grant, none without a unit): AccountService::MayManage's rule, in SQL so that the
// page and its total agree. The subtree roots travel as one text parameter "1,2,3".
#define DANVAN_MANAGED_USERS(COLUMNS, ROOTS)                                                                 \
  "WITH RECURSIVE scope (id, depth) AS ("                                                                   \
  "  SELECT id, 0 FROM admin_units WHERE " ROOTS                                                            \
  "  UNION ALL SELECT u.id, s.depth + 1 FROM admin_units u JOIN scope s ON u.parent_id = s.id WHERE s.depth < 16)" \
  " SELECT " COLUMNS " FROM users WHERE id = :self OR ("                                                    \
  "   EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = users.id)"                                      \
  "   AND NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = users.id AND (g.role = 'system_admin'"  \
  "     OR g.unit_id IS NULL OR g.unit_id NOT IN (SELECT id FROM scope))))"
#define DANVAN_ROOTS_SQLITE "id IN (SELECT value FROM json_each('[' || :roots || ']'))"
#define DANVAN_ROOTS_POSTGRES "id = ANY (string_to_array(:roots, ',')::BIGINT[])"
#define DANVAN_USER_COLUMNS                                                                                  \
  "id, username, display_name, password_hash, active, is_demo, created_at, updated_at, password_changed_at, email"

inline constexpr std::string_view kCountManagedUsersSqlite = DANVAN_MANAGED_USERS("COUNT(*)", DANVAN_ROOTS_SQLITE);
inline constexpr std::string_view kCountManagedUsersPostgres = DANVAN_MANAGED_USERS("COUNT(*)", DANVAN_ROOTS_POSTGRES);
inline constexpr std::string_view kSelectManagedUsersPageSqlite =
    DANVAN_MANAGED_USERS(DANVAN_USER_COLUMNS, DANVAN_ROOTS_SQLITE) " ORDER BY username LIMIT :limit OFFSET :offset";
inline constexpr std::string_view kSelectManagedUsersPagePostgres =
    DANVAN_MANAGED_USERS(DANVAN_USER_COLUMNS, DANVAN_ROOTS_POSTGRES) " ORDER BY username LIMIT :limit OFFSET :offset";

#undef DANVAN_USER_COLUMNS
#undef DANVAN_ROOTS_POSTGRES
#undef DANVAN_ROOTS_SQLITE
#undef DANVAN_MANAGED_USERS

inline constexpr std::string_view kUpdatePassword = R"~(
UPDATE users SET password_hash = :hash, password_changed_at = :at, updated_at = :at2 WHERE id = :id)~";

// The address alerts are mailed to (V008); NULL: alerts stay in the app.
inline constexpr std::string_view kUpdateUserEmail = R"~(
UPDATE users SET email = :email, updated_at = :at WHERE id = :id)~";

inline constexpr std::string_view kInsertGrant = R"~(
INSERT INTO role_grants (user_id, role, unit_id, organisation_id, created_at)
VALUES (:user_id, :role, :unit_id, :organisation_id, :at)
RETURNING id)~";

inline constexpr std::string_view kSelectGrantsSqlite = R"~(
SELECT id, user_id, role, unit_id, organisation_id FROM role_grants
WHERE user_id IN (SELECT value FROM json_each('[' || :ids || ']')) ORDER BY user_id, id)~";

inline constexpr std::string_view kSelectGrantsPostgres = R"~(
SELECT id, user_id, role, unit_id, organisation_id FROM role_grants
WHERE user_id = ANY (string_to_array(:ids, ',')::BIGINT[]) ORDER BY user_id, id)~";

inline constexpr std::string_view kInsertSession = R"~(
INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, remote)
VALUES (:token_hash, :user_id, :csrf_token, :created_at, :last_seen_at, :expires_at, :remote)
RETURNING id)~";

inline constexpr std::string_view kSelectSession = R"~(
SELECT id, token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, remote
FROM sessions WHERE token_hash = :token_hash)~";

inline constexpr std::string_view kTouchSession = R"~(UPDATE sessions SET last_seen_at = :at WHERE id = :id)~";
inline constexpr std::string_view kDeleteSession = R"~(DELETE FROM sessions WHERE id = :id)~";
// Times are stored as FormatUtc text (fixed width, UTC), so they compare as strings on both databases.
inline constexpr std::string_view kDeleteEndedSessionsOf = R"~(
DELETE FROM sessions WHERE user_id = :user_id AND (expires_at <= :now OR last_seen_at <= :idle_since))~";
inline constexpr std::string_view kDeleteSessionsOf = R"~(
DELETE FROM sessions WHERE user_id = :user_id AND id <> :except_id)~";

inline constexpr std::string_view kInsertToken = R"~(
INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at)
VALUES (:token_hash, :user_id, :name, :created_at, :expires_at)
RETURNING id)~";

inline constexpr std::string_view kTokenColumns =
    "id, token_hash, user_id, name, created_at, expires_at, revoked_at, last_used_at";

inline constexpr std::string_view kSelectToken = R"~(
SELECT id, token_hash, user_id, name, created_at, expires_at, revoked_at, last_used_at
FROM api_tokens WHERE id = :id)~";

inline constexpr std::string_view kSelectTokenByHash = R"~(
SELECT id, token_hash, user_id, name, created_at, expires_at, revoked_at, last_used_at
FROM api_tokens WHERE token_hash = :token_hash)~";

inline constexpr std::string_view kSelectTokens = R"~(
SELECT id, token_hash, user_id, name, created_at, expires_at, revoked_at, last_used_at
FROM api_tokens WHERE (CAST(:user_id AS BIGINT) IS NULL OR user_id = :user_id2) ORDER BY id)~";

inline constexpr std::string_view kRevokeToken = R"~(
UPDATE api_tokens SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL)~";
inline constexpr std::string_view kTouchToken = R"~(UPDATE api_tokens SET last_used_at = :at WHERE id = :id)~";

inline constexpr std::string_view kSelectThrottle = R"~(
SELECT key, failures, last_failure, locked_until FROM login_throttle WHERE key = :key)~";

inline constexpr std::string_view kUpsertThrottle = R"~(
INSERT INTO login_throttle (key, failures, last_failure, locked_until) VALUES (:key, :failures, :last, :locked)
ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_failure = excluded.last_failure,
                                locked_until = excluded.locked_until)~";

inline constexpr std::string_view kDeleteThrottle = R"~(DELETE FROM login_throttle WHERE key = :key)~";

}  // namespace danvan::sql
