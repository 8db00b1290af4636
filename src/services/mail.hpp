#pragma once
//! E-mail: a message as RFC 5322 text (UTF-8 subject as RFC 2047 encoded words, body base64 text/plain) and the
//! Mailer that hands it to an SMTP server through libcurl. Only mail.cpp includes curl.

#include "core/config.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace danvan {

struct MailMessage {
  std::string to;       //!< an address, "a@b.vn"
  std::string subject;  //!< UTF-8
  std::string body;     //!< UTF-8 plain text, lines separated by "\n"
  TimePoint date;       //!< the Date header
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  //! Hands one message to the server; "mail_not_sent" with the server's or the network's words otherwise.
  virtual Status Send(const MailMessage& message) = 0;
};

//! "Name <a@b.vn>" or "a@b.vn" → "a@b.vn".
std::string MailAddressOf(std::string_view mailbox);

//! A header value as RFC 2047 "B" encoded words of at most 75 characters, cut between UTF-8 characters and folded
//! onto lines of their own; pure printable ASCII stays as it is.
std::string EncodeHeaderText(std::string_view utf8);

//! RFC 5322 "Thu, 13 Oct 2022 09:00:00 +0700".
std::string MailDate(TimePoint t);

//! The whole message, CRLF line ends: Date, From, To, Subject, Message-ID, MIME headers, then the body in base64.
std::string ComposeMail(const MailMessage& message, std::string_view from, std::string_view message_id);

//! SMTP through libcurl: smtp:// (STARTTLS when offered, required when a password is set) or smtps://.
class SmtpMailer final : public Mailer {
 public:
  explicit SmtpMailer(SmtpConfig config);
  Status Send(const MailMessage& message) override;

 private:
  SmtpConfig config_;
};

//! The mailer the settings ask for: none when smtp.url is empty (alerts stay in the app).
std::unique_ptr<Mailer> MakeMailer(const SmtpConfig& config);

}  // namespace danvan
