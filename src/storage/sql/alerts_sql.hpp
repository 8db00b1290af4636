#pragma once
// Named SQL of the concerns' alerts (near due, overdue) and the e-mail outbox (V008). Instants are stored as
// FormatUtc text, which sorts as time does: comparisons are on text.

#include <string_view>

namespace danvan::sql {

// Open concerns with a clock that ends by the horizon: the receiving clock until the first staff step, the
// resolving clock while it runs (absent while waiting for the resident).
inline constexpr std::string_view kSelectAlertCandidates = R"~(
SELECT c.id, c.code, c.unit_id, c.organisation_id, c.assignee_user_id, cat.name,
       CASE WHEN c.received_at IS NULL THEN c.received_due_at END, c.resolve_due_at
FROM concerns c JOIN concern_categories cat ON cat.id = c.category_id
WHERE c.status IN ('new', 'received', 'assigned', 'in_progress', 'waiting', 'reopened')
  AND ((c.received_at IS NULL AND c.received_due_at <= :receive_horizon) OR c.resolve_due_at <= :resolve_horizon)
ORDER BY c.id)~";

// Everyone who may have to act on a concern by their grant: unit admins and the members of organisations.
inline constexpr std::string_view kSelectAlertStaff = R"~(
SELECT u.id, u.display_name, u.email, g.role, g.unit_id, g.organisation_id
FROM users u JOIN role_grants g ON g.user_id = u.id
WHERE u.active = 1 AND g.role IN ('unit_admin', 'unit_member')
ORDER BY u.id, g.id)~";

// Raised once per (user, concern, kind, clock, due time): a second try returns no row.
inline constexpr std::string_view kInsertAlert = R"~(
INSERT INTO concern_alerts (user_id, concern_id, kind, clock, due_at, created_at)
VALUES (:user_id, :concern_id, :kind, :clock, :due_at, :at)
ON CONFLICT DO NOTHING RETURNING id)~";

#define DANVAN_ALERT_COLUMNS                                                                                     \
  " a.id, a.user_id, a.concern_id, c.code, c.unit_id, cat.name, a.kind, a.clock, a.due_at, a.created_at, a.read_at" \
  " FROM concern_alerts a JOIN concerns c ON c.id = a.concern_id JOIN concern_categories cat ON cat.id = c.category_id"

inline constexpr std::string_view kSelectAlert = "SELECT" DANVAN_ALERT_COLUMNS " WHERE a.id = :id";
inline constexpr std::string_view kSelectAlertsOfUser =
    "SELECT" DANVAN_ALERT_COLUMNS " WHERE a.user_id = :user_id ORDER BY a.id DESC LIMIT :limit";
inline constexpr std::string_view kSelectUnreadAlertsOfUser =
    "SELECT" DANVAN_ALERT_COLUMNS " WHERE a.user_id = :user_id AND a.read_at IS NULL ORDER BY a.id DESC LIMIT :limit";

#undef DANVAN_ALERT_COLUMNS

inline constexpr std::string_view kCountUnreadAlerts = R"~(
SELECT COUNT(*) FROM concern_alerts WHERE user_id = :user_id AND read_at IS NULL)~";

inline constexpr std::string_view kMarkAlertRead = R"~(
UPDATE concern_alerts SET read_at = :at WHERE id = :id AND read_at IS NULL)~";

// ---- the outbox ----

inline constexpr std::string_view kInsertMail = R"~(
INSERT INTO mail_outbox (to_address, subject, body, alert_id, created_at) VALUES (:to, :subject, :body, :alert_id, :at)
RETURNING id)~";

#define DANVAN_MAIL_COLUMNS " id, to_address, subject, body, alert_id, created_at, sent_at, attempts, last_error FROM mail_outbox"

inline constexpr std::string_view kSelectPendingMail =
    "SELECT" DANVAN_MAIL_COLUMNS " WHERE sent_at IS NULL AND attempts < :max_attempts ORDER BY id LIMIT :limit";
inline constexpr std::string_view kSelectMail = "SELECT" DANVAN_MAIL_COLUMNS " WHERE id = :id";
inline constexpr std::string_view kSelectMailPage = "SELECT" DANVAN_MAIL_COLUMNS " ORDER BY id DESC LIMIT :limit";

#undef DANVAN_MAIL_COLUMNS

// Taken for one attempt only if no one else took it since it was read (another node, another sweep).
inline constexpr std::string_view kClaimMail = R"~(
UPDATE mail_outbox SET attempts = attempts + 1 WHERE id = :id AND sent_at IS NULL AND attempts = :seen)~";
inline constexpr std::string_view kMarkMailSent = R"~(
UPDATE mail_outbox SET sent_at = :at, last_error = NULL WHERE id = :id)~";
inline constexpr std::string_view kMarkMailFailed = R"~(
UPDATE mail_outbox SET last_error = :error WHERE id = :id)~";

}  // namespace danvan::sql
