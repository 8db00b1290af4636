#include "documents/pdf/format.hpp"

#include <fmt/format.h>
#include <fontconfig/fontconfig.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cmath>
#include <map>
#include <mutex>
#include <strings.h>

namespace danvan::documents {

DocumentFormat StateFormat() { return DocumentFormat{}; }

DocumentFormat PartyFormat() {
  DocumentFormat f;
  f.system = DocumentSystem::kParty;
  f.sizes.national_title = 15;
  f.sizes.superior = 14;
  f.sizes.issuer = 14;
  f.sizes.number = 14;
  f.sizes.type = 15;
  f.sizes.recipients_label = 14;
  f.sizes.recipients = 12;
  // Moved in, not assigned from a literal: GCC 12 takes the inlined assign for a copy of 2^63 bytes (-Warray-bounds).
  f.number_label = std::string("Số ");
  f.issuer_mark = std::string("*");
  f.national_title_underlined = true;
  f.recipients_label_bold_italic = false;
  f.legal_bases_italic = false;
  return f;
}

DocumentFormat FormatFor(DocumentSystem system) {
  return system == DocumentSystem::kParty ? PartyFormat() : StateFormat();
}

std::string PlaceAndDate(std::string_view place, const Date& date) {
  const unsigned day = date.day();
  const unsigned month = date.month();
  return fmt::format("{}, ngày {}{} tháng {}{} năm {}", place, day < 10 ? "0" : "", day, month < 3 ? "0" : "", month,
                     date.year());
}

std::string FormatMoney(int64_t amount) {
  std::string digits = std::to_string(amount < 0 ? -amount : amount);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return amount < 0 ? "-" + out : out;
}

std::string FormatDecimal(double value, int decimals) {
  std::string s = fmt::format("{:.{}f}", value, decimals);
  for (char& c : s)
    if (c == '.') c = ',';
  return s;
}

std::string UpperVietnamese(std::string_view text) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())))
      .toUpper(icu::Locale("vi"))
      .toUTF8String(out);
  return out;
}

Status CheckFont(const std::string& family) {
  static std::mutex mutex;
  static std::map<std::string, bool> known;
  std::lock_guard lock(mutex);
  auto it = known.find(family);
  if (it == known.end()) {
    bool found = false;
    FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(family.c_str()));
    FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result;
    if (FcPattern* match = FcFontMatch(nullptr, pattern, &result)) {
      FcChar8* name = nullptr;
      for (int i = 0; !found && FcPatternGetString(match, FC_FAMILY, i, &name) == FcResultMatch; ++i)
        found = strcasecmp(reinterpret_cast<const char*>(name), family.c_str()) == 0;
      FcPatternDestroy(match);
    }
    FcPatternDestroy(pattern);
    it = known.emplace(family, found).first;
  }
  if (it->second) return OkStatus();
  return MakeError(ErrorKind::kInternal, "font_unavailable",
                   "Máy chủ thiếu phông chữ \"" + family + "\" để tạo văn bản (cài gói fonts-liberation2).",
                   "The server lacks the font \"" + family + "\" needed for documents (install fonts-liberation2).")
      .WithDetail("font", boost::json::string(family));
}

}  // namespace danvan::documents
