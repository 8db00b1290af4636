// The computation follows the method Hồ Ngọc Đức published for the Vietnamese calendar: days are Julian day
// numbers, new moons come from Meeus' series (Astronomical Algorithms, ch. 49, truncated), the sun's longitude
// from his low-precision formula (ch. 25). Both are good to minutes over 1800–2199, which settles the day of every
// new moon and solar term but a handful that fall within minutes of local midnight.

#include "core/lunar.hpp"

#include <cmath>
#include <cstdint>
#include <numbers>

namespace danvan {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kDegree = kPi / 180.0;
constexpr double kSynodicMonth = 29.530588853;
//! The new moon of 1900-01-01 (k = 0 in NewMoon), as a Julian day.
constexpr double kNewMoon1900 = 2415021.076998695;
//! The Julian day number of 1970-01-01, the epoch of sys_days.
constexpr int64_t kJdnUnixEpoch = 2440588;

int64_t JulianDayNumber(const Date& d) { return d.days().time_since_epoch().count() + kJdnUnixEpoch; }

Date FromJulianDayNumber(int64_t jdn) {
  return Date(std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{jdn - kJdnUnixEpoch}}});
}

//! The instant (Julian day, UT) of the k-th new moon after that of 1900-01-01.
double NewMoon(int64_t k) {
  const double kk = static_cast<double>(k);
  const double t = kk / 1236.85;  // Julian centuries since 1900-01-01
  const double t2 = t * t;
  const double t3 = t2 * t;
  double jd = 2415020.75933 + 29.53058868 * kk + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * std::sin((166.56 + 132.87 * t - 0.009173 * t2) * kDegree);
  const double m = (359.2242 + 29.10535608 * kk - 0.0000333 * t2 - 0.00000347 * t3) * kDegree;  // sun's anomaly
  const double mp = (306.0253 + 385.81691806 * kk + 0.0107306 * t2 + 0.00001236 * t3) * kDegree;  // moon's
  const double f = (21.2964 + 390.67050646 * kk - 0.0016528 * t2 - 0.00000239 * t3) * kDegree;  // latitude arg.
  double c = (0.1734 - 0.000393 * t) * std::sin(m) + 0.0021 * std::sin(2 * m);
  c += -0.4068 * std::sin(mp) + 0.0161 * std::sin(2 * mp) - 0.0004 * std::sin(3 * mp);
  c += 0.0104 * std::sin(2 * f) - 0.0051 * std::sin(m + mp) - 0.0074 * std::sin(m - mp);
  c += 0.0004 * std::sin(2 * f + m) - 0.0004 * std::sin(2 * f - m) - 0.0006 * std::sin(2 * f + mp);
  c += 0.0010 * std::sin(2 * f - mp) + 0.0005 * std::sin(2 * mp + m);
  // Terrestrial minus universal time, in days.
  const double delta_t = t < -11 ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
                                 : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + c - delta_t;
}

//! The local day (Julian day number) of the k-th new moon.
int64_t NewMoonDay(int64_t k, double tz) {
  return static_cast<int64_t>(std::floor(NewMoon(k) + 0.5 + tz / 24.0));
}

//! The sun's apparent longitude in radians, [0, 2π), at the Julian day `jd` (UT).
double SunLongitude(double jd) {
  const double t = (jd - 2451545.0) / 36525.0;  // Julian centuries since J2000
  const double t2 = t * t;
  const double m = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * kDegree;
  const double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * std::sin(m) +
                    (0.019993 - 0.000101 * t) * std::sin(2 * m) + 0.000290 * std::sin(3 * m);
  const double l = (l0 + dl) * kDegree;
  return l - 2 * kPi * std::floor(l / (2 * kPi));
}

//! Which of the 12 major solar terms (0 = spring equinox … 9 = winter solstice) the sun has passed at the start of
//! the local day `jdn`: the sector of 30° its longitude lies in.
int SolarTermAtDayStart(int64_t jdn, double tz) {
  return static_cast<int>(std::floor(SunLongitude(static_cast<double>(jdn) - 0.5 - tz / 24.0) / kPi * 6));
}

//! An estimate, from the mean month, of the index k of the new moon that begins the month of the local day `jdn`.
int64_t NewMoonIndexNear(int64_t jdn) {
  return static_cast<int64_t>(std::floor((static_cast<double>(jdn) - kNewMoon1900) / kSynodicMonth));
}

//! The first day (JDN) of month 11 of the lunar year that mostly overlaps the solar year `year`: the month holding
//! the winter solstice of that solar year.
int64_t Month11Start(int year, double tz) {
  const int64_t k = NewMoonIndexNear(JulianDayNumber(Date::FromYmd(year, 12, 31)));
  const int64_t start = NewMoonDay(k, tz);
  // A month that begins after the solstice does not hold it: month 11 began one new moon earlier.
  return SolarTermAtDayStart(start, tz) >= 9 ? NewMoonDay(k - 1, tz) : start;
}

