// Accounts on a real database: log-in, throttling, sessions, CSRF, tokens, scoped user management.

#include "support/fixture.hpp"

namespace danvan {
namespace {

using testing::ServiceTest;

class Accounts : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    auto hn = services().territory.CreateUnit(Admin(), {"HN", "Thành phố Hà Nội", "province", "thanh_pho", std::nullopt, "01/01/2008", ""});
    ASSERT_TRUE(hn.ok());
    auto hk = services().territory.CreateUnit(Admin(), {"HK", "Quận Hoàn Kiếm", "district", "quan", hn->id, "01/01/2008", ""});
    ASSERT_TRUE(hk.ok());
    auto ltt = services().territory.CreateUnit(Admin(), {"LTT", "Phường Lý Thái Tổ", "commune", "phuong", hk->id, "01/01/2008", ""});
    ASSERT_TRUE(ltt.ok());
    auto hb = services().territory.CreateUnit(Admin(), {"HB", "Phường Hàng Bạc", "commune", "phuong", hk->id, "01/01/2008", ""});
    ASSERT_TRUE(hb.ok());
    ly_thai_to_ = ltt->id;
    hang_bac_ = hb->id;
    auto admin = services().accounts.CreateUser(Admin(), {"officer", "Cán bộ dân vận", "mat-khau-rat-dai",
                                                          {RoleGrant{0, Role::kUnitAdmin, ly_thai_to_, std::nullopt}}});
    ASSERT_TRUE(admin.ok()) << admin.error().message_en;
    officer_id_ = admin->view.user.id;
  }

  Result<LoginResult> Login(const std::string& user, const std::string& password, const std::string& from = "10.0.0.1") {
    return services().accounts.Login(user, password, from, "req");
  }

  int64_t ly_thai_to_ = 0, hang_bac_ = 0, officer_id_ = 0;
};

TEST_F(Accounts, LogInAndUseTheSession) {
  auto login = Login("officer", "mat-khau-rat-dai");
  ASSERT_TRUE(login.ok()) << login.error().message_en;
  EXPECT_EQ(login->principal.username, "officer");
  ASSERT_EQ(login->principal.grants.size(), 1u);
  EXPECT_EQ(login->principal.grants[0].role, Role::kUnitAdmin);
  EXPECT_GE(login->session_token.size(), 40u);

  auto read = services().accounts.AuthenticateSession(login->session_token, false, "");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->user_id, officer_id_);
  EXPECT_EQ(read->csrf_token, login->csrf_token);

  // Changing state with the cookie needs the CSRF token.
  auto no_csrf = services().accounts.AuthenticateSession(login->session_token, true, "");
  ASSERT_FALSE(no_csrf.ok());
  EXPECT_EQ(no_csrf.error().code, "csrf_token_invalid");
  EXPECT_FALSE(services().accounts.AuthenticateSession(login->session_token, true, "wrong").ok());
  EXPECT_TRUE(services().accounts.AuthenticateSession(login->session_token, true, login->csrf_token).ok());

  // Log out: the token is dead.
  Caller c;
  c.principal = read.value();
  ASSERT_TRUE(services().accounts.Logout(c).ok());
  EXPECT_EQ(services().accounts.AuthenticateSession(login->session_token, false, "").error().code, "unauthenticated");
}

TEST_F(Accounts, FailuresNeverTellWhetherTheUserExists) {
  auto unknown = Login("nobody", "whatever-password");
  auto wrong = Login("officer", "wrong-password", "10.0.0.2");
  ASSERT_FALSE(unknown.ok());
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(unknown.error().code, "invalid_credentials");
  EXPECT_EQ(wrong.error().code, unknown.error().code);
  EXPECT_EQ(wrong.error().message_vi, unknown.error().message_vi);
  EXPECT_EQ(wrong.error().message_vi, "Tên đăng nhập hoặc mật khẩu không đúng.");
}

