#include "core/date.hpp"

#include <fmt/format.h>

#include <charconv>

namespace danvan {
namespace {

bool ReadInt(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc();
}

}  // namespace

Result<Date> Date::Parse(std::string_view text, std::string_view field) {
  int y = 0, m = 0, d = 0;
  bool shaped = false;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    shaped = ReadInt(text.substr(0, 4), y) && ReadInt(text.substr(5, 2), m) && ReadInt(text.substr(8, 2), d);
  } else if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
    shaped = ReadInt(text.substr(0, 2), d) && ReadInt(text.substr(3, 2), m) && ReadInt(text.substr(6, 4), y);
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!shaped || !ymd.ok() || y < 1900 || y > 2200)
    return MakeError(ErrorKind::kInvalidInput, "invalid_date",
                     fmt::format("Ngày \"{}\" ở trường \"{}\" không hợp lệ (dạng dd/mm/yyyy).", text, field),
                     fmt::format("The date \"{}\" in \"{}\" is not valid (use dd/mm/yyyy or yyyy-mm-dd).", text,
                                 field))
        .WithDetail("field", boost::json::string(field));
  return Date(ymd);
}

Date Date::TodayInVietnam(TimePoint now) {
  return Date(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now + std::chrono::hours(7))});
}

// By hand: every unit, person and event in a JSON answer carries dates, and fmt's parsing of the format string
// cost more than the rest of the conversion. Years outside 0–9999 (never parsed) still go through fmt.
std::string Date::Iso() const {
  const int y = year(), m = static_cast<int>(month()), d = static_cast<int>(day());
  if (y < 0 || y > 9999) return fmt::format("{:04d}-{:02d}-{:02d}", y, m, d);
  std::string out(10, '-');
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + d / 10);
  out[9] = static_cast<char>('0' + d % 10);
  return out;
}

std::string Date::Vietnamese() const { return fmt::format("{:02d}/{:02d}/{:04d}", day(), month(), year()); }

}  // namespace danvan
