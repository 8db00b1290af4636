#pragma once
//! Text helpers that every layer needs.

#include <string>
#include <string_view>

namespace danvan {

//! True when s is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

//! True when s holds a C0 control character (NUL, tab and line breaks included) or DEL: not one line of text.
bool HasControlCharacter(std::string_view s);

}  // namespace danvan