TEST_F(Accounts, RepeatedFailuresAreSlowedThenLocked) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Login("officer", "bad-" + std::to_string(i)).error().code, "invalid_credentials");
  // The fourth try straight away must wait, even with the right password.
  auto slowed = Login("officer", "mat-khau-rat-dai");
  ASSERT_FALSE(slowed.ok());
  EXPECT_EQ(slowed.error().code, "login_slowed_down");
  EXPECT_EQ(slowed.error().kind, ErrorKind::kTooManyRequests);
  // Keep failing, waiting each time as told, up to the lock.
  std::string last;
  for (int i = 3; i < 10; ++i) {
    clock_.Advance(std::chrono::seconds(300));
    last = Login("officer", "bad-" + std::to_string(i)).error().code;
  }
  EXPECT_EQ(last, "invalid_credentials");
  clock_.Advance(std::chrono::seconds(600));
  auto locked = Login("officer", "mat-khau-rat-dai");
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, "login_locked");
  // Another address is locked out of this account too: the lock is per account as well as per address.
  EXPECT_EQ(Login("officer", "mat-khau-rat-dai", "10.9.9.9").error().code, "login_locked");
  clock_.Advance(std::chrono::minutes(16));
  EXPECT_TRUE(Login("officer", "mat-khau-rat-dai").ok());
}

TEST_F(Accounts, SessionsExpireWhenIdleAndAtTheirEnd) {
  auto login = Login("officer", "mat-khau-rat-dai");
  ASSERT_TRUE(login.ok());
  clock_.Advance(std::chrono::minutes(100));
  EXPECT_TRUE(services().accounts.AuthenticateSession(login->session_token, false, "").ok());  // refreshes
  clock_.Advance(std::chrono::minutes(100));
  EXPECT_TRUE(services().accounts.AuthenticateSession(login->session_token, false, "").ok());
  clock_.Advance(std::chrono::minutes(121));
  EXPECT_EQ(services().accounts.AuthenticateSession(login->session_token, false, "").error().code, "session_expired");

  auto busy = Login("officer", "mat-khau-rat-dai");
  for (int i = 0; i < 13; ++i) clock_.Advance(std::chrono::minutes(60)), (void)services().accounts.AuthenticateSession(busy->session_token, false, "");
  EXPECT_EQ(services().accounts.AuthenticateSession(busy->session_token, false, "").error().code, "session_expired")
      << "a session ends after 12 hours however busy";
}

// Checking a session only reads: a signed-in request is answered while another connection holds the write lock
// (SQLite has one writer at a time; every signed-in request used to queue for that lock and, behind a slow write,
// failed with "database busy"). Moving the idle clock is housekeeping that may wait for a later request.
TEST_F(Accounts, ASignedInRequestDoesNotWaitForTheWriteLock) {
  auto login = Login("officer", "mat-khau-rat-dai");
  ASSERT_TRUE(login.ok());
  clock_.Advance(std::chrono::minutes(5));  // the idle clock is due to move
  test_db_.config.busy_timeout = std::chrono::milliseconds(200);
  auto mine = test_db_.Open();
  Services svc(*mine, clock_);
  auto holder = test_db_.Open();
  auto held = holder->Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    auto read = svc.accounts.AuthenticateSession(login->session_token, false, "");
    EXPECT_TRUE(read.ok()) << read.error().code;
    if (read.ok()) {
      EXPECT_EQ(read->user_id, officer_id_);
    }
    auto write = svc.accounts.AuthenticateSession(login->session_token, true, login->csrf_token);
    EXPECT_TRUE(write.ok()) << write.error().code;
    return OkStatus();
  });
  ASSERT_TRUE(held.ok());
  // Once the lock is free, the session is still good and its idle clock moves.
  clock_.Advance(std::chrono::minutes(100));
  EXPECT_TRUE(svc.accounts.AuthenticateSession(login->session_token, false, "").ok());
  clock_.Advance(std::chrono::minutes(100));
  EXPECT_TRUE(svc.accounts.AuthenticateSession(login->session_token, false, "").ok())
      << "the previous request moved the idle clock";
}

