#pragma once
//! Attachments of progress reports: what a file is (from its bytes), photos cleaned of metadata, size limits.

#include "core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace danvan {

//! The only kinds of attachment a report accepts.
enum class MediaKind { kJpeg, kPng, kWebp, kPdf, kDocx, kXlsx };

//! The registered MIME type, e.g. "image/jpeg".
std::string_view MimeType(MediaKind kind);
//! The usual file extension with its dot, e.g. ".jpg"; for names of downloads, never to decide the type.
std::string_view Extension(MediaKind kind);
//! JPEG, PNG and WebP: these go through ProcessPhoto before they are stored.
bool IsPhoto(MediaKind kind);

//! Decides the type from the bytes only (libmagic; DOCX and XLSX told apart by the zip's central directory).
//! Anything else is "unsupported_file_type", naming what it is. The file name is never consulted: a
//! "bao-cao.jpg" whose bytes are a PDF is a PDF.
Result<MediaKind> DetectMediaKind(std::string_view bytes);

//! A photo safe to store and show: re-encoded without metadata, upright, capped in size.
struct ProcessedPhoto {
  std::string bytes;      //!< same format as the upload (kind)
  std::string thumbnail;  //!< always JPEG (alpha flattened on white), long side at most kThumbnailSide
  int width = 0;          //!< of bytes, after rotation and capping
  int height = 0;
  MediaKind kind = MediaKind::kJpeg;
};

//! Photos whose header claims more pixels than this are refused before any pixel is decoded.
inline constexpr std::int64_t kMaxPhotoPixels = 50'000'000;
//! Long side of thumbnails, in pixels.
inline constexpr int kThumbnailSide = 320;

//! Re-encodes a photo so that no metadata survives (EXIF with GPS, XMP, IPTC, comments, ICC after conversion
//! to sRGB): turned upright by its EXIF orientation, long side capped at max_side, plus a thumbnail.
//! Errors: "invalid_image" (cannot be decoded, truncated), "image_too_large" (more than kMaxPhotoPixels).
Result<ProcessedPhoto> ProcessPhoto(std::string_view bytes, MediaKind kind, int max_side = 4096);

//! How much a single report may carry.
struct MediaLimits {
  std::size_t max_file_bytes = 10 * 1024 * 1024;
  std::size_t max_total_bytes = 30 * 1024 * 1024;
  std::size_t max_files = 10;
};

//! Checks the attachments of one report (name, size in bytes) against the limits. Errors, first found:
//! "too_many_files", "file_too_large" (details: index, name, size, limit), "attachments_too_large".
Status CheckLimits(const std::vector<std::pair<std::string, std::size_t>>& files, const MediaLimits& limits);

}  // namespace danvan
