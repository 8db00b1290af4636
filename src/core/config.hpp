#pragma once
//! Settings: defaults, then a TOML file, then DANVAN_* environment variables, then flags (flags win).

#include "core/error.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace danvan {

struct ServerConfig {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int io_threads = 2;          //!< threads running socket I/O: two keep both cores of a 2-core machine busy (docs/performance.md)
  int workers = 4;             //!< threads running handlers (database work), apart from I/O
  int max_connections = 1024;  //!< connections over this get 503 and are closed
  size_t header_limit = 16 * 1024;
  size_t body_limit = 1024 * 1024;
  size_t upload_limit = 48 * 1024 * 1024;  //!< routes that take files (base64 in JSON: 4/3 of the files)
  std::chrono::milliseconds header_timeout{10'000};  //!< to receive a whole request head (and body)
  std::chrono::milliseconds idle_timeout{60'000};    //!< between requests on a kept-alive connection
  std::chrono::milliseconds shutdown_grace{10'000};  //!< in-flight requests may finish within this
  std::string static_dir = "web/dist";
  //! Where the public reaches this service, without a trailing slash: printed documents link to it (the QR code
  //! of a certificate leads to {public_url}/verify/{public_id}). Behind a proxy, the proxy's address.
  std::string public_url = "http://127.0.0.1:8080";
  //! Reverse proxies (exact addresses) whose X-Forwarded-For names the client: the per-address limits of the
  //! residents' channel then count the resident, not the proxy. Empty: the peer is the client.
  std::vector<std::string> trusted_proxies;
};

struct DatabaseConfig {
  std::string url = "sqlite:data/danvan.db";
  int pool_size = 4;
  std::chrono::milliseconds busy_timeout{5'000};
  int sqlite_cache_kib = 512;  //!< SQLite's page cache per connection; the OS caches the file as well
};

struct DocumentsConfig {
  int render_slots = 2;                              //!< documents rendered at once (the rest wait, then 503)
  std::chrono::milliseconds render_timeout{10'000};  //!< a request waits this long for its document, then 503
  int export_max_rows = 100'000;                     //!< rows one spreadsheet export of a list may hold
};

//! Residents' concerns: deadlines in working hours and the limits of the public channel. The receiving and urgent
//! deadlines follow Hà Nội's rules (QĐ 1207/QĐ-UBND); the complex and normal ones are not published: settings.
struct ConcernsConfig {
  int receive_hours = 8;    //!< working hours to receive (acknowledge) a concern
  int urgent_hours = 4;     //!< khẩn: working hours to resolve
  int complex_hours = 80;   //!< phức tạp (10 working days)
  int normal_hours = 40;    //!< bình thường (5 working days)
  int reopen_days = 14;     //!< the resident may reopen within this many days of the answer
  int close_after_days = 14;  //!< an answer not rated is closed after this many days
  int sent_per_hour = 5;    //!< concerns one address may send in an hour
  int sent_per_day = 20;    //!< and in a day
  int max_photos = 5;       //!< photos with one concern
  int similar_radius_m = 300;  //!< "đã có người phản ánh": how near counts
  int similar_days = 60;       //!< and how recent
  int pin_failures = 5;        //!< wrong PINs for one code before it is locked for a while
  int near_due_hours = 4;      //!< an alert says "due soon" when a clock ends within this many working hours
  int sweep_seconds = 300;     //!< the server closes old answers, raises alerts and sends mail this often
  //! The public map's tiles, a Leaflet URL template ("https://tile.openstreetmap.org/{z}/{x}/{y}.png"); empty: the
  //! points on a plain layer (offline offices, tests).
  std::string map_tile_url;
  std::string map_attribution;  //!< shown on the map with the tiles, as their licence asks
};

//! Alerts by e-mail: the SMTP server mail is handed to (libcurl). An empty url turns mail off: alerts stay in the app.
struct SmtpConfig {
  std::string url;                    //!< smtp://host:587 (STARTTLS when offered; required with a password) or smtps://host:465
  std::string from = "danvan@localhost";  //!< the sender: "address" or "Name <address>"
  std::string username;
  std::string password;
  int timeout_seconds = 30;           //!< for one message, connection included
};

struct LogConfig {
  std::string level = "info";
  bool access_log = true;
};

struct Config {
  ServerConfig server;
  DatabaseConfig database;
  DocumentsConfig documents;
  ConcernsConfig concerns;
  SmtpConfig smtp;
  LogConfig log;
};

//! One setting: its key ("server.listen"), its environment variable, and what it means.
struct SettingInfo {
  std::string key;
  std::string env;
  std::string help;
};

//! Every setting known, for --help and the docs.
const std::vector<SettingInfo>& Settings();

//! Sets one setting from its textual value; unknown keys and bad values are errors.
Status ApplySetting(Config& config, std::string_view key, std::string_view value);

//! Builds the configuration. `file` is a TOML path (may be empty); `env` looks up an environment
//! variable; `flags` are key → value pairs given on the command line.
Result<Config> LoadConfig(const std::string& file,
                          const std::function<std::optional<std::string>(const std::string&)>& env,
                          const std::map<std::string, std::string>& flags);

//! Reads the process environment.
std::optional<std::string> ProcessEnv(const std::string& name);

}  // namespace danvan
