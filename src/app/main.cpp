// The composition root and the `danvan` command line: the only file of the executable.

#include "core/config.hpp"
#include "core/crypto.hpp"
#include "core/logging.hpp"
#include "core/time.hpp"
#include "documents/module.hpp"
#include "http/api.hpp"
#include "http/app.hpp"
#include "http/auth.hpp"
#include "http/server.hpp"
#include "services/demo.hpp"
#include "services/services.hpp"
#include "storage/backup.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"

#include <CLI/CLI.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <iostream>

#ifndef DANVAN_VERSION
#define DANVAN_VERSION "0.0.0"
#endif

namespace danvan {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// Prints an error the way every command does: Vietnamese first, English second, and the stable code.
int Fail(const Error& e) {
  std::cerr << "Lỗi: " << e.message_vi << "\nError: " << e.message_en << " [" << e.code << "]\n";
  if (!e.details.empty()) std::cerr << "Details: " << boost::json::serialize(e.details) << "\n";
  return kExitFailure;
}

struct Options {
  std::string config_file;
  std::string db;
  std::string listen;
  int threads = 0;
  std::vector<std::string> sets;  // key=value
};

Result<Config> ResolveConfig(const Options& o) {
  std::map<std::string, std::string> flags;
  for (const auto& s : o.sets) {
    const auto eq = s.find('=');
    if (eq == std::string::npos)
      return MakeError(ErrorKind::kInvalidInput, "invalid_flag", "--set cần dạng khóa=giá_trị: " + s,
                       "--set needs key=value: " + s);
    flags[s.substr(0, eq)] = s.substr(eq + 1);
  }
  if (!o.db.empty()) flags["database.url"] = o.db;
  if (!o.listen.empty()) flags["server.listen"] = o.listen;
  if (o.threads > 0) flags["server.threads"] = std::to_string(o.threads);
  return LoadConfig(o.config_file, ProcessEnv, flags);
}

Result<std::unique_ptr<Database>> OpenMigrated(const Config& config) {
  auto db = DANVAN_TRY(Database::Open(config.database));
  const int applied = DANVAN_TRY(Migrate(*db));
  if (applied > 0) spdlog::info("database={} migrations_applied={}", db->display_url(), applied);
  return db;
}

int Serve(const Config& config) {
  const auto started = std::chrono::steady_clock::now();
  // Photos and PDFs come from a module loaded on first use; a missing one is an installation error, said now.
  if (auto st = documents::CheckModule(); !st) return Fail(st.error());
  documents::SetRenderLimits(config.documents.render_slots, config.documents.render_timeout);
  SetExportRowLimit(config.documents.export_max_rows);
  auto db_result = OpenMigrated(config);
  if (!db_result) return Fail(db_result.error());
  auto db = std::move(db_result).value();

  SystemClock clock;
  Services services(*db, clock, {}, AwardSettings{config.server.public_url}, config.concerns, config.smtp);
  // The certificate signing key is made on the first start.
  if (auto key = services.awards.EnsureSigningKey(); !key) return Fail(key.error());
  http::Metrics metrics;
  http::App app(http::BuildRouter(services, metrics, config.server.upload_limit), http::StaticFiles(config.server.static_dir), metrics,
                config.log.access_log, http::OpenApiDocument(),
                [&services](const http::Request& r) -> Status {
                  if (auto who = http::Authenticate(services, r); !who.ok()) return who.error();
                  return OkStatus();
                });
  http::Server server(config.server, app);
  metrics.SetGauges([&db, &server] {
    return std::vector<std::pair<std::string, double>>{
        {"danvan_db_pool_size", db->pool_size()},
        {"danvan_db_pool_in_use", db->pool_in_use()},
        {"danvan_http_open_connections", server.open_connections()},
    };
  });
  auto port = server.Listen();
  if (!port) return Fail(port.error());

  // Old answers closed, alerts raised and their mail sent, every concerns.sweep_seconds, off the request threads.
  ConcernSweeper sweeper(services.concerns, services.alerts, std::chrono::seconds(config.concerns.sweep_seconds));
  if (!services.alerts.mail_enabled()) spdlog::info("smtp.url is empty: alerts stay in the app, no e-mail is sent");
  sweeper.Start();

  auto demo = HasDemo(services);
  server.Run([&] {
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    const std::string host = config.server.host.find(':') != std::string::npos ? "[" + config.server.host + "]"
                                                                                 : config.server.host;
    // Tests and scripts wait for this line; keep its shape.
    fmt::print("danvan đang chạy tại / listening on http://{}:{}  (database {}, ready in {:.0f} ms)\n", host,
               port.value(), db->display_url(), ms);
    if (demo.ok() && demo.value()) {
      fmt::print("Dữ liệu mẫu / demo data: phường Lý Thái Tổ 2022. Đăng nhập / log in with password \"{}\":\n",
                 kDemoPassword);
      for (const auto& l : DemoLogins()) fmt::print("  {:<18} {} / {}\n", l.username, l.role_vi, l.role_en);
    }
    fmt::print("Dừng bằng Ctrl+C / stop with Ctrl+C (SIGINT) or SIGTERM.\n");
    std::fflush(stdout);
  });
  sweeper.Stop();
  // A render past its time limit may still be running on its own thread: it is not waited for (the grace is the
  // requests', and they have all been answered); the process ends without running what would race with it.
  if (const int left = documents::RendersRunning(); left > 0) {
    spdlog::warn("stopping with {} document render(s) abandoned", left);
    spdlog::shutdown();
    std::fflush(nullptr);
    std::_Exit(kExitOk);
  }
  spdlog::info("stopped cleanly");
  return kExitOk;
}

int MigrateCommand(const Config& config, bool status_only) {
  auto db = Database::Open(config.database);
  if (!db) return Fail(db.error());
  if (!status_only) {
    auto applied = Migrate(*db.value());
    if (!applied) return Fail(applied.error());
    fmt::print("Đã áp dụng {} migration / applied {} migration(s)\n", applied.value(), applied.value());
  }
  auto states = MigrationStatus(*db.value());
  if (!states) return Fail(states.error());
  bool mismatch = false;
  fmt::print("{:<8} {:<28} {:<26} {}\n", "version", "name", "applied_at", "checksum");
  for (const auto& s : states.value()) {
    std::string state = s.applied ? s.applied_at : "pending";
    std::string check = s.checksum.empty() ? "unknown to this program" : s.checksum.substr(0, 12);
    if (s.mismatch()) {
      check += " MISMATCH (applied " + s.applied_checksum.substr(0, 12) + ")";
      mismatch = true;
    }
    fmt::print("{:<8} {:<28} {:<26} {}\n", s.version, s.name, state, check);
  }
  return mismatch ? kExitFailure : kExitOk;
}

int AuditVerifyCommand(const Config& config) {
  auto db = OpenMigrated(config);
  if (!db) return Fail(db.error());
  SystemClock clock;
  Services services(*db.value(), clock);
  auto v = services.audit.Verify(*db.value());
  if (!v) return Fail(v.error());
  if (v->ok) {
    fmt::print("ok {}\n", v->count);
    return kExitOk;
  }
  fmt::print("broken after {} good entries: {}\n", v->count, *v->broken);
  return kExitFailure;
}

// Runs a command with the services of a migrated database.
template <class F>
int WithServices(const Config& config, F&& fn) {
  auto db = OpenMigrated(config);
  if (!db) return Fail(db.error());
  SystemClock clock;
  Services services(*db.value(), clock, {}, AwardSettings{config.server.public_url});
  return fn(services);
}

// `danvan verify`: the exit status says what was found, so that scripts need not read the text.
constexpr int kExitInvalid = 3;  // not signed by a published key, altered, or not a credential
constexpr int kExitRevoked = 4;
constexpr int kExitUnknown = 5;  // no certificate of that public id in the database

int PrintVerdict(const PublicVerification& v, const std::string& checked_by) {
  const auto& row = v.certificate;
  const auto& c = row.certificate;
  const bool revoked = c.status == CertificateStatus::kRevoked;
  if (!v.signature_valid) {
    fmt::print("invalid\nChữ ký của giấy khen {} không hợp lệ / the signature of certificate {} does not verify\n",
               c.public_id, c.public_id);
    return kExitInvalid;
  }
  fmt::print("{}\n", revoked ? "revoked" : "genuine");
  fmt::print("{}\n", revoked ? "Giấy khen đã bị thu hồi / the certificate was revoked" : "Giấy khen hợp lệ / genuine certificate");
  fmt::print("  Mã / public id:          {}\n", c.public_id);
  fmt::print("  Khen thưởng / award:     {}\n", row.award_type_name);
  fmt::print("  Tặng / awarded to:       {}\n", row.beneficiary_name);
  fmt::print("  Quyết định / decision:   {} ({}) — {}\n", row.decision_symbol, row.decided_on.Vietnamese(), row.issuer_name);
  fmt::print("  Khóa ký / signing key:   {}\n", v.key_id);
  if (revoked)
    fmt::print("  Thu hồi / revoked:       {} — {}\n", c.revoked_on ? c.revoked_on->Vietnamese() : "", c.revocation_reason);
  fmt::print("  Kiểm tra / checked:      {}\n", checked_by);
  return revoked ? kExitRevoked : kExitOk;
}

int PrintUnknown(const std::string& public_id) {
  fmt::print("unknown\nKhông tìm thấy giấy khen {} trong cơ sở dữ liệu / no certificate {} in the database\n", public_id,
             public_id);
  return kExitUnknown;
}

// FILE: a downloaded credential (.jwt), checked against the database's keys or a JWK Set file, then its status in
// the database when there is one. PUBLIC_ID: looked up in the database.
int VerifyCommand(const Config& config, const std::string& target, const std::string& jwks_file, bool use_database) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(target, ec)) {
    const bool looks_like_id = !target.empty() && target.size() <= 64 &&
                               target.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
                                   std::string::npos;
    if (!looks_like_id) {
      std::cerr << "Lỗi: không có tệp " << target << "\nError: no such file " << target << "\n";
      return kExitFailure;
    }
    return WithServices(config, [&](Services& services) {
      auto v = services.awards.VerifyPublicId(target);
      if (!v) return v.error().code == "certificate_unknown" ? PrintUnknown(target) : Fail(v.error());
      return PrintVerdict(*v, "chữ ký lưu trong cơ sở dữ liệu / the signature stored in the database");
    });
  }
  std::ifstream in(target, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) {
    std::cerr << "Lỗi: không đọc được tệp " << target << "\nError: cannot read " << target << "\n";
    return kExitFailure;
  }
  auto check = [&](const std::vector<PublishedKey>& keys, Services* services) {
    auto verified = VerifyCredential(text.str(), keys);
    if (!verified) {
      fmt::print("invalid\n{}\n{} [{}]\n", verified.error().message_vi, verified.error().message_en, verified.error().code);
      return kExitInvalid;
    }
    const auto& s = verified->summary;
    const std::string by = fmt::format("chữ ký của tệp, khóa {} / the file's signature, key {} ({})", verified->key.kid,
                                       verified->key.kid, verified->key.status.empty() ? "?" : verified->key.status);
    if (!services) {
      fmt::print("genuine\nChữ ký hợp lệ; chưa kiểm tra thu hồi vì không có cơ sở dữ liệu (--db) / the signature "
                 "verifies; revocation not checked without a database (--db)\n");
      fmt::print("  Mã / public id:          {}\n  Khen thưởng / award:     {}\n  Tặng / awarded to:       {}\n"
                 "  Quyết định / decision:   {} — {}\n  Kiểm tra / checked:      {}\n",
                 s.public_id, s.award_type_name, s.beneficiary_name, s.decision, s.issuer_name, by);
      return kExitOk;
    }
    auto v = services->awards.VerifyPublicId(s.public_id);
    if (!v) return v.error().code == "certificate_unknown" ? PrintUnknown(s.public_id) : Fail(v.error());
    v->signature_valid = true;  // the file's own signature verified above
    v->key_id = verified->key.kid;
    return PrintVerdict(*v, by);
  };
  if (!jwks_file.empty()) {
    std::ifstream jf(jwks_file, std::ios::binary);
    std::stringstream jwks;
    jwks << jf.rdbuf();
    if (!jf) {
      std::cerr << "Lỗi: không đọc được tệp " << jwks_file << "\nError: cannot read " << jwks_file << "\n";
      return kExitFailure;
    }
    auto keys = ParseJwks(jwks.str());
    if (!keys) return Fail(keys.error());
    if (!use_database) return check(*keys, nullptr);
    return WithServices(config, [&](Services& services) { return check(*keys, &services); });
  }
  return WithServices(config, [&](Services& services) {
    auto keys = services.awards.PublishedKeys();
    if (!keys) return Fail(keys.error());
    return check(*keys, &services);
  });
}

