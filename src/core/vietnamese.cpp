#include "core/vietnamese.hpp"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>
#include <vector>

namespace danvan {
namespace {

// ---------------------------------------------------------------------------------------------
// Folding
//
// Design: Normalizer2 + per-code-point property checks, not an icu::Transliterator.
//  * Normalizer2 instances returned by getNFDInstance()/getNFCInstance() are immutable ICU-owned
//    singletons, and u_charType/u_isUWhiteSpace/u_tolower are pure functions over read-only data,
//    so one shared set is safe for any number of threads with no locks and no per-thread state.
//    A Transliterator ("NFD; [:Nonspacing Mark:] Remove; Lower; NFC") is mutable and would need a
//    clone per thread (thread_local), plus a separate rule for đ/Đ anyway.
//  * It is also faster: a compound transliterator makes a pass over the text per step, with
//    UnicodeSet filter matching; here it is NFD, one loop, and NFC (usually only a quick check),
//    and plain ASCII input never touches ICU at all.
// ---------------------------------------------------------------------------------------------

struct Normalizers {
  const icu::Normalizer2* nfd;
  const icu::Normalizer2* nfc;
};

const Normalizers& GetNormalizers() {
  static const Normalizers n = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) {
      throw std::runtime_error(std::string("ICU normalization data unavailable: ") + u_errorName(status));
    }
    return Normalizers{nfd, nfc};
  }();
  return n;
}

constexpr bool IsAsciiSpace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// The same fold for pure ASCII: lower case and collapse whitespace. ASCII has no marks, no đ and
// nothing that normalization changes, so this is exactly what the ICU path would produce.
std::string FoldAscii(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsAsciiSpace(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
  }
  return out;
}

icu::UnicodeString FromUtf8(std::string_view utf8) {
  if (utf8.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    throw std::length_error("text too long for ICU (over 2 GiB)");
  }
  // Ill-formed sequences become U+FFFD; nothing is read past the end.
  return icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

// ---------------------------------------------------------------------------------------------
// Collation
//
// ICU documents that service objects such as Collator are safe for concurrent use when every
// thread calls only const APIs (getSortKey is const), and RuleBasedCollator has been written that
// way since the ICU 53 rewrite. We still give each thread its own clone: a clone shares the
// immutable tailoring data and costs one small allocation per thread, and it keeps us safe even
// if a future change (or an ICU build) mutates a collator, e.g. via setAttribute.
// ---------------------------------------------------------------------------------------------

const icu::Collator& VietnamesePrototype() {
  static const std::unique_ptr<icu::Collator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("vi"), status));
    // U_USING_DEFAULT_WARNING means the "vi" tailoring is missing and we got root order, which
    // would silently sort ă/â/ê/ô/ơ/ư as accents of a/e/o/u: refuse rather than mis-sort.
    if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING || !c) {
      throw std::runtime_error(std::string("ICU Vietnamese collation unavailable: ") + u_errorName(status));
    }
    // CLDR's "vi" rules already say [normalization on]; set it explicitly because decomposed input
    // with tone and vowel marks in non-canonical order must sort like the precomposed text.
    c->setAttribute(UCOL_NORMALIZATION_MODE, UCOL_ON, status);
    if (U_FAILURE(status)) {
      throw std::runtime_error(std::string("ICU collator setup failed: ") + u_errorName(status));
    }
    return c;
  }();
  return *prototype;
}

const icu::Collator& ThreadCollator() {
  thread_local const std::unique_ptr<icu::Collator> collator(VietnamesePrototype().clone());
  if (!collator) throw std::runtime_error("ICU collator clone failed");
  return *collator;
}

// Lower-case hex, two digits per byte: '0'-'9' < 'a'-'f' in ASCII, so byte order is kept.
std::string Hex(const uint8_t* bytes, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(n * 2, '\0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0x0F];
  }
  return out;
}

}  // namespace

std::string FoldForSearch(std::string_view utf8) {
  bool ascii = true;
  for (const char ch : utf8) {
    if (static_cast<unsigned char>(ch) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return FoldAscii(utf8);

  const Normalizers& norm = GetNormalizers();
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString decomposed = norm.nfd->normalize(FromUtf8(utf8), status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("NFD failed: ") + u_errorName(status));

  icu::UnicodeString folded;
  const char16_t* p = decomposed.getBuffer();
  const int32_t len = decomposed.length();
  bool pending_space = false;
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U16_NEXT(p, i, len, c);
    if (u_isUWhiteSpace(c)) {
      pending_space = true;
      continue;
    }
    // Tone marks and vowel marks (and any other Mn, including emoji variation selectors).
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x0110 || c == 0x0111) {
      c = u'd';  // Đ/đ have no decomposition: the stroke is not a combining mark.
    } else {
      c = u_tolower(c);
    }
    if (pending_space && !folded.isEmpty()) folded.append(static_cast<char16_t>(u' '));
    pending_space = false;
    folded.append(c);
  }

  // Recompose what NFD split apart and we kept (Hangul syllables, spacing marks, …).
  const int32_t done = norm.nfc->spanQuickCheckYes(folded, status);
  if (U_SUCCESS(status) && done < folded.length()) {
    icu::UnicodeString composed = norm.nfc->normalize(folded, status);
    if (U_SUCCESS(status)) folded = std::move(composed);
  }
  if (U_FAILURE(status)) throw std::runtime_error(std::string("NFC failed: ") + u_errorName(status));

  std::string out;
  out.reserve(static_cast<size_t>(folded.length()));
  folded.toUTF8String(out);
  return out;
}

std::string VietnameseSortKey(std::string_view utf8) {
  const icu::UnicodeString text = FromUtf8(utf8);
  const icu::Collator& collator = ThreadCollator();

  std::array<uint8_t, 256> stack_buf;
  int32_t n = collator.getSortKey(text, stack_buf.data(), static_cast<int32_t>(stack_buf.size()));
  const uint8_t* key = stack_buf.data();
  std::vector<uint8_t> heap_buf;
  if (n > static_cast<int32_t>(stack_buf.size())) {
    heap_buf.resize(static_cast<size_t>(n));
    n = collator.getSortKey(text, heap_buf.data(), n);
    key = heap_buf.data();
  }
  if (n <= 0) throw std::runtime_error("ICU could not compute a sort key");
  // getSortKey's length includes the terminating 0x00. No other byte of a key is 0x00, so the
  // terminator only makes a key that is a prefix of another sort first, which byte comparison of
  // the shorter string does anyway: dropping it changes no order.
  return Hex(key, static_cast<size_t>(n - 1));
}

}  // namespace danvan