//! In a 13-month span beginning with the month 11 at `month11_start`, the offset (1..12) of the leap month: the
//! first month in which the sun enters no new major term.
int LeapMonthOffset(int64_t month11_start, double tz) {
  const int64_t k = static_cast<int64_t>(
      std::floor((static_cast<double>(month11_start) - kNewMoon1900) / kSynodicMonth + 0.5));
  int i = 1;
  int term = SolarTermAtDayStart(NewMoonDay(k + i, tz), tz);
  int last = 0;
  do {
    last = term;
    ++i;
    term = SolarTermAtDayStart(NewMoonDay(k + i, tz), tz);
  } while (term != last && i < 14);
  return i - 1;
}

//! The index of the new moon that starts a lunar month, or nullopt when the year has no such (leap) month.
std::optional<int64_t> MonthNewMoonIndex(int lunar_year, int month, bool leap_month, double tz) {
  if (month < 1 || month > 12) return std::nullopt;
  // Months 11 and 12 of lunar year Y follow the month 11 that holds the solstice of solar year Y; the others follow
  // the month 11 of solar year Y - 1.
  const int base_year = month >= 11 ? lunar_year : lunar_year - 1;
  const int64_t a11 = Month11Start(base_year, tz);
  const int64_t b11 = Month11Start(base_year + 1, tz);
  int offset = (month - 11 + 12) % 12;
  if (b11 - a11 > 365) {  // 13 months: one is a leap month
    const int leap_offset = LeapMonthOffset(a11, tz);
    const int leap_month_number = (leap_offset + 9) % 12 + 1;  // the month it repeats
    if (leap_month && month != leap_month_number) return std::nullopt;
    if (leap_month || offset >= leap_offset) ++offset;
  } else if (leap_month) {
    return std::nullopt;
  }
  const int64_t k = static_cast<int64_t>(std::floor(0.5 + (static_cast<double>(a11) - kNewMoon1900) / kSynodicMonth));
  return k + offset;
}

}  // namespace

LunarDate SolarToLunar(const Date& solar, double utc_offset_hours) {
  const double tz = utc_offset_hours;
  const int64_t jdn = JulianDayNumber(solar);
  // The mean month only estimates which new moon began this month: true new moons stray from it by up to
  // half a day, so step to the last one on or before the day.
  int64_t k = NewMoonIndexNear(jdn);
  while (NewMoonDay(k, tz) > jdn) --k;
  while (NewMoonDay(k + 1, tz) <= jdn) ++k;
  const int64_t month_start = NewMoonDay(k, tz);
  const int year = solar.year();
  int64_t a11 = Month11Start(year, tz);
  int64_t b11 = a11;
  LunarDate out;
  if (a11 >= month_start) {  // before this year's month 11: the span began at last year's
    out.year = year;
    a11 = Month11Start(year - 1, tz);
  } else {
    out.year = year + 1;
    b11 = Month11Start(year + 1, tz);
  }
  out.day = static_cast<int>(jdn - month_start + 1);
  const int diff = static_cast<int>((month_start - a11) / 29);  // months since month 11
  out.month = diff + 11;
  if (b11 - a11 > 365) {
    const int leap_offset = LeapMonthOffset(a11, tz);
    if (diff >= leap_offset) {
      out.month = diff + 10;
      out.leap_month = diff == leap_offset;
    }
  }
  if (out.month > 12) out.month -= 12;
  // Months 11 and 12 at the start of the span belong to the lunar year before.
  if (out.month >= 11 && diff < 4) out.year -= 1;
  return out;
}

std::optional<Date> LunarToSolar(int lunar_year, int month, int day, bool leap_month, double utc_offset_hours) {
  const auto k = MonthNewMoonIndex(lunar_year, month, leap_month, utc_offset_hours);
  if (!k || day < 1) return std::nullopt;
  const int64_t start = NewMoonDay(*k, utc_offset_hours);
  if (day > NewMoonDay(*k + 1, utc_offset_hours) - start) return std::nullopt;
  return FromJulianDayNumber(start + day - 1);
}

std::optional<int> LunarMonthLength(int lunar_year, int month, bool leap_month, double utc_offset_hours) {
  const auto k = MonthNewMoonIndex(lunar_year, month, leap_month, utc_offset_hours);
  if (!k) return std::nullopt;
  return static_cast<int>(NewMoonDay(*k + 1, utc_offset_hours) - NewMoonDay(*k, utc_offset_hours));
}

}  // namespace danvan
