#include "services/alerts.hpp"

#include "domain/work_calendar.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <set>

namespace danvan {
namespace {

Error AlertNotFound() {
  return MakeError(ErrorKind::kNotFound, "alert_not_found", "Không tìm thấy cảnh báo này.", "No such alert.");
}

Error InvalidEmail() {
  return MakeError(ErrorKind::kInvalidInput, "invalid_email", "Địa chỉ thư điện tử không hợp lệ.",
                   "The e-mail address is not valid.")
      .WithDetail("field", "email");
}

std::string Trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

// Deliberately plain: one "@", something before it, a dotted domain after it, nothing that could end a header line
// or an SMTP command. Whether the mailbox exists, only sending tells.
bool PlausibleEmail(const std::string& e) {
  if (e.size() > 254) return false;
  const auto at = e.find('@');
  if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos) return false;
  const std::string domain = e.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string::npos || dot == 0 || domain.back() == '.') return false;
  return std::none_of(e.begin(), e.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' ||
           c == '"' || c == '(' || c == ')' || c == '[' || c == ']' || c == '\\';
  });
}

//! "20/10/2022 11:30": a stored instant on the clock of Hà Nội (+07:00, no daylight saving).
std::string LocalDueText(const std::string& stored) {
  const auto t = ParseInstant(stored);
  if (!t) return stored;
  const auto local = std::chrono::floor<std::chrono::seconds>(*t + std::chrono::hours(7));
  const std::time_t tt = local.time_since_epoch().count();
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return fmt::format("{:02d}/{:02d}/{:04d} {:02d}:{:02d}", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900, tm.tm_hour,
                     tm.tm_min);
}

struct Wording {
  const char* vi_state;  // "đã quá hạn giải quyết"
  const char* vi_clock;  // "giải quyết"
  const char* en_state;  // "is overdue for resolving"
  const char* en_clock;  // "resolving"
};

Wording WordingOf(AlertKind kind, AlertClock clock) {
  const bool overdue = kind == AlertKind::kOverdue;
  if (clock == AlertClock::kReceive)
    return overdue ? Wording{"đã quá hạn tiếp nhận", "tiếp nhận", "is overdue for receiving", "receiving"}
                   : Wording{"sắp đến hạn tiếp nhận", "tiếp nhận", "is due soon for receiving", "receiving"};
  return overdue ? Wording{"đã quá hạn giải quyết", "giải quyết", "is overdue for resolving", "resolving"}
                 : Wording{"sắp đến hạn giải quyết", "giải quyết", "is due soon for resolving", "resolving"};
}

std::string MailSubject(const AlertCandidate& c, AlertKind kind, AlertClock clock) {
  const Wording w = WordingOf(kind, clock);
  return fmt::format("[Dân vận] Phản ánh {} {} / Concern {} {}", c.code, w.vi_state, c.code, w.en_state);
}

std::string MailBody(const AlertCandidate& c, const std::string& name, AlertKind kind, AlertClock clock,
                     const std::string& due_at, const std::string& url) {
  const Wording w = WordingOf(kind, clock);
  const std::string due = LocalDueText(due_at);
  return fmt::format(
      "Kính gửi {name},\n"
      "\n"
      "Phản ánh {code} (lĩnh vực: {category}) {vi_state}.\n"
      "Hạn {vi_clock}: {due} (giờ Việt Nam, UTC+07:00).\n"
      "Vui lòng đăng nhập danvan để xử lý: {url}\n"
      "\n"
      "Thư này được gửi tự động, xin đừng trả lời.\n"
      "\n"
      "---\n"
      "\n"
      "Dear {name},\n"
      "\n"
      "Concern {code} (category: {category}) {en_state}.\n"
      "Deadline for {en_clock}: {due} (Vietnam time, UTC+07:00).\n"
      "Please log in to danvan to handle it: {url}\n"
      "\n"
      "This message was sent automatically; please do not reply.\n",
      fmt::arg("name", name), fmt::arg("code", c.code), fmt::arg("category", c.category_name),
      fmt::arg("vi_state", w.vi_state), fmt::arg("vi_clock", w.vi_clock), fmt::arg("en_state", w.en_state),
      fmt::arg("en_clock", w.en_clock), fmt::arg("due", due), fmt::arg("url", url));
}

