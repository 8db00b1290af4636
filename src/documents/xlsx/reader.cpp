// An .xlsx is a zip of XML parts (ECMA-376 / ISO/IEC 29500): minizip reads the zip from memory, libxml2's
// streaming reader (xmlTextReader) the parts, so that a large sheet is never held as a tree.

#include "documents/xlsx/reader.hpp"

#include "core/date.hpp"

#include <fmt/format.h>
#include <libxml/xmlreader.h>
#include <unzip.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace danvan::documents {
namespace {

Error NotZip() {
  return MakeError(ErrorKind::kInvalidInput, "xlsx_not_zip",
                   "Tệp không phải bảng tính Excel (.xlsx) đọc được: có thể tệp bị hỏng hoặc có mật khẩu.",
                   "The file is not a readable Excel workbook (.xlsx): it may be damaged or password-protected.");
}

Error TooLarge(std::string_view limit, std::size_t value) {
  return MakeError(ErrorKind::kInvalidInput, "xlsx_too_large",
                   fmt::format("Bảng tính vượt quá giới hạn cho phép ({}: {}).", limit, value),
                   fmt::format("The workbook is over the limit ({}: {}).", limit, value))
      .WithDetail("limit", boost::json::string(limit))
      .WithDetail("value", static_cast<int64_t>(value));
}

Error MissingPart(std::string_view part) {
  return MakeError(ErrorKind::kInvalidInput, "xlsx_missing_part",
                   fmt::format("Bảng tính thiếu phần \"{}\".", part),
                   fmt::format("The workbook has no part \"{}\".", part))
      .WithDetail("part", boost::json::string(part));
}

Error InvalidCell(std::string_view cell, std::string_view why_vi, std::string_view why_en) {
  return MakeError(ErrorKind::kInvalidInput, "xlsx_invalid_cell", fmt::format("Ô {}: {}", cell, why_vi),
                   fmt::format("Cell {}: {}", cell, why_en))
      .WithDetail("cell", boost::json::string(cell));
}

// ---- the zip, from memory

struct Memory {
  std::string_view bytes;
  ZPOS64_T pos = 0;
};

voidpf ZOpen(voidpf opaque, const void*, int) { return opaque; }
uLong ZRead(voidpf, voidpf stream, void* buf, uLong size) {
  auto* m = static_cast<Memory*>(stream);
  const auto n = static_cast<uLong>(std::min<ZPOS64_T>(size, m->bytes.size() - m->pos));
  std::memcpy(buf, m->bytes.data() + m->pos, n);
  m->pos += n;
  return n;
}
uLong ZWrite(voidpf, voidpf, const void*, uLong) { return 0; }
ZPOS64_T ZTell(voidpf, voidpf stream) { return static_cast<Memory*>(stream)->pos; }
long ZSeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* m = static_cast<Memory*>(stream);
  const ZPOS64_T base = origin == ZLIB_FILEFUNC_SEEK_CUR ? m->pos
                        : origin == ZLIB_FILEFUNC_SEEK_END ? m->bytes.size()
                                                            : 0;
  const ZPOS64_T to = base + offset;  // unsigned wrap-around: a negative offset moves back
  if (to > m->bytes.size()) return -1;
  m->pos = to;
  return 0;
}
int ZClose(voidpf, voidpf) { return 0; }
int ZError(voidpf, voidpf) { return 0; }

