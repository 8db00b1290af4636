// Everything is walked in local time (UTC + utc_offset_minutes), one local day and one window at a time, so a
// deadline of a few days costs a few dozen steps whatever its length in minutes.

#include "domain/work_calendar.hpp"

#include "core/lunar.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace danvan {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

//! How far NextOpening looks, and how long AddWorkingMinutes walks through closed days before giving up.
constexpr int kSearchDays = 3 * 366;
//! Beyond this a deadline means nothing, and its nanoseconds would near the limits of TimePoint.
constexpr int64_t kMaxMinutes = int64_t{100} * 366 * 24 * 60;
constexpr int kMinutesPerDay = 24 * 60;

sys_days LocalDay(const WorkCalendar& c, TimePoint t) {
  return std::chrono::floor<days>(t + std::chrono::minutes(c.utc_offset_minutes));
}

//! The instant of `minute` after local midnight starting local day `d`.
TimePoint At(const WorkCalendar& c, sys_days d, int minute) {
  return TimePoint(d) + std::chrono::minutes(minute - c.utc_offset_minutes);
}

//! WindowsOn without the copy: the walks below call it once per day.
const std::vector<OfficeWindow>& WindowsRef(const WorkCalendar& c, sys_days d) {
  static const std::vector<OfficeWindow> kClosed;
  const auto it = std::lower_bound(c.days.begin(), c.days.end(), d,
                                   [](const CalendarDay& day, sys_days x) { return day.date.days() < x; });
  if (it != c.days.end() && it->date.days() == d) {
    if (it->kind != DayKind::kWorkingDay) return kClosed;
    return it->windows.empty() ? c.week[0] : it->windows;
  }
  return c.week[std::chrono::weekday(d).iso_encoding() - 1];
}

//! The first problem of a day's windows, or nullopt: they must lie within the day, be non-empty, in order and
//! apart (touching is allowed).
std::optional<std::string> WindowProblem(const std::vector<OfficeWindow>& windows) {
  int previous_end = 0;
  for (size_t i = 0; i < windows.size(); ++i) {
    const OfficeWindow& w = windows[i];
    if (w.start_minute < 0 || w.end_minute > kMinutesPerDay || w.end_minute <= w.start_minute)
      return fmt::format("{}–{}", w.start_minute, w.end_minute);
    if (i > 0 && w.start_minute < previous_end) return fmt::format("{}–{}", w.start_minute, w.end_minute);
    previous_end = w.end_minute;
  }
  return std::nullopt;
}

Error InvalidWindow(std::string_view where_vi, std::string_view where_en, const std::string& window) {
  return MakeError(ErrorKind::kInvalidInput, "invalid_office_window",
                   fmt::format("Khung giờ làm việc {} của {} không hợp lệ: phút bắt đầu và kết thúc phải trong "
                               "0–1440, kết thúc sau bắt đầu, các khung theo thứ tự và không chồng nhau.",
                               window, where_vi),
                   fmt::format("The office window {} of {} is not valid: start and end minutes must lie within "
                               "0–1440, the end after the start, windows in order and not overlapping.",
                               window, where_en))
      .WithDetail("window", boost::json::string(window));
}

ProposedHoliday Holiday(Date date, std::string vi, std::string en) {
  return ProposedHoliday{date, DayKind::kHoliday, std::move(vi), std::move(en)};
}

Date AddDays(const Date& d, int n) { return Date(std::chrono::year_month_day{d.days() + days{n}}); }

}  // namespace

std::string_view ToString(DayKind kind) {
  switch (kind) {
    case DayKind::kHoliday: return "holiday";
    case DayKind::kDayOff: return "day_off";
    case DayKind::kWorkingDay: return "working_day";
  }
  return "holiday";
}

std::optional<DayKind> ParseDayKind(std::string_view s) {
  if (s == "holiday") return DayKind::kHoliday;
  if (s == "day_off") return DayKind::kDayOff;
  if (s == "working_day") return DayKind::kWorkingDay;
  return std::nullopt;
}

WorkCalendar WorkCalendar::Default() {
  WorkCalendar c;
  for (int i = 0; i < 5; ++i) c.week[i] = {{8 * 60, 12 * 60}, {13 * 60 + 30, 17 * 60}};
  return c;
}

