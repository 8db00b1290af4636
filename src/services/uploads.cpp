#include "services/uploads.hpp"

#include "documents/media.hpp"

#include <boost/json/string.hpp>

namespace danvan {

Result<std::vector<PreparedFile>> PrepareUploads(const std::vector<UploadedFile>& files, bool photos_only) {
  std::vector<std::pair<std::string, size_t>> sizes;
  for (const auto& f : files) sizes.emplace_back(f.file_name, f.bytes.size());
  DANVAN_TRY(CheckLimits(sizes, MediaLimits{}));
  std::vector<PreparedFile> out;
  for (const auto& f : files) {
    auto kind = DetectMediaKind(f.bytes);
    if (!kind) return std::move(kind).error().WithDetail("file", boost::json::string(f.file_name));
    if (photos_only && !IsPhoto(*kind))
      return MakeError(ErrorKind::kUnsupportedMediaType, "photo_required", "Chỉ gửi được ảnh JPEG, PNG hoặc WebP.",
                       "Only JPEG, PNG or WebP photos may be sent.")
          .WithDetail("file", boost::json::string(f.file_name));
    PreparedFile p;
    p.file_name = f.file_name.empty() ? "tep" + std::string(Extension(*kind)) : f.file_name;
    p.media_type = std::string(MimeType(*kind));
    p.is_public = f.is_public;
    if (IsPhoto(*kind)) {
      auto photo = ProcessPhoto(f.bytes, *kind);
      if (!photo) return std::move(photo).error().WithDetail("file", boost::json::string(f.file_name));
      p.bytes = std::move(photo->bytes);
      p.thumbnail = std::move(photo->thumbnail);
      p.width = photo->width;
      p.height = photo->height;
    } else {
      p.bytes = f.bytes;
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace danvan
