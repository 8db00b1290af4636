// Alerts on residents' concerns on a real database: near due and overdue, counted in working hours, raised once per
// user, concern, kind, clock and due time for the people who must act; read by their owner only; mailed through an
// outbox to a real SMTP server on loopback (Debian's python3-aiosmtpd), and kept when that server is down.

#include "services/alerts.hpp"
#include "services/mail.hpp"
#include "support/command.hpp"
#include "support/fixture.hpp"
#include "support/images.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

extern char** environ;

namespace danvan {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using testing::RunCommand;
using testing::ServiceTest;

//! Keeps what it was asked to send.
class RecordingMailer final : public Mailer {
 public:
  Status Send(const MailMessage& m) override {
    sent.push_back(m);
    return OkStatus();
  }
  std::vector<MailMessage> sent;
};

class Alerts : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    auto hn = services().territory.CreateUnit(Admin(), {"HN", "Thành phố Hà Nội", "province", "thanh_pho", std::nullopt,
                                                        "01/01/2008", ""});
    ASSERT_TRUE(hn.ok()) << hn.error().message_en;
    auto hk = services().territory.CreateUnit(Admin(), {"HK", "Quận Hoàn Kiếm", "district", "quan", hn->id,
                                                        "01/01/2008", ""});
    ASSERT_TRUE(hk.ok());
    auto ltt = services().territory.CreateUnit(Admin(), {"LTT", "Phường Lý Thái Tổ", "commune", "phuong", hk->id,
                                                         "01/01/2008", ""});
    ASSERT_TRUE(ltt.ok());
    district_ = hk->id;
    ward_ = ltt->id;
    auto front = services().community.CreateOrganisation(
        Admin(), {ward_, std::nullopt, "mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam phường Lý Thái Tổ", "01/01/2020"});
    ASSERT_TRUE(front.ok()) << front.error().message_en;
    front_ = front->id;
    auto committee = services().community.CreateOrganisation(
        Admin(), {ward_, std::nullopt, "ubnd", "Ủy ban nhân dân phường Lý Thái Tổ", "01/01/2020"});
    ASSERT_TRUE(committee.ok());
    committee_ = committee->id;

    ward_admin_ = User("can-bo-phuong", "Nguyễn Văn An", RoleGrant{0, Role::kUnitAdmin, ward_, std::nullopt});
    district_admin_ = User("can-bo-quan", "Hoàng Văn Em", RoleGrant{0, Role::kUnitAdmin, district_, std::nullopt});
    front_1_ = User("mttq-1", "Trần Thị Bình", RoleGrant{0, Role::kUnitMember, ward_, front_});
    front_2_ = User("mttq-2", "Lê Văn Cường", RoleGrant{0, Role::kUnitMember, ward_, front_});
    committee_1_ = User("ubnd-1", "Phạm Thị Dung", RoleGrant{0, Role::kUnitMember, ward_, committee_});
    ASSERT_TRUE(services().alerts.SetEmail(As(front_1_), front_1_, "binh.tt@phuong.example.vn").ok());
    ASSERT_TRUE(services().alerts.SetEmail(Admin(), committee_1_, "dung.pt@phuong.example.vn").ok());

    ConcernCategory c;
    c.unit_id = ward_;
    c.code = "ve-sinh";
    c.name = "Vệ sinh môi trường";
    c.default_organisation_id = front_;
    auto made = services().concerns.CreateCategory(Officer(), c);
    ASSERT_TRUE(made.ok()) << made.error().message_en;
    ConcernCategory other;
    other.unit_id = ward_;
    other.code = "khac";
    other.name = "Khác";
    ASSERT_TRUE(services().concerns.CreateCategory(Officer(), other).ok());

