#pragma once
//! Vietnamese text: folding for search ("Đường" → "duong") and collation keys for sorting (ICU).
//! Both functions are thread-safe and never read past their input; ill-formed UTF-8 is treated as
//! U+FFFD (so FoldForSearch outputs "\xEF\xBF\xBD" in its place).

#include <string>
#include <string_view>

namespace danvan {

//! Lower case, without diacritics, đ/Đ → d, whitespace collapsed: what search compares.
//! "Phường Lý Thái Tổ" → "phuong ly thai to"; "ĐẢNG ỦY" → "dang uy". Removes every nonspacing mark
//! (tone and vowel marks, but also e.g. the emoji variation selector U+FE0F); other characters,
//! emoji included, pass through lower-cased and NFC.
std::string FoldForSearch(std::string_view utf8);

//! A key whose byte order is Vietnamese alphabetical order (a < ă < â < b … d < đ …), as lower-case
//! hex so that both databases can store it as text and sort it with plain byte comparison (the
//! column must use a binary/"C" collation). Tone marks are a secondary difference (no tone < huyền
//! < hỏi < ngã < sắc < nặng), case a tertiary one (lower first): ICU's "vi" collator decides.
//! Keys are stable for one ICU version only: recompute stored keys when ICU is upgraded.
std::string VietnameseSortKey(std::string_view utf8);

}  // namespace danvan
