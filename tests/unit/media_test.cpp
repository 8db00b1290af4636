#include "documents/media.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <vips/vips.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

// Every file here is built by the test itself (libvips for pixels, a few lines for ZIP, PDF, EXIF, PNG chunks),
// so each test shows exactly what the upload contains.

namespace danvan {
namespace {

// ---------------------------------------------------------------------------------------------------------------
// Building files

struct Unref {
  void operator()(void* p) const { g_object_unref(p); }
};
using Image = std::unique_ptr<VipsImage, Unref>;

class MediaEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { ASSERT_EQ(VIPS_INIT("media_test"), 0); }
};
const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new MediaEnvironment);

std::uint32_t Crc32(std::string_view data) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void PutLe(std::string& out, std::uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void PutBe(std::string& out, std::uint32_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// Pixels from a function of (x, y) → RGB or RGBA.
template <class F>
Image MakeImage(int width, int height, int bands, F pixel) {
  std::vector<unsigned char> data(static_cast<std::size_t>(width) * height * bands);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const std::array<unsigned char, 4> p = pixel(x, y);
      for (int b = 0; b < bands; ++b) data[(static_cast<std::size_t>(y) * width + x) * bands + b] = p[b];
    }
  Image image(vips_image_new_from_memory_copy(data.data(), data.size(), width, height, bands, VIPS_FORMAT_UCHAR));
  image->Type = VIPS_INTERPRETATION_sRGB;
  return image;
}

Image Gradient(int width, int height) {
  return MakeImage(width, height, 3, [&](int x, int y) {
    return std::array<unsigned char, 4>{static_cast<unsigned char>(x * 255 / width),
                                        static_cast<unsigned char>(y * 255 / height), 128, 255};
  });
}

std::string Encode(VipsImage* image, const char* suffix) {
  void* buf = nullptr;
  std::size_t len = 0;
  EXPECT_EQ(vips_image_write_to_buffer(image, suffix, &buf, &len, nullptr), 0) << vips_error_buffer();
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  return out;
}

Image Decode(std::string_view bytes) {
  VipsImage* image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  EXPECT_NE(image, nullptr) << vips_error_buffer();
  return Image(image);
}

std::vector<std::string> Fields(VipsImage* image) {
  std::vector<std::string> out;
  gchar** fields = vips_image_get_fields(image);
  for (gchar** f = fields; *f; ++f) out.emplace_back(*f);
  g_strfreev(fields);
  return out;
}

bool HasField(VipsImage* image, std::string_view name) {
  for (const auto& f : Fields(image))
    if (f == name) return true;
  return false;
}

// Metadata libvips would carry from one file to the next; none may survive processing.
std::vector<std::string> MetadataFields(VipsImage* image) {
  std::vector<std::string> out;
  for (const auto& f : Fields(image))
    for (std::string_view prefix : {"exif-", "xmp-", "iptc-", "photoshop-", "icc-", "jpeg-comment", "png-comment",
                                    "gif-comment", "image-description"})
      if (f.starts_with(prefix)) out.push_back(f);
  return out;
}

std::array<double, 4> PixelAt(VipsImage* image, int x, int y) {
  double* values = nullptr;
  int n = 0;
  EXPECT_EQ(vips_getpoint(image, &values, &n, x, y, nullptr), 0);
  std::array<double, 4> out{0, 0, 0, 255};
  for (int i = 0; i < n && i < 4; ++i) out[i] = values[i];
  g_free(values);
  return out;
}

// A TIFF-in-EXIF block as a phone writes it: orientation, and a GPS IFD placing the photo in Hoàn Kiếm
// (21° 1' 42.12" N, 105° 51' 8.04" E).
std::string ExifPayload(int orientation, bool with_gps) {
  std::string t = "II*";
  t.push_back('\0');
  PutLe(t, 8, 4);
  const int ifd0_entries = with_gps ? 2 : 1;
  const std::uint32_t gps_ifd = 8 + 2 + 12 * ifd0_entries + 4;
  PutLe(t, ifd0_entries, 2);
  PutLe(t, 0x0112, 2), PutLe(t, 3, 2), PutLe(t, 1, 4), PutLe(t, orientation, 2), PutLe(t, 0, 2);  // Orientation
  if (with_gps) PutLe(t, 0x8825, 2), PutLe(t, 4, 2), PutLe(t, 1, 4), PutLe(t, gps_ifd, 4);        // GPS IFD
  PutLe(t, 0, 4);
  if (with_gps) {
    const std::uint32_t data = gps_ifd + 2 + 4 * 12 + 4;
    PutLe(t, 4, 2);
    PutLe(t, 1, 2), PutLe(t, 2, 2), PutLe(t, 2, 4), t.append("N\0\0\0", 4);  // GPSLatitudeRef
    PutLe(t, 2, 2), PutLe(t, 5, 2), PutLe(t, 3, 4), PutLe(t, data, 4);       // GPSLatitude
    PutLe(t, 3, 2), PutLe(t, 2, 2), PutLe(t, 2, 4), t.append("E\0\0\0", 4);  // GPSLongitudeRef
    PutLe(t, 4, 2), PutLe(t, 5, 2), PutLe(t, 3, 4), PutLe(t, data + 24, 4);  // GPSLongitude
    PutLe(t, 0, 4);
    for (std::uint32_t v : {21u, 1u, 1u, 1u, 4212u, 100u, 105u, 1u, 51u, 1u, 804u, 100u}) PutLe(t, v, 4);
  }
  return std::string("Exif\0\0", 6) + t;
}

std::string JpegSegment(unsigned char marker, std::string_view payload) {
  std::string s = {'\xFF', static_cast<char>(marker)};
  PutBe(s, static_cast<std::uint32_t>(payload.size() + 2), 2);
  return s.append(payload);
}

constexpr std::string_view kXmpGps =
    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
    "<rdf:Description rdf:about=\"\" xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"21,1.702N\" "
    "exif:GPSLongitude=\"105,51.134E\"/></rdf:RDF></x:xmpmeta>";

// IPTC (Photoshop APP13) with the city and a caption naming the household visited.
std::string IptcPayload() {
  std::string iptc = "\x1C\x02\x5A";
  PutBe(iptc, 6, 2);
  iptc += "Ha Noi";
  const std::string caption = "Nha ong Nguyen Van A, so 12 Hang Bac";
  iptc += "\x1C\x02\x78";
  PutBe(iptc, static_cast<std::uint32_t>(caption.size()), 2);
  iptc += caption;
  if (iptc.size() % 2) iptc.push_back('\0');
  std::string p("Photoshop 3.0\0", 14);
  p += "8BIM\x04\x04";
  p.append("\0\0", 2);
  PutBe(p, static_cast<std::uint32_t>(iptc.size()), 4);
  return p + iptc;
}

// A JPEG as a phone might send it: EXIF (orientation, GPS), XMP with GPS, IPTC and a comment, right after SOI.
std::string JpegWithMetadata(VipsImage* pixels, int orientation, bool with_gps) {
  const std::string plain = Encode(pixels, ".jpg[Q=90,strip]");
  std::string segments = JpegSegment(0xE1, ExifPayload(orientation, with_gps));
  if (with_gps) {
    segments += JpegSegment(0xE1, std::string("http://ns.adobe.com/xap/1.0/\0", 29) + std::string(kXmpGps));
    segments += JpegSegment(0xED, IptcPayload());
    segments += JpegSegment(0xFE, "GPS 21.028367 N 105.852233 E");
  }
  return plain.substr(0, 2) + segments + plain.substr(2);
}

// Markers of the segments before the image data: what a metadata reader would look at.
std::vector<int> JpegMarkers(std::string_view jpeg) {
  std::vector<int> markers;
  std::size_t at = 2;
  while (at + 4 <= jpeg.size() && static_cast<unsigned char>(jpeg[at]) == 0xFF) {
    const int marker = static_cast<unsigned char>(jpeg[at + 1]);
    markers.push_back(marker);
    if (marker == 0xDA) break;  // start of scan: entropy-coded data follows
    at += 2 + (static_cast<unsigned char>(jpeg[at + 2]) << 8 | static_cast<unsigned char>(jpeg[at + 3]));
  }
  return markers;
}

std::string PngChunk(std::string_view type, std::string_view data) {
  std::string c;
  PutBe(c, static_cast<std::uint32_t>(data.size()), 4);
  std::string body = std::string(type) + std::string(data);
  c += body;
  PutBe(c, Crc32(body), 4);
  return c;
}

// Chunks inserted just before the first IDAT.
std::string PngInsertChunks(const std::string& png, const std::string& chunks) {
  const std::size_t idat = png.find("IDAT");
  return png.substr(0, idat - 4) + chunks + png.substr(idat - 4);
}

std::vector<std::string> PngChunkTypes(std::string_view png) {
  std::vector<std::string> types;
  for (std::size_t at = 8; at + 12 <= png.size();) {
    const std::uint32_t len = static_cast<unsigned char>(png[at]) << 24 |
                              static_cast<unsigned char>(png[at + 1]) << 16 |
                              static_cast<unsigned char>(png[at + 2]) << 8 | static_cast<unsigned char>(png[at + 3]);
    types.emplace_back(png.substr(at + 4, 4));
    at += 12 + len;
  }
  return types;
}

// A PNG whose IHDR claims width × height, with the CRC fixed so that decoders accept the header.
std::string PngClaiming(std::uint32_t width, std::uint32_t height) {
  Image one = Gradient(1, 1);
  std::string png = Encode(one.get(), ".png[strip]");
  std::string dims;
  PutBe(dims, width, 4);
  PutBe(dims, height, 4);
  png.replace(16, 8, dims);
  std::string crc;
  PutBe(crc, Crc32(std::string_view(png).substr(12, 17)), 4);
  png.replace(29, 4, crc);
  return png;
}

// A minimal stored (uncompressed) ZIP, entries in the order given.
std::string Zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out, directory;
  for (const auto& [name, data] : entries) {
    const std::uint32_t offset = static_cast<std::uint32_t>(out.size());
    const std::uint32_t crc = Crc32(data), size = static_cast<std::uint32_t>(data.size());
    out += "PK\x03\x04";
    PutLe(out, 20, 2), PutLe(out, 0, 2), PutLe(out, 0, 2), PutLe(out, 0, 2), PutLe(out, 0x21, 2);
    PutLe(out, crc, 4), PutLe(out, size, 4), PutLe(out, size, 4);
    PutLe(out, static_cast<std::uint32_t>(name.size()), 2), PutLe(out, 0, 2);
    out += name + data;
    directory += "PK\x01\x02";
    PutLe(directory, 20, 2), PutLe(directory, 20, 2), PutLe(directory, 0, 2), PutLe(directory, 0, 2);
    PutLe(directory, 0, 2), PutLe(directory, 0x21, 2);
    PutLe(directory, crc, 4), PutLe(directory, size, 4), PutLe(directory, size, 4);
    PutLe(directory, static_cast<std::uint32_t>(name.size()), 2), PutLe(directory, 0, 2), PutLe(directory, 0, 2);
    PutLe(directory, 0, 2), PutLe(directory, 0, 2), PutLe(directory, 0, 4), PutLe(directory, offset, 4);
    directory += name;
  }
  const std::uint32_t directory_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  out += "PK\x05\x06";
  PutLe(out, 0, 2), PutLe(out, 0, 2);
  PutLe(out, static_cast<std::uint32_t>(entries.size()), 2), PutLe(out, static_cast<std::uint32_t>(entries.size()), 2);
  PutLe(out, static_cast<std::uint32_t>(directory.size()), 4), PutLe(out, directory_offset, 4), PutLe(out, 0, 2);
  return out;
}

