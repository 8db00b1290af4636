#include "http/server.hpp"

#include "http/error_mapping.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace danvan::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// How long a connection being closed keeps reading (and dropping) what the client still sends.
constexpr std::chrono::seconds kLingerTime{2};

Error TransportError(ErrorKind kind, std::string code, std::string vi, std::string en) {
  return MakeError(kind, std::move(code), std::move(vi), std::move(en));
}

Error ErrorForReadFailure(const beast::error_code& ec) {
  if (ec == bhttp::error::header_limit)
    return TransportError(ErrorKind::kHeaderTooLarge, "header_too_large", "Phần đầu của yêu cầu quá lớn.",
                          "The request head is too large.");
  if (ec == bhttp::error::body_limit)
    return TransportError(ErrorKind::kTooLarge, "body_too_large", "Nội dung gửi lên quá lớn.",
                          "The request body is too large.");
  if (ec == beast::error::timeout)
    return TransportError(ErrorKind::kTimeout, "request_timeout", "Yêu cầu gửi đến quá chậm nên đã bị ngắt.",
                          "The request arrived too slowly and was cut off.");
  return TransportError(ErrorKind::kInvalidInput, "malformed_request", "Yêu cầu HTTP không hợp lệ.",
                        "Malformed HTTP request.")
      .WithDetail("reason", boost::json::string(ec.message()));
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

class Server::Impl {
 public:
  class Session;

  Impl(const ServerConfig& config, App& app)
      : config_(config), app_(app), acceptor_(ioc_), workers_(static_cast<size_t>(config.workers)) {}

  Result<uint16_t> Listen() {
    beast::error_code ec;
    const auto address = net::ip::make_address(config_.host, ec);
    if (ec)
      return MakeError(ErrorKind::kInvalidInput, "invalid_listen_address",
                       "Địa chỉ lắng nghe không hợp lệ: " + config_.host, "Invalid listen address: " + config_.host);
    const tcp::endpoint endpoint(address, config_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
      return MakeError(ErrorKind::kUnavailable, "cannot_listen",
                       "Không mở được cổng " + config_.host + ":" + std::to_string(config_.port) + ": " +
                           ec.message(),
                       "Cannot listen on " + config_.host + ":" + std::to_string(config_.port) + ": " + ec.message());
    return acceptor_.local_endpoint().port();
  }

  void Run(const std::function<void()>& on_ready) {
    // Signals are waited for on a context of their own, so that the serving threads are untouched by
    // them; the set exists before anything is served, so no signal finds the default action.
    net::io_context signals_ioc;
    net::signal_set signals(signals_ioc, SIGINT, SIGTERM);
    signals.async_wait([](const beast::error_code&, int signal) {
      spdlog::info("signal {} received: stopping", signal);
    });
    Accept();
    std::vector<std::thread> threads;
    for (int i = 0; i < config_.io_threads; ++i) threads.emplace_back([this] { ioc_.run(); });
    if (on_ready) on_ready();
    signals_ioc.run();

    Drain();
    ioc_.stop();
    for (auto& t : threads) t.join();
    workers_.join();
  }

  void Accept() {
    acceptor_.async_accept(net::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
        spdlog::warn("accept failed: {}", ec.message());
      } else {
        StartSession(std::move(socket));
      }
      if (acceptor_.is_open()) Accept();
    });
  }

  void StartSession(tcp::socket socket);
  void Drain();

  const ServerConfig config_;
  App& app_;
  net::io_context ioc_;
  tcp::acceptor acceptor_;
  net::thread_pool workers_;
  std::atomic<int> connections_{0};
  std::atomic<bool> draining_{false};
  std::mutex sessions_mu_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;
};

