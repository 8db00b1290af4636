#pragma once
// Reading SOCI rows the same way on both backends, whose integer column types differ.

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

namespace danvan {

inline long long RowInt(const soci::row& r, std::size_t i) {
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_long_long:
      return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<long long>(r.get<double>(i));
    default:
      return std::stoll(r.get<std::string>(i));
  }
}

inline std::optional<std::string> RowOptString(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) != soci::i_ok) return std::nullopt;
  return r.get<std::string>(i);
}

//! "1,2,3": a list of ids bound as one text parameter (see the *ByIds queries).
inline std::string IdList(const std::vector<int64_t>& ids) { return fmt::format("{}", fmt::join(ids, ",")); }

}  // namespace danvan