AlertView ViewOf(const ConcernAlert& a) {
  AlertView v;
  v.id = a.id;
  v.concern_id = a.concern_id;
  v.concern_code = a.concern_code;
  v.category_name = a.category_name;
  v.kind = a.kind;
  v.clock = a.clock;
  v.due_at = a.due_at;
  v.created_at = a.created_at;
  v.read = a.read_at.has_value();
  v.read_at = a.read_at;
  return v;
}

// A person may have several grants: one recipient each.
void AddOnce(std::vector<const AlertStaff*>& out, const AlertStaff& s) {
  if (std::none_of(out.begin(), out.end(), [&](const AlertStaff* o) { return o->user_id == s.user_id; }))
    out.push_back(&s);
}

}  // namespace

Result<RaiseReport> AlertService::Raise() {
  return db_.Run<RaiseReport>(TxMode::kWrite, [&](Tx& tx) -> Result<RaiseReport> {
    RaiseReport report;
    const TimePoint now_t = clock_.Now();
    const std::string now = FormatUtc(now_t);
    // "Near" is counted in working time on the calendar the due times were counted with (the current one: every
    // open concern is counted again when it changes): the horizon is N working hours from now.
    const WorkCalendar cal = concerns_.CurrentCalendar(tx).value_or(WorkCalendar::Default());
    TimePoint horizon_t = now_t;
    if (settings_.near_due_hours > 0)
      horizon_t = std::max(now_t, AddWorkingMinutes(cal, now_t, settings_.near_due_hours * 60LL).value_or(now_t));
    const std::string horizon = FormatUtc(horizon_t);

    const auto candidates = alerts_.Candidates(tx, horizon, horizon);
    if (candidates.empty()) return report;
    const auto staff = alerts_.Staff(tx);
    std::map<int64_t, std::vector<int64_t>> ancestries;
    std::map<int64_t, std::optional<AlertStaff>> assignees;  // users named on concerns who hold no such grant

    auto responsible = [&](const AlertCandidate& c) {
      std::vector<const AlertStaff*> out;
      // The person named on it, while their account is active.
      if (c.assignee_user_id) {
        for (const auto& s : staff)
          if (s.user_id == *c.assignee_user_id) {
            AddOnce(out, s);
            break;
          }
        if (out.empty()) {
          auto [it, fresh] = assignees.try_emplace(*c.assignee_user_id);
          if (fresh)
            if (auto u = repos_.accounts->FindUser(tx, *c.assignee_user_id); u && u->active)
              it->second = AlertStaff{u->id, u->display_name, u->email, Role::kUnitMember, std::nullopt, std::nullopt};
          if (it->second) out.push_back(&*it->second);
        }
        if (!out.empty()) return out;
      }
      // Else whoever speaks for the organisation that owns it.
      if (c.organisation_id)
        for (const auto& s : staff)
          if (s.role == Role::kUnitMember && s.organisation_id == c.organisation_id) AddOnce(out, s);
      if (!out.empty()) return out;
      // Else the unit admins nearest to its unit: the ward's, or the city's when the ward has none.
      auto [it, fresh] = ancestries.try_emplace(c.unit_id);
      if (fresh) it->second = repos_.territory->Ancestry(tx, c.unit_id);
      for (int64_t unit : it->second) {
        for (const auto& s : staff)
          if (s.role == Role::kUnitAdmin && s.unit_id == unit) AddOnce(out, s);
        if (!out.empty()) break;
      }
      return out;
    };

    for (const auto& c : candidates) {
      std::vector<const AlertStaff*> people;
      bool people_known = false;
      for (AlertClock clock : {AlertClock::kReceive, AlertClock::kResolve}) {
        const auto& due = clock == AlertClock::kReceive ? c.receive_due_at : c.resolve_due_at;
        if (!due || *due > horizon) continue;
        const AlertKind kind = *due < now ? AlertKind::kOverdue : AlertKind::kNearDue;
        if (!people_known) {
          people = responsible(c);
          people_known = true;
        }
        for (const AlertStaff* p : people) {
          const auto id = alerts_.InsertAlert(tx, p->user_id, c.concern_id, kind, clock, *due, now);
          if (!id) continue;  // raised before for this due time
          ++report.alerts;
          if (!mailer_ || !p->email || p->email->empty()) continue;
          OutboxMail m;
          m.to_address = *p->email;
          m.subject = MailSubject(c, kind, clock);
          m.body = MailBody(c, p->display_name, kind, clock, *due, settings_.public_url);
          m.alert_id = *id;
          m.created_at = now;
          alerts_.InsertMail(tx, m);
          ++report.mails;
        }
      }
    }
    return report;
  });
}

