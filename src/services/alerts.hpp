#pragma once
//! Alerts on residents' concerns: a clock about to end (within `concerns.near_due_hours` working hours) or ended,
//! raised once per user, concern, kind, clock and due time for the staff who must act, shown in the app and mailed
//! through an outbox that survives an SMTP server being down. The server runs Raise and DeliverMail every
//! `concerns.sweep_seconds` (ConcernSweeper); docs/concerns.md says who is alerted and when.

#include "core/config.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "services/audit.hpp"
#include "services/caller.hpp"
#include "services/concerns.hpp"
#include "services/mail.hpp"
#include "storage/alert_repository.hpp"
#include "storage/concern_repository.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace danvan {

struct AlertSettings {
  int near_due_hours = 4;  //!< working hours (the current working calendar) before a due time that count as near
  std::string public_url = "http://127.0.0.1:8080";  //!< where the mail says to log in
};

//! One alert as its user sees it (GET /api/v1/alerts).
struct AlertView {
  int64_t id = 0;
  int64_t concern_id = 0;
  std::string concern_code;
  std::string category_name;
  AlertKind kind = AlertKind::kNearDue;     //!< ToString: "near_due" | "overdue"
  AlertClock clock = AlertClock::kReceive;  //!< ToString: "receive" | "resolve"
  std::string due_at;                       //!< the due time it was raised for (UTC text, like every stored instant)
  std::string created_at;
  bool read = false;
  std::optional<std::string> read_at;
};

struct RaiseReport {
  int alerts = 0;  //!< new alerts
  int mails = 0;   //!< e-mails queued with them
};

struct DeliveryReport {
  int sent = 0;
  int failed = 0;  //!< left in the outbox with the error, tried again next time
};

class AlertService {
 public:
  //! `mailer` may be null: mail is off (smtp.url empty), alerts stay in the app and no mail is queued.
  AlertService(Database& db, Repositories& repos, ConcernRepository& concerns, AlertRepository& alerts,
               AuditLog& audit, const Clock& clock, AlertSettings settings = {}, Mailer* mailer = nullptr)
      : db_(db),
        repos_(repos),
        concerns_(concerns),
        alerts_(alerts),
        audit_(audit),
        clock_(clock),
        settings_(std::move(settings)),
        mailer_(mailer) {}

  //! A mail is tried this many times (a day at the default sweep), then left in the outbox with its last error.
  static constexpr int kMaxAttempts = 288;

  //! Raises the alerts due now, each once, and queues their e-mail for users with an address. One transaction.
  Result<RaiseReport> Raise();
  //! The caller's own alerts, newest first.
  Result<std::vector<AlertView>> ForUser(const Caller& caller, bool unread_only, int64_t limit = 100);
  Result<int64_t> UnreadCount(const Caller& caller);
  //! Own alerts only ("alert_not_found" for anyone else's); audited when it was unread.
  Result<AlertView> MarkRead(const Caller& caller, int64_t alert_id);
  //! Hands queued e-mail to the mailer, oldest first, at most `limit`; a failure stays queued with attempts + 1
  //! and the error. Without a mailer, nothing. `stop`, when given, is asked before each mail (shutting down).
  Result<DeliveryReport> DeliverMail(int64_t limit = 100, const std::function<bool()>& stop = {});
  //! The address a user's alerts are mailed to; empty clears it. The user themself or a system administrator.
  //! Errors: invalid_email, user_not_found, forbidden.
  Status SetEmail(const Caller& caller, int64_t user_id, const std::string& email);

  bool mail_enabled() const { return mailer_ != nullptr; }

 private:
  Database& db_;
  Repositories& repos_;
  ConcernRepository& concerns_;
  AlertRepository& alerts_;
  AuditLog& audit_;
  const Clock& clock_;
  AlertSettings settings_;
  Mailer* mailer_;
};

//! The server's periodic work on concerns, on a thread of its own: every `every`, closes old answers
//! (ConcernService::Sweep), raises alerts and sends their mail. Failures are logged, never thrown.
class ConcernSweeper {
 public:
  ConcernSweeper(ConcernService& concerns, AlertService& alerts, std::chrono::seconds every)
      : concerns_(concerns), alerts_(alerts), every_(every) {}
  //! Stops the thread (after the step it is in).
  ~ConcernSweeper();
  ConcernSweeper(const ConcernSweeper&) = delete;
  ConcernSweeper& operator=(const ConcernSweeper&) = delete;

  //! Starts the thread; the first round runs at once.
  void Start();
  void Stop();
  //! One round, on the caller's thread: what the thread does each time.
  void RunOnce();

 private:
  void Work();

  ConcernService& concerns_;
  AlertService& alerts_;
  std::chrono::seconds every_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace danvan