    alerts_ = MakeAlerts(&mailer_);
  }

  std::unique_ptr<AlertService> MakeAlerts(Mailer* mailer) {
    return std::make_unique<AlertService>(db(), services().repos, *services().concern_repo, *services().alert_repo,
                                          services().audit, clock_,
                                          AlertSettings{4, "https://danvan.phuong.example.vn"}, mailer);
  }

  int64_t User(const std::string& name, const std::string& display, RoleGrant grant) {
    auto u = services().accounts.CreateUser(Admin(), {name, display, "mat-khau-rat-dai", {grant}});
    EXPECT_TRUE(u.ok()) << (u.ok() ? "" : u.error().message_en);
    if (!u.ok()) return 0;
    grants_[u->view.user.id] = grant;
    return u->view.user.id;
  }

  Caller As(int64_t user_id) { return CallerWith({grants_[user_id]}, user_id); }
  Caller Officer() { return CallerWith({RoleGrant{0, Role::kUnitAdmin, ward_, std::nullopt}}); }

  SentConcern Send(const std::string& category = "ve-sinh", const std::string& text = "Rác tồn đọng ở ngõ 12") {
    NewConcern n;
    n.unit_id = ward_;
    n.category_code = category;
    n.description = text;
    n.address = "Ngõ 12 Hàng Trống";
    auto s = services().concerns.Send(n, Origin{"203.0.113." + std::to_string(++sent_), "req"});
    EXPECT_TRUE(s.ok()) << s.error().message_en;
    return s.ok() ? *s : SentConcern{};
  }

  std::vector<AlertView> Of(int64_t user_id, bool unread_only = false) {
    auto a = alerts_->ForUser(As(user_id), unread_only);
    EXPECT_TRUE(a.ok());
    return a.ok() ? *a : std::vector<AlertView>{};
  }

  RaiseReport Raise() {
    auto r = alerts_->Raise();
    EXPECT_TRUE(r.ok()) << r.error().message_en;
    return r.ok() ? *r : RaiseReport{};
  }

  std::vector<OutboxMail> Outbox() {
    auto m = db().Run<std::vector<OutboxMail>>(TxMode::kRead, [&](Tx& tx) -> Result<std::vector<OutboxMail>> {
      return services().alert_repo->RecentMail(tx, 100);
    });
    EXPECT_TRUE(m.ok());
    return m.ok() ? *m : std::vector<OutboxMail>{};
  }

  Result<StaffConcern> Step(int64_t id, ConcernAction a, ConcernStep step = {}) {
    step.action = a;
    return services().concerns.Act(Officer(), id, step);
  }

  int64_t district_ = 0, ward_ = 0, front_ = 0, committee_ = 0;
  int64_t ward_admin_ = 0, district_admin_ = 0, front_1_ = 0, front_2_ = 0, committee_1_ = 0;
  int sent_ = 0;
  std::map<int64_t, RoleGrant> grants_;
  RecordingMailer mailer_;
  std::unique_ptr<AlertService> alerts_;
};

// Sent Thursday 13/10/2022 09:00 (+07:00): to be received within 8 working hours, by Friday 14/10 09:30 (+07:00).
constexpr char kReceiveDue[] = "2022-10-14T02:30:00.000Z";

