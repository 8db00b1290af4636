#pragma once
//! The Vietnamese lunar calendar (âm lịch), computed astronomically: months begin on the day of the new moon in
//! local time, month 11 holds the winter solstice, and in a year of 13 months the first month without a major
//! solar term (trung khí) is the leap month. Local time is a parameter because Việt Nam (UTC+7) and China
//! (UTC+8) put some new moons on different days, so their calendars differ in some years (Tết 1985, 2007).

#include "core/date.hpp"

#include <compare>
#include <optional>

namespace danvan {

struct LunarDate {
  int year = 0;             //!< the lunar year: Tết of `year` falls in the solar year `year`
  int month = 0;            //!< 1..12 (tháng Giêng .. tháng Chạp)
  int day = 0;              //!< 1..30
  bool leap_month = false;  //!< tháng nhuận: the month repeated after `month`
  auto operator<=>(const LunarDate&) const = default;
};

//! The lunar date of a solar date; utc_offset_hours 7 for Việt Nam (8 gives China's calendar). Valid 1800–2199.
LunarDate SolarToLunar(const Date& solar, double utc_offset_hours = 7.0);

//! The solar date of a lunar date; nullopt when that lunar date does not exist (a 30th in a 29-day month, a leap
//! month that year lacks).
std::optional<Date> LunarToSolar(int lunar_year, int month, int day, bool leap_month = false,
                                 double utc_offset_hours = 7.0);

//! Days in a lunar month (29 or 30), nullopt if no such month.
std::optional<int> LunarMonthLength(int lunar_year, int month, bool leap_month = false,
                                    double utc_offset_hours = 7.0);

}  // namespace danvan
