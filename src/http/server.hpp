#pragma once
//! The HTTP/1.1 server (Boost.Beast): keep-alive, limits, timeouts, graceful shutdown.
//! The only translation unit that includes Beast and Asio.

#include "core/config.hpp"
#include "http/app.hpp"

#include <functional>
#include <memory>

namespace danvan::http {

class Server {
 public:
  Server(const ServerConfig& config, App& app);
  ~Server();

  //! Binds and listens; returns the port actually bound (config port 0 picks a free one).
  Result<uint16_t> Listen();

  //! Serves until SIGTERM or SIGINT, then stops accepting, lets in-flight requests finish within the
  //! grace period, and returns. `on_ready` runs once the server accepts connections.
  void Run(const std::function<void()>& on_ready);

  int open_connections() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace danvan::http
