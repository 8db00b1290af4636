#pragma once
//! Helpers every domain rule uses to say what is wrong with an input.

#include "core/error.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

namespace danvan {

//! A kInvalidInput error naming the offending field in details.field.
inline Error InvalidField(std::string code, std::string vi, std::string en, std::string_view field) {
  return MakeError(ErrorKind::kInvalidInput, std::move(code), std::move(vi), std::move(en))
      .WithDetail("field", boost::json::string(field));
}

//! Characters (code points) of well-formed UTF-8: what length limits count.
inline size_t CountChars(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

//! The value of an enum whose ToString is `s`, among `values`.
template <class E, size_t N>
std::optional<E> ParseEnum(std::string_view s, const E (&values)[N]) {
  for (E v : values)
    if (ToString(v) == s) return v;
  return std::nullopt;
}

}  // namespace danvan
