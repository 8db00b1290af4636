#include "storage/alert_repository.hpp"

#include "storage/row.hpp"
#include "storage/soci_optional.hpp"
#include "storage/sql/alerts_sql.hpp"
#include "storage/tx.hpp"

#include <stdexcept>

namespace danvan {

std::string_view ToString(AlertKind k) { return k == AlertKind::kOverdue ? "overdue" : "near_due"; }
std::string_view ToString(AlertClock c) { return c == AlertClock::kResolve ? "resolve" : "receive"; }

std::optional<AlertKind> ParseAlertKind(std::string_view s) {
  if (s == "near_due") return AlertKind::kNearDue;
  if (s == "overdue") return AlertKind::kOverdue;
  return std::nullopt;
}

std::optional<AlertClock> ParseAlertClock(std::string_view s) {
  if (s == "receive") return AlertClock::kReceive;
  if (s == "resolve") return AlertClock::kResolve;
  return std::nullopt;
}

namespace {

ConcernAlert AlertFromRow(const soci::row& r) {
  ConcernAlert a;
  a.id = RowInt(r, 0);
  a.user_id = RowInt(r, 1);
  a.concern_id = RowInt(r, 2);
  a.concern_code = r.get<std::string>(3);
  a.unit_id = RowInt(r, 4);
  a.category_name = r.get<std::string>(5);
  const auto kind = ParseAlertKind(r.get<std::string>(6));
  const auto clock = ParseAlertClock(r.get<std::string>(7));
  if (!kind || !clock) throw std::runtime_error("a stored alert has an unknown kind or clock");
  a.kind = *kind;
  a.clock = *clock;
  a.due_at = r.get<std::string>(8);
  a.created_at = r.get<std::string>(9);
  a.read_at = RowOptString(r, 10);
  return a;
}

OutboxMail MailFromRow(const soci::row& r) {
  OutboxMail m;
  m.id = RowInt(r, 0);
  m.to_address = r.get<std::string>(1);
  m.subject = r.get<std::string>(2);
  m.body = r.get<std::string>(3);
  m.alert_id = RowOptInt(r, 4);
  m.created_at = r.get<std::string>(5);
  m.sent_at = RowOptString(r, 6);
  m.attempts = static_cast<int>(RowInt(r, 7));
  m.last_error = RowOptString(r, 8);
  return m;
}

class SociAlertRepository final : public AlertRepository {
 public:
  std::vector<AlertCandidate> Candidates(Tx& tx, const std::string& receive_horizon,
                                         const std::string& resolve_horizon) override {
    std::vector<AlertCandidate> out;
    auto rows = tx.Query(sql::kSelectAlertCandidates, receive_horizon, resolve_horizon);
    while (const soci::row* r = rows.Next()) {
      AlertCandidate c;
      c.concern_id = RowInt(*r, 0);
      c.code = r->get<std::string>(1);
      c.unit_id = RowInt(*r, 2);
      c.organisation_id = RowOptInt(*r, 3);
      c.assignee_user_id = RowOptInt(*r, 4);
      c.category_name = r->get<std::string>(5);
      c.receive_due_at = RowOptString(*r, 6);
      c.resolve_due_at = RowOptString(*r, 7);
      out.push_back(std::move(c));
    }
    return out;
  }

  std::vector<AlertStaff> Staff(Tx& tx) override {
    std::vector<AlertStaff> out;
    auto rows = tx.Query(sql::kSelectAlertStaff);
    while (const soci::row* r = rows.Next()) {
      AlertStaff s;
      s.user_id = RowInt(*r, 0);
      s.display_name = r->get<std::string>(1);
      s.email = RowOptString(*r, 2);
      s.role = ParseRole(r->get<std::string>(3)).value_or(Role::kViewer);
      s.unit_id = RowOptInt(*r, 4);
      s.organisation_id = RowOptInt(*r, 5);
      out.push_back(std::move(s));
    }
    return out;
  }