TEST_F(Alerts, AnOverdueConcernAlertsEachResponsibleUserOnceAndMailsThoseWithAnAddress) {
  const auto sent = Send();
  EXPECT_EQ(Raise().alerts, 0);  // 8 working hours to go

  clock_.Advance(hours(25));  // Friday 10:00 (+07:00): half an hour late
  const auto first = Raise();
  EXPECT_EQ(first.alerts, 2);  // the Front's two members: the Front owns it and no one is named
  EXPECT_EQ(first.mails, 1);   // only one of them gave an address
  for (int64_t user : {front_1_, front_2_}) {
    const auto mine = Of(user);
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0].concern_id, sent.id);
    EXPECT_EQ(mine[0].concern_code, sent.code);
    EXPECT_EQ(mine[0].category_name, "Vệ sinh môi trường");
    EXPECT_EQ(mine[0].kind, AlertKind::kOverdue);
    EXPECT_EQ(mine[0].clock, AlertClock::kReceive);
    EXPECT_EQ(mine[0].due_at, kReceiveDue);
    EXPECT_FALSE(mine[0].read);
  }
  // Not theirs: another organisation, and the admins while the owner has members.
  EXPECT_TRUE(Of(committee_1_).empty());
  EXPECT_TRUE(Of(ward_admin_).empty());
  EXPECT_TRUE(Of(district_admin_).empty());

  // Once per due time, however often the sweep runs.
  EXPECT_EQ(Raise().alerts, 0);
  clock_.Advance(hours(1));
  const auto later = Raise();
  EXPECT_EQ(later.alerts, 0);
  EXPECT_EQ(later.mails, 0);

  const auto outbox = Outbox();
  ASSERT_EQ(outbox.size(), 1u);
  const auto& m = outbox[0];
  EXPECT_EQ(m.to_address, "binh.tt@phuong.example.vn");
  EXPECT_EQ(m.subject, fmt::format("[Dân vận] Phản ánh {} đã quá hạn tiếp nhận / Concern {} is overdue for receiving",
                                   sent.code, sent.code));
  EXPECT_NE(m.body.find("Kính gửi Trần Thị Bình,"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find(fmt::format("Phản ánh {} (lĩnh vực: Vệ sinh môi trường) đã quá hạn tiếp nhận.", sent.code)),
            std::string::npos)
      << m.body;
  EXPECT_NE(m.body.find("Hạn tiếp nhận: 14/10/2022 09:30 (giờ Việt Nam, UTC+07:00)."), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("Deadline for receiving: 14/10/2022 09:30 (Vietnam time, UTC+07:00)."), std::string::npos);
  EXPECT_NE(m.body.find("https://danvan.phuong.example.vn"), std::string::npos);
  EXPECT_LT(m.body.find("Kính gửi"), m.body.find("Dear"));  // Vietnamese first
  EXPECT_FALSE(m.sent_at.has_value());

  // Delivered once; the outbox remembers.
  auto delivered = alerts_->DeliverMail();
  ASSERT_TRUE(delivered.ok());
  EXPECT_EQ(delivered->sent, 1);
  ASSERT_EQ(mailer_.sent.size(), 1u);
  EXPECT_EQ(mailer_.sent[0].to, "binh.tt@phuong.example.vn");
  EXPECT_EQ(alerts_->DeliverMail()->sent, 0);
  EXPECT_TRUE(Outbox()[0].sent_at.has_value());
  EXPECT_EQ(Outbox()[0].attempts, 1);
}

TEST_F(Alerts, NearDueComesFirstCountedInWorkingHoursThenOverdueForTheSameDueTime) {
  Send();
  clock_.Advance(hours(5));  // Thursday 14:00: 3 working hours today and 1.5 tomorrow are left
  EXPECT_EQ(Raise().alerts, 0);
  clock_.Advance(hours(1));  // 15:00: 3.5 working hours left, within concerns.near_due_hours (4)
  EXPECT_EQ(Raise().alerts, 2);
  auto mine = Of(front_1_);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].kind, AlertKind::kNearDue);
  EXPECT_EQ(mine[0].due_at, kReceiveDue);
  EXPECT_EQ(Outbox()[0].subject.find("[Dân vận] Phản ánh PA-"), 0u);
  EXPECT_NE(Outbox()[0].subject.find("sắp đến hạn tiếp nhận / Concern"), std::string::npos);
  EXPECT_NE(Outbox()[0].subject.find("is due soon for receiving"), std::string::npos);

  clock_.Advance(hours(12));  // Friday 03:00: the office is closed, still 1.5 working hours left
  EXPECT_EQ(Raise().alerts, 0);
  clock_.Advance(hours(7));  // Friday 10:00: late
  EXPECT_EQ(Raise().alerts, 2);
  mine = Of(front_1_);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].kind, AlertKind::kOverdue);  // newest first
  EXPECT_EQ(mine[1].kind, AlertKind::kNearDue);
  EXPECT_EQ(mine[0].due_at, mine[1].due_at);
  EXPECT_EQ(alerts_->UnreadCount(As(front_1_)).value(), 2);
}

TEST_F(Alerts, ResolvedOrWaitingConcernsRaiseNone) {
  const auto resolved = Send();
  ConcernStep answer;
  answer.text = "Đã thu gom.";
  answer.files.push_back(UploadedFile{"anh.jpg", testing::PhoneJpeg(32, 24)});
  ASSERT_TRUE(Step(resolved.id, ConcernAction::kResolve, answer).ok());
  const auto waiting = Send("ve-sinh", "Cống thoát nước bị tắc");
  ASSERT_TRUE(Step(waiting.id, ConcernAction::kReceive).ok());
  ConcernStep ask;
  ask.text = "Xin cho biết số nhà?";
  ASSERT_TRUE(Step(waiting.id, ConcernAction::kWait, ask).ok());  // the resolving clock pauses

  clock_.Advance(hours(24 * 30));
  EXPECT_EQ(Raise().alerts, 0);
  EXPECT_TRUE(Of(front_1_).empty());
  EXPECT_TRUE(Outbox().empty());
}

