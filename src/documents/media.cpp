#include "documents/media.hpp"

#include <fmt/format.h>
#include <magic.h>
#include <spdlog/spdlog.h>
#include <vips/vips.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <mutex>
#include <optional>

namespace danvan {

namespace {

constexpr std::string_view kMimeJpeg = "image/jpeg";
constexpr std::string_view kMimePng = "image/png";
constexpr std::string_view kMimeWebp = "image/webp";
constexpr std::string_view kMimePdf = "application/pdf";
constexpr std::string_view kMimeDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr std::string_view kMimeXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr std::string_view kMimeZip = "application/zip";

// Every accepted type is recognised from its first bytes (OOXML from the first few zip entries); looking at a
// bounded prefix keeps detection cheap on the request path whatever the upload size.
constexpr std::size_t kMagicPrefixBytes = 1024 * 1024;

constexpr std::string_view kAcceptedVi = "Chỉ nhận ảnh JPEG, PNG, WebP, tệp PDF, Word (.docx) và Excel (.xlsx).";
constexpr std::string_view kAcceptedEn =
    "Only JPEG, PNG and WebP photos, PDF, Word (.docx) and Excel (.xlsx) files are accepted.";

// ---------------------------------------------------------------------------------------------------------------
// libmagic

// One magic_t per thread, loaded on the thread's first detection and closed when the thread ends. A magic_t
// keeps per-call state (its result buffer, error string), so sharing one needs a lock held for the whole scan;
// a handle per thread needs none, and costs little because magic_load maps the compiled database read-only
// (its pages are shared between handles). The server's worker threads are a fixed pool, so handles do not churn.
class MagicHandle {
 public:
  MagicHandle() : cookie_(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) {
    if (cookie_ && magic_load(cookie_, nullptr) != 0) {
      spdlog::error("libmagic: cannot load its database: {}", magic_error(cookie_));
      magic_close(cookie_);
      cookie_ = nullptr;
    }
  }
  ~MagicHandle() {
    if (cookie_) magic_close(cookie_);
  }
  MagicHandle(const MagicHandle&) = delete;
  MagicHandle& operator=(const MagicHandle&) = delete;

  magic_t get() const { return cookie_; }

