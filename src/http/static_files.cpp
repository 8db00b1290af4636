#include "http/static_files.hpp"

#include "core/text.hpp"
#include "http/error_mapping.hpp"

#include <fstream>
#include <sstream>

namespace danvan::http {
namespace {

// Served while the web app has not been built, so that `make run` shows something useful at /.
constexpr std::string_view kPlaceholderPage = R"~(<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>danvan</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem">
<h1>danvan đang chạy</h1>
<p>Ứng dụng web chưa được dựng. Giao diện lập trình (API) được mô tả tại
<a href="/api/openapi.json">/api/openapi.json</a>; tình trạng dịch vụ: <a href="/readyz">/readyz</a>.</p>
<p lang="en">danvan is running. The web app has not been built yet; the API is described at
<a href="/api/openapi.json">/api/openapi.json</a>.</p>
</body></html>
)~";

std::string_view ContentType(const std::filesystem::path& p) {
  const auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".webp") return "image/webp";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".webmanifest") return "application/manifest+json";
  return "application/octet-stream";
}

Error BadPath() {
  return MakeError(ErrorKind::kInvalidInput, "invalid_path", "Đường dẫn không hợp lệ.", "Invalid path.");
}

bool ReadFile(const std::filesystem::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = std::move(ss).str();
  return true;
}

}  // namespace

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

Result<Response> StaticFiles::Serve(const Request& request) const {
  const std::string& path = request.path;
  if (path.empty() || path.front() != '/' || path.find('\0') != std::string::npos ||
      path.find('\\') != std::string::npos || !IsValidUtf8(path))
    return BadPath();
  // Reject any dot segment rather than resolving it: nothing the app ships needs one.
  std::filesystem::path relative;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string_view seg(path.data() + start, end - start);
    if (seg == ".." || seg == ".") return BadPath();
    if (!seg.empty()) relative /= std::string(seg);
    start = end + 1;
  }

  Response r;
  const auto index = root_ / "index.html";
  std::filesystem::path file = relative.empty() ? index : root_ / relative;
  std::error_code ec;
  bool fallback = false;
  if (!std::filesystem::is_regular_file(file, ec)) {
    if (relative.has_extension()) return NotFoundError(path);
    file = index;  // a client-side route of the app
    fallback = true;
  }
  if (!ReadFile(file, r.body)) {
    if (file != index) return NotFoundError(path);
    r.body = std::string(kPlaceholderPage);
  }
  r.content_type = std::string(ContentType(file));
  const bool hashed_asset = !fallback && path.rfind("/assets/", 0) == 0;
  r.SetHeader("Cache-Control", hashed_asset ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace danvan::http