TEST_F(Alerts, ADueTimeCountedAgainMayRaiseANewAlert) {
  Send();
  clock_.Advance(hours(25));  // Friday 10:00: overdue
  EXPECT_EQ(Raise().alerts, 2);

  // Friday becomes a day off: receiving is due on Monday 17/10 09:30, 1.5 working hours away.
  auto cal = services().concerns.Calendar();
  ASSERT_TRUE(cal.ok());
  WorkCalendar next = cal->calendar;
  next.days.push_back(CalendarDay{Date::FromYmd(2022, 10, 14), DayKind::kDayOff, "Nghỉ bù", {}});
  ASSERT_TRUE(services().concerns.SaveCalendar(Admin(), next, "Nghỉ bù 14/10").ok());
  EXPECT_EQ(Raise().alerts, 2);
  auto mine = Of(front_1_);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].kind, AlertKind::kNearDue);
  EXPECT_EQ(mine[0].due_at, "2022-10-17T02:30:00.000Z");
  EXPECT_EQ(mine[1].due_at, kReceiveDue);
  EXPECT_EQ(Raise().alerts, 0);

  clock_.Advance(hours(24 * 3));  // Monday 10:00: late again, for the new due time
  EXPECT_EQ(Raise().alerts, 2);
  mine = Of(front_1_);
  ASSERT_EQ(mine.size(), 3u);
  EXPECT_EQ(mine[0].kind, AlertKind::kOverdue);
  EXPECT_EQ(mine[0].due_at, "2022-10-17T02:30:00.000Z");
}

TEST_F(Alerts, TheAssigneeAloneElseTheOwnersMembersElseTheNearestUnitAdmins) {
  // No organisation owns it (no rule, no default): the ward's admin, not the district's.
  const auto unowned = Send("khac", "Đèn đường hỏng");
  // Assigned to one person: only them, for the resolving clock (receiving stopped at the assignment).
  const auto assigned = Send("ve-sinh", "Rác ở chợ");
  ConcernStep assign;
  assign.organisation_id = front_;
  assign.assignee_user_id = front_2_;
  ASSERT_TRUE(Step(assigned.id, ConcernAction::kAssign, assign).ok());

  clock_.Advance(hours(25));  // Friday 10:00
  EXPECT_EQ(Raise().alerts, 1);
  auto admin = Of(ward_admin_);
  ASSERT_EQ(admin.size(), 1u);
  EXPECT_EQ(admin[0].concern_code, unowned.code);
  EXPECT_TRUE(Of(district_admin_).empty());

  // Resolving (normal: 40 working hours) ends Thursday 20/10 11:30 (+07:00).
  clock_.Advance(hours(24 * 6 + 2));  // Thursday 20/10 12:00
  const auto r = Raise();
  EXPECT_EQ(r.alerts, 2);  // the unowned one's resolving clock too
  auto mine = Of(front_2_);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].concern_code, assigned.code);
  EXPECT_EQ(mine[0].clock, AlertClock::kResolve);
  EXPECT_EQ(mine[0].kind, AlertKind::kOverdue);
  EXPECT_EQ(mine[0].due_at, "2022-10-20T04:30:00.000Z");
  EXPECT_TRUE(Of(front_1_).empty());
  EXPECT_EQ(Of(ward_admin_).size(), 2u);
}