const std::string kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";
const std::string kRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>)";

// Word's own order: libmagic recognises these.
std::string Docx() {
  return Zip({{"[Content_Types].xml", kContentTypes},
              {"_rels/.rels", kRels},
              {"word/document.xml", "<w:document><w:body><w:p/></w:body></w:document>"}});
}
std::string Xlsx() {
  return Zip({{"[Content_Types].xml", kContentTypes},
              {"_rels/.rels", kRels},
              {"xl/workbook.xml", "<workbook><sheets/></workbook>"}});
}

std::string Pdf() {
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (const char* object :
       {"1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n", "2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n",
        "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n"}) {
    offsets.push_back(pdf.size());
    pdf += object;
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 4\n0000000000 65535 f \n";
  for (std::size_t o : offsets) pdf += fmt::format("{:010} 00000 n \n", o);
  pdf += fmt::format("trailer <</Size 4 /Root 1 0 R>>\nstartxref\n{}\n%%EOF\n", xref);
  return pdf;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// ---------------------------------------------------------------------------------------------------------------
// Type from content

TEST(MediaDetect, PhotosAndDocumentsAreRecognisedByTheirBytes) {
  Image pixels = Gradient(16, 12);
  const struct {
    std::string bytes;
    MediaKind kind;
    std::string_view mime, extension;
    bool photo;
  } cases[] = {
      {Encode(pixels.get(), ".jpg"), MediaKind::kJpeg, "image/jpeg", ".jpg", true},
      {Encode(pixels.get(), ".png"), MediaKind::kPng, "image/png", ".png", true},
      {Encode(pixels.get(), ".webp"), MediaKind::kWebp, "image/webp", ".webp", true},
      {Pdf(), MediaKind::kPdf, "application/pdf", ".pdf", false},
      {Docx(), MediaKind::kDocx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx",
       false},
      {Xlsx(), MediaKind::kXlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", false},
  };
  for (const auto& c : cases) {
    auto kind = DetectMediaKind(c.bytes);
    ASSERT_TRUE(kind.ok()) << c.mime << ": " << kind.error().message_en;
    EXPECT_EQ(*kind, c.kind) << c.mime;
    EXPECT_EQ(MimeType(*kind), c.mime);
    EXPECT_EQ(Extension(*kind), c.extension);
    EXPECT_EQ(IsPhoto(*kind), c.photo);
  }
}

TEST(MediaDetect, TheNameDoesNotDecideTheType) {
  // What the browser sends: a name ending in .jpg, bytes that are a PDF, a Word file and a spreadsheet.
  const std::pair<std::string, std::string> uploads[] = {
      {"anh-hien-truong.jpg", Pdf()}, {"bien-ban.jpg", Docx()}, {"danh-sach.png", Xlsx()}};
  const MediaKind expected[] = {MediaKind::kPdf, MediaKind::kDocx, MediaKind::kXlsx};
  for (std::size_t i = 0; i < std::size(uploads); ++i) {
    auto kind = DetectMediaKind(uploads[i].second);
    ASSERT_TRUE(kind.ok()) << uploads[i].first;
    EXPECT_EQ(*kind, expected[i]) << uploads[i].first;
    EXPECT_FALSE(IsPhoto(*kind)) << uploads[i].first << " must not go through the photo pipeline";
  }
}

TEST(MediaDetect, OfficeFilesInAnyEntryOrderAreReadFromTheZipDirectory) {
  // LibreOffice and some generators write docProps and customXml first: libmagic then only says
  // "application/zip" (`file --mime-type` agrees), and the central directory decides.
  const auto late = [](std::string part, std::string body) {
    return Zip({{"[Content_Types].xml", kContentTypes},
                {"_rels/.rels", kRels},
                {"docProps/app.xml", "<a/>"},
                {"docProps/core.xml", "<c/>"},
                {"customXml/item1.xml", "<i/>"},
                {std::move(part), std::move(body)}});
  };
  auto docx = DetectMediaKind(late("word/document.xml", "<w:document/>"));
  ASSERT_TRUE(docx.ok()) << docx.error().message_en;
  EXPECT_EQ(*docx, MediaKind::kDocx);
  auto xlsx = DetectMediaKind(late("xl/workbook.xml", "<workbook/>"));
  ASSERT_TRUE(xlsx.ok()) << xlsx.error().message_en;
  EXPECT_EQ(*xlsx, MediaKind::kXlsx);
}

TEST(MediaDetect, TruncatedOfficeFilesAreRefused) {
  // Cut anywhere, the zip loses its central directory: Word would not open it, so neither is it accepted.
  const std::string docx = Docx();
  for (std::size_t cut = 0; cut < docx.size(); ++cut) {
    auto kind = DetectMediaKind(std::string_view(docx).substr(0, cut));
    ASSERT_FALSE(kind.ok()) << "cut at " << cut;
    EXPECT_EQ(kind.error().code, "unsupported_file_type");
  }
}

void ExpectUnsupported(std::string_view bytes, std::string_view detected, std::string_view named_vi,
                       std::string_view label) {
  auto kind = DetectMediaKind(bytes);
  ASSERT_FALSE(kind.ok()) << label << " was accepted as " << MimeType(*kind);
  const Error& e = kind.error();
  EXPECT_EQ(e.code, "unsupported_file_type") << label;
  EXPECT_EQ(e.kind, ErrorKind::kUnsupportedMediaType) << label;
  EXPECT_EQ(e.details.at("detected").as_string(), detected) << label;
  EXPECT_TRUE(Contains(e.message_vi, named_vi)) << label << ": " << e.message_vi;
  EXPECT_TRUE(Contains(e.message_vi, "Chỉ nhận ảnh JPEG, PNG, WebP")) << e.message_vi;
  EXPECT_FALSE(e.message_en.empty());
}

TEST(MediaDetect, EverythingElseIsRefusedAndNamed) {
  ExpectUnsupported("Báo cáo tháng 10: đã thăm 25 hộ gia đình ở phường Hàng Bạc.\n", "text/plain", "văn bản thuần",
                    "text");
  ExpectUnsupported("<!DOCTYPE html>\n<html><head><title>Báo cáo</title></head><body><p>Xin chào</p></body></html>\n",
                    "text/html", "HTML", "html");
  std::string dos = "MZ\x90";
  dos.resize(0x40, '\0');
  ExpectUnsupported(dos, "application/x-dosexec", ".exe", "DOS program");
  std::string exe = dos.substr(0, 0x3C);
  PutLe(exe, 0x40, 4);
  exe += std::string("PE\0\0", 4) + std::string("\x4C\x01\x01\x00", 4) + std::string(200, '\0');
  ExpectUnsupported(exe, "application/vnd.microsoft.portable-executable", ".exe", "Windows program");
  ExpectUnsupported(Zip({{"readme.txt", "xin chao"}, {"anh/1.jpg", "not really"}}), "application/zip", "ZIP", "zip");
  // A package that is neither a Word file nor a workbook.
  ExpectUnsupported(
      Zip({{"[Content_Types].xml", kContentTypes}, {"_rels/.rels", kRels}, {"ppt/presentation.xml", "<p/>"}}),
      "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint", "pptx");
  // [Content_Types].xml and both parts: not a file Office would open as either.
  ExpectUnsupported(
      Zip({{"[Content_Types].xml", kContentTypes}, {"word/document.xml", "<w/>"}, {"xl/workbook.xml", "<x/>"}}),
      "application/zip", "ZIP", "word and xl");
  ExpectUnsupported("", "application/x-empty", "tệp rỗng", "empty");
  ExpectUnsupported("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif", "GIF", "gif");
}

TEST(MediaDetect, WorksFromManyThreadsAtOnce) {
  Image pixels = Gradient(8, 8);
  const std::string jpeg = Encode(pixels.get(), ".jpg"), pdf = Pdf(), docx = Docx();
  std::vector<std::thread> threads;
  std::array<int, 4> wrong{};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        wrong[t] += DetectMediaKind(jpeg).value() != MediaKind::kJpeg;
        wrong[t] += DetectMediaKind(pdf).value() != MediaKind::kPdf;
        wrong[t] += DetectMediaKind(docx).value() != MediaKind::kDocx;
        wrong[t] += DetectMediaKind("plain text").ok();
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong, (std::array<int, 4>{}));
}

// ---------------------------------------------------------------------------------------------------------------
// Photos

TEST(MediaPhoto, LocationAndAllOtherMetadataAreGoneFromJpeg) {
  Image pixels = Gradient(64, 48);
  const std::string upload = JpegWithMetadata(pixels.get(), 1, /*with_gps=*/true);

  // What a metadata reader sees in the upload.
  Image before = Decode(upload);
  ASSERT_TRUE(before);
  for (const char* field : {"exif-data", "exif-ifd3-GPSLatitude", "exif-ifd3-GPSLongitude", "xmp-data", "iptc-data"})
    EXPECT_TRUE(HasField(before.get(), field)) << field << " should be in the upload";
  char* latitude = nullptr;
  ASSERT_EQ(vips_image_get_as_string(before.get(), "exif-ifd3-GPSLatitude", &latitude), 0);
  EXPECT_TRUE(Contains(latitude, "21")) << latitude;
  g_free(latitude);

  auto photo = ProcessPhoto(upload, MediaKind::kJpeg);
  ASSERT_TRUE(photo.ok()) << photo.error().message_en;
  EXPECT_EQ(photo->kind, MediaKind::kJpeg);
  EXPECT_EQ(photo->width, 64);
  EXPECT_EQ(photo->height, 48);

  for (const std::string* bytes : {&photo->bytes, &photo->thumbnail}) {
    ASSERT_TRUE(bytes->starts_with("\xFF\xD8\xFF"));
    Image after = Decode(*bytes);
    ASSERT_TRUE(after);
    EXPECT_EQ(MetadataFields(after.get()), std::vector<std::string>{});
    for (std::string_view trace : {"Exif", "GPS", "ns.adobe.com", "xpacket", "Photoshop", "8BIM", "Hang Bac", "21.028"})
      EXPECT_FALSE(Contains(*bytes, trace)) << trace;
    // No APP1 (EXIF, XMP), APP2 (ICC), APP13 (IPTC) or COM segment before the image data.
    for (int marker : JpegMarkers(*bytes)) {
      EXPECT_NE(marker, 0xE1);
      EXPECT_NE(marker, 0xE2);
      EXPECT_NE(marker, 0xED);
      EXPECT_NE(marker, 0xFE);
    }
  }
  Image same = Decode(photo->bytes);
  EXPECT_EQ(same->Xsize, 64);
  EXPECT_EQ(same->Ysize, 48);
  // The pixels are still the photo: the gradient's corners survive re-encoding.
  EXPECT_NEAR(PixelAt(same.get(), 63, 0)[0], 251, 12);
  EXPECT_NEAR(PixelAt(same.get(), 0, 47)[1], 250, 12);
}

TEST(MediaPhoto, PhotoTakenSidewaysIsTurnedUpright) {
  // Stored 64×48 with a red square at the top left; EXIF orientation 6 says "turn 90° clockwise to view".
  Image pixels = MakeImage(64, 48, 3, [](int x, int y) {
    return x < 16 && y < 16 ? std::array<unsigned char, 4>{230, 20, 20, 255}
                            : std::array<unsigned char, 4>{20, 20, 20, 255};
  });
  auto photo = ProcessPhoto(JpegWithMetadata(pixels.get(), 6, /*with_gps=*/false), MediaKind::kJpeg);
  ASSERT_TRUE(photo.ok()) << photo.error().message_en;
  EXPECT_EQ(photo->width, 48);
  EXPECT_EQ(photo->height, 64);

  Image upright = Decode(photo->bytes);
  EXPECT_EQ(upright->Xsize, 48);
  EXPECT_EQ(upright->Ysize, 64);
  EXPECT_FALSE(HasField(upright.get(), "orientation") && [&] {
    int o = 1;
    vips_image_get_int(upright.get(), "orientation", &o);
    return o != 1;
  }()) << "no orientation left that a viewer would apply a second time";
  EXPECT_GT(PixelAt(upright.get(), 40, 8)[0], 180) << "the red square is now at the top right";
  EXPECT_LT(PixelAt(upright.get(), 8, 8)[0], 80);

  Image thumbnail = Decode(photo->thumbnail);
  EXPECT_EQ(thumbnail->Xsize, 48);
  EXPECT_EQ(thumbnail->Ysize, 64);
}

TEST(MediaPhoto, LargePhotoIsCappedAndGetsA320PixelThumbnail) {
  Image pixels = Gradient(1000, 600);
  auto photo = ProcessPhoto(Encode(pixels.get(), ".jpg"), MediaKind::kJpeg, /*max_side=*/800);
  ASSERT_TRUE(photo.ok()) << photo.error().message_en;
  EXPECT_EQ(photo->width, 800);
  EXPECT_EQ(photo->height, 480);
  Image stored = Decode(photo->bytes);
  EXPECT_EQ(stored->Xsize, 800);
  EXPECT_EQ(stored->Ysize, 480);

  Image thumbnail = Decode(photo->thumbnail);
  ASSERT_TRUE(photo->thumbnail.starts_with("\xFF\xD8\xFF"));
  EXPECT_EQ(thumbnail->Xsize, 320);
  EXPECT_EQ(thumbnail->Ysize, 192);
  EXPECT_LT(photo->thumbnail.size(), photo->bytes.size());
}

TEST(MediaPhoto, PngKeepsTransparencyAndLosesItsMetadata) {
  // Left half transparent, right half opaque blue; plus an eXIf chunk with GPS and a text chunk.
  Image pixels = MakeImage(40, 30, 4, [](int x, int) {
    return x < 20 ? std::array<unsigned char, 4>{0, 0, 0, 0} : std::array<unsigned char, 4>{20, 40, 220, 255};
  });
  const std::string upload =
      PngInsertChunks(Encode(pixels.get(), ".png[strip]"),
                      PngChunk("eXIf", ExifPayload(1, true).substr(6)) +
                          PngChunk("tEXt", std::string("Comment\0GPS 21.028367 N 105.852233 E", 36)));
  Image before = Decode(upload);
  ASSERT_TRUE(before);
  EXPECT_TRUE(HasField(before.get(), "exif-ifd3-GPSLatitude")) << "libvips reads the eXIf chunk";

  auto photo = ProcessPhoto(upload, MediaKind::kPng);
  ASSERT_TRUE(photo.ok()) << photo.error().message_en;
  EXPECT_EQ(photo->kind, MediaKind::kPng);
  EXPECT_EQ(photo->width, 40);
  EXPECT_EQ(photo->height, 30);
  ASSERT_TRUE(photo->bytes.starts_with("\x89PNG\r\n\x1A\n"));
  for (const auto& type : PngChunkTypes(photo->bytes))
    EXPECT_TRUE((std::set<std::string>{"IHDR", "PLTE", "tRNS", "IDAT", "IEND", "pHYs"}.contains(type))) << type;
  EXPECT_FALSE(Contains(photo->bytes, "GPS"));

  Image after = Decode(photo->bytes);
  EXPECT_EQ(MetadataFields(after.get()), std::vector<std::string>{});
  ASSERT_EQ(after->Bands, 4);
  EXPECT_EQ(PixelAt(after.get(), 5, 5)[3], 0) << "still transparent";
  EXPECT_EQ(PixelAt(after.get(), 35, 5)[2], 220);

  // The thumbnail is a JPEG: transparency becomes white, not black.
  Image thumbnail = Decode(photo->thumbnail);
  ASSERT_TRUE(photo->thumbnail.starts_with("\xFF\xD8\xFF"));
  EXPECT_EQ(thumbnail->Xsize, 40);
  EXPECT_EQ(thumbnail->Bands, 3);
  EXPECT_GT(PixelAt(thumbnail.get(), 5, 15)[0], 240);
  EXPECT_GT(PixelAt(thumbnail.get(), 35, 15)[2], 180);
}

TEST(MediaPhoto, WebpRoundTripWithoutMetadata) {
  Image pixels = Gradient(50, 40);
  const std::string exif = ExifPayload(1, true);
  vips_image_set_blob_copy(pixels.get(), VIPS_META_EXIF_NAME, exif.data(), exif.size());
  vips_image_set_blob_copy(pixels.get(), VIPS_META_XMP_NAME, kXmpGps.data(), kXmpGps.size());
  const std::string upload = Encode(pixels.get(), ".webp[Q=90]");
  ASSERT_TRUE(Contains(upload, "EXIF")) << "the upload carries an EXIF chunk";
  Image before = Decode(upload);
  EXPECT_TRUE(HasField(before.get(), "exif-ifd3-GPSLatitude"));
  EXPECT_TRUE(HasField(before.get(), "xmp-data"));

  auto photo = ProcessPhoto(upload, MediaKind::kWebp);
  ASSERT_TRUE(photo.ok()) << photo.error().message_en;
  EXPECT_EQ(photo->kind, MediaKind::kWebp);
  ASSERT_TRUE(photo->bytes.starts_with("RIFF") && photo->bytes.substr(8, 4) == "WEBP");
  for (std::string_view chunk : {"EXIF", "XMP ", "ICCP", "GPS"}) EXPECT_FALSE(Contains(photo->bytes, chunk)) << chunk;
  Image after = Decode(photo->bytes);
  EXPECT_EQ(MetadataFields(after.get()), std::vector<std::string>{});
  EXPECT_EQ(after->Xsize, 50);
  EXPECT_EQ(after->Ysize, 40);
  EXPECT_EQ(Decode(photo->thumbnail)->Xsize, 50);
}

TEST(MediaPhoto, WebpKeepsTransparency) {
  Image pixels = MakeImage(30, 20, 4, [](int x, int) {
    return x < 10 ? std::array<unsigned char, 4>{0, 0, 0, 0} : std::array<unsigned char, 4>{200, 30, 30, 255};
  });
  const std::string exif = ExifPayload(1, true);
  vips_image_set_blob_copy(pixels.get(), VIPS_META_EXIF_NAME, exif.data(), exif.size());
  auto photo = ProcessPhoto(Encode(pixels.get(), ".webp[Q=90]"), MediaKind::kWebp);
  ASSERT_TRUE(photo.ok()) << photo.error().message_en;
  EXPECT_FALSE(Contains(photo->bytes, "EXIF"));
  Image after = Decode(photo->bytes);
  ASSERT_EQ(after->Bands, 4);
  EXPECT_EQ(PixelAt(after.get(), 2, 10)[3], 0);
  EXPECT_EQ(PixelAt(after.get(), 25, 10)[3], 255);
}

TEST(MediaPhoto, ColourProfileIsAppliedBeforeItIsStripped) {
  // A Display P3 photo (as phones shoot): its numbers differ from sRGB's for the same colour. Stripping the
  // profile without converting would shift every colour; converting first keeps what people saw.
  const std::array<unsigned char, 4> orange{220, 110, 40, 255};
  Image srgb = MakeImage(32, 32, 3, [&](int, int) { return orange; });
  VipsImage* p3 = nullptr;
  ASSERT_EQ(vips_icc_transform(srgb.get(), &p3, "p3", "input_profile", "srgb", "embedded", FALSE, nullptr), 0)
      << vips_error_buffer();
  Image tagged(p3);
  ASSERT_TRUE(HasField(tagged.get(), VIPS_META_ICC_NAME));
  const std::string upload = Encode(tagged.get(), ".jpg[Q=95]");
  Image before = Decode(upload);
  ASSERT_TRUE(HasField(before.get(), VIPS_META_ICC_NAME));
  ASSERT_GT(
      std::abs(PixelAt(before.get(), 16, 16)[0] - orange[0]) + std::abs(PixelAt(before.get(), 16, 16)[1] - orange[1]),
      10)
      << "the P3 numbers must differ from the sRGB ones for this test to mean anything";

  auto photo = ProcessPhoto(upload, MediaKind::kJpeg);
  ASSERT_TRUE(photo.ok()) << photo.error().message_en;
  Image after = Decode(photo->bytes);
  EXPECT_EQ(MetadataFields(after.get()), std::vector<std::string>{});
  for (int marker : JpegMarkers(photo->bytes)) EXPECT_NE(marker, 0xE2) << "no ICC profile segment";
  const auto pixel = PixelAt(after.get(), 16, 16);
  for (int b = 0; b < 3; ++b) EXPECT_NEAR(pixel[b], orange[b], 6) << "band " << b;
}

TEST(MediaPhoto, DamagedPhotosAreInvalidImages) {
  // Noise compresses badly, so the cut falls well inside the image data.
  unsigned seed = 1;
  Image pixels = MakeImage(200, 150, 3, [&](int, int) {
    seed = seed * 1103515245u + 12345u;
    return std::array<unsigned char, 4>{static_cast<unsigned char>(seed >> 16), static_cast<unsigned char>(seed >> 8),
                                        static_cast<unsigned char>(seed >> 24), 255};
  });
  const std::string jpeg = Encode(pixels.get(), ".jpg");
  const std::string png = Encode(pixels.get(), ".png");
  const std::string webp = Encode(pixels.get(), ".webp");
  const std::pair<std::string, MediaKind> damaged[] = {
      {jpeg.substr(0, jpeg.size() * 6 / 10), MediaKind::kJpeg},
      {png.substr(0, png.size() / 2), MediaKind::kPng},
      {webp.substr(0, webp.size() / 2), MediaKind::kWebp},
      {jpeg.substr(0, 200), MediaKind::kJpeg},
      {"\xFF\xD8\xFF\xE0 this is not really a photo", MediaKind::kJpeg},
  };
  for (const auto& [bytes, kind] : damaged) {
    auto photo = ProcessPhoto(bytes, kind);
    ASSERT_FALSE(photo.ok()) << MimeType(kind) << " of " << bytes.size() << " bytes was accepted";
    EXPECT_EQ(photo.error().code, "invalid_image");
    EXPECT_EQ(photo.error().kind, ErrorKind::kInvalidInput);
    EXPECT_FALSE(photo.error().message_vi.empty());
  }
}

TEST(MediaPhoto, DecompressionBombIsRefusedFromItsHeader) {
  const long rss_before = PeakRssKb();
  for (auto [width, height] : {std::pair<std::uint32_t, std::uint32_t>{100000, 100000}, {8000, 7000}}) {
    const std::string bomb = PngClaiming(width, height);
    ASSERT_LT(bomb.size(), 100u);
    ASSERT_EQ(DetectMediaKind(bomb).value(), MediaKind::kPng);
    auto photo = ProcessPhoto(bomb, MediaKind::kPng);
    ASSERT_FALSE(photo.ok());
    EXPECT_EQ(photo.error().code, "image_too_large");
    EXPECT_EQ(photo.error().kind, ErrorKind::kTooLarge);
    EXPECT_EQ(photo.error().details.at("width").to_number<std::int64_t>(), width);
    EXPECT_EQ(photo.error().details.at("height").to_number<std::int64_t>(), height);
    EXPECT_TRUE(Contains(photo.error().message_vi, "50 triệu điểm ảnh")) << photo.error().message_vi;
  }
  // Decoding 100000 × 100000 would need 30 GB; refusing it must cost next to nothing.
  EXPECT_LT(PeakRssKb() - rss_before, 64 * 1024);
}

TEST(MediaPhoto, ManyPhotosAtOnce) {
  Image pixels = Gradient(300, 200);
  const std::string upload = JpegWithMetadata(pixels.get(), 1, true);
  std::array<int, 4> failures{};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        auto photo = ProcessPhoto(upload, MediaKind::kJpeg, 256);
        failures[t] += !photo.ok() || photo->width != 256 || Contains(photo->bytes, "GPS");
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, (std::array<int, 4>{}));
}

// ---------------------------------------------------------------------------------------------------------------
// Limits

constexpr std::size_t kMb = 1024 * 1024;

TEST(MediaLimits, ATypicalReportFits) {
  EXPECT_TRUE(CheckLimits({}, MediaLimits{}).ok());
  std::vector<std::pair<std::string, std::size_t>> files;
  for (int i = 0; i < 10; ++i) files.emplace_back(fmt::format("anh-{}.jpg", i), 3 * kMb);
  EXPECT_TRUE(CheckLimits(files, MediaLimits{}).ok()) << "ten 3 MB photos are exactly 30 MB";
  // One file at exactly the per-file limit, the total at exactly the report limit: 10 + 0 + 0 + 2 + 6 × 3.
  files[0].second = 10 * kMb;
  files[1].second = 0;
  files[2].second = 0;
  files[3].second = 2 * kMb;
  EXPECT_TRUE(CheckLimits(files, MediaLimits{}).ok());
}

TEST(MediaLimits, TooManyFiles) {
  std::vector<std::pair<std::string, std::size_t>> files(11, {"anh.jpg", 1000});
  auto status = CheckLimits(files, MediaLimits{});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "too_many_files");
  EXPECT_EQ(status.error().details.at("count").to_number<std::int64_t>(), 11);
  EXPECT_EQ(status.error().details.at("limit").to_number<std::int64_t>(), 10);
  EXPECT_TRUE(Contains(status.error().message_vi, "tối đa 10 tệp")) << status.error().message_vi;
}

