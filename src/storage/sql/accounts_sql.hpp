#pragma once
// Named SQL of users, role grants, sessions, API tokens and log-in throttling.

#include <string_view>

namespace danvan::sql {

inline constexpr std::string_view kInsertUser = R"~(
INSERT INTO users (username, display_name, password_hash, active, is_demo, created_at, updated_at,
                   password_changed_at)
VALUES (:username, :display_name, :password_hash, :active, :is_demo, :created_at, :updated_at, :changed_at)
RETURNING id)~";

inline constexpr std::string_view kUserColumns =
    "id, username, display_name, password_hash, active, is_demo, created_at, updated_at, password_changed_at";

inline constexpr std::string_view kSelectUser = R"~(
SELECT id, username, display_name, password_hash, active, is_demo, created_at, updated_at, password_changed_at
FROM users WHERE id = :id)~";

inline constexpr std::string_view kSelectUserByName = R"~(
SELECT id, username, display_name, password_hash, active, is_demo, created_at, updated_at, password_changed_at
FROM users WHERE username = :username)~";

inline constexpr std::string_view kCountUsers = R"~(SELECT COUNT(*) FROM users)~";

inline constexpr std::string_view kSelectUsersPage = R"~(
SELECT id, username, display_name, password_hash, active, is_demo, created_at, updated_at, password_changed_at
FROM users ORDER BY username LIMIT :limit OFFSET :offset)~";

inline constexpr std::string_view kUpdatePassword = R"~(
UPDATE users SET password_hash = :hash, password_changed_at = :at, updated_at = :at2 WHERE id = :id)~";

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
