#pragma once
//! Calendar dates: stored as "YYYY-MM-DD", shown as "dd/mm/yyyy".

#include "core/error.hpp"
#include "core/time.hpp"

#include <chrono>
#include <compare>
#include <string>
#include <string_view>

namespace danvan {

class Date {
 public:
  Date() = default;
  explicit Date(std::chrono::year_month_day ymd) : ymd_(ymd) {}
  static Date FromYmd(int y, unsigned m, unsigned d) {
    return Date(std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}});
  }
  //! "2022-10-13" (ISO, as stored and sent by the API) or "13/10/2022" (as people write it).
  static Result<Date> Parse(std::string_view text, std::string_view field = "date");
  //! Today in Vietnam's time (+07:00).
  static Date TodayInVietnam(TimePoint now);

  std::string Iso() const;         //!< "2022-10-13"
  std::string Vietnamese() const;  //!< "13/10/2022"
  int year() const { return static_cast<int>(ymd_.year()); }
  unsigned month() const { return static_cast<unsigned>(ymd_.month()); }
  unsigned day() const { return static_cast<unsigned>(ymd_.day()); }
  std::chrono::sys_days days() const { return std::chrono::sys_days(ymd_); }

  auto operator<=>(const Date& o) const { return days() <=> o.days(); }
  bool operator==(const Date& o) const { return days() == o.days(); }

 private:
  std::chrono::year_month_day ymd_{std::chrono::year{1970}, std::chrono::month{1}, std::chrono::day{1}};
};

}  // namespace danvan
