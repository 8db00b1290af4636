#pragma once
//! Office hours, public holidays and deadlines counted in working minutes: when a concern's clocks run, and the
//! holidays of a year as the Labour Code defines them, for an admin to confirm.

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace danvan {

//! Minutes after local midnight, [start, end): 08:00–12:00 is {480, 720}.
struct OfficeWindow {
  int start_minute = 0;
  int end_minute = 0;
  bool operator==(const OfficeWindow&) const = default;
};

//! What an exception to the week is: a public holiday; a compensatory day off (ngày nghỉ bù); a make-up working
//! day (ngày làm bù, e.g. a Saturday).
enum class DayKind { kHoliday, kDayOff, kWorkingDay };

std::string_view ToString(DayKind kind);  //!< "holiday" | "day_off" | "working_day"
std::optional<DayKind> ParseDayKind(std::string_view s);

//! One date that does not follow the week.
struct CalendarDay {
  Date date;
  DayKind kind = DayKind::kHoliday;
  std::string name;
  std::vector<OfficeWindow> windows;  //!< working_day only: empty = Monday's windows
};

struct WorkCalendar {
  int64_t version = 0;
  int utc_offset_minutes = 420;  //!< Asia/Ho_Chi_Minh has had no DST since 1975: a fixed +07:00
  std::array<std::vector<OfficeWindow>, 7> week;  //!< [0] Monday … [6] Sunday
  std::vector<CalendarDay> days;  //!< exceptions, sorted by date, one per date

  //! Mon–Fri 08:00–12:00 and 13:30–17:00, Sat/Sun closed, no exceptions.
  static WorkCalendar Default();

  //! The office windows of a local date after the exceptions (holiday/day_off → none).
  std::vector<OfficeWindow> WindowsOn(const Date& local_date) const;
};

//! kInvalidInput with code "invalid_office_window" (outside 0..1440, end <= start, overlapping or unsorted; details
//! `day` 0..6 or `date`), "duplicate_calendar_day" or "unsorted_calendar_days" (details `date`),
//! "calendar_day_windows" (windows on a holiday or day off; details `date`), "invalid_utc_offset".
Status ValidateCalendar(const WorkCalendar& calendar);

//! The first instant at or after t within office hours (t itself if open); nullopt when no window opens within
//! 3 years.
std::optional<TimePoint> NextOpening(const WorkCalendar& calendar, TimePoint t);

//! The instant when `minutes` working minutes have passed from `start` (counting begins at the next opening;
//! minutes <= 0 → NextOpening(start)). A deadline that ends exactly at a window's close is that close. nullopt
//! when the calendar has no working time for 3 years on the way, or `minutes` exceeds 100 years.
std::optional<TimePoint> AddWorkingMinutes(const WorkCalendar& calendar, TimePoint start, int64_t minutes);

//! Working minutes within [from, to), counted exactly and rounded down; 0 when to <= from.
int64_t WorkingMinutesBetween(const WorkCalendar& calendar, TimePoint from, TimePoint to);

struct ProposedHoliday {
  Date date;
  DayKind kind = DayKind::kHoliday;
  std::string name_vi;
  std::string name_en;
};

//! The public holidays of a solar year under the Labour Code (Bộ luật Lao động 2019, Điều 112), sorted by date:
//! proposals for an admin to confirm and edit, since the government announces the exact Tết days, the second
//! day of Quốc khánh and the compensations each year. Lunar dates at UTC+7.
std::vector<ProposedHoliday> ProposeHolidays(int year);

}  // namespace danvan