TEST_F(Alerts, OnlyTheOwnerMarksAnAlertReadAndThatIsAudited) {
  Send();
  clock_.Advance(hours(25));
  ASSERT_EQ(Raise().alerts, 2);
  const auto mine = Of(front_1_);
  ASSERT_EQ(mine.size(), 1u);
  const int64_t id = mine[0].id;

  // Someone else's alert does not exist for them, system administrators included.
  for (const Caller& other : {As(front_2_), As(ward_admin_), Admin(), CommandLineCaller()}) {
    auto refused = alerts_->MarkRead(other, id);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "alert_not_found");
  }
  EXPECT_EQ(alerts_->MarkRead(As(front_1_), 999999).error().code, "alert_not_found");

  const int64_t audit_before = AuditCount();
  auto read = alerts_->MarkRead(As(front_1_), id);
  ASSERT_TRUE(read.ok()) << read.error().message_en;
  EXPECT_TRUE(read->read);
  EXPECT_TRUE(read->read_at.has_value());
  EXPECT_EQ(AuditCount(), audit_before + 1);
  ASSERT_TRUE(alerts_->MarkRead(As(front_1_), id).ok());  // again: nothing changes, nothing logged
  EXPECT_EQ(AuditCount(), audit_before + 1);

  EXPECT_TRUE(Of(front_1_, true).empty());
  EXPECT_EQ(Of(front_1_).size(), 1u);
  EXPECT_EQ(alerts_->UnreadCount(As(front_1_)).value(), 0);
  EXPECT_EQ(alerts_->UnreadCount(As(front_2_)).value(), 1);
  EXPECT_FALSE(Of(front_2_, true)[0].read);
}

TEST_F(Alerts, AnAddressIsSetByItsOwnerOrASystemAdministratorAndMustLookLikeOne) {
  EXPECT_EQ(services().alerts.SetEmail(As(front_2_), front_1_, "x@example.vn").error().code, "forbidden");
  EXPECT_EQ(services().alerts.SetEmail(As(ward_admin_), front_1_, "x@example.vn").error().code, "forbidden");
  for (const char* bad : {"not-an-address", "a@b", "a b@example.vn", "a@example.vn\r\nBcc: x@y.vn", "<a@example.vn>"})
    EXPECT_EQ(services().alerts.SetEmail(As(front_2_), front_2_, bad).error().code, "invalid_email") << bad;
  EXPECT_EQ(services().alerts.SetEmail(Admin(), 999999, "a@example.vn").error().code, "user_not_found");
  const int64_t audit_before = AuditCount();
  ASSERT_TRUE(services().alerts.SetEmail(As(front_2_), front_2_, "  cuong.lv@phuong.example.vn ").ok());
  EXPECT_EQ(AuditCount(), audit_before + 1);
  auto stored = db().Run<std::optional<UserRecord>>(TxMode::kRead, [&](Tx& tx) -> Result<std::optional<UserRecord>> {
    return services().repos.accounts->FindUser(tx, front_2_);
  });
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->email, "cuong.lv@phuong.example.vn");

  // With an address the next alert is mailed; cleared, it stays in the app.
  Send();
  clock_.Advance(hours(25));
  EXPECT_EQ(Raise().mails, 2);
  ASSERT_TRUE(services().alerts.SetEmail(As(front_2_), front_2_, "").ok());
  stored = db().Run<std::optional<UserRecord>>(TxMode::kRead, [&](Tx& tx) -> Result<std::optional<UserRecord>> {
    return services().repos.accounts->FindUser(tx, front_2_);
  });
  EXPECT_FALSE((*stored)->email.has_value());
}

TEST_F(Alerts, WithoutAMailerAlertsStayInTheAppAndNothingIsQueued) {
  alerts_ = MakeAlerts(nullptr);
  EXPECT_FALSE(alerts_->mail_enabled());
  EXPECT_FALSE(services().alerts.mail_enabled());  // smtp.url is empty by default
  Send();
  clock_.Advance(hours(25));
  const auto r = Raise();
  EXPECT_EQ(r.alerts, 2);
  EXPECT_EQ(r.mails, 0);
  EXPECT_TRUE(Outbox().empty());
  EXPECT_EQ(alerts_->DeliverMail()->sent, 0);
}

