#include "core/config.hpp"

#include <toml++/toml.h>

#include <arpa/inet.h>

#include <array>
#include <charconv>
#include <cstdlib>

namespace danvan {
namespace {

Error BadSetting(std::string_view key, std::string_view value, std::string_view why) {
  return MakeError(ErrorKind::kInvalidInput, "invalid_setting",
                   "Giá trị cấu hình không hợp lệ: " + std::string(key) + " = \"" + std::string(value) + "\"",
                   "Invalid setting: " + std::string(key) + " = \"" + std::string(value) + "\" (" +
                       std::string(why) + ")");
}

template <class Int>
Status ParseInt(std::string_view key, std::string_view value, Int lo, Int hi, Int& out) {
  Int parsed{};
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (ec != std::errc() || ptr != value.data() + value.size()) return BadSetting(key, value, "not a whole number");
  if (parsed < lo || parsed > hi) return BadSetting(key, value, "out of range");
  out = parsed;
  return OkStatus();
}

Status ParseMillis(std::string_view key, std::string_view value, std::chrono::milliseconds& out) {
  int64_t ms = 0;
  auto st = ParseInt<int64_t>(key, value, 1, 24LL * 3600 * 1000, ms);
  if (!st) return st;
  out = std::chrono::milliseconds(ms);
  return OkStatus();
}

Status ParseBool(std::string_view key, std::string_view value, bool& out) {
  if (value == "true" || value == "1" || value == "yes") {
    out = true;
  } else if (value == "false" || value == "0" || value == "no") {
    out = false;
  } else {
    return BadSetting(key, value, "expected true or false");
  }
  return OkStatus();
}

Status ParseListen(std::string_view key, std::string_view value, ServerConfig& server) {
  const auto colon = value.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return BadSetting(key, value, "expected HOST:PORT");
  std::string host(value.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  uint16_t port = 0;
  auto st = ParseInt<uint16_t>(key, value.substr(colon + 1), 0, 65535, port);
  if (!st) return BadSetting(key, value, "expected HOST:PORT");
  server.host = host;
  server.port = port;
  return OkStatus();
}

struct Setting {
  SettingInfo info;
  std::function<Status(Config&, std::string_view key, std::string_view value)> apply;
};

std::string EnvName(std::string_view key) {
  std::string env = "DANVAN_";
  for (char c : key) env.push_back(c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return env;
}

const std::vector<Setting>& Table() {
  static const std::vector<Setting> table = [] {
    std::vector<Setting> t;
    auto add = [&t](std::string key, std::string help, auto apply) {
      t.push_back(Setting{SettingInfo{key, EnvName(key), std::move(help)}, std::move(apply)});
    };
    add("server.listen", "address and port to serve on, HOST:PORT (port 0 picks a free one)",
        [](Config& c, auto k, auto v) { return ParseListen(k, v, c.server); });
    add("server.threads", "threads running socket I/O",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 1, 256, c.server.io_threads); });
    add("server.workers", "threads running request handlers and database work",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 1, 1024, c.server.workers); });
    add("server.max_connections", "open connections allowed; more get 503",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 1, 1'000'000, c.server.max_connections); });
    add("server.header_limit", "largest request head in bytes (over it: 431)",
        [](Config& c, auto k, auto v) { return ParseInt<size_t>(k, v, 1024, 1 << 20, c.server.header_limit); });
    add("server.body_limit", "largest request body in bytes (over it: 413)",
        [](Config& c, auto k, auto v) { return ParseInt<size_t>(k, v, 0, 1ULL << 32, c.server.body_limit); });
    add("server.upload_limit", "largest body of an upload route (progress reports with files) in bytes",
        [](Config& c, auto k, auto v) { return ParseInt<size_t>(k, v, 0, 1ULL << 32, c.server.upload_limit); });
    add("server.header_timeout_ms", "time allowed to receive a whole request (over it: 408)",
        [](Config& c, auto k, auto v) { return ParseMillis(k, v, c.server.header_timeout); });
    add("server.idle_timeout_ms", "time a kept-alive connection may wait for its next request",
        [](Config& c, auto k, auto v) { return ParseMillis(k, v, c.server.idle_timeout); });
    add("server.shutdown_grace_ms", "time in-flight requests get to finish on SIGTERM",
        [](Config& c, auto k, auto v) { return ParseMillis(k, v, c.server.shutdown_grace); });
    add("documents.render_slots", "PDF documents rendered at once; a request waits for a free one",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 1, 64, c.documents.render_slots); });
    add("documents.render_timeout_ms", "time a request waits for its PDF (a slot and the render) before a 503",
        [](Config& c, auto k, auto v) { return ParseMillis(k, v, c.documents.render_timeout); });
    add("documents.export_max_rows", "rows one spreadsheet export of a list (?format=xlsx) may hold; more: an error",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 1, 10'000'000, c.documents.export_max_rows); });
    add("concerns.receive_hours", "working hours to receive a resident's concern",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 1, 400, c.concerns.receive_hours); });
    add("concerns.urgent_hours", "working hours to resolve an urgent (khẩn) concern",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 1, 2000, c.concerns.urgent_hours); });
    add("concerns.complex_hours", "working hours to resolve a complex (phức tạp) concern",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 1, 2000, c.concerns.complex_hours); });
    add("concerns.normal_hours", "working hours to resolve a normal (bình thường) concern",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 1, 2000, c.concerns.normal_hours); });
    add("concerns.reopen_days", "days after an answer within which the resident may reopen",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 0, 365, c.concerns.reopen_days); });
    add("concerns.close_after_days", "days after which an answer not rated is closed",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 1, 365, c.concerns.close_after_days); });
    add("concerns.sent_per_hour", "concerns one address may send in an hour",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 1, 100000, c.concerns.sent_per_hour); });
    add("concerns.sent_per_day", "concerns one address may send in a day",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 1, 1000000, c.concerns.sent_per_day); });
    add("concerns.max_photos", "photos a resident may send with one concern",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 0, 20, c.concerns.max_photos); });
    add("concerns.similar_radius_m", "how near an open concern must be to be offered as the same one",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 1, 100000, c.concerns.similar_radius_m); });
    add("concerns.similar_days", "how recent an open concern must be to be offered as the same one",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 1, 3650, c.concerns.similar_days); });
    add("concerns.pin_failures", "wrong PINs for one tracking code before it is locked for 15 minutes",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 1, 1000, c.concerns.pin_failures); });
    add("concerns.map_tile_url", "tiles of the public map, {z}/{x}/{y} template over https; empty: a plain layer",
        [](Config& c, auto k, auto v) -> Status {
          if (!v.empty() && (v.rfind("https://", 0) != 0 || v.find("{z}") == std::string_view::npos))
            return MakeError(ErrorKind::kInvalidInput, "invalid_setting",
                             fmt::format("{}: cần một mẫu https://…/{{z}}/{{x}}/{{y}}.png", k),
                             fmt::format("{}: expected an https://…/{{z}}/{{x}}/{{y}}.png template", k));
          c.concerns.map_tile_url = std::string(v);
          return OkStatus();
        });
    add("concerns.map_attribution", "the tiles' attribution shown on the public map",
        [](Config& c, auto k, auto v) -> Status {
          c.concerns.map_attribution = std::string(v);
          return OkStatus();
        });
    add("concerns.near_due_hours", "working hours before a deadline when the responsible staff are alerted",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 0, 400, c.concerns.near_due_hours); });
    add("concerns.sweep_seconds", "how often the server closes old answers, raises alerts and sends their e-mail",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 5, 86400, c.concerns.sweep_seconds); });
    add("smtp.url", "SMTP server for alert e-mail, smtp://HOST:PORT or smtps://HOST:PORT; empty: no e-mail",
        [](Config& c, auto k, auto v) -> Status {
          std::string url(v);
          if (!url.empty() && url.rfind("smtp://", 0) != 0 && url.rfind("smtps://", 0) != 0)
            return BadSetting(k, v, "expected smtp://… or smtps://…");
          if (url.find_first_of(" \t\r\n") != std::string::npos) return BadSetting(k, v, "no spaces in a URL");
          c.smtp.url = url;
          return OkStatus();
        });
    add("smtp.from", "sender of alert e-mail: ADDRESS or \"Name <ADDRESS>\"",
        [](Config& c, auto k, auto v) -> Status {
          if (std::string_view(v).find('@') == std::string_view::npos ||
              std::string_view(v).find_first_of("\r\n") != std::string_view::npos)
            return BadSetting(k, v, "expected an e-mail address");
          c.smtp.from = std::string(v);
          return OkStatus();
        });
    add("smtp.username", "SMTP user name (empty: no authentication)",
        [](Config& c, auto, auto v) { c.smtp.username = std::string(v); return OkStatus(); });
    add("smtp.password", "SMTP password (prefer the environment variable DANVAN_SMTP_PASSWORD)",
        [](Config& c, auto, auto v) { c.smtp.password = std::string(v); return OkStatus(); });
    add("smtp.timeout_seconds", "time allowed to hand one e-mail to the SMTP server",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 1, 600, c.smtp.timeout_seconds); });
    add("server.static_dir", "folder of the built web app",
        [](Config& c, auto, auto v) { c.server.static_dir = std::string(v); return OkStatus(); });
    add("server.public_url", "the address the public uses (https://…), printed in documents: certificates' QR codes",
        [](Config& c, auto k, auto v) -> Status {
          std::string url(v);
          while (!url.empty() && url.back() == '/') url.pop_back();
          if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) return BadSetting(k, v, "expected http://… or https://…");
          if (url.find_first_of(" \t\r\n") != std::string::npos) return BadSetting(k, v, "no spaces in a URL");
          c.server.public_url = url;
          return OkStatus();
        });
    add("server.trusted_proxies", "reverse proxies whose X-Forwarded-For names the client: addresses, comma-separated",
        [](Config& c, auto k, auto v) -> Status {
          std::vector<std::string> proxies;
          std::string_view rest = v;
          while (!rest.empty()) {
            const size_t comma = rest.find(',');
            std::string one(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
            one.erase(0, one.find_first_not_of(" \t"));
            one.erase(one.find_last_not_of(" \t") + 1);
            if (one.empty()) continue;
            std::array<unsigned char, 16> bytes{};
            if (inet_pton(AF_INET, one.c_str(), bytes.data()) != 1 && inet_pton(AF_INET6, one.c_str(), bytes.data()) != 1)
              return BadSetting(k, v, "expected IP addresses separated by commas");
            proxies.push_back(std::move(one));
          }
          c.server.trusted_proxies = std::move(proxies);
          return OkStatus();
        });
    add("database.url", "sqlite:PATH or postgresql://…",
        [](Config& c, auto, auto v) { c.database.url = std::string(v); return OkStatus(); });
    add("database.pool_size", "database connections kept open",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 1, 256, c.database.pool_size); });
    add("database.busy_timeout_ms", "how long SQLite waits for a lock",
        [](Config& c, auto k, auto v) { return ParseMillis(k, v, c.database.busy_timeout); });
    add("database.sqlite_cache_kib", "SQLite's page cache per connection, in KiB",
        [](Config& c, auto k, auto v) { return ParseInt(k, v, 64, 1'048'576, c.database.sqlite_cache_kib); });
    add("log.level", "trace, debug, info, warn, error or off",
        [](Config& c, auto k, auto v) -> Status {
          static const char* kLevels[] = {"trace", "debug", "info", "warn", "error", "off"};
          for (auto* l : kLevels)
            if (v == l) {
              c.log.level = std::string(v);
              return OkStatus();
            }
          return BadSetting(k, v, "unknown level");
        });
    add("log.access", "one log line per request",
        [](Config& c, auto k, auto v) { return ParseBool(k, v, c.log.access_log); });
    return t;
  }();
  return table;
}

