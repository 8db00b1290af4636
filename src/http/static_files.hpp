#pragma once
//! Serves the built web app: files with cache headers, and index.html for the app's own routes.

#include "core/error.hpp"
#include "http/message.hpp"

#include <filesystem>

namespace danvan::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  //! GET/HEAD of a non-API path. Traversal attempts are refused; unknown files with an extension are 404;
  //! extension-less paths fall back to index.html (client-side routes).
  Result<Response> Serve(const Request& request) const;

 private:
  std::filesystem::path root_;
};

}  // namespace danvan::http