class Server::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Impl& server)
      : stream_(std::move(socket)), read_deadline_(stream_.get_executor()), server_(server) {
    beast::error_code ec;
    remote_ = stream_.socket().remote_endpoint(ec).address().to_string(ec);
  }

  ~Session() {
    server_.connections_.fetch_sub(1);
    std::lock_guard lock(server_.sessions_mu_);
    server_.sessions_.erase(this);
  }

  void Start() { net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->WaitForRequest(); }); }

  //! Called on shutdown: closes the connection unless a request is being handled.
  void CloseIfIdle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->Close();
    });
  }

  void Refuse(const Error& error) {
    Request request;
    request.request_id = RequestIdFor("");
    request.remote_address = remote_;
    busy_ = true;
    Write(server_.app_.Refuse(request, error), request, /*keep_alive=*/false, /*head=*/false);
  }

 private:
  // Waits for the first bytes of the next request with the idle timeout (the header timeout for the
  // first request), then reads the whole request with the header timeout.
  void WaitForRequest() {
    busy_ = false;
    if (server_.draining_) return Close();
    if (buffer_.size() > 0) return ReadRequest();
    stream_.expires_after(served_ == 0 ? server_.config_.header_timeout : server_.config_.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, size_t n) {
      if (ec) return self->Close();  // closed, reset, or idle too long: nothing to answer
      self->buffer_.commit(n);
      self->ReadRequest();
    });
  }

  void ReadRequest() {
    busy_ = true;
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(server_.config_.header_limit));
    parser_->body_limit(server_.config_.body_limit);
    stream_.expires_never();
    timed_out_ = false;
    head_parsed_ = 0;
    // Most requests are whole in the buffer already (a GET read in one piece): parsed here, with no deadline to
    // arm and cancel and no asynchronous read that would complete at once.
    if (ParseBuffered()) return;
    // The deadline is a timer of our own: a stream timeout closes the socket, and a slow client is owed a 408.
    reading_ = true;
    read_deadline_.expires_after(server_.config_.header_timeout);
    read_deadline_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || !self->reading_) return;
      self->timed_out_ = true;
      self->stream_.socket().cancel(ec);
    });
    if (parser_->is_header_done()) return ReadBody();  // the head was in the buffer, the body is still coming
    // Beast applies its header limit to what it has not yet consumed of each read, so a head arriving in
    // pieces can outgrow it: the limit is checked here again on the whole head.
    bhttp::async_read_header(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t n) {
      if (!ec && self->head_parsed_ + n > self->server_.config_.header_limit) ec = bhttp::error::header_limit;
      if (!ec && self->timed_out_) ec = beast::error::timeout;  // the deadline passed with nothing to cancel
      if (ec) return self->OnRead(ec);
      self->SetUploadLimit();
      self->ReadBody();
    });
  }

  void ReadBody() {
    bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t) {
      self->OnRead(ec);
    });
  }

  // Parses what the buffer holds. True when that settled the request (whole, or refused: OnRead was called);
  // false when more must be read, the head (if it was all there) already parsed and consumed.
  bool ParseBuffered() {
    if (buffer_.size() == 0) return false;
    beast::error_code ec;
    // Not eager: stops after the head. What it parsed is consumed even when the head is not all there (the
    // request line, say): the asynchronous read goes on from there.
    head_parsed_ = parser_->put(buffer_.data(), ec);
    buffer_.consume(head_parsed_);
    if (ec == bhttp::error::need_more) return false;
    if (!ec && head_parsed_ > server_.config_.header_limit) ec = bhttp::error::header_limit;
    if (ec) {
      OnRead(ec);
      return true;
    }
    SetUploadLimit();
    if (!parser_->is_done()) {
      parser_->eager(true);
      const size_t body = parser_->put(buffer_.data(), ec);
      buffer_.consume(body);
      if (ec == bhttp::error::need_more) ec = {};
      if (ec) {
        OnRead(ec);
        return true;
      }
      if (!parser_->is_done()) return false;
    }
    OnRead({});
    return true;
  }

  // Uploads have a larger limit of their own, known only once the head says where the request goes.
  void SetUploadLimit() {
    const auto verb = parser_->get().method();
    if (verb == bhttp::verb::get || verb == bhttp::verb::head || verb == bhttp::verb::delete_) return;
    Request probe;
    if (ParseTarget(parser_->get().target(), probe))
      parser_->body_limit(server_.app_.BodyLimitFor(parser_->get().method_string(), probe.path,
                                                    server_.config_.body_limit));
  }

  void OnRead(beast::error_code ec) {
    reading_ = false;
    read_deadline_.cancel();
    if (timed_out_ && ec == net::error::operation_aborted) ec = beast::error::timeout;
    if (ec == bhttp::error::end_of_stream || ec == net::error::connection_reset || ec == net::error::eof) {
      return Close();
    }
    if (ec) {
      Request request;
      request.request_id = RequestIdFor("");
      request.remote_address = remote_;
      if (parser_->is_header_done()) request.method = std::string(parser_->get().method_string());
      return Write(server_.app_.Refuse(request, ErrorForReadFailure(ec)), request, false, false);
    }

    auto message = parser_->release();
    auto request = std::make_shared<Request>();
    request->method = std::string(message.method_string());
    request->target = std::string(message.target());
    for (const auto& field : message) {
      std::string name(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      request->headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request->remote_address = ClientAddress(remote_, request->headers, server_.config_.trusted_proxies);
    request->request_id = RequestIdFor(request->Header("x-request-id").value_or(""));
    request->body = std::move(message.body());
    const bool keep_alive = message.keep_alive();
    const bool head = message.method() == bhttp::verb::head;

    // Beast reads a request whose Transfer-Encoding does not end in chunked as having no body, and what follows
    // as the next request: RFC 9112 (6.3) says to refuse it, as a proxy may have framed it otherwise.
    // The only transfer coding we take is exactly "chunked" (no parameters, no other coding before it, one field).
    if (const auto codings = message.count(bhttp::field::transfer_encoding); codings > 0) {
      const bool exact = codings == 1 && beast::iequals(TrimSpaces(message[bhttp::field::transfer_encoding]), "chunked");
      if (!exact)
        return Write(server_.app_.Refuse(*request, ErrorForReadFailure(bhttp::error::bad_transfer_encoding)), *request,
                     false, false);
    }
    // RFC 9112 (3.2): an HTTP/1.1 request carries exactly one Host; without it, or with two, it is refused.
    if (const auto hosts = message.count(bhttp::field::host); message.version() >= 11 && hosts != 1) {
      auto error = TransportError(ErrorKind::kInvalidInput, "malformed_request",
                                  "Yêu cầu HTTP/1.1 phải có đúng một trường Host.",
                                  "An HTTP/1.1 request must carry exactly one Host header.")
                       .WithDetail("reason", hosts == 0 ? "missing Host" : "more than one Host");
      return Write(server_.app_.Refuse(*request, error), *request, false, false);
    }
    if (!ParseTarget(request->target, *request)) {
      auto error = TransportError(ErrorKind::kInvalidInput, "malformed_target", "Địa chỉ yêu cầu không hợp lệ.",
                                  "Malformed request target.");
      return Write(server_.app_.Refuse(*request, error), *request, false, false);
    }
    // Handlers may wait on the database: they run on the worker pool, never on the I/O threads.
    stream_.expires_never();
    net::post(server_.workers_, [self = shared_from_this(), request, keep_alive, head] {
      auto response = std::make_shared<Response>(self->server_.app_.Handle(*request));
      net::post(self->stream_.get_executor(), [self, request, response, keep_alive, head] {
        self->Write(std::move(*response), *request, keep_alive, head);
      });
    });
  }

  void Write(Response response, const Request& request, bool keep_alive, bool head) {
    const bool keep = keep_alive && !server_.draining_;
    // The head is written by hand into one string, sent with the body in one gather write: Beast's
    // serializer allocated for every field and took a tenth of the CPU of a small JSON response.
    auto out = std::make_shared<Outgoing>();
    out->body = std::move(response.body);
    SerializeHead(response, request.request_id, out->body.size(), keep, out->head);
    if (head || !MayHaveBody(response.status)) out->body.clear();  // HEAD: Content-Length stays that of the GET
    stream_.expires_after(server_.config_.idle_timeout);
    const std::array<net::const_buffer, 2> buffers{net::buffer(out->head), net::buffer(out->body)};
    net::async_write(stream_, buffers, [self = shared_from_this(), out, keep](beast::error_code ec, size_t) {
      self->AfterWrite(ec, keep);
    });
  }

  struct Outgoing {
    std::string head;
    std::string body;
  };

  static bool MayHaveBody(int status) { return status >= 200 && status != 204 && status != 304; }

  // A header value must not end the line it is on: CR and LF (and other controls) become spaces.
  static void AppendValue(std::string& out, std::string_view value) {
    for (char c : value) out.push_back((static_cast<unsigned char>(c) < 0x20 && c != '\t') ? ' ' : c);
  }

  static void SerializeHead(const Response& response, std::string_view request_id, size_t content_length, bool keep,
                            std::string& out) {
    const auto status = static_cast<bhttp::status>(response.status);
    const auto reason = bhttp::obsolete_reason(status);
    out.reserve(640);
    out.append("HTTP/1.1 ").append(std::to_string(response.status)).append(" ");
    out.append(reason.data(), reason.size()).append("\r\nServer: danvan\r\nContent-Type: ");
    AppendValue(out, response.content_type);
    out.append("\r\nX-Request-Id: ").append(request_id);  // well-formed: RequestIdFor checked it
    for (const auto& [name, value] : kSecurityHeaders) out.append("\r\n").append(name).append(": ").append(value);
    for (const auto& [name, value] : response.headers) {
      out.append("\r\n").append(name).append(": ");
      AppendValue(out, value);
    }
    if (MayHaveBody(response.status)) out.append("\r\nContent-Length: ").append(std::to_string(content_length));
    if (!keep) out.append("\r\nConnection: close");
    out.append("\r\n\r\n");
  }

  void AfterWrite(beast::error_code ec, bool keep) {
    ++served_;
    if (ec) return Close();
    if (!keep) return Linger();
    WaitForRequest();
  }

  // Closing a socket with unread input (the rest of a refused body, say) resets the connection, and the client
  // may lose the response: so stop sending, then drop what still comes until the client closes or time is up.
  void Linger() {
    busy_ = false;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    stream_.expires_after(kLingerTime);
    buffer_.clear();
    Discard();
  }

  void Discard() {
    stream_.async_read_some(buffer_.prepare(16 * 1024), [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Close();
      self->Discard();
    });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  net::steady_timer read_deadline_;
  size_t head_parsed_ = 0;  // bytes of the head parsed from the buffer before any asynchronous read
  Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string remote_;
  int served_ = 0;
  bool busy_ = false;
  bool reading_ = false;    // a request is being read: the read deadline applies
  bool timed_out_ = false;  // the read deadline cut the read off
};

void Server::Impl::StartSession(tcp::socket socket) {
  const int open = connections_.fetch_add(1) + 1;
  auto session = std::make_shared<Session>(std::move(socket), *this);
  {
    std::lock_guard lock(sessions_mu_);
    sessions_[session.get()] = session;
  }
  if (open > config_.max_connections) {
    session->Refuse(TransportError(ErrorKind::kUnavailable, "too_many_connections",
                                   "Máy chủ đang quá tải, vui lòng thử lại sau giây lát.",
                                   "The server is overloaded; please try again shortly."));
    return;
  }
  session->Start();
}

void Server::Impl::Drain() {
  draining_ = true;
  net::post(acceptor_.get_executor(), [this] {
    beast::error_code ec;
    acceptor_.close(ec);
  });
  const auto deadline = std::chrono::steady_clock::now() + config_.shutdown_grace;
  while (std::chrono::steady_clock::now() < deadline) {
    std::vector<std::shared_ptr<Session>> alive;
    {
      std::lock_guard lock(sessions_mu_);
      for (auto& [_, weak] : sessions_)
        if (auto s = weak.lock()) alive.push_back(std::move(s));
    }
    if (alive.empty()) break;
    for (auto& s : alive) s->CloseIfIdle();
    alive.clear();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const int left = connections_.load();
  if (left > 0) spdlog::warn("shutdown grace period over with {} connection(s) still open: closing them", left);
}

Server::Server(const ServerConfig& config, App& app) : impl_(std::make_unique<Impl>(config, app)) {}
Server::~Server() = default;
Result<uint16_t> Server::Listen() { return impl_->Listen(); }
void Server::Run(const std::function<void()>& on_ready) { impl_->Run(on_ready); }
int Server::open_connections() const { return impl_->connections_.load(); }

}  // namespace danvan::http
