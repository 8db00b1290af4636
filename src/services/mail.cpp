#include "services/mail.hpp"

#include "core/crypto.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <mutex>

namespace danvan {
namespace {

bool PrintableAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

bool HasLineBreak(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

// The display name of "Name <a@b.vn>", without quotes; empty for a bare address.
std::string DisplayNameOf(std::string_view mailbox) {
  const auto lt = mailbox.find('<');
  if (lt == std::string_view::npos) return "";
  std::string name(mailbox.substr(0, lt));
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
  while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.erase(0, 1);
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
  return name;
}

std::string FromHeader(std::string_view from) {
  const std::string address = MailAddressOf(from);
  const std::string name = DisplayNameOf(from);
  if (name.empty()) return address;
  if (PrintableAscii(name) && name.find_first_of("\"\\") == std::string::npos)
    return fmt::format("\"{}\" <{}>", name, address);
  return fmt::format("{} <{}>", EncodeHeaderText(name), address);
}

// Body text: CRLF line ends, then base64 in lines of 76 characters (RFC 2045), so that no server needs 8BITMIME.
std::string BodyBase64(std::string_view text) {
  std::string crlf;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    if (text[i] == '\n') crlf += "\r\n";
    else crlf.push_back(text[i]);
  }
  if (crlf.size() < 2 || crlf.compare(crlf.size() - 2, 2, "\r\n") != 0) crlf += "\r\n";
  const std::string encoded = Base64(crlf);
  std::string out;
  for (size_t i = 0; i < encoded.size(); i += 76) {
    out.append(encoded, i, 76);
    out += "\r\n";
  }
  return out;
}

Error NotSent(const std::string& why) {
  return MakeError(ErrorKind::kUnavailable, "mail_not_sent", fmt::format("Không gửi được thư điện tử: {}", why),
                   fmt::format("The e-mail could not be sent: {}", why));
}

struct Upload {
  const std::string* text = nullptr;
  size_t at = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, up->text->size() - up->at);
  std::memcpy(buffer, up->text->data() + up->at, n);
  up->at += n;
  return n;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

std::string MailAddressOf(std::string_view mailbox) {
  const auto lt = mailbox.find('<');
  const auto gt = mailbox.rfind('>');
  if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt)
    return std::string(mailbox.substr(lt + 1, gt - lt - 1));
  std::string a(mailbox);
  while (!a.empty() && a.back() == ' ') a.pop_back();
  while (!a.empty() && a.front() == ' ') a.erase(0, 1);
  return a;
}

std::string EncodeHeaderText(std::string_view utf8) {
  if (PrintableAscii(utf8)) return std::string(utf8);
  // "=?UTF-8?B?" + base64 + "?=" within 75 characters: 60 base64 characters, 45 bytes of text.
  constexpr size_t kMaxBytes = 45;
  std::string out;
  size_t i = 0;
  while (i < utf8.size()) {
    size_t end = std::min(i + kMaxBytes, utf8.size());
    // Back up to the start of a character: continuation bytes are 10xxxxxx.
    while (end < utf8.size() && end > i && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) --end;
    if (end == i) end = std::min(i + kMaxBytes, utf8.size());  // not UTF-8: cut anyway
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(utf8.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string MailDate(TimePoint t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto local = std::chrono::floor<std::chrono::seconds>(t + std::chrono::hours(7));
  const std::time_t tt = local.time_since_epoch().count();
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return fmt::format("{}, {:02d} {} {:04d} {:02d}:{:02d}:{:02d} +0700", kDays[tm.tm_wday], tm.tm_mday,
                     kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string ComposeMail(const MailMessage& m, std::string_view from, std::string_view message_id) {
  std::string out;
  out += fmt::format("Date: {}\r\n", MailDate(m.date));
  out += fmt::format("From: {}\r\n", FromHeader(from));
  out += fmt::format("To: {}\r\n", m.to);
  out += fmt::format("Subject: {}\r\n", EncodeHeaderText(m.subject));
  out += fmt::format("Message-ID: <{}>\r\n", message_id);
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "Auto-Submitted: auto-generated\r\n";  // RFC 3834: no automatic replies to it
  out += "\r\n";
  out += BodyBase64(m.body);
  return out;
}

SmtpMailer::SmtpMailer(SmtpConfig config) : config_(std::move(config)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Status SmtpMailer::Send(const MailMessage& m) {
  if (HasLineBreak(m.to) || m.to.find('@') == std::string::npos) return NotSent("invalid recipient address");
  if (HasLineBreak(m.subject)) return NotSent("line break in the subject");
  const std::string from_address = MailAddressOf(config_.from);
  const auto at = from_address.find('@');
  const std::string domain = at == std::string::npos ? "localhost" : from_address.substr(at + 1);
  const std::string text = ComposeMail(m, config_.from, fmt::format("{}@{}", ToHex(RandomBytes(16)), domain));

  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return NotSent("libcurl could not start");
  const std::string mail_from = fmt::format("<{}>", from_address);
  std::unique_ptr<curl_slist, ListDeleter> rcpt(curl_slist_append(nullptr, fmt::format("<{}>", m.to).c_str()));
  Upload upload{&text, 0};
  char error[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &ReadUpload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // called from a thread of its own
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(config_.timeout_seconds));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min(config_.timeout_seconds, 10)));
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  if (!config_.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, config_.password.c_str());
  }
  // smtps:// is TLS from the start. On smtp://, STARTTLS when the server offers it; a password never goes in clear.
  if (config_.url.rfind("smtps://", 0) != 0)
    curl_easy_setopt(c, CURLOPT_USE_SSL, config_.username.empty() ? static_cast<long>(CURLUSESSL_TRY)
                                                                   : static_cast<long>(CURLUSESSL_ALL));
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    long response = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response);
    std::string why = error[0] != '\0' ? std::string(error) : std::string(curl_easy_strerror(rc));
    if (response > 0) why = fmt::format("{} (SMTP {})", why, response);
    return NotSent(why);
  }
  return OkStatus();
}

std::unique_ptr<Mailer> MakeMailer(const SmtpConfig& config) {
  if (config.url.empty()) return nullptr;
  return std::make_unique<SmtpMailer>(config);
}

}  // namespace danvan