TEST(AlertMail, HeadersAreEncodedBetweenCharactersAndTheBodyIsBase64) {
  const std::string subject = "[Dân vận] Phản ánh PA-7K3M-9QXD đã quá hạn giải quyết / Concern PA-7K3M-9QXD is overdue";
  const std::string encoded = EncodeHeaderText(subject);
  EXPECT_EQ(encoded.rfind("=?UTF-8?B?", 0), 0u);
  size_t words = 0;
  for (size_t at = 0; at != std::string::npos;) {
    const size_t end = encoded.find("\r\n ", at);
    const std::string word = encoded.substr(at, end == std::string::npos ? std::string::npos : end - at);
    EXPECT_LE(word.size(), 75u) << word;
    EXPECT_EQ(word.substr(word.size() - 2), "?=");
    ++words;
    at = end == std::string::npos ? end : end + 3;
  }
  EXPECT_GE(words, 2u);
  EXPECT_EQ(EncodeHeaderText("plain ASCII"), "plain ASCII");
  EXPECT_EQ(MailAddressOf("Dân vận <dv@example.vn>"), "dv@example.vn");
  EXPECT_EQ(MailAddressOf(" dv@example.vn "), "dv@example.vn");
  const TimePoint t = std::chrono::sys_days{std::chrono::year{2022} / 10 / 13} + hours(2);
  EXPECT_EQ(MailDate(t), "Thu, 13 Oct 2022 09:00:00 +0700");
  const std::string text = ComposeMail(MailMessage{"a@example.vn", "Chào", "Xin chào\nHello", t}, "dv@example.vn", "x@y");
  EXPECT_NE(text.find("\r\nContent-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nContent-Transfer-Encoding: base64\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nMessage-ID: <x@y>\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\n\r\nWGluIGNow6BvDQpIZWxsbw0K\r\n"), std::string::npos) << text;  // "Xin chào\r\nHello\r\n"
}

// ---------------------------------------------------------------------------------------------------------------
// A real SMTP server on loopback

//! Debian's python3 (the one python3-aiosmtpd installs into), unless DANVAN_PYTHON says otherwise.
std::string Python() {
  if (const char* p = std::getenv("DANVAN_PYTHON")) return p;
  if (std::filesystem::exists("/usr/bin/python3")) return "/usr/bin/python3";
  return "python3";
}

//! A loopback port that was free a moment ago.
uint16_t FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

bool Accepts(uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(fd);
  return ok;
}

//! `python3 -m aiosmtpd` with the Maildir handler: every message it accepts lands in {dir}/new.
class SmtpServer {
 public:
  SmtpServer(uint16_t port, std::filesystem::path dir) : port_(port), dir_(std::move(dir)) {}
  ~SmtpServer() { Stop(); }

  bool Start() {
    const std::string python = Python();
    const std::string listen = fmt::format("127.0.0.1:{}", port_);
    const std::string dir = dir_.string();
    std::vector<std::string> args = {python, "-m", "aiosmtpd", "-n", "-l", listen, "-c", "aiosmtpd.handlers.Mailbox", dir};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawnp(&pid_, python.c_str(), nullptr, nullptr, argv.data(), environ) != 0) return false;
    for (int i = 0; i < 200; ++i) {  // 10 s
      if (Accepts(port_)) return true;
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = 0;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = 0;
  }