 private:
  magic_t cookie_;
};

Result<std::string> MagicMimeType(std::string_view bytes) {
  if (bytes.empty()) return std::string("application/x-empty");
  thread_local MagicHandle handle;
  const char* mime = nullptr;
  if (handle.get()) mime = magic_buffer(handle.get(), bytes.data(), std::min(bytes.size(), kMagicPrefixBytes));
  if (!mime) {
    if (handle.get()) spdlog::error("libmagic: {}", magic_error(handle.get()) ? magic_error(handle.get()) : "?");
    return MakeError(ErrorKind::kInternal, "file_type_detection_failed",
                     "Không xác định được loại tệp do lỗi hệ thống. Lỗi đã được ghi lại; vui lòng thử lại sau.",
                     "The file type could not be determined because of an internal error. It has been logged; "
                     "please try again later.");
  }
  return std::string(mime);
}

// ---------------------------------------------------------------------------------------------------------------
// ZIP central directory (DOCX and XLSX are OPC packages: zip files with [Content_Types].xml at the root)

std::uint64_t ReadLe(std::string_view bytes, std::size_t at, int width) {
  std::uint64_t v = 0;
  for (int i = width - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
  return v;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

enum class Package { kNotOoxml, kDocx, kXlsx };

// Reads only the central directory (names, no decompression). It is what Word and Excel themselves read, so it
// is the authority even when the local headers libmagic looked at say otherwise.
Package ClassifyZip(std::string_view z) {
  constexpr std::size_t kEocdSize = 22;
  if (z.size() < kEocdSize) return Package::kNotOoxml;
  // The end-of-central-directory record sits at the end, followed by a comment of at most 65535 bytes.
  std::optional<std::size_t> eocd;
  const std::size_t lowest = z.size() >= kEocdSize + 65535 ? z.size() - kEocdSize - 65535 : 0;
  for (std::size_t at = z.size() - kEocdSize + 1; at-- > lowest;) {
    if (z.compare(at, 4, "PK\x05\x06") == 0 && at + kEocdSize + ReadLe(z, at + 20, 2) <= z.size()) {
      eocd = at;
      break;
    }
  }
  if (!eocd) return Package::kNotOoxml;
  std::uint64_t count = ReadLe(z, *eocd + 10, 2);
  std::uint64_t dir_size = ReadLe(z, *eocd + 12, 4);
  std::uint64_t dir_offset = ReadLe(z, *eocd + 16, 4);
  if (count == 0xFFFF || dir_size == 0xFFFFFFFF || dir_offset == 0xFFFFFFFF) {
    // ZIP64: a locator just before the record points to the 64-bit record.
    if (*eocd < 20 || z.compare(*eocd - 20, 4, "PK\x06\x07") != 0) return Package::kNotOoxml;
    const std::uint64_t at = ReadLe(z, *eocd - 20 + 8, 8);
    if (at > z.size() || z.size() - at < 56 || z.compare(at, 4, "PK\x06\x06") != 0) return Package::kNotOoxml;
    count = ReadLe(z, at + 32, 8);
    dir_size = ReadLe(z, at + 40, 8);
    dir_offset = ReadLe(z, at + 48, 8);
  }
  if (dir_offset > z.size() || dir_size > z.size() - dir_offset) return Package::kNotOoxml;

  bool content_types = false, word = false, xl = false;
  std::size_t at = dir_offset;
  const std::size_t end = dir_offset + dir_size;
  for (std::uint64_t i = 0; i < count; ++i) {
    constexpr std::size_t kHeaderSize = 46;
    if (end - at < kHeaderSize || z.compare(at, 4, "PK\x01\x02") != 0) return Package::kNotOoxml;
    const std::size_t name_len = ReadLe(z, at + 28, 2);
    const std::size_t rest = name_len + ReadLe(z, at + 30, 2) + ReadLe(z, at + 32, 2);
    if (end - at - kHeaderSize < rest) return Package::kNotOoxml;
    const std::string_view name = z.substr(at + kHeaderSize, name_len);
    // OPC part names are case-insensitive.
    content_types = content_types || (name.size() == 19 && StartsWithNoCase(name, "[content_types].xml"));
    word = word || StartsWithNoCase(name, "word/");
    xl = xl || StartsWithNoCase(name, "xl/");
    at += kHeaderSize + rest;
  }
  if (!content_types || word == xl) return Package::kNotOoxml;
  return word ? Package::kDocx : Package::kXlsx;
}

// ---------------------------------------------------------------------------------------------------------------
// Errors

struct Described {
  std::string_view vi;
  std::string_view en;
  std::string_view hint_vi = {};
  std::string_view hint_en = {};
};

// What people actually try to attach, in words they use; anything else is named by its MIME type.
std::optional<Described> Describe(std::string_view mime) {
  static constexpr std::array<std::pair<std::string_view, Described>, 24> kKnown{{
      {"text/plain", {"văn bản thuần (.txt)", "plain text (.txt)"}},
      {"text/html", {"trang web HTML", "an HTML page"}},
      {"text/xml", {"tệp XML", "an XML file"}},
      {"text/csv", {"tệp CSV", "a CSV file"}},
      {"application/x-empty", {"tệp rỗng (không có nội dung)", "an empty file"}},
      {"inode/x-empty", {"tệp rỗng (không có nội dung)", "an empty file"}},
      {"application/x-dosexec", {"chương trình Windows (.exe)", "a Windows program (.exe)"}},
      {"application/vnd.microsoft.portable-executable", {"chương trình Windows (.exe)", "a Windows program (.exe)"}},
      {"application/x-executable", {"chương trình máy tính", "a program"}},
      {"application/zip", {"tệp nén ZIP", "a ZIP archive"}},
      {"application/x-rar", {"tệp nén RAR", "a RAR archive"}},
      {"application/x-7z-compressed", {"tệp nén 7z", "a 7z archive"}},
      {"application/gzip", {"tệp nén gzip", "a gzip archive"}},
      {"image/gif", {"ảnh GIF", "a GIF image"}},
      {"image/bmp", {"ảnh BMP", "a BMP image"}},
      {"image/tiff", {"ảnh TIFF", "a TIFF image"}},
      {"image/svg+xml", {"ảnh SVG", "an SVG image"}},
      {"image/heic",
       {"ảnh HEIC (định dạng mặc định của iPhone)", "a HEIC photo (the iPhone's default format)",
        " Trên iPhone, chọn Cài đặt › Camera › Định dạng › Tương thích nhất để chụp ảnh JPEG.",
        " On an iPhone, choose Settings › Camera › Formats › Most Compatible to take JPEG photos."}},
      {"image/heif", {"ảnh HEIF", "a HEIF image"}},
      {"application/msword",
       {"tài liệu Word đời cũ (.doc)", "an old-style Word document (.doc)",
        " Hãy mở bằng Word và lưu lại dưới dạng .docx.", " Open it in Word and save it as .docx."}},
      {"application/vnd.ms-excel",
       {"bảng tính Excel đời cũ (.xls)", "an old-style Excel workbook (.xls)",
        " Hãy mở bằng Excel và lưu lại dưới dạng .xlsx.", " Open it in Excel and save it as .xlsx."}},
      {"application/vnd.openxmlformats-officedocument.presentationml.presentation",
       {"bản trình chiếu PowerPoint (.pptx)", "a PowerPoint presentation (.pptx)",
        " Hãy xuất bản trình chiếu ra PDF rồi đính kèm.", " Export it to PDF and attach that instead."}},
      {"video/mp4", {"video MP4", "an MP4 video"}},
      {"video/quicktime", {"video MOV", "a MOV video"}},
  }};
  for (const auto& [m, d] : kKnown)
    if (m == mime) return d;
  return std::nullopt;
}

Error UnsupportedFileType(std::string_view mime) {
  const auto d = Describe(mime);
  const std::string what_vi = d ? std::string(d->vi) : fmt::format("tệp loại {}", mime);
  const std::string what_en = d ? std::string(d->en) : fmt::format("a file of type {}", mime);
  return MakeError(ErrorKind::kUnsupportedMediaType, "unsupported_file_type",
                   fmt::format("Không nhận tệp này: đây là {}. {}{}", what_vi, kAcceptedVi, d ? d->hint_vi : ""),
                   fmt::format("This file is not accepted: it is {}. {}{}", what_en, kAcceptedEn, d ? d->hint_en : ""))
      .WithDetail("detected", boost::json::string(mime));
}

Error InvalidImage() {
  return MakeError(ErrorKind::kInvalidInput, "invalid_image",
                   "Không đọc được ảnh này: tệp bị hỏng hoặc chưa tải lên hết. Hãy chọn hoặc chụp lại ảnh.",
                   "This photo cannot be read: the file is damaged or was not fully uploaded. Please choose or "
                   "take it again.");
}

// libvips keeps one error buffer for the process: copying and clearing it at once keeps requests from reading
// each other's messages (they may still interleave; the log line is for engineers only).
void LogVipsError(std::string_view step) {
  char* text = vips_error_buffer_copy();
  spdlog::debug("libvips: {} failed: {}", step, text ? text : "");
  g_free(text);
}

// "12,5 MB" / "12.5 MB": one decimal when it matters, none for round limits.
std::string FormatMegabytes(std::size_t bytes, char decimal_point) {
  const double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
  const long tenths = std::lround(mb * 10);
  if (tenths % 10 == 0) return fmt::format("{} MB", tenths / 10);
  return fmt::format("{}{}{} MB", tenths / 10, decimal_point, tenths % 10);
}

// ---------------------------------------------------------------------------------------------------------------
// libvips

struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
using ImagePtr = std::unique_ptr<VipsImage, GObjectUnref>;

struct GFree {
  void operator()(void* p) const { g_free(p); }
};

Status EnsureVips() {
  static std::once_flag once;
  static bool ready = false;
  std::call_once(once, [] {
    if (VIPS_INIT("danvan") != 0) {
      LogVipsError("init");
      return;
    }
    // Requests already run in parallel on a small server: one thread per image keeps a burst of uploads from
    // oversubscribing the cores, and an operation cache would only hold on to other people's photos.
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    // Only the JPEG, PNG and WebP loaders are ever called, by name; this also shuts the loaders libvips marks
    // as unsafe for untrusted input should anything reach the generic ones.
    vips_block_untrusted_set(TRUE);
    // libvips reports damaged input from its worker threads as GLib warnings on stderr; the same failure comes
    // back as an error value, so they belong in the debug log with the rest of the detail.
    g_log_set_handler(
        "VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO),
        [](const gchar*, GLogLevelFlags, const gchar* message, gpointer) { spdlog::debug("libvips: {}", message); },
        nullptr);
    ready = true;
  });
  if (ready) return OkStatus();
  return MakeError(ErrorKind::kInternal, "image_library_unavailable",
                   "Hệ thống chưa xử lý được ảnh lúc này. Lỗi đã được ghi lại; vui lòng thử lại sau.",
                   "Photos cannot be processed right now. This has been logged; please try again later.");
}

// Reads the header only: libvips decodes pixels when a later step asks for them.
Result<ImagePtr> LoadHeader(std::string_view bytes, MediaKind kind, VipsAccess access) {
  void* data = const_cast<char*>(bytes.data());  // libvips takes void* but only reads
  VipsImage* out = nullptr;
  int failed = 1;
  // A truncated upload would otherwise decode with a grey band at the bottom: refuse it instead.
  switch (kind) {
    case MediaKind::kJpeg:
      failed =
          vips_jpegload_buffer(data, bytes.size(), &out, "fail_on", VIPS_FAIL_ON_TRUNCATED, "access", access, nullptr);
      break;
    case MediaKind::kPng:
      failed =
          vips_pngload_buffer(data, bytes.size(), &out, "fail_on", VIPS_FAIL_ON_TRUNCATED, "access", access, nullptr);
      break;
    case MediaKind::kWebp:
      failed =
          vips_webpload_buffer(data, bytes.size(), &out, "fail_on", VIPS_FAIL_ON_TRUNCATED, "access", access, nullptr);
      break;
    default: break;
  }
  if (failed) {
    LogVipsError("load");
    return InvalidImage();
  }
  return ImagePtr(out);
}

// Runs one libvips operation that produces a new image from `image`, replacing it.
template <class Op>
Status Apply(ImagePtr& image, std::string_view step, Op op) {
  VipsImage* out = nullptr;
  if (op(image.get(), &out) != 0) {
    LogVipsError(step);
    return InvalidImage();
  }
  image.reset(out);
  return OkStatus();
}

// Embedded colour profiles are about to be stripped with the rest: convert to sRGB first so that photos from
// phones that shoot in Display P3 (and CMYK scans) keep their colours.
void ConvertToSrgb(ImagePtr& image) {
  if (!vips_image_get_typeof(image.get(), VIPS_META_ICC_NAME) && image->Type != VIPS_INTERPRETATION_CMYK) return;
  VipsImage* out = nullptr;
  if (vips_icc_transform(image.get(), &out, "srgb", "embedded", TRUE, "intent", VIPS_INTENT_PERCEPTUAL, nullptr) == 0) {
    image.reset(out);
    return;
  }
  LogVipsError("icc_transform");  // a broken profile: keep the pixels as they are
  if (image->Type == VIPS_INTERPRETATION_CMYK &&
      vips_colourspace(image.get(), &out, VIPS_INTERPRETATION_sRGB, nullptr) == 0)
    image.reset(out);
}

Status Shrink(ImagePtr& image, int max_side) {
  const int long_side = std::max(image->Xsize, image->Ysize);
  if (long_side <= max_side) return OkStatus();
  const double scale = static_cast<double>(max_side) / long_side;
  if (!vips_image_hasalpha(image.get()))
    return Apply(image, "resize", [&](VipsImage* in, VipsImage** out) { return vips_resize(in, out, scale, nullptr); });
  // Resampling straight alpha bleeds the colour of transparent pixels into the edges: premultiply around it.
  const VipsBandFormat format = image->BandFmt;
  DANVAN_TRY(
      Apply(image, "premultiply", [](VipsImage* in, VipsImage** out) { return vips_premultiply(in, out, nullptr); }));
  DANVAN_TRY(
      Apply(image, "resize", [&](VipsImage* in, VipsImage** out) { return vips_resize(in, out, scale, nullptr); }));
  DANVAN_TRY(Apply(image, "unpremultiply",
                   [](VipsImage* in, VipsImage** out) { return vips_unpremultiply(in, out, nullptr); }));
  return Apply(image, "cast", [&](VipsImage* in, VipsImage** out) { return vips_cast(in, out, format, nullptr); });
}

// Leaves the pixels and nothing else, so that no saver has anything to copy. The savers' "strip" should be
// enough on its own, but libvips 8.14's webpsave ignores it: three layers, each checked by the tests.
Status DropMetadata(ImagePtr& image) {
  DANVAN_TRY(Apply(image, "copy", [](VipsImage* in, VipsImage** out) { return vips_copy(in, out, nullptr); }));
  gchar** fields = vips_image_get_fields(image.get());
  for (gchar** field = fields; *field; ++field) {
    // Width, height and the rest of the header are not metadata and cannot be removed; the loader's hint
    // about sequential access is needed to save a streamed image.
    if (std::string_view(*field) != VIPS_META_SEQUENTIAL) vips_image_remove(image.get(), *field);
  }
  g_strfreev(fields);
  return OkStatus();
}

// libvips 8.14's webpsave ignores "strip" and always writes an EXIF chunk (made from the header fields): take
// the EXIF, XMP and ICCP chunks out of the RIFF container and clear their flags in VP8X. Pixels are untouched.
bool RemoveWebpMetadataChunks(std::string& webp) {
  if (webp.size() < 12 || webp.compare(0, 4, "RIFF") != 0 || webp.compare(8, 4, "WEBP") != 0) return false;
  std::string out = webp.substr(0, 12);
  std::size_t vp8x = std::string::npos;
  for (std::size_t at = 12; at < webp.size();) {
    if (webp.size() - at < 8) return false;
    const std::size_t len = ReadLe(webp, at + 4, 4);
    if (webp.size() - at - 8 < len) return false;
    const std::size_t next = std::min(webp.size(), at + 8 + len + (len & 1));  // chunks are padded to even sizes
    const std::string_view fourcc = std::string_view(webp).substr(at, 4);
    if (fourcc != "EXIF" && fourcc != "XMP " && fourcc != "ICCP") {
      if (fourcc == "VP8X" && len >= 1) vp8x = out.size();
      out.append(webp, at, next - at);
    }
    at = next;
  }
  constexpr unsigned char kIccFlag = 0x20, kExifFlag = 0x08, kXmpFlag = 0x04;
  if (vp8x != std::string::npos) out[vp8x + 8] = static_cast<char>(out[vp8x + 8] & ~(kIccFlag | kExifFlag | kXmpFlag));
  const std::uint32_t riff_size = static_cast<std::uint32_t>(out.size() - 8);
  for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<char>((riff_size >> (8 * i)) & 0xFF);
  webp = std::move(out);
  return true;
}

// "strip" drops EXIF (with GPS), XMP, IPTC, ICC and comments: the pixels are all that is written.
Result<std::string> Save(VipsImage* image, MediaKind kind) {
  void* buf = nullptr;
  std::size_t len = 0;
  int failed = 1;
  switch (kind) {
    case MediaKind::kJpeg:
      failed = vips_jpegsave_buffer(image, &buf, &len, "Q", 85, "strip", TRUE, "optimize_coding", TRUE, nullptr);
      break;
    case MediaKind::kPng:
      failed = vips_pngsave_buffer(image, &buf, &len, "strip", TRUE, "compression", 6, nullptr);
      break;
    case MediaKind::kWebp: failed = vips_webpsave_buffer(image, &buf, &len, "Q", 85, "strip", TRUE, nullptr); break;
    default: break;
  }
  std::unique_ptr<void, GFree> owned(buf);
  if (failed) {
    LogVipsError("save");  // pixels are decoded here, so a damaged file fails here
    return InvalidImage();
  }
  std::string bytes(static_cast<const char*>(buf), len);
  if (kind == MediaKind::kWebp && !RemoveWebpMetadataChunks(bytes)) {
    spdlog::error("libvips wrote a WebP file that is not a valid RIFF container");
    return MakeError(ErrorKind::kInternal, "photo_processing_failed",
                     "Không xử lý được ảnh do lỗi hệ thống. Lỗi đã được ghi lại; vui lòng thử lại sau.",
                     "The photo could not be processed because of an internal error. It has been logged; please "
                     "try again later.");
  }
  return bytes;
}

// The thumbnail is made from the cleaned photo, so it cannot carry anything the photo no longer has.
Result<std::string> MakeThumbnail(std::string_view photo) {
  ImagePtr image;
  DANVAN_TRY(Apply(image, "thumbnail", [&](VipsImage*, VipsImage** out) {
    return vips_thumbnail_buffer(const_cast<char*>(photo.data()), photo.size(), out, kThumbnailSide, "height",
                                 kThumbnailSide, "size", VIPS_SIZE_DOWN, nullptr);
  }));
  if (image->BandFmt != VIPS_FORMAT_UCHAR) {
    const VipsInterpretation target = image->Bands >= 3 ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W;
    DANVAN_TRY(Apply(image, "colourspace",
                     [&](VipsImage* in, VipsImage** out) { return vips_colourspace(in, out, target, nullptr); }));
  }
  if (vips_image_hasalpha(image.get())) {
    // JPEG has no transparency: show it as the page's white rather than black.
    DANVAN_TRY(Apply(image, "flatten", [](VipsImage* in, VipsImage** out) {
      VipsArrayDouble* white = vips_array_double_newv(1, 255.0);
      const int r = vips_flatten(in, out, "background", white, nullptr);
      vips_area_unref(VIPS_AREA(white));
      return r;
    }));
  }
  return Save(image.get(), MediaKind::kJpeg);
}

}  // namespace

std::string_view MimeType(MediaKind kind) {
  switch (kind) {
    case MediaKind::kJpeg: return kMimeJpeg;
    case MediaKind::kPng: return kMimePng;
    case MediaKind::kWebp: return kMimeWebp;
    case MediaKind::kPdf: return kMimePdf;
    case MediaKind::kDocx: return kMimeDocx;
    case MediaKind::kXlsx: return kMimeXlsx;
  }
  return "application/octet-stream";
}

std::string_view Extension(MediaKind kind) {
  switch (kind) {
    case MediaKind::kJpeg: return ".jpg";
    case MediaKind::kPng: return ".png";
    case MediaKind::kWebp: return ".webp";
    case MediaKind::kPdf: return ".pdf";
    case MediaKind::kDocx: return ".docx";
    case MediaKind::kXlsx: return ".xlsx";
  }
  return "";
}

bool IsPhoto(MediaKind kind) { return kind == MediaKind::kJpeg || kind == MediaKind::kPng || kind == MediaKind::kWebp; }

Result<MediaKind> DetectMediaKind(std::string_view bytes) {
  const std::string mime = DANVAN_TRY(MagicMimeType(bytes));
  if (mime == kMimeJpeg) return MediaKind::kJpeg;
  if (mime == kMimePng) return MediaKind::kPng;
  if (mime == kMimeWebp) return MediaKind::kWebp;
  if (mime == kMimePdf) return MediaKind::kPdf;
  // libmagic names OOXML only when the right entries come first in the zip; the central directory decides.
  if (mime == kMimeDocx || mime == kMimeXlsx || mime == kMimeZip) {
    switch (ClassifyZip(bytes)) {
      case Package::kDocx: return MediaKind::kDocx;
      case Package::kXlsx: return MediaKind::kXlsx;
      case Package::kNotOoxml: return UnsupportedFileType(kMimeZip);
    }
  }
  return UnsupportedFileType(mime);
}

Result<ProcessedPhoto> ProcessPhoto(std::string_view bytes, MediaKind kind, int max_side) {
  if (!IsPhoto(kind)) return InvalidImage();
  max_side = std::max(max_side, 1);
  DANVAN_TRY(EnsureVips());

  ImagePtr image = DANVAN_TRY(LoadHeader(bytes, kind, VIPS_ACCESS_RANDOM));
  // A few bytes of header can promise gigapixels: check before any pixel is decoded.
  const std::int64_t pixels = static_cast<std::int64_t>(image->Xsize) * image->Ysize;
  if (pixels > kMaxPhotoPixels) {
    return MakeError(ErrorKind::kTooLarge, "image_too_large",
                     fmt::format("Ảnh quá lớn: {}×{} điểm ảnh. Giới hạn là {} triệu điểm ảnh; hãy thu nhỏ ảnh "
                                 "rồi gửi lại.",
                                 image->Xsize, image->Ysize, kMaxPhotoPixels / 1'000'000),
                     fmt::format("This photo is too large: {}×{} pixels. The limit is {} megapixels; please "
                                 "scale it down and send it again.",
                                 image->Xsize, image->Ysize, kMaxPhotoPixels / 1'000'000))
        .WithDetail("width", image->Xsize)
        .WithDetail("height", image->Ysize)
        .WithDetail("limit_pixels", kMaxPhotoPixels);
  }

  // An upright photo streams through a few scanlines at a time; turning one needs all of it decoded at once.
  int orientation = 1;
  if (vips_image_get_typeof(image.get(), VIPS_META_ORIENTATION))
    (void)vips_image_get_int(image.get(), VIPS_META_ORIENTATION, &orientation);
  if (orientation <= 1) image = DANVAN_TRY(LoadHeader(bytes, kind, VIPS_ACCESS_SEQUENTIAL));

  DANVAN_TRY(Apply(image, "autorot", [](VipsImage* in, VipsImage** out) { return vips_autorot(in, out, nullptr); }));
  ConvertToSrgb(image);
  DANVAN_TRY(Shrink(image, max_side));

  DANVAN_TRY(DropMetadata(image));

  ProcessedPhoto photo;
  photo.bytes = DANVAN_TRY(Save(image.get(), kind));
  photo.width = image->Xsize;
  photo.height = image->Ysize;
  photo.kind = kind;
  image.reset();  // release the decoded pipeline before the thumbnail decodes again
  photo.thumbnail = DANVAN_TRY(MakeThumbnail(photo.bytes));
  return photo;
}

Status CheckLimits(const std::vector<std::pair<std::string, std::size_t>>& files, const MediaLimits& limits) {
  if (files.size() > limits.max_files) {
    return MakeError(
               ErrorKind::kTooLarge, "too_many_files",
               fmt::format("Mỗi báo cáo đính kèm tối đa {} tệp; báo cáo này có {} tệp.", limits.max_files,
                           files.size()),
               fmt::format("A report may carry at most {} files; this one has {}.", limits.max_files, files.size()))
        .WithDetail("count", files.size())
        .WithDetail("limit", limits.max_files);
  }
  std::size_t total = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& [name, size] = files[i];
    if (size > limits.max_file_bytes) {
      const std::string label = name.empty() ? fmt::format("số {}", i + 1) : fmt::format("“{}”", name);
      const std::string label_en = name.empty() ? fmt::format("number {}", i + 1) : fmt::format("“{}”", name);
      return MakeError(ErrorKind::kTooLarge, "file_too_large",
                       fmt::format("Tệp {} nặng {}, vượt giới hạn {} cho mỗi tệp.", label, FormatMegabytes(size, ','),
                                   FormatMegabytes(limits.max_file_bytes, ',')),
                       fmt::format("File {} is {}, over the limit of {} per file.", label_en,
                                   FormatMegabytes(size, '.'), FormatMegabytes(limits.max_file_bytes, '.')))
          .WithDetail("index", i)
          .WithDetail("name", boost::json::string(name))
          .WithDetail("size", size)
          .WithDetail("limit", limits.max_file_bytes);
    }
    total += size;
  }
  if (total > limits.max_total_bytes) {
    return MakeError(ErrorKind::kTooLarge, "attachments_too_large",
                     fmt::format("Các tệp đính kèm nặng tổng cộng {}, vượt giới hạn {} cho mỗi báo cáo.",
                                 FormatMegabytes(total, ','), FormatMegabytes(limits.max_total_bytes, ',')),
                     fmt::format("The attachments add up to {}, over the limit of {} per report.",
                                 FormatMegabytes(total, '.'), FormatMegabytes(limits.max_total_bytes, '.')))
        .WithDetail("size", total)
        .WithDetail("limit", limits.max_total_bytes);
  }
  return OkStatus();
}

}  // namespace danvan