TEST_F(Accounts, ChangingThePasswordEndsOtherSessions) {
  auto a = Login("officer", "mat-khau-rat-dai");
  auto b = Login("officer", "mat-khau-rat-dai");
  ASSERT_TRUE(a.ok() && b.ok());
  Caller c;
  c.principal = a->principal;
  EXPECT_EQ(services().accounts.ChangePassword(c, "not-it", "mat-khau-moi-123").error().code, "wrong_current_password");
  EXPECT_EQ(services().accounts.ChangePassword(c, "mat-khau-rat-dai", "short").error().code, "weak_password");
  ASSERT_TRUE(services().accounts.ChangePassword(c, "mat-khau-rat-dai", "mat-khau-moi-123").ok());
  EXPECT_TRUE(services().accounts.AuthenticateSession(a->session_token, false, "").ok());
  EXPECT_FALSE(services().accounts.AuthenticateSession(b->session_token, false, "").ok());
  EXPECT_FALSE(Login("officer", "mat-khau-rat-dai").ok());
  EXPECT_TRUE(Login("officer", "mat-khau-moi-123").ok());
}

TEST_F(Accounts, TokensAuthenticateUntilRevoked) {
  auto officer = CallerWith({RoleGrant{0, Role::kUnitAdmin, ly_thai_to_, std::nullopt}}, officer_id_);
  auto issued = services().accounts.IssueToken(Admin(), officer_id_, "Open311", std::nullopt);
  ASSERT_TRUE(issued.ok()) << issued.error().message_en;
  EXPECT_EQ(issued->token.rfind("dv_", 0), 0u);
  auto who = services().accounts.AuthenticateToken(issued->token);
  ASSERT_TRUE(who.ok());
  EXPECT_EQ(who->user_id, officer_id_);
  EXPECT_EQ(who->method, AuthMethod::kApiToken);
  EXPECT_EQ(services().accounts.AuthenticateToken(issued->token + "x").error().code, "invalid_token");
  ASSERT_TRUE(services().accounts.RevokeToken(officer, issued->record.id).ok());
  EXPECT_EQ(services().accounts.AuthenticateToken(issued->token).error().code, "invalid_token");
}

TEST_F(Accounts, UnitAdminsManageUsersOnlyInTheirSubtree) {
  auto officer = CallerWith({RoleGrant{0, Role::kUnitAdmin, ly_thai_to_, std::nullopt}}, officer_id_);
  const auto before = AuditCount();
  auto member = services().accounts.CreateUser(officer, {"to-dan-van-3", "Tổ dân vận số 3", "mat-khau-to-3",
                                                         {RoleGrant{0, Role::kUnitMember, ly_thai_to_, std::nullopt}}});
  ASSERT_TRUE(member.ok()) << member.error().message_en;
  EXPECT_EQ(AuditCount(), before + 1);

  auto elsewhere = services().accounts.CreateUser(officer, {"hang-bac", "Hàng Bạc", "mat-khau-hang-bac",
                                                            {RoleGrant{0, Role::kUnitAdmin, hang_bac_, std::nullopt}}});
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().code, "forbidden");
  auto escalate = services().accounts.CreateUser(officer, {"boss", "Boss", "mat-khau-boss-1",
                                                           {RoleGrant{0, Role::kSystemAdmin, std::nullopt, std::nullopt}}});
  EXPECT_EQ(escalate.error().code, "forbidden");
  auto viewer = CallerWith({RoleGrant{0, Role::kViewer, ly_thai_to_, std::nullopt}});
  EXPECT_EQ(services().accounts.CreateUser(viewer, {"viewer-two", "V2", "mat-khau-v2-123",
                                                    {RoleGrant{0, Role::kViewer, ly_thai_to_, std::nullopt}}})
                .error().code,
            "forbidden");
  EXPECT_EQ(AuditCount(), before + 1);

  auto taken = services().accounts.CreateUser(Admin(), {"officer", "Again", "mat-khau-rat-dai", {}});
  EXPECT_EQ(taken.error().code, "username_taken");
  EXPECT_EQ(services().accounts.CreateUser(Admin(), {"Bad Name", "x", "mat-khau-rat-dai", {}}).error().code,
            "invalid_username");

  // The officer sees the member but not a user of Hàng Bạc.
  ASSERT_TRUE(services().accounts.CreateUser(Admin(), {"hb-admin", "Hàng Bạc", "mat-khau-hang-bac",
                                                       {RoleGrant{0, Role::kUnitAdmin, hang_bac_, std::nullopt}}}).ok());
  auto visible = services().accounts.ListUsers(officer, 50, 0);
  ASSERT_TRUE(visible.ok());
  std::set<std::string> names;
  for (const auto& v : visible->items) names.insert(v.user.username);
  EXPECT_TRUE(names.count("to-dan-van-3"));
  EXPECT_FALSE(names.count("hb-admin"));
}