  //! The messages received, as files; waits up to 5 s for `n` of them.
  std::vector<std::filesystem::path> Messages(size_t n) const {
    std::vector<std::filesystem::path> out;
    for (int i = 0; i < 100; ++i) {
      out.clear();
      if (std::filesystem::exists(dir_ / "new"))
        for (const auto& e : std::filesystem::directory_iterator(dir_ / "new")) out.push_back(e.path());
      if (out.size() >= n) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return out;
  }

 private:
  uint16_t port_;
  std::filesystem::path dir_;
  pid_t pid_ = 0;
};

//! Reads a received message with Python's own e-mail parser, as a mail program would: headers decoded (RFC 2047),
//! the body decoded from its transfer encoding and charset.
std::string ParsedByPython(const std::filesystem::path& file) {
  const std::string script =
      "import email, email.policy, sys\n"
      "sys.stdout.reconfigure(encoding='utf-8')\n"
      "m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)\n"
      "print('TO:', m['To'])\n"
      "print('FROM:', m['From'])\n"
      "print('SUBJECT:', m['Subject'])\n"
      "print('TYPE:', m.get_content_type(), m.get_content_charset())\n"
      "print('HAS-DATE:', m['Date'] is not None, 'HAS-ID:', m['Message-ID'] is not None)\n"
      "print('BODY:')\n"
      "print(m.get_content().replace('\\r\\n', '\\n'))\n";  // lines as a mail program shows them
  const auto script_path = file.parent_path().parent_path() / "parse.py";
  std::ofstream(script_path) << script;
  return RunCommand(fmt::format("'{}' '{}' '{}'", Python(), script_path.string(), file.string()));
}

TEST_F(Alerts, MailReachesARealSmtpServerDecodedAndSurvivesItBeingDown) {
  if (RunCommand(fmt::format("'{}' -c 'import aiosmtpd; print(1)' 2>/dev/null", Python())).find('1') ==
      std::string::npos)
    FAIL() << "python3-aiosmtpd is missing: scripts/install-deps.sh installs it";
  std::random_device rd;
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("danvan-smtp-{}", rd());
  std::filesystem::create_directories(dir);  // aiosmtpd makes the Maildir inside it
  const uint16_t port = FreePort();
  SmtpConfig smtp;
  smtp.url = fmt::format("smtp://127.0.0.1:{}", port);
  smtp.from = "Dân vận phường Lý Thái Tổ <danvan@phuong.example.vn>";
  smtp.timeout_seconds = 5;
  SmtpMailer mailer(smtp);
  alerts_ = MakeAlerts(&mailer);

  const auto sent = Send();
  clock_.Advance(hours(25));
  ASSERT_EQ(Raise().mails, 1);

  // The server is down: the mail stays queued, with the attempt and the reason.
  auto down = alerts_->DeliverMail();
  ASSERT_TRUE(down.ok()) << down.error().message_en;
  EXPECT_EQ(down->sent, 0);
  EXPECT_EQ(down->failed, 1);
  auto queued = Outbox();
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_FALSE(queued[0].sent_at.has_value());
  EXPECT_EQ(queued[0].attempts, 1);
  ASSERT_TRUE(queued[0].last_error.has_value());
  EXPECT_FALSE(queued[0].last_error->empty());

  // It comes up: the next round delivers it.
  SmtpServer server(port, dir / "mail");
  ASSERT_TRUE(server.Start()) << "aiosmtpd did not start on port " << port;
  auto up = alerts_->DeliverMail();
  ASSERT_TRUE(up.ok()) << up.error().message_en;
  EXPECT_EQ(up->sent, 1);
  EXPECT_EQ(up->failed, 0);
  queued = Outbox();
  EXPECT_TRUE(queued[0].sent_at.has_value());
  EXPECT_EQ(queued[0].attempts, 2);
  EXPECT_EQ(alerts_->DeliverMail()->sent, 0);  // not twice

  const auto files = server.Messages(1);
  ASSERT_EQ(files.size(), 1u);
  const std::string parsed = ParsedByPython(files[0]);
  EXPECT_NE(parsed.find("TO: binh.tt@phuong.example.vn\n"), std::string::npos) << parsed;
  EXPECT_NE(parsed.find("FROM: Dân vận phường Lý Thái Tổ <danvan@phuong.example.vn>\n"), std::string::npos) << parsed;
  EXPECT_NE(parsed.find(fmt::format(
                "SUBJECT: [Dân vận] Phản ánh {} đã quá hạn tiếp nhận / Concern {} is overdue for receiving\n",
                sent.code, sent.code)),
            std::string::npos)
      << parsed;
  EXPECT_NE(parsed.find("TYPE: text/plain utf-8\n"), std::string::npos) << parsed;
  EXPECT_NE(parsed.find("HAS-DATE: True HAS-ID: True\n"), std::string::npos) << parsed;
  EXPECT_NE(parsed.find("Kính gửi Trần Thị Bình,\n"), std::string::npos) << parsed;
  EXPECT_NE(parsed.find(fmt::format("Phản ánh {} (lĩnh vực: Vệ sinh môi trường) đã quá hạn tiếp nhận.\n", sent.code)),
            std::string::npos)
      << parsed;
  EXPECT_NE(parsed.find("Hạn tiếp nhận: 14/10/2022 09:30 (giờ Việt Nam, UTC+07:00).\n"), std::string::npos) << parsed;
  EXPECT_NE(parsed.find("Dear Trần Thị Bình,\n"), std::string::npos) << parsed;

  server.Stop();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace danvan