  std::optional<int64_t> InsertAlert(Tx& tx, int64_t user_id, int64_t concern_id, AlertKind kind, AlertClock clock,
                                     const std::string& due_at, const std::string& at) override {
    int64_t id = 0;
    const std::string k(ToString(kind));
    const std::string c(ToString(clock));
    soci::statement st = (tx.session().prepare << sql::kInsertAlert, soci::use(user_id), soci::use(concern_id),
                          soci::use(k), soci::use(c), soci::use(due_at), soci::use(at), soci::into(id));
    st.execute(true);
    if (!st.got_data()) return std::nullopt;
    return id;
  }

  std::optional<ConcernAlert> FindAlert(Tx& tx, int64_t id) override {
    auto rows = tx.Query(sql::kSelectAlert, id);
    if (const soci::row* r = rows.Next()) return AlertFromRow(*r);
    return std::nullopt;
  }

  std::vector<ConcernAlert> AlertsOf(Tx& tx, int64_t user_id, bool unread_only, int64_t limit) override {
    std::vector<ConcernAlert> out;
    auto rows = tx.Query(unread_only ? sql::kSelectUnreadAlertsOfUser : sql::kSelectAlertsOfUser, user_id, limit);
    while (const soci::row* r = rows.Next()) out.push_back(AlertFromRow(*r));
    return out;
  }

  int64_t CountUnread(Tx& tx, int64_t user_id) override {
    int64_t n = 0;
    tx.session() << sql::kCountUnreadAlerts, soci::use(user_id), soci::into(n);
    return n;
  }

  bool MarkRead(Tx& tx, int64_t id, const std::string& at) override {
    soci::statement st = (tx.session().prepare << sql::kMarkAlertRead, soci::use(at), soci::use(id));
    st.execute(true);
    return st.get_affected_rows() > 0;
  }

  int64_t InsertMail(Tx& tx, const OutboxMail& m) override {
    int64_t id = 0;
    tx.session() << sql::kInsertMail, soci::use(m.to_address), soci::use(m.subject), soci::use(m.body),
        soci::use(m.alert_id), soci::use(m.created_at), soci::into(id);
    return id;
  }

  std::vector<OutboxMail> PendingMail(Tx& tx, int max_attempts, int64_t limit) override {
    std::vector<OutboxMail> out;
    const int64_t max = max_attempts;
    auto rows = tx.Query(sql::kSelectPendingMail, max, limit);
    while (const soci::row* r = rows.Next()) out.push_back(MailFromRow(*r));
    return out;
  }

  std::optional<OutboxMail> FindMail(Tx& tx, int64_t id) override {
    auto rows = tx.Query(sql::kSelectMail, id);
    if (const soci::row* r = rows.Next()) return MailFromRow(*r);
    return std::nullopt;
  }

  std::vector<OutboxMail> RecentMail(Tx& tx, int64_t limit) override {
    std::vector<OutboxMail> out;
    auto rows = tx.Query(sql::kSelectMailPage, limit);
    while (const soci::row* r = rows.Next()) out.push_back(MailFromRow(*r));
    return out;
  }

  bool ClaimMail(Tx& tx, int64_t id, int seen_attempts) override {
    const int64_t seen = seen_attempts;
    soci::statement st = (tx.session().prepare << sql::kClaimMail, soci::use(id), soci::use(seen));
    st.execute(true);
    return st.get_affected_rows() > 0;
  }

  void MarkMailSent(Tx& tx, int64_t id, const std::string& at) override { tx.Exec(sql::kMarkMailSent, at, id); }

  void MarkMailFailed(Tx& tx, int64_t id, const std::string& error) override {
    tx.Exec(sql::kMarkMailFailed, error, id);
  }
};

}  // namespace

std::unique_ptr<AlertRepository> MakeAlertRepository() { return std::make_unique<SociAlertRepository>(); }

}  // namespace danvan