int KeysListCommand(const Config& config) {
  return WithServices(config, [&](Services& services) {
    auto keys = services.awards.PublishedKeys();
    if (!keys) return Fail(keys.error());
    if (keys->empty())
      fmt::print("Chưa có khóa; khóa đầu tiên được tạo khi máy chủ khởi động / no key yet: the first is made when the "
                 "server starts\n");
    else
      fmt::print("{:<18} {:<8} {:<26} {}\n", "kid", "status", "created_at", "retired_at");
    for (const auto& k : *keys)
      fmt::print("{:<18} {:<8} {:<26} {}\n", k.kid, k.status, k.created_at, k.retired_at.value_or("-"));
    return kExitOk;
  });
}

int KeysRotateCommand(const Config& config) {
  return WithServices(config, [&](Services& services) {
    auto key = services.awards.RotateSigningKey(CommandLineCaller());
    if (!key) return Fail(key.error());
    fmt::print("Đã tạo khóa ký mới / new signing key {}; các khóa cũ vẫn được công bố để kiểm tra giấy khen đã cấp / "
               "older keys stay published so that issued certificates still verify\n",
               key->id);
    return kExitOk;
  });
}

int SeedDemoCommand(const Config& config, bool if_empty) {
  return WithServices(config, [&](Services& services) {
    if (if_empty) {
      auto users = services.accounts.ListUsers(CommandLineCaller(), 1, 0);
      if (!users) return Fail(users.error());
      auto demo = HasDemo(services);
      if (users->total > 0 && demo.ok() && !demo.value()) return kExitOk;  // real data: leave it alone
    }
    auto seeded = SeedDemo(services);
    if (!seeded) return Fail(seeded.error());
    if (seeded.value()) {
      fmt::print("Đã nạp dữ liệu mẫu / demo data loaded: phường Lý Thái Tổ 2022 and the 2025 merger\n");
    } else {
      fmt::print("Dữ liệu mẫu đã có sẵn / the demo data is already there\n");
    }
    return kExitOk;
  });
}