void Flatten(const toml::table& table, const std::string& prefix, std::map<std::string, std::string>& out) {
  for (const auto& [k, node] : table) {
    std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* sub = node.as_table()) {
      Flatten(*sub, key, out);
    } else if (const auto* s = node.as_string()) {
      out[key] = s->get();
    } else if (const auto* i = node.as_integer()) {
      out[key] = std::to_string(i->get());
    } else if (const auto* b = node.as_boolean()) {
      out[key] = b->get() ? "true" : "false";
    } else {
      out[key] = "<unsupported type>";
    }
  }
}

}  // namespace

const std::vector<SettingInfo>& Settings() {
  static const std::vector<SettingInfo> infos = [] {
    std::vector<SettingInfo> v;
    for (const auto& s : Table()) v.push_back(s.info);
    return v;
  }();
  return infos;
}

Status ApplySetting(Config& config, std::string_view key, std::string_view value) {
  for (const auto& s : Table())
    if (s.info.key == key) return s.apply(config, key, value);
  return MakeError(ErrorKind::kInvalidInput, "unknown_setting", "Không có mục cấu hình: " + std::string(key),
                   "Unknown setting: " + std::string(key));
}

Result<Config> LoadConfig(const std::string& file,
                          const std::function<std::optional<std::string>(const std::string&)>& env,
                          const std::map<std::string, std::string>& flags) {
  Config config;
  if (!file.empty()) {
    std::map<std::string, std::string> values;
    try {
      Flatten(toml::parse_file(file), "", values);
    } catch (const toml::parse_error& e) {
      std::string where = file + ":" + std::to_string(e.source().begin.line) + ":" +
                          std::to_string(e.source().begin.column);
      return MakeError(ErrorKind::kInvalidInput, "invalid_config_file",
                       "Tệp cấu hình không đọc được (" + where + "): " + std::string(e.description()),
                       "Cannot read the config file (" + where + "): " + std::string(e.description()));
    }
    for (const auto& [k, v] : values) DANVAN_TRY(ApplySetting(config, k, v));
  }
  for (const auto& s : Table())
    if (auto v = env(s.info.env)) DANVAN_TRY(ApplySetting(config, s.info.key, *v));
  for (const auto& [k, v] : flags) DANVAN_TRY(ApplySetting(config, k, v));
  return config;
}

std::optional<std::string> ProcessEnv(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

}  // namespace danvan