class Archive {
 public:
  Archive(std::string_view bytes, std::size_t budget) : memory_{bytes, 0}, budget_(budget) {
    funcs_ = {ZOpen, ZRead, ZWrite, ZTell, ZSeek, ZClose, ZError, &memory_};
    file_ = unzOpen2_64("workbook.xlsx", &funcs_);
  }
  ~Archive() {
    if (file_) unzClose(file_);
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  Status Check() {
    if (!file_) return NotZip();
    unz_global_info64 info{};
    if (unzGetGlobalInfo64(file_, &info) != UNZ_OK) return NotZip();
    if (info.number_entry > 10'000) return TooLarge("parts", info.number_entry);
    return OkStatus();
  }

  //! The part, or nullopt when the archive has none of that name (part names ignore case, as OPC says).
  Result<std::optional<std::string>> Read(const std::string& name) {
    if (unzLocateFile(file_, name.c_str(), 2) != UNZ_OK) return std::optional<std::string>();
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(file_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) return NotZip();
    if (info.flag & 1u) return NotZip();  // encrypted entry
    if (info.uncompressed_size > budget_) return TooLarge("bytes", info.uncompressed_size);
    if (unzOpenCurrentFile(file_) != UNZ_OK) return NotZip();
    std::string out;
    char buffer[1 << 16];
    for (;;) {
      const int n = unzReadCurrentFile(file_, buffer, sizeof buffer);
      if (n < 0) {
        unzCloseCurrentFile(file_);
        return NotZip();
      }
      if (n == 0) break;
      // The sizes in the archive may lie: the budget counts what really comes out.
      if (out.size() + static_cast<std::size_t>(n) > budget_) {
        unzCloseCurrentFile(file_);
        return TooLarge("bytes", out.size() + static_cast<std::size_t>(n));
      }
      out.append(buffer, static_cast<std::size_t>(n));
    }
    if (unzCloseCurrentFile(file_) != UNZ_OK) return NotZip();  // a bad CRC
    budget_ -= out.size();
    return std::optional<std::string>(std::move(out));
  }

 private:
  Memory memory_;
  zlib_filefunc64_def funcs_{};
  unzFile file_ = nullptr;
  std::size_t budget_;
};

// ---- XML parts, streamed

void IgnoreXmlError(void*, xmlErrorPtr) {}

class Xml {
 public:
  Xml(const std::string& text, std::string part) : part_(std::move(part)) {
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
    // No network, no entity substitution, no messages on stderr; a DOCTYPE is refused below.
    reader_ = xmlReaderForMemory(text.data(), static_cast<int>(text.size()), nullptr, nullptr,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (reader_) xmlTextReaderSetStructuredErrorHandler(reader_, IgnoreXmlError, nullptr);
  }
  ~Xml() {
    if (reader_) xmlFreeTextReader(reader_);
  }
  Xml(const Xml&) = delete;
  Xml& operator=(const Xml&) = delete;

  //! The next node; false at the end of the part.
  Result<bool> Next() {
    if (!reader_) return Bad();
    const int r = xmlTextReaderRead(reader_);
    if (r == 0) return false;
    if (r < 0 || Type() == XML_READER_TYPE_DOCUMENT_TYPE) return Bad();
    return true;
  }
  int Type() const { return xmlTextReaderNodeType(reader_); }
  bool IsStart(std::string_view name) const { return Type() == XML_READER_TYPE_ELEMENT && Name() == name; }
  bool IsEnd(std::string_view name) const { return Type() == XML_READER_TYPE_END_ELEMENT && Name() == name; }
  bool IsText() const {
    const int t = Type();
    return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA || t == XML_READER_TYPE_WHITESPACE ||
           t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
  }
  //! Without its namespace prefix: generators differ in prefixes ("x:c").
  std::string_view Name() const {
    const xmlChar* n = xmlTextReaderConstLocalName(reader_);
    return n ? std::string_view(reinterpret_cast<const char*>(n)) : std::string_view();
  }
  bool Empty() const { return xmlTextReaderIsEmptyElement(reader_) == 1; }
  std::string_view Value() const {
    const xmlChar* v = xmlTextReaderConstValue(reader_);
    return v ? std::string_view(reinterpret_cast<const char*>(v)) : std::string_view();
  }
  //! The attribute of that local name (any namespace), or nullopt.
  std::optional<std::string> Attr(std::string_view local) {
    std::optional<std::string> found;
    for (int ok = xmlTextReaderMoveToFirstAttribute(reader_); ok == 1; ok = xmlTextReaderMoveToNextAttribute(reader_))
      if (Name() == local) {
        found = std::string(Value());
        break;
      }
    xmlTextReaderMoveToElement(reader_);
    return found;
  }
  Error Bad() const {
    const int line = reader_ ? xmlTextReaderGetParserLineNumber(reader_) : 0;
    return MakeError(ErrorKind::kInvalidInput, "xlsx_bad_xml",
                     fmt::format("Phần \"{}\" của bảng tính không phải XML hợp lệ (dòng {}).", part_, line),
                     fmt::format("The workbook's part \"{}\" is not well-formed XML (line {}).", part_, line))
        .WithDetail("part", boost::json::string(part_))
        .WithDetail("line", line);
  }

 private:
  xmlTextReaderPtr reader_ = nullptr;
  std::string part_;
};

// ---- package relationships

std::string Folder(const std::string& part) {
  const auto slash = part.rfind('/');
  return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

//! A relationship's target as a part name: absolute ("/xl/…") or relative to the source's folder, ".." resolved.
std::string Resolve(const std::string& source, std::string_view target) {
  std::string path = !target.empty() && target[0] == '/' ? std::string(target.substr(1))
                                                         : Folder(source) + std::string(target);
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    const std::string seg = path.substr(start, end - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

struct Relationship {
  std::string id, type, target;
};

//! The relationships of `part` (its _rels/NAME.rels), targets resolved; none when there is no such file.
Result<std::vector<Relationship>> RelationshipsOf(Archive& zip, const std::string& part) {
  const auto slash = part.rfind('/');
  const std::string rels = slash == std::string::npos ? "_rels/" + part + ".rels"
                                                      : part.substr(0, slash + 1) + "_rels/" + part.substr(slash + 1) + ".rels";
  auto text = DANVAN_TRY(zip.Read(rels));
  std::vector<Relationship> out;
  if (!text) return out;
  Xml xml(*text, rels);
  while (DANVAN_TRY(xml.Next())) {
    if (!xml.IsStart("Relationship")) continue;
    if (xml.Attr("TargetMode").value_or("") == "External") continue;
    out.push_back({xml.Attr("Id").value_or(""), xml.Attr("Type").value_or(""),
                   Resolve(part, xml.Attr("Target").value_or(""))});
  }
  return out;
}

const Relationship* OfType(const std::vector<Relationship>& rels, std::string_view suffix) {
  for (const auto& r : rels)
    if (r.type.size() >= suffix.size() && r.type.compare(r.type.size() - suffix.size(), suffix.size(), suffix) == 0)
      return &r;
  return nullptr;
}

// ---- cell values

//! _xHHHH_ escapes (ST_Xstring): Excel writes a carriage return as _x000D_, a literal "_x" as _x005F_x.
std::string DecodeEscapes(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  for (size_t i = 0; i < s.size();) {
    unsigned cp = 0;
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_' &&
        std::from_chars(s.data() + i + 2, s.data() + i + 6, cp, 16).ptr == s.data() + i + 6 &&
        !(cp >= 0xD800 && cp <= 0xDFFF)) {
      if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
      } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      } else {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      }
      i += 7;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

//! A number format that shows a date or a time: d, m, y, h or s outside quoted text, escapes, fills, paddings and
//! [brackets] (colours, locales), or an elapsed-time bracket such as [h]. Only the first section counts.
bool IsDateFormat(std::string_view code) {
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') return false;
    if (c == '"') {
      const auto end = code.find('"', i + 1);
      if (end == std::string_view::npos) return false;
      i = end;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const auto end = code.find(']', i + 1);
      if (end == std::string_view::npos) return false;
      const auto inside = code.substr(i + 1, end - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) return true;
      i = end;
    } else if (std::strchr("dDmMyYhHsS", c) != nullptr && c != '\0') {
      return true;
    }
  }
  return false;
}

bool IsBuiltInDateFormat(int id) { return (id >= 14 && id <= 22) || (id >= 45 && id <= 47); }

std::string FormatNumber(double x) {
  if (x == std::floor(x) && std::fabs(x) < 1e15) return fmt::format("{}", static_cast<int64_t>(x));
  return fmt::format("{}", x);
}

//! A serial date of the workbook's system as "yyyy-mm-dd[ hh:mm[:ss]]"; nullopt when out of the calendar's range.
std::optional<std::string> FormatSerialDate(double serial, bool system_1904) {
  using namespace std::chrono;
  if (!(serial >= 0) || serial > 2958466) return std::nullopt;
  auto days = static_cast<int64_t>(std::floor(serial));
  auto seconds = static_cast<int64_t>(std::llround((serial - static_cast<double>(days)) * 86400.0));
  if (seconds >= 86400) {
    ++days;
    seconds -= 86400;
  }
  std::string time;
  if (seconds != 0) {
    time = seconds % 60 ? fmt::format("{:02d}:{:02d}:{:02d}", seconds / 3600, seconds / 60 % 60, seconds % 60)
                        : fmt::format("{:02d}:{:02d}", seconds / 3600, seconds / 60 % 60);
  }
  std::string date;
  if (system_1904) {
    date = danvan::Date(year_month_day{sys_days{year{1904} / 1 / 1} + std::chrono::days{days}}).Iso();
  } else if (days == 0) {
    return time.empty() ? std::string("00:00") : time;  // a time of day alone
  } else if (days == 60) {
    date = "1900-02-29";  // Lotus 1-2-3's leap day, kept by Excel: no such date, and the import says so
  } else {
    // Serial 1 is 01/01/1900; past the fictitious 29/02/1900 every serial is one day ahead.
    date = danvan::Date(year_month_day{sys_days{year{1899} / 12 / (days < 60 ? 31 : 30)} + std::chrono::days{days}}).Iso();
  }
  return time.empty() ? date : date + " " + time;
}

//! "C12" → column 3 (1-based); 0 for a malformed reference.
int ColumnOf(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size() && i < 4; ++i) {
    const char c = ref[i];
    if (c >= 'A' && c <= 'Z') col = col * 26 + (c - 'A' + 1);
    else if (c >= 'a' && c <= 'z') col = col * 26 + (c - 'a' + 1);
    else break;
  }
  if (i == 0 || i == 4 || i == ref.size()) return 0;
  for (size_t j = i; j < ref.size(); ++j)
    if (ref[j] < '0' || ref[j] > '9') return 0;
  return col;
}

std::string ColumnName(int col) {
  std::string s;
  for (; col > 0; col = (col - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (col - 1) % 26));
  return s;
}

std::optional<int64_t> ToInt(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// ---- the parts

Result<std::vector<std::string>> ReadSharedStrings(const std::string& text, const std::string& part,
                                                   std::size_t max_strings) {
  std::vector<std::string> out;
  Xml xml(text, part);
  std::string current;
  bool in_si = false, in_t = false;
  int in_phonetic = 0;
  while (DANVAN_TRY(xml.Next())) {
    if (xml.IsStart("si")) {
      current.clear();
      in_si = true;
      if (xml.Empty()) {
        out.emplace_back();
        in_si = false;
      }
    } else if (xml.IsEnd("si")) {
      out.push_back(DecodeEscapes(std::move(current)));
      current.clear();
      in_si = false;
    } else if (xml.IsStart("t")) {
      in_t = !xml.Empty();
    } else if (xml.IsEnd("t")) {
      in_t = false;
    } else if (xml.IsStart("rPh")) {
      if (!xml.Empty()) ++in_phonetic;
    } else if (xml.IsEnd("rPh")) {
      --in_phonetic;
    } else if (in_si && in_t && in_phonetic == 0 && xml.IsText()) {
      current += xml.Value();
    }
    if (out.size() > max_strings) return TooLarge("cells", out.size());
  }
  return out;
}

struct Styles {
  std::vector<bool> date_xf;  //!< by cellXfs index
};

Result<Styles> ReadStyles(const std::string& text, const std::string& part) {
  std::map<int64_t, bool> custom;
  std::vector<int64_t> xf_formats;
  Xml xml(text, part);
  bool in_cell_xfs = false;
  while (DANVAN_TRY(xml.Next())) {
    if (xml.IsStart("numFmt")) {
      if (auto id = ToInt(xml.Attr("numFmtId").value_or(""))) custom[*id] = IsDateFormat(xml.Attr("formatCode").value_or(""));
    } else if (xml.IsStart("cellXfs")) {
      in_cell_xfs = !xml.Empty();
    } else if (xml.IsEnd("cellXfs")) {
      in_cell_xfs = false;
    } else if (in_cell_xfs && xml.IsStart("xf")) {
      xf_formats.push_back(ToInt(xml.Attr("numFmtId").value_or("0")).value_or(0));
      if (xf_formats.size() > 100'000) return TooLarge("styles", xf_formats.size());
    }
  }
  Styles s;
  for (auto id : xf_formats) {
    auto it = custom.find(id);
    s.date_xf.push_back(it != custom.end() ? it->second : IsBuiltInDateFormat(static_cast<int>(id)));
  }
  return s;
}

struct Sheet {
  std::string name, part;
};

}  // namespace

Result<std::vector<CsvRow>> ReadXlsx(std::string_view bytes, const XlsxReadOptions& options) {
  if (!LooksLikeZip(bytes)) return NotZip();
  Archive zip(bytes, options.max_bytes);
  DANVAN_TRY(zip.Check());

  // The package's main part (the workbook), then its sheets, shared strings and styles.
  const auto package = DANVAN_TRY(RelationshipsOf(zip, ""));
  const auto* main = OfType(package, "/officeDocument");
  const std::string workbook_part = main ? main->target : "xl/workbook.xml";
  auto workbook = DANVAN_TRY(zip.Read(workbook_part));
  if (!workbook) return MissingPart(workbook_part);
  const auto rels = DANVAN_TRY(RelationshipsOf(zip, workbook_part));

  bool system_1904 = false;
  std::vector<Sheet> sheets;
  {
    Xml xml(*workbook, workbook_part);
    while (DANVAN_TRY(xml.Next())) {
      if (xml.IsStart("workbookPr")) {
        const auto v = xml.Attr("date1904").value_or("");
        system_1904 = v == "1" || v == "true";
      } else if (xml.IsStart("sheet")) {
        const auto id = xml.Attr("id").value_or("");  // r:id
        for (const auto& r : rels)
          if (r.id == id) sheets.push_back({xml.Attr("name").value_or(""), r.target});
      }
    }
  }
  const Sheet* sheet = nullptr;
  for (const auto& s : sheets)
    if (options.sheet.empty() || s.name == options.sheet) {
      sheet = &s;
      break;
    }
  if (!sheet) {
    if (options.sheet.empty()) return MissingPart(workbook_part + " (sheets)");
    return MakeError(ErrorKind::kInvalidInput, "xlsx_sheet_not_found",
                     fmt::format("Bảng tính không có trang \"{}\".", options.sheet),
                     fmt::format("The workbook has no sheet \"{}\".", options.sheet))
        .WithDetail("sheet", boost::json::string(options.sheet));
  }

  std::vector<std::string> shared;
  if (const auto* r = OfType(rels, "/sharedStrings")) {
    auto text = DANVAN_TRY(zip.Read(r->target));
    if (!text) return MissingPart(r->target);
    shared = DANVAN_TRY(ReadSharedStrings(*text, r->target, options.max_cells));
  }
  Styles styles;
  if (const auto* r = OfType(rels, "/styles")) {
    auto text = DANVAN_TRY(zip.Read(r->target));
    if (!text) return MissingPart(r->target);
    styles = DANVAN_TRY(ReadStyles(*text, r->target));
  }
  auto text = DANVAN_TRY(zip.Read(sheet->part));
  if (!text) return MissingPart(sheet->part);

  std::vector<CsvRow> rows;
  Xml xml(*text, sheet->part);
  bool in_data = false, in_row = false, in_cell = false, in_v = false, in_is = false, in_t = false;
  int in_phonetic = 0;
  int64_t row_number = 0;
  int last_col = 0, col = 0;
  std::size_t cells = 0;
  CsvRow row;
  std::string type, value, inline_text;
  std::optional<int64_t> style;

  auto cell_name = [&] { return fmt::format("{}{}", ColumnName(col), row_number); };
  auto end_row = [&]() -> Status {
    if (!row.fields.empty()) {
      rows.push_back(std::move(row));
      if (rows.size() > static_cast<std::size_t>(options.max_rows)) return TooLarge("rows", rows.size());
    }
    row = CsvRow{};
    in_row = false;
    return OkStatus();
  };
  auto end_cell = [&]() -> Status {
    in_cell = false;
    std::string out;
    if (type == "s") {
      if (!value.empty()) {
        const auto index = ToInt(value);
        if (!index || *index < 0 || static_cast<std::size_t>(*index) >= shared.size())
          return InvalidCell(cell_name(), "chuỗi dùng chung không tồn tại.", "no such shared string.");
        out = shared[static_cast<std::size_t>(*index)];
      }
    } else if (type == "inlineStr") {
      out = DecodeEscapes(inline_text);
    } else if (type == "str" || type == "e") {
      out = DecodeEscapes(value);
    } else if (type == "b") {
      if (!value.empty()) out = value == "1" || value == "true" ? "TRUE" : "FALSE";
    } else if (type == "d") {
      // An ISO 8601 date (strict files): the date, with the time of day when there is one.
      out = value.substr(0, 10);
      if (value.size() >= 16 && value[10] == 'T') {
        const std::string time = value.substr(11, value.size() >= 19 && value.substr(16, 3) != ":00" ? 8 : 5);
        if (time != "00:00") out += " " + time;
      }
    } else if (!value.empty()) {  // a number ("n", or no type)
      double x = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), x);
      if (ec != std::errc() || p != value.data() + value.size() || !std::isfinite(x))
        return InvalidCell(cell_name(), fmt::format("\"{}\" không phải là số.", value),
                           fmt::format("\"{}\" is not a number.", value));
      const bool is_date = style && *style >= 0 && static_cast<std::size_t>(*style) < styles.date_xf.size() &&
                           styles.date_xf[static_cast<std::size_t>(*style)];
      std::optional<std::string> date = is_date ? FormatSerialDate(x, system_1904) : std::nullopt;
      out = date ? *date : FormatNumber(x);
    }
    if (out.empty()) return OkStatus();
    const auto before = row.fields.size();
    row.fields.resize(static_cast<std::size_t>(col - 1));
    row.fields.push_back(std::move(out));
    cells += row.fields.size() - before;
    if (cells > options.max_cells) return TooLarge("cells", cells);
    return OkStatus();
  };

  while (DANVAN_TRY(xml.Next())) {
    if (!in_data) {
      if (xml.IsStart("sheetData") && !xml.Empty()) in_data = true;
      continue;
    }
    if (xml.IsEnd("sheetData")) break;
    if (xml.IsStart("row")) {
      const auto r = xml.Attr("r");
      const auto n = r ? ToInt(*r) : std::optional<int64_t>(row_number + 1);
      if (!n || *n <= row_number || *n > 1'048'576)
        return InvalidCell(fmt::format("A{}", r.value_or("?")), "số dòng sai hoặc không theo thứ tự.",
                           "a row number out of order or out of range.");
      row_number = *n;
      row = CsvRow{static_cast<int>(row_number), {}};
      last_col = 0;
      in_row = true;
      if (xml.Empty()) DANVAN_TRY(end_row());
    } else if (xml.IsEnd("row")) {
      DANVAN_TRY(end_row());
    } else if (in_row && xml.IsStart("c")) {
      const auto r = xml.Attr("r");
      col = r ? ColumnOf(*r) : last_col + 1;
      if (col <= last_col) {
        col = std::max(col, 1);
        return InvalidCell(r.value_or(cell_name()), "ô sai tên hoặc không theo thứ tự.",
                           "a cell reference malformed or out of order.");
      }
      if (col > options.max_columns) return TooLarge("columns", static_cast<std::size_t>(col));
      last_col = col;
      type = xml.Attr("t").value_or("n");
      const auto s = xml.Attr("s");
      style = s ? ToInt(*s) : std::nullopt;
      value.clear();
      inline_text.clear();
      in_cell = true;
      in_v = in_is = in_t = false;
      in_phonetic = 0;
      if (xml.Empty()) DANVAN_TRY(end_cell());
    } else if (in_cell && xml.IsEnd("c")) {
      DANVAN_TRY(end_cell());
    } else if (in_cell && xml.IsStart("v")) {
      in_v = !xml.Empty();
    } else if (xml.IsEnd("v")) {
      in_v = false;
    } else if (in_cell && xml.IsStart("is")) {
      in_is = !xml.Empty();
    } else if (xml.IsEnd("is")) {
      in_is = false;
    } else if (in_is && xml.IsStart("t")) {
      in_t = !xml.Empty();
    } else if (xml.IsEnd("t")) {
      in_t = false;
    } else if (in_is && xml.IsStart("rPh")) {
      if (!xml.Empty()) ++in_phonetic;
    } else if (xml.IsEnd("rPh")) {
      --in_phonetic;
    } else if (xml.IsText()) {
      if (in_v) value += xml.Value();
      else if (in_is && in_t && in_phonetic == 0) inline_text += xml.Value();
      if (value.size() + inline_text.size() > 1'000'000) return TooLarge("bytes", value.size() + inline_text.size());
    }
  }
  if (in_row) DANVAN_TRY(end_row());
  return rows;
}

}  // namespace danvan::documents