int UserAddCommand(const Config& config, const std::string& username, const std::string& display_name, bool admin,
                   bool password_stdin) {
  NewUser user;
  user.username = username;
  user.display_name = display_name.empty() ? username : display_name;
  if (admin) user.grants.push_back(RoleGrant{0, Role::kSystemAdmin, std::nullopt, std::nullopt});
  if (password_stdin && !std::getline(std::cin, user.password)) {
    std::cerr << "Lỗi: không đọc được mật khẩu từ đầu vào chuẩn.\nError: no password on standard input.\n";
    return kExitFailure;
  }
  return WithServices(config, [&](Services& services) {
    auto created = services.accounts.CreateUser(CommandLineCaller(), user);
    if (!created) return Fail(created.error());
    fmt::print("Đã tạo người dùng / created user {} (id {}){}\n", created->view.user.username, created->view.user.id,
               admin ? ", quản trị hệ thống / system admin" : "");
    if (!created->generated_password.empty())
      fmt::print("Mật khẩu (chỉ hiện một lần) / password (shown once): {}\n", created->generated_password);
    return kExitOk;
  });
}

int TokenIssueCommand(const Config& config, const std::string& username, const std::string& name) {
  return WithServices(config, [&](Services& services) {
    auto user = services.accounts.GetUserByName(CommandLineCaller(), username);
    if (!user) return Fail(user.error());
    auto issued = services.accounts.IssueToken(CommandLineCaller(), user->user.id, name, std::nullopt);
    if (!issued) return Fail(issued.error());
    // The token alone on stdout, so that scripts can capture it.
    fmt::print("{}\n", issued->token);
    return kExitOk;
  });
}