std::vector<OfficeWindow> WorkCalendar::WindowsOn(const Date& local_date) const {
  return WindowsRef(*this, local_date.days());
}

Status ValidateCalendar(const WorkCalendar& calendar) {
  // Real offsets run from −12:00 to +14:00.
  if (calendar.utc_offset_minutes < -12 * 60 || calendar.utc_offset_minutes > 14 * 60)
    return MakeError(ErrorKind::kInvalidInput, "invalid_utc_offset",
                     fmt::format("Độ lệch múi giờ {} phút không hợp lệ (từ −720 đến 840).",
                                 calendar.utc_offset_minutes),
                     fmt::format("The UTC offset of {} minutes is not valid (−720 to 840).",
                                 calendar.utc_offset_minutes))
        .WithDetail("utc_offset_minutes", calendar.utc_offset_minutes);
  static constexpr std::array<std::string_view, 7> kDayVi = {"thứ Hai", "thứ Ba",  "thứ Tư",  "thứ Năm",
                                                             "thứ Sáu", "thứ Bảy", "Chủ nhật"};
  static constexpr std::array<std::string_view, 7> kDayEn = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                             "Friday", "Saturday", "Sunday"};
  for (int i = 0; i < 7; ++i) {
    if (const auto problem = WindowProblem(calendar.week[i]))
      return InvalidWindow(kDayVi[i], kDayEn[i], *problem).WithDetail("day", i);
  }
  for (const CalendarDay& day : calendar.days) {
    const std::string shown = day.date.Vietnamese();
    if (day.kind != DayKind::kWorkingDay && !day.windows.empty())
      return MakeError(ErrorKind::kInvalidInput, "calendar_day_windows",
                       fmt::format("Ngày {} là ngày nghỉ nên không có khung giờ làm việc.", shown),
                       fmt::format("{} is a day off work: it cannot have office windows.", shown))
          .WithDetail("date", boost::json::string(day.date.Iso()));
    if (const auto problem = WindowProblem(day.windows)) {
      const std::string vi = fmt::format("ngày {}", shown);
      return InvalidWindow(vi, shown, *problem).WithDetail("date", boost::json::string(day.date.Iso()));
    }
  }
  std::vector<Date> dates;
  dates.reserve(calendar.days.size());
  for (const CalendarDay& day : calendar.days) dates.push_back(day.date);
  std::sort(dates.begin(), dates.end());
  if (const auto twin = std::adjacent_find(dates.begin(), dates.end()); twin != dates.end())
    return MakeError(ErrorKind::kInvalidInput, "duplicate_calendar_day",
                     fmt::format("Ngày {} có mặt hơn một lần trong lịch.", twin->Vietnamese()),
                     fmt::format("{} appears more than once in the calendar.", twin->Vietnamese()))
        .WithDetail("date", boost::json::string(twin->Iso()));
  for (size_t i = 1; i < calendar.days.size(); ++i) {
    if (calendar.days[i].date < calendar.days[i - 1].date) {
      const Date& d = calendar.days[i].date;
      return MakeError(ErrorKind::kInvalidInput, "unsorted_calendar_days",
                       fmt::format("Các ngày trong lịch phải theo thứ tự: ngày {} đứng sau một ngày muộn hơn.",
                                   d.Vietnamese()),
                       fmt::format("Calendar days must be in date order: {} comes after a later date.",
                                   d.Vietnamese()))
          .WithDetail("date", boost::json::string(d.Iso()));
    }
  }
  return OkStatus();
}

std::optional<TimePoint> NextOpening(const WorkCalendar& calendar, TimePoint t) {
  const sys_days first = LocalDay(calendar, t);
  for (int i = 0; i <= kSearchDays; ++i) {
    const sys_days d = first + days{i};
    for (const OfficeWindow& w : WindowsRef(calendar, d)) {
      if (t < At(calendar, d, w.end_minute)) return std::max(t, At(calendar, d, w.start_minute));
    }
  }
  return std::nullopt;
}