Result<std::vector<AlertView>> AlertService::ForUser(const Caller& caller, bool unread_only, int64_t limit) {
  if (caller.principal.method == AuthMethod::kCommandLine) return std::vector<AlertView>{};
  limit = std::clamp<int64_t>(limit, 1, 500);
  return db_.Run<std::vector<AlertView>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<AlertView>> {
    std::vector<AlertView> out;
    for (const auto& a : alerts_.AlertsOf(tx, caller.principal.user_id, unread_only, limit)) out.push_back(ViewOf(a));
    return out;
  });
}

Result<int64_t> AlertService::UnreadCount(const Caller& caller) {
  if (caller.principal.method == AuthMethod::kCommandLine) return int64_t{0};
  return db_.Run<int64_t>(TxMode::kRead, [&](Tx& tx) -> Result<int64_t> {
    return alerts_.CountUnread(tx, caller.principal.user_id);
  });
}

Result<AlertView> AlertService::MarkRead(const Caller& caller, int64_t alert_id) {
  return db_.Run<AlertView>(TxMode::kWrite, [&](Tx& tx) -> Result<AlertView> {
    auto a = alerts_.FindAlert(tx, alert_id);
    // Someone else's alert does not exist for the caller.
    if (!a || caller.principal.method == AuthMethod::kCommandLine || a->user_id != caller.principal.user_id)
      return AlertNotFound();
    if (a->read_at) return ViewOf(*a);
    const std::string now = FormatUtc(clock_.Now());
    if (alerts_.MarkRead(tx, a->id, now)) {
      audit_.Record(tx, caller.actor(),
                    AuditEvent{"unit:" + std::to_string(a->unit_id), "concern_alert", std::to_string(a->id), "read",
                               boost::json::serialize(boost::json::object{{"concern_id", a->concern_id},
                                                                          {"read", false}}),
                               boost::json::serialize(boost::json::object{{"concern_id", a->concern_id},
                                                                          {"read", true}})});
    }
    a->read_at = now;
    return ViewOf(*a);
  });
}

Result<DeliveryReport> AlertService::DeliverMail(int64_t limit, const std::function<bool()>& stop) {
  DeliveryReport report;
  if (!mailer_) return report;
  const auto pending = DANVAN_TRY(db_.Run<std::vector<OutboxMail>>(
      TxMode::kRead, [&](Tx& tx) -> Result<std::vector<OutboxMail>> {
        return alerts_.PendingMail(tx, kMaxAttempts, limit);
      }));
  for (const auto& m : pending) {
    if (stop && stop()) break;
    // Claimed in a transaction of its own, sent outside any (the network may be slow), the outcome written after:
    // a crash in between leaves it queued (sent again: at least once, never lost).
    const bool mine = DANVAN_TRY(db_.Run<bool>(TxMode::kWrite, [&](Tx& tx) -> Result<bool> {
      return alerts_.ClaimMail(tx, m.id, m.attempts);
    }));
    if (!mine) continue;
    const auto sent = mailer_->Send(MailMessage{m.to_address, m.subject, m.body, clock_.Now()});
    const std::string now = FormatUtc(clock_.Now());
    DANVAN_TRY(db_.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
      if (sent.ok()) {
        alerts_.MarkMailSent(tx, m.id, now);
      } else {
        alerts_.MarkMailFailed(tx, m.id, sent.error().message_en);
      }
      return OkStatus();
    }));
    if (sent.ok()) {
      ++report.sent;
    } else {
      ++report.failed;
      spdlog::warn("mail id={} attempt={} not sent: {}", m.id, m.attempts + 1, sent.error().message_en);
    }
  }
  return report;
}