int ImportUnitsCommand(const Config& config, const std::string& file, const std::string& province,
                       const std::string& legal_basis, const std::string& effective, bool dry_run) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "Lỗi: không mở được tệp " << file << "\nError: cannot open " << file << "\n";
    return kExitFailure;
  }
  std::stringstream text;
  text << in.rdbuf();
  return WithServices(config, [&](Services& services) {
    auto report = services.territory.ImportMergerTable(CommandLineCaller(), text.str(), province, legal_basis,
                                                       effective, dry_run);
    if (!report) return Fail(report.error());
    for (const auto& e : report->errors) std::cerr << e << "\n";
    fmt::print("{}: {} dòng / rows, {} đơn vị mới / new units, {} sáp nhập mới / new successions{}\n",
               report->errors.empty() ? "ok" : "lỗi / errors", report->rows, report->units_created,
               report->successions_created,
               report->dry_run ? " (chạy thử, chưa ghi gì / dry run, nothing written)" : "");
    return report->errors.empty() ? kExitOk : kExitFailure;
  });
}

int ImportPeopleCommand(const Config& config, const std::string& file, int64_t unit_id, bool dry_run, bool skip_bad) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "Lỗi: không mở được tệp " << file << "\nError: cannot open " << file << "\n";
    return kExitFailure;
  }
  std::stringstream text;
  text << in.rdbuf();
  const ImportMode mode = dry_run ? ImportMode::kDryRun : skip_bad ? ImportMode::kSkipBadRows : ImportMode::kAllOrNothing;
  return WithServices(config, [&](Services& services) {
    auto report = services.community.ImportPeople(CommandLineCaller(), unit_id, text.str(), mode);
    if (!report) return Fail(report.error());
    for (const auto& i : report->issues)
      std::cerr << fmt::format("dòng {} / line {}, cột / column {}: {} / {}\n", i.line, i.line, i.column, i.message_vi,
                               i.message_en);
    fmt::print("{} dòng / rows, {} hợp lệ / valid, {} đã ghi / written{}\n", report->rows, report->valid_rows,
               report->written,
               dry_run ? " (chạy thử, chưa ghi; ghi bằng --apply / dry run, nothing written; write with --apply)"
               : report->written == 0 && !report->issues.empty()
                   ? " (có lỗi nên chưa ghi gì; sửa tệp hoặc dùng --apply --skip-bad-rows / errors, nothing written; "
                     "fix the file or use --apply --skip-bad-rows)"
                   : "");
    return report->issues.empty() || (skip_bad && !dry_run) ? kExitOk : kExitFailure;
  });
}