std::optional<TimePoint> AddWorkingMinutes(const WorkCalendar& calendar, TimePoint start, int64_t minutes) {
  if (minutes <= 0) return NextOpening(calendar, start);
  if (minutes > kMaxMinutes) return std::nullopt;
  TimePoint::duration remaining = std::chrono::minutes(minutes);
  TimePoint cursor = start;
  int closed_days = 0;
  for (sys_days d = LocalDay(calendar, start); closed_days <= kSearchDays; d += days{1}) {
    bool worked = false;
    for (const OfficeWindow& w : WindowsRef(calendar, d)) {
      const TimePoint open = std::max(cursor, At(calendar, d, w.start_minute));
      const TimePoint close = At(calendar, d, w.end_minute);
      if (close <= open) continue;
      worked = true;
      if (remaining <= close - open) return open + remaining;
      remaining -= close - open;
      cursor = close;
    }
    closed_days = worked ? 0 : closed_days + 1;
  }
  return std::nullopt;
}

int64_t WorkingMinutesBetween(const WorkCalendar& calendar, TimePoint from, TimePoint to) {
  if (to <= from) return 0;
  TimePoint::duration total{0};
  const sys_days last = LocalDay(calendar, to);
  for (sys_days d = LocalDay(calendar, from); d <= last; d += days{1}) {
    for (const OfficeWindow& w : WindowsRef(calendar, d)) {
      const TimePoint open = std::max(from, At(calendar, d, w.start_minute));
      const TimePoint close = std::min(to, At(calendar, d, w.end_minute));
      if (open < close) total += close - open;
    }
  }
  return std::chrono::floor<std::chrono::minutes>(total).count();
}

std::vector<ProposedHoliday> ProposeHolidays(int year) {
  std::vector<ProposedHoliday> out;
  out.push_back(Holiday(Date::FromYmd(year, 1, 1), "Tết Dương lịch", "New Year's Day"));
  // Tết Nguyên đán: the last day of the lunar year before and the first four days of lunar year `year`; all five
  // fall in solar year `year`, since Tết lies between 21/01 and 20/02.
  if (const auto tet = LunarToSolar(year, 1, 1)) {
    const Date eve = AddDays(*tet, -1);
    const int eve_day = SolarToLunar(eve).day;  // 29 or 30 tháng Chạp
    out.push_back(Holiday(eve, fmt::format("Tết Nguyên đán: ngày cuối năm âm lịch ({} tháng Chạp)", eve_day),
                          fmt::format("Lunar New Year: the last day of the lunar year ({}th of the 12th month)",
                                      eve_day)));
    static constexpr std::array<std::string_view, 4> kOrdinalEn = {"1st", "2nd", "3rd", "4th"};
    for (int i = 0; i < 4; ++i)
      out.push_back(Holiday(AddDays(*tet, i), fmt::format("Tết Nguyên đán: mùng {} tháng Giêng", i + 1),
                            fmt::format("Lunar New Year: {} day of the 1st lunar month", kOrdinalEn[i])));
  }
  if (const auto hung_kings = LunarToSolar(year, 3, 10))
    out.push_back(Holiday(*hung_kings, "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
                          "Hung Kings' Commemoration Day (10th day of the 3rd lunar month)"));
  out.push_back(Holiday(Date::FromYmd(year, 4, 30), "Ngày Chiến thắng (30/4)", "Victory Day (30 April)"));
  out.push_back(Holiday(Date::FromYmd(year, 5, 1), "Ngày Quốc tế Lao động (1/5)", "International Labour Day (1 May)"));
  out.push_back(Holiday(Date::FromYmd(year, 9, 1),
                        "Quốc khánh: ngày nghỉ thứ hai (1/9 hoặc 3/9, Thủ tướng Chính phủ công bố hằng năm)",
                        "National Day: the second day off (1 or 3 September, announced by the Prime Minister "
                        "each year)"));
  out.push_back(Holiday(Date::FromYmd(year, 9, 2), "Quốc khánh (2/9)", "National Day (2 September)"));
  std::stable_sort(out.begin(), out.end(),
                   [](const ProposedHoliday& a, const ProposedHoliday& b) { return a.date < b.date; });
  return out;
}

}  // namespace danvan