Status AlertService::SetEmail(const Caller& caller, int64_t user_id, const std::string& email) {
  const bool self = caller.principal.method != AuthMethod::kCommandLine && caller.principal.user_id == user_id;
  if (!self && !caller.principal.IsSystemAdmin()) return Forbidden();
  const std::string trimmed = Trim(email);
  if (!trimmed.empty() && !PlausibleEmail(trimmed)) return InvalidEmail();
  return db_.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    auto u = repos_.accounts->FindUser(tx, user_id);
    if (!u) return MakeError(ErrorKind::kNotFound, "user_not_found", "Không tìm thấy người dùng.", "No such user.");
    std::optional<std::string> next;
    if (!trimmed.empty()) next = trimmed;
    if (u->email == next) return OkStatus();
    repos_.accounts->UpdateEmail(tx, user_id, next, FormatUtc(clock_.Now()));
    // The address is personal data: the log says that it changed, not what it is.
    audit_.Record(tx, caller.actor(),
                  AuditEvent{"system", "user", std::to_string(user_id), "set_email",
                             boost::json::serialize(boost::json::object{{"has_email", u->email.has_value()}}),
                             boost::json::serialize(boost::json::object{{"has_email", next.has_value()}})});
    return OkStatus();
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The periodic sweep

ConcernSweeper::~ConcernSweeper() { Stop(); }

void ConcernSweeper::Start() {
  std::lock_guard lock(mutex_);
  if (worker_.joinable() || stopping_) return;
  worker_ = std::thread([this] { Work(); });
}

void ConcernSweeper::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void ConcernSweeper::RunOnce() {
  // Each step on its own: one failing (the database busy, a bug) does not keep the others from running.
  try {
    if (auto r = concerns_.Sweep(); !r) {
      spdlog::error("concern sweep failed: {} [{}]", r.error().message_en, r.error().code);
    } else if (r->closed > 0) {
      spdlog::info("concern sweep closed={}", r->closed);
    }
  } catch (const std::exception& e) {
    spdlog::error("concern sweep failed: {}", e.what());
  }
  try {
    if (auto r = alerts_.Raise(); !r) {
      spdlog::error("concern alerts failed: {} [{}]", r.error().message_en, r.error().code);
    } else if (r->alerts > 0) {
      spdlog::info("concern alerts raised={} mails_queued={}", r->alerts, r->mails);
    }
  } catch (const std::exception& e) {
    spdlog::error("concern alerts failed: {}", e.what());
  }
  try {
    auto stopping = [this] {
      std::lock_guard lock(mutex_);
      return stopping_;
    };
    if (auto r = alerts_.DeliverMail(100, stopping); !r) {
      spdlog::error("alert mail delivery failed: {} [{}]", r.error().message_en, r.error().code);
    } else if (r->sent + r->failed > 0) {
      spdlog::info("alert mail sent={} failed={}", r->sent, r->failed);
    }
  } catch (const std::exception& e) {
    spdlog::error("alert mail delivery failed: {}", e.what());
  }
}

void ConcernSweeper::Work() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    RunOnce();
    lock.lock();
    wake_.wait_for(lock, every_, [this] { return stopping_; });
  }
}

}  // namespace danvan
