#pragma once
//! Alerts on residents' concerns (near due, overdue) and the outbox of e-mails they send. One SOCI implementation for
//! both databases (storage/alert_repository.cpp, SQL in storage/sql/alerts_sql.hpp, tables of V008).

#include "domain/access.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace danvan {

enum class AlertKind { kNearDue, kOverdue };
enum class AlertClock { kReceive, kResolve };  //!< which of a concern's two clocks

std::string_view ToString(AlertKind k);   //!< "near_due" | "overdue"
std::string_view ToString(AlertClock c);  //!< "receive" | "resolve"
std::optional<AlertKind> ParseAlertKind(std::string_view s);
std::optional<AlertClock> ParseAlertClock(std::string_view s);

//! One alert of one user, with what a list shows of its concern.
struct ConcernAlert {
  int64_t id = 0;
  int64_t user_id = 0;
  int64_t concern_id = 0;
  std::string concern_code;
  int64_t unit_id = 0;
  std::string category_name;
  AlertKind kind = AlertKind::kNearDue;
  AlertClock clock = AlertClock::kReceive;
  std::string due_at;  //!< the due time it was raised for (UTC text)
  std::string created_at;
  std::optional<std::string> read_at;
};

//! An open concern with a clock that ends by the horizon asked for.
struct AlertCandidate {
  int64_t concern_id = 0;
  std::string code;
  int64_t unit_id = 0;
  std::optional<int64_t> organisation_id;
  std::optional<int64_t> assignee_user_id;
  std::string category_name;
  std::optional<std::string> receive_due_at;  //!< while not received yet
  std::optional<std::string> resolve_due_at;  //!< while the resolving clock runs
};

//! A user who may have to act, by one of their grants (unit admin or unit member).
struct AlertStaff {
  int64_t user_id = 0;
  std::string display_name;
  std::optional<std::string> email;
  Role role = Role::kUnitMember;
  std::optional<int64_t> unit_id;
  std::optional<int64_t> organisation_id;
};

//! An e-mail in the outbox.
struct OutboxMail {
  int64_t id = 0;
  std::string to_address;
  std::string subject;
  std::string body;  //!< plain text, UTF-8, lines separated by "\n"
  std::optional<int64_t> alert_id;
  std::string created_at;
  std::optional<std::string> sent_at;
  int attempts = 0;
  std::optional<std::string> last_error;
};

class AlertRepository {
 public:
  virtual ~AlertRepository() = default;

  // ---- alerts ----
  //! Open concerns whose receiving clock ends at or before `receive_horizon` or whose resolving clock ends at or
  //! before `resolve_horizon`, in id order; one statement.
  virtual std::vector<AlertCandidate> Candidates(Tx& tx, const std::string& receive_horizon,
                                                 const std::string& resolve_horizon) = 0;
  //! Every active user's unit admin and unit member grants, one row per grant; one statement.
  virtual std::vector<AlertStaff> Staff(Tx& tx) = 0;
  //! The new alert's id; nullopt when that user already has that alert (same concern, kind, clock and due time).
  virtual std::optional<int64_t> InsertAlert(Tx& tx, int64_t user_id, int64_t concern_id, AlertKind kind,
                                             AlertClock clock, const std::string& due_at, const std::string& at) = 0;
  virtual std::optional<ConcernAlert> FindAlert(Tx& tx, int64_t id) = 0;
  //! Newest first, at most `limit`.
  virtual std::vector<ConcernAlert> AlertsOf(Tx& tx, int64_t user_id, bool unread_only, int64_t limit) = 0;
  virtual int64_t CountUnread(Tx& tx, int64_t user_id) = 0;
  //! False when it was read already.
  virtual bool MarkRead(Tx& tx, int64_t id, const std::string& at) = 0;

  // ---- the outbox ----
  virtual int64_t InsertMail(Tx& tx, const OutboxMail& m) = 0;
  //! Not sent and tried fewer than `max_attempts` times, oldest first, at most `limit`.
  virtual std::vector<OutboxMail> PendingMail(Tx& tx, int max_attempts, int64_t limit) = 0;
  virtual std::optional<OutboxMail> FindMail(Tx& tx, int64_t id) = 0;
  //! Newest first, sent or not.
  virtual std::vector<OutboxMail> RecentMail(Tx& tx, int64_t limit) = 0;
  //! Counts one more attempt unless another sender took the mail since `seen_attempts` was read; false then.
  virtual bool ClaimMail(Tx& tx, int64_t id, int seen_attempts) = 0;
  virtual void MarkMailSent(Tx& tx, int64_t id, const std::string& at) = 0;
  virtual void MarkMailFailed(Tx& tx, int64_t id, const std::string& error) = 0;
};

std::unique_ptr<AlertRepository> MakeAlertRepository();

}  // namespace danvan