TEST_F(Accounts, AUnitAdminsUserListPagesAndCountsOnlyWhatTheyManage) {
  // More users than a page, in and out of the officer's subtree: the total and the pages count only the users the
  // officer may manage (and the officer), however the usernames interleave.
  auto unit = [](int64_t id, Role role = Role::kViewer) { return RoleGrant{0, role, id, std::nullopt}; };
  auto add = [&](const std::string& name, std::vector<RoleGrant> grants) {
    auto u = services().accounts.CreateUser(Admin(), {name, name, "mat-khau-rat-dai", std::move(grants)});
    ASSERT_TRUE(u.ok()) << name << ": " << u.error().message_en;
  };
  std::set<std::string> mine = {"officer"};
  for (int i = 0; i < 7; ++i) {
    const std::string n = "u" + std::to_string(i);
    add(n + "-ltt", {unit(ly_thai_to_, i % 2 ? Role::kUnitMember : Role::kViewer)});
    mine.insert(n + "-ltt");
    add(n + "-hb", {unit(hang_bac_)});
  }
  add("u7-both", {unit(ly_thai_to_), unit(hang_bac_)});                                  // half outside: not managed
  add("u8-none", {});                                                                    // no grant: only admins
  add("u9-admin", {unit(ly_thai_to_), RoleGrant{0, Role::kSystemAdmin, std::nullopt, std::nullopt}});  // above

  auto officer = CallerWith({unit(ly_thai_to_, Role::kUnitAdmin)}, officer_id_);
  std::set<std::string> seen;
  int64_t pages = 0;
  for (int64_t offset = 0;; offset += 3, ++pages) {
    auto page = services().accounts.ListUsers(officer, 3, offset);
    ASSERT_TRUE(page.ok()) << page.error().message_en;
    EXPECT_EQ(page->total, static_cast<int64_t>(mine.size())) << "the total at offset " << offset;
    if (page->items.empty()) break;
    for (const auto& v : page->items) {
      EXPECT_TRUE(seen.insert(v.user.username).second) << v.user.username << " on two pages";
      EXPECT_TRUE(services().accounts.GetUser(officer, v.user.id).ok()) << v.user.username << " listed but not managed";
      EXPECT_FALSE(v.grants.empty()) << "grants come with the user";
    }
  }
  EXPECT_EQ(seen, mine);
  EXPECT_EQ(pages, 3) << "8 users in pages of 3";

  // An officer of both wards manages both wards' users and the user of both, still not the system admin.
  auto both = services().accounts.ListUsers(
      CallerWith({unit(ly_thai_to_, Role::kUnitAdmin), unit(hang_bac_, Role::kUnitAdmin)}, officer_id_), 100, 0);
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->total, static_cast<int64_t>(mine.size()) + 7 + 1);
  EXPECT_EQ(both->items.size(), static_cast<size_t>(both->total));

  // A viewer manages nobody and sees only themselves; a system admin sees everyone.
  auto viewer = services().accounts.ListUsers(CallerWith({unit(ly_thai_to_)}, officer_id_), 3, 0);
  ASSERT_TRUE(viewer.ok());
  EXPECT_EQ(viewer->total, 1);
  ASSERT_EQ(viewer->items.size(), 1u);
  EXPECT_EQ(viewer->items[0].user.username, "officer");
  auto all = services().accounts.ListUsers(Admin(), 3, 0);
  EXPECT_EQ(all->total, 1 + 14 + 3);
  EXPECT_EQ(all->items.size(), 3u);
}

}  // namespace
}  // namespace danvan