Result<std::string> SqlitePathOf(const Config& config) {
  const std::string& url = config.database.url;
  if (url.rfind("sqlite:", 0) != 0)
    return MakeError(ErrorKind::kInvalidInput, "backup_sqlite_only",
                     "Lệnh này chỉ dùng cho SQLite; với PostgreSQL hãy dùng pg_dump/pg_restore (xem docs/operations.md).",
                     "This command is for SQLite only; for PostgreSQL use pg_dump/pg_restore (see docs/operations.md).");
  auto db = DANVAN_TRY(Database::Open(config.database));  // normalises the path
  return db->sqlite_path();
}

}  // namespace
}  // namespace danvan

int main(int argc, char** argv) {
  using namespace danvan;
  EnsureCrypto();
  CLI::App cli{"danvan — công tác dân vận và phong trào \"Dân vận khéo\" / mass mobilization work and the "
               "\"Dân vận khéo\" movement"};
  cli.require_subcommand(1);
  Options o;
  auto add_common = [&o](CLI::App* cmd) {
    cmd->add_option("--config", o.config_file, "TOML configuration file");
    cmd->add_option("--db", o.db, "database URL: sqlite:PATH or postgresql://… (DANVAN_DATABASE_URL)");
    cmd->add_option("--set", o.sets, "any setting as key=value, e.g. --set server.body_limit=2097152");
  };

  std::string settings_help = "Settings (TOML key, environment variable):\n";
  for (const auto& s : Settings()) settings_help += fmt::format("  {:<26} {:<34} {}\n", s.key, s.env, s.help);
  cli.footer(settings_help + "\nPrecedence: flags > environment > config file > defaults.");

  auto* serve = cli.add_subcommand("serve", "serve the API and the web app over HTTP");
  add_common(serve);
  serve->add_option("--listen", o.listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 = any free)");
  serve->add_option("--threads", o.threads, "I/O threads");

  auto* migrate = cli.add_subcommand("migrate", "apply pending database migrations, or list them with --status");
  add_common(migrate);
  bool status_only = false;
  migrate->add_flag("--status", status_only, "only list migrations and whether each is applied");

  auto* audit = cli.add_subcommand("audit", "audit log tools");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "check every link of the audit log's hash chains");
  add_common(verify);

  std::string file;
  auto* backup = cli.add_subcommand("backup", "copy the SQLite database to FILE (safe while the server runs)");
  add_common(backup);
  backup->add_option("FILE", file, "where to write the copy")->required();
  auto* restore = cli.add_subcommand("restore", "replace the SQLite database by the backup FILE");
  add_common(restore);
  restore->add_option("FILE", file, "the backup to restore")->required();

  std::string username, display_name;
  bool admin = false, password_stdin = false;
  auto* user = cli.add_subcommand("user", "manage users");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "create a user; the password is read from stdin or generated");
  add_common(user_add);
  user_add->add_option("USERNAME", username, "the log-in name")->required();
  user_add->add_option("--name", display_name, "the name shown in the app");
  user_add->add_flag("--admin", admin, "make the user a system admin");
  user_add->add_flag("--password-stdin", password_stdin, "read the password from the first line of stdin");

  std::string token_name = "command line";
  auto* token = cli.add_subcommand("token", "API tokens");
  token->require_subcommand(1);
  auto* token_issue = token->add_subcommand("issue", "issue an API token for USERNAME and print it once");
  add_common(token_issue);
  token_issue->add_option("USERNAME", username, "whose token")->required();
  token_issue->add_option("--name", token_name, "what the token is for");

  std::string province = "Thành phố Hà Nội", legal_basis = "Nghị quyết 1656/NQ-UBTVQH15", effective = "01/07/2025";
  bool dry_run = false;
  auto* import = cli.add_subcommand("import", "import reference data");
  import->require_subcommand(1);
  auto* import_units = import->add_subcommand(
      "units", "import a merger table (old_ward, old_district, new_ward, share; tab-separated) as units and successions");
  add_common(import_units);
  import_units->add_option("FILE", file, "the .tsv file")->required();
  import_units->add_option("--province", province, "the province or city the wards belong to")->capture_default_str();
  import_units->add_option("--legal-basis", legal_basis, "the resolution behind the merger")->capture_default_str();
  import_units->add_option("--effective", effective, "the date the new wards took over")->capture_default_str();
  import_units->add_flag("--dry-run", dry_run, "check and report, write nothing");

  auto* seed = cli.add_subcommand("seed", "load sample data");
  seed->require_subcommand(1);
  auto* seed_demo = seed->add_subcommand("demo", "the Lý Thái Tổ 2022 story and the 2025 merger, with one demo login per role "
                                                  "(into a new database only)");
  add_common(seed_demo);
  bool if_empty = false;
  seed_demo->add_flag("--if-empty", if_empty, "do nothing, successfully, when the database already has users");

  int64_t unit_id = 0;
  bool skip_bad_rows = false;
  auto* import_people = import->add_subcommand(
      "people", "import people from CSV (full_name, birth_year, gender, phone, email, address, organisation_id, title, "
                "from): a dry run that reports every bad row unless --apply; nothing is written unless every row is "
                "valid, or with --apply --skip-bad-rows");
  add_common(import_people);
  import_people->add_option("FILE", file, "the .csv file (UTF-8, comma or semicolon)")->required();
  import_people->add_option("--unit", unit_id, "the id of the unit the people belong to")->required();
  // A dry run unless told to write: the issue's "dry run first" (docs/decisions.md).
  bool apply = false, explicit_dry_run = false;
  auto* people_dry_run =
      import_people->add_flag("--dry-run", explicit_dry_run, "check every row and report, write nothing (the default)");
  auto* people_apply = import_people->add_flag("--apply", apply, "write the people when every row is valid");
  people_apply->excludes(people_dry_run);
  import_people->add_flag("--skip-bad-rows", skip_bad_rows, "with --apply: write the valid rows, report the others")
      ->needs(people_apply);

  std::string verify_target, jwks_file;
  auto* verify_certificate = cli.add_subcommand(
      "verify", "check a certificate: a downloaded credential FILE (.jwt) or a PUBLIC_ID; prints genuine, revoked, "
                "invalid or unknown (exit status 0, 4, 3, 5)");
  add_common(verify_certificate);
  verify_certificate->footer(
      "A FILE is checked against the published keys (the database's, or --jwks), then its certificate's status in the "
      "database when there is one; a PUBLIC_ID is looked up in the database.\nExit status: 0 genuine, 3 invalid (a "
      "changed byte, not a credential, or not signed by a published key), 4 revoked, 5 unknown to the database, "
      "1 error (unreadable file, database unavailable), 2 usage.\nAn id that begins with '-' (possible for ids issued before "
      "28/11/2026) goes after --: danvan verify --db URL -- -AbC...\n\n" + settings_help);
  verify_certificate->add_option("FILE|PUBLIC_ID", verify_target, "a .jwt credential file, or a certificate's public id")
      ->required();
  verify_certificate->add_option("--jwks", jwks_file,
                                 "verify against this JWK Set (a saved /.well-known/jwks.json) instead of the "
                                 "database's keys; the database is then read only with --db, for the revocation status");

  auto* keys = cli.add_subcommand("keys", "the Ed25519 keys that sign certificates");
  keys->require_subcommand(1);
  auto* keys_list = keys->add_subcommand("list", "list the signing keys (kid, active or retired, dates); never secrets");
  add_common(keys_list);
  auto* keys_rotate = keys->add_subcommand(
      "rotate", "retire the active key and make a new one that signs from now on (audited); retired keys stay published");
  add_common(keys_rotate);

  cli.add_subcommand("version", "print the version");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  if (cli.got_subcommand("version")) {
    fmt::print("danvan {}\n", DANVAN_VERSION);
    return kExitOk;
  }

  auto config = ResolveConfig(o);
  if (!config) return Fail(config.error());
  SetUpLogging(config->log.level);

  try {
    if (cli.got_subcommand(serve)) return Serve(config.value());
    if (cli.got_subcommand(migrate)) return MigrateCommand(config.value(), status_only);
    if (audit->got_subcommand(verify)) return AuditVerifyCommand(config.value());
    if (seed->got_subcommand(seed_demo)) return SeedDemoCommand(config.value(), if_empty);
    if (cli.got_subcommand(verify_certificate))
      return VerifyCommand(config.value(), verify_target, jwks_file, !o.db.empty());
    if (keys->got_subcommand(keys_list)) return KeysListCommand(config.value());
    if (keys->got_subcommand(keys_rotate)) return KeysRotateCommand(config.value());
    if (user->got_subcommand(user_add))
      return UserAddCommand(config.value(), username, display_name, admin, password_stdin);
    if (token->got_subcommand(token_issue)) return TokenIssueCommand(config.value(), username, token_name);
    if (import->got_subcommand(import_units))
      return ImportUnitsCommand(config.value(), file, province, legal_basis, effective, dry_run);
    if (import->got_subcommand(import_people))
      return ImportPeopleCommand(config.value(), file, unit_id, !apply, skip_bad_rows);
    if (cli.got_subcommand(backup)) {
      auto path = SqlitePathOf(config.value());
      if (!path) return Fail(path.error());
      auto pages = BackupSqlite(path.value(), file);
      if (!pages) return Fail(pages.error());
      fmt::print("Đã sao lưu {} trang vào {} / backed up {} pages to {}\n", pages.value(), file, pages.value(), file);
      return kExitOk;
    }
    if (cli.got_subcommand(restore)) {
      auto path = SqlitePathOf(config.value());
      if (!path) return Fail(path.error());
      if (auto st = RestoreSqlite(path.value(), file); !st) return Fail(st.error());
      fmt::print("Đã khôi phục {} từ {} / restored {} from {}\n", path.value(), file, path.value(), file);
      return kExitOk;
    }
  } catch (const std::exception& e) {
    spdlog::critical("fatal: {}", e.what());
    return kExitFailure;
  }
  return kExitUsage;
}
