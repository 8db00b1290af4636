#pragma once
// Reading SOCI rows the same way on both backends, whose integer column types differ.

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <soci/soci.h>

#include "core/date.hpp"

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

//! A stored 'YYYY-MM-DD'; a malformed one is a broken database, not bad input.
inline Date RowDate(const soci::row& r, std::size_t i) {
  auto d = Date::Parse(r.get<std::string>(i));
  if (!d) throw std::runtime_error("a stored date is malformed: " + r.get<std::string>(i));
  return d.value();
}

inline std::optional<Date> RowOptDate(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) != soci::i_ok) return std::nullopt;
  return RowDate(r, i);
}

inline std::optional<int64_t> RowOptInt(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) != soci::i_ok) return std::nullopt;
  return RowInt(r, i);
}

//! REAL (SQLite) and DOUBLE PRECISION (PostgreSQL) both come back as dt_double; a whole number stored by SQLite may
//! come back as an integer.
inline double RowDouble(const soci::row& r, std::size_t i) {
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_double: return r.get<double>(i);
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_long_long: return static_cast<double>(r.get<long long>(i));
    default: return std::stod(r.get<std::string>(i));
  }
}

inline std::optional<double> RowOptDouble(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) != soci::i_ok) return std::nullopt;
  return RowDouble(r, i);
}

//! LIKE pattern for a substring match; the SQL declares '!' as the escape character.
inline std::string ContainsPattern(const std::string& folded) {
  std::string p = "%";
  for (char c : folded) {
    if (c == '%' || c == '_' || c == '!') p.push_back('!');
    p.push_back(c);
  }
  return p + "%";
}

//! "1,2,3": a list of ids bound as one text parameter (see the *ByIds queries).
inline std::string IdList(const std::vector<int64_t>& ids) { return fmt::format("{}", fmt::join(ids, ",")); }

}  // namespace danvan