TEST(MediaLimits, OneFileTooLargeIsNamed) {
  const std::vector<std::pair<std::string, std::size_t>> files = {
      {"anh-1.jpg", 2 * kMb}, {"anh-2.jpg", 2 * kMb}, {"bien-ban-hop-to-dan-pho.pdf", 12 * kMb + kMb / 2}};
  auto status = CheckLimits(files, MediaLimits{});
  ASSERT_FALSE(status.ok());
  const Error& e = status.error();
  EXPECT_EQ(e.code, "file_too_large");
  EXPECT_EQ(e.kind, ErrorKind::kTooLarge);
  EXPECT_EQ(e.details.at("index").to_number<std::int64_t>(), 2);
  EXPECT_EQ(e.details.at("name").as_string(), "bien-ban-hop-to-dan-pho.pdf");
  EXPECT_EQ(e.details.at("size").to_number<std::int64_t>(), 12 * kMb + kMb / 2);
  EXPECT_EQ(e.details.at("limit").to_number<std::int64_t>(), 10 * kMb);
  EXPECT_EQ(e.message_vi, "Tệp “bien-ban-hop-to-dan-pho.pdf” nặng 12,5 MB, vượt giới hạn 10 MB cho mỗi tệp.");
  EXPECT_EQ(e.message_en, "File “bien-ban-hop-to-dan-pho.pdf” is 12.5 MB, over the limit of 10 MB per file.");
}

TEST(MediaLimits, TotalOfTheReport) {
  const std::vector<std::pair<std::string, std::size_t>> files(4, {"anh.jpg", 9 * kMb});
  auto status = CheckLimits(files, MediaLimits{});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "attachments_too_large");
  EXPECT_EQ(status.error().details.at("size").to_number<std::int64_t>(), 36 * kMb);
  EXPECT_EQ(status.error().details.at("limit").to_number<std::int64_t>(), 30 * kMb);
  EXPECT_TRUE(Contains(status.error().message_vi, "36 MB")) << status.error().message_vi;

  const MediaLimits tight{.max_file_bytes = 1000, .max_total_bytes = 1500, .max_files = 2};
  EXPECT_EQ(CheckLimits({{"a.pdf", 1001}}, tight).error().code, "file_too_large");
  EXPECT_EQ(CheckLimits({{"a.pdf", 800}, {"b.pdf", 800}}, tight).error().code, "attachments_too_large");
  EXPECT_EQ(CheckLimits({{"a", 1}, {"b", 1}, {"c", 1}}, tight).error().code, "too_many_files");
}

}  // namespace
}  // namespace danvan
