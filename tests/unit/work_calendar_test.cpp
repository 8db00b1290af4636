// Deadlines in working minutes on the default office hours (Mon–Fri 08:00–12:00, 13:30–17:00, +07:00), with the
// Tết 2026 break, a make-up Saturday and calendars with little or no working time; the holidays the Labour Code
// gives a year. Every expectation is counted by hand in the comments.

#include "domain/work_calendar.hpp"

#include <gtest/gtest.h>

namespace danvan {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

Date D(int y, unsigned m, unsigned d) { return Date::FromYmd(y, m, d); }

//! An instant given in Vietnam's time (+07:00).
TimePoint Vn(int y, unsigned m, unsigned d, int hh, int mm) {
  return TimePoint(D(y, m, d).days()) + hours(hh) + minutes(mm) - hours(7);
}

CalendarDay Day(Date date, DayKind kind, std::vector<OfficeWindow> windows = {}) {
  return CalendarDay{date, kind, std::string(ToString(kind)), std::move(windows)};
}

//! The official Tết Bính Ngọ break of 2026: Saturday 14/02 to Sunday 22/02, the weekdays as holidays.
WorkCalendar WithTet2026() {
  WorkCalendar c = WorkCalendar::Default();
  c.days = {Day(D(2026, 2, 14), DayKind::kDayOff),  Day(D(2026, 2, 15), DayKind::kDayOff),
            Day(D(2026, 2, 16), DayKind::kHoliday), Day(D(2026, 2, 17), DayKind::kHoliday),
            Day(D(2026, 2, 18), DayKind::kHoliday), Day(D(2026, 2, 19), DayKind::kHoliday),
            Day(D(2026, 2, 20), DayKind::kHoliday), Day(D(2026, 2, 21), DayKind::kDayOff),
            Day(D(2026, 2, 22), DayKind::kDayOff)};
  return c;
}

TEST(DayKind, RoundTripsItsTokens) {
  for (DayKind k : {DayKind::kHoliday, DayKind::kDayOff, DayKind::kWorkingDay}) EXPECT_EQ(ParseDayKind(ToString(k)), k);
  EXPECT_EQ(ToString(DayKind::kDayOff), "day_off");
  EXPECT_EQ(ParseDayKind("weekend"), std::nullopt);
}

TEST(WorkCalendar, WindowsOnADateAfterTheExceptions) {
  WorkCalendar c = WithTet2026();
  c.days.push_back(Day(D(2026, 2, 28), DayKind::kWorkingDay));
  const std::vector<OfficeWindow> office = {{480, 720}, {810, 1020}};
  EXPECT_EQ(c.WindowsOn(D(2026, 2, 13)), office) << "a Friday";
  EXPECT_TRUE(c.WindowsOn(D(2026, 2, 17)).empty()) << "mùng 1 Tết";
  EXPECT_TRUE(c.WindowsOn(D(2026, 3, 1)).empty()) << "a Sunday";
  EXPECT_EQ(c.WindowsOn(D(2026, 2, 28)), office) << "a make-up Saturday works Monday's hours";
}

TEST(WorkingMinutes, ADeadlineSkipsTheTetBreak) {
  // Friday 13/02 16:30: 30 minutes to 17:00; nothing until Monday 23/02; then 240 + 210 = 450 minutes to 17:00.
  EXPECT_EQ(AddWorkingMinutes(WithTet2026(), Vn(2026, 2, 13, 16, 30), 8 * 60), Vn(2026, 2, 23, 17, 0));
  // Without the break the same deadline is the next Monday: 30 + 450.
  EXPECT_EQ(AddWorkingMinutes(WorkCalendar::Default(), Vn(2026, 2, 13, 16, 30), 8 * 60), Vn(2026, 2, 16, 17, 0));
  // One more minute is 08:01 the day after.
  EXPECT_EQ(AddWorkingMinutes(WithTet2026(), Vn(2026, 2, 13, 16, 30), 8 * 60 + 1), Vn(2026, 2, 24, 8, 1));
}

TEST(WorkingMinutes, TheLunchBreakDoesNotCount) {
  const WorkCalendar c = WorkCalendar::Default();
  // Tuesday 10/03/2026 11:30: 30 minutes to 12:00, then 30 from 13:30.
  EXPECT_EQ(AddWorkingMinutes(c, Vn(2026, 3, 10, 11, 30), 60), Vn(2026, 3, 10, 14, 0));
  EXPECT_EQ(AddWorkingMinutes(c, Vn(2026, 3, 10, 11, 30), 30), Vn(2026, 3, 10, 12, 0)) << "ends at the close";
  EXPECT_EQ(AddWorkingMinutes(c, Vn(2026, 3, 10, 12, 15), 30), Vn(2026, 3, 10, 14, 0)) << "starts in the break";
  EXPECT_EQ(NextOpening(c, Vn(2026, 3, 10, 12, 15)), Vn(2026, 3, 10, 13, 30));
}

TEST(WorkingMinutes, AMakeUpSaturdayWorksMondaysHours) {
  WorkCalendar c = WorkCalendar::Default();
  c.days = {Day(D(2024, 5, 4), DayKind::kWorkingDay)};
  // Friday 03/05/2024 16:00: 60 minutes to 17:00, then Saturday 08:00–09:00.
  EXPECT_EQ(AddWorkingMinutes(c, Vn(2024, 5, 3, 16, 0), 120), Vn(2024, 5, 4, 9, 0));
  // Its own windows, 08:00–10:00: 60 Friday + 120 Saturday, the last 60 on Monday 06/05.
  c.days = {Day(D(2024, 5, 4), DayKind::kWorkingDay, {{480, 600}})};
  EXPECT_EQ(AddWorkingMinutes(c, Vn(2024, 5, 3, 16, 0), 240), Vn(2024, 5, 6, 9, 0));
  EXPECT_EQ(WorkingMinutesBetween(c, Vn(2024, 5, 3, 0, 0), Vn(2024, 5, 6, 0, 0)), 450 + 120);
}

TEST(WorkingMinutes, StartsAtTheNextOpening) {
  const WorkCalendar c = WorkCalendar::Default();
  EXPECT_EQ(NextOpening(c, Vn(2026, 3, 10, 3, 0)), Vn(2026, 3, 10, 8, 0));
  EXPECT_EQ(AddWorkingMinutes(c, Vn(2026, 3, 10, 3, 0), 30), Vn(2026, 3, 10, 8, 30));
  EXPECT_EQ(NextOpening(c, Vn(2026, 3, 10, 10, 0)), Vn(2026, 3, 10, 10, 0)) << "open: the instant itself";
  const TimePoint odd = Vn(2026, 3, 10, 10, 0) + milliseconds(500);
  EXPECT_EQ(NextOpening(c, odd), odd);
  EXPECT_EQ(NextOpening(c, Vn(2026, 3, 13, 17, 0)), Vn(2026, 3, 16, 8, 0)) << "Friday's close is shut: Monday";
  EXPECT_EQ(NextOpening(c, Vn(2026, 3, 14, 10, 0)), Vn(2026, 3, 16, 8, 0)) << "a Saturday";
}

TEST(WorkingMinutes, ZeroOrNegativeMinutesMeanTheNextOpening) {
  const WorkCalendar c = WorkCalendar::Default();
  EXPECT_EQ(AddWorkingMinutes(c, Vn(2026, 3, 14, 10, 0), 0), Vn(2026, 3, 16, 8, 0));
  EXPECT_EQ(AddWorkingMinutes(c, Vn(2026, 3, 10, 9, 0), 0), Vn(2026, 3, 10, 9, 0));
  EXPECT_EQ(AddWorkingMinutes(c, Vn(2026, 3, 10, 12, 30), -5), Vn(2026, 3, 10, 13, 30));
}

TEST(WorkingMinutes, LongDeadlinesWalkDayByDay) {
  const WorkCalendar c = WorkCalendar::Default();
  // Five working days from Tuesday 10/03/2026 08:00: Tue–Fri and Monday 16/03, to its close.
  EXPECT_EQ(AddWorkingMinutes(c, Vn(2026, 3, 10, 8, 0), 5 * 450), Vn(2026, 3, 16, 17, 0));
  // 52 weeks of 2250 minutes from Monday 05/01/2026 08:00 end on Friday 01/01/2027 17:00 (no holidays here).
  EXPECT_EQ(AddWorkingMinutes(c, Vn(2026, 1, 5, 8, 0), 52 * 2250), Vn(2027, 1, 1, 17, 0));
  for (int64_t n : {1, 29, 30, 31, 450, 451, 4000}) {
    const auto due = AddWorkingMinutes(c, Vn(2026, 3, 10, 11, 45), n);
    ASSERT_TRUE(due);
    EXPECT_EQ(WorkingMinutesBetween(c, Vn(2026, 3, 10, 11, 45), *due), n) << n;
  }
}

TEST(WorkingMinutes, BetweenTwoInstants) {
  WorkCalendar c = WorkCalendar::Default();
  EXPECT_EQ(WorkingMinutesBetween(c, Vn(2026, 3, 9, 0, 0), Vn(2026, 3, 16, 0, 0)), 5 * 450) << "a whole week";
  // Friday 24/04/2026 15:00 to Tuesday 28/04 10:00: 120 Friday, the weekend, Monday, 120 Tuesday.
  EXPECT_EQ(WorkingMinutesBetween(c, Vn(2026, 4, 24, 15, 0), Vn(2026, 4, 28, 10, 0)), 120 + 450 + 120);
  // Giỗ Tổ 2026 falls on Sunday 26/04: the day off moves to Monday 27/04.
  c.days = {Day(D(2026, 4, 26), DayKind::kHoliday), Day(D(2026, 4, 27), DayKind::kDayOff)};
  EXPECT_EQ(WorkingMinutesBetween(c, Vn(2026, 4, 24, 15, 0), Vn(2026, 4, 28, 10, 0)), 120 + 120);
  EXPECT_EQ(WorkingMinutesBetween(c, Vn(2026, 4, 28, 10, 0), Vn(2026, 4, 24, 15, 0)), 0) << "backwards";
  EXPECT_EQ(WorkingMinutesBetween(c, Vn(2026, 4, 28, 10, 0), Vn(2026, 4, 28, 10, 0)), 0);
  // Rounded down: 59 seconds are no minute, 90 seconds one.
  const TimePoint eight = Vn(2026, 3, 10, 8, 0);
  EXPECT_EQ(WorkingMinutesBetween(c, eight, eight + std::chrono::seconds(59)), 0);
  EXPECT_EQ(WorkingMinutesBetween(c, eight + std::chrono::seconds(30), eight + minutes(2)), 1);
  // Only the lunch break: nothing.
  EXPECT_EQ(WorkingMinutesBetween(c, Vn(2026, 3, 10, 12, 0), Vn(2026, 3, 10, 13, 30)), 0);
}

TEST(WorkingMinutes, AnotherOffsetMovesTheWindows) {
  WorkCalendar c = WorkCalendar::Default();
  c.utc_offset_minutes = 0;
  const TimePoint seven_utc = TimePoint(D(2026, 3, 10).days()) + hours(7);
  EXPECT_EQ(NextOpening(c, seven_utc), seven_utc + hours(1));
  EXPECT_EQ(NextOpening(WorkCalendar::Default(), seven_utc), seven_utc) << "14:00 in Hà Nội: open";
}

TEST(WorkingMinutes, ACalendarWithoutWorkingTimeEnds) {
  WorkCalendar closed;  // no window on any day
  EXPECT_EQ(NextOpening(closed, Vn(2026, 3, 10, 9, 0)), std::nullopt);
  EXPECT_EQ(AddWorkingMinutes(closed, Vn(2026, 3, 10, 9, 0), 60), std::nullopt);
  EXPECT_EQ(AddWorkingMinutes(closed, Vn(2026, 3, 10, 9, 0), 0), std::nullopt);
  EXPECT_EQ(WorkingMinutesBetween(closed, Vn(2026, 3, 10, 9, 0), Vn(2027, 3, 10, 9, 0)), 0);

  // One working hour in 2027, within three years: found; then nothing for three years more.
  WorkCalendar once;
  once.days = {Day(D(2027, 6, 5), DayKind::kWorkingDay, {{480, 540}})};
  EXPECT_EQ(NextOpening(once, Vn(2026, 3, 10, 9, 0)), Vn(2027, 6, 5, 8, 0));
  EXPECT_EQ(AddWorkingMinutes(once, Vn(2026, 3, 10, 9, 0), 60), Vn(2027, 6, 5, 9, 0));
  EXPECT_EQ(AddWorkingMinutes(once, Vn(2026, 3, 10, 9, 0), 61), std::nullopt);
  EXPECT_EQ(NextOpening(once, Vn(2023, 6, 1, 9, 0)), std::nullopt) << "more than three years ahead";

  EXPECT_EQ(AddWorkingMinutes(WorkCalendar::Default(), Vn(2026, 3, 10, 9, 0), int64_t{1} << 40), std::nullopt);
}

TEST(ValidateCalendar, AcceptsTheDefaultsAndTouchingWindows) {
  EXPECT_TRUE(ValidateCalendar(WorkCalendar::Default()).ok());
  EXPECT_TRUE(ValidateCalendar(WithTet2026()).ok());
  WorkCalendar c = WorkCalendar::Default();
  c.week[5] = {{0, 720}, {720, 1440}};
  EXPECT_TRUE(ValidateCalendar(c).ok());
}

TEST(ValidateCalendar, RejectsBadWindows) {
  const std::vector<std::vector<OfficeWindow>> bad = {
      {{-1, 600}}, {{480, 1441}}, {{600, 600}}, {{700, 600}}, {{480, 720}, {700, 900}}, {{810, 1020}, {480, 720}}};
  for (const auto& windows : bad) {
    WorkCalendar c = WorkCalendar::Default();
    c.week[2] = windows;
    const Status s = ValidateCalendar(c);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().kind, ErrorKind::kInvalidInput);
    EXPECT_EQ(s.error().code, "invalid_office_window");
    EXPECT_EQ(s.error().details.at("day").as_int64(), 2);
    EXPECT_NE(s.error().message_vi.find("thứ Tư"), std::string::npos) << s.error().message_vi;
    EXPECT_NE(s.error().message_en.find("Wednesday"), std::string::npos) << s.error().message_en;
  }
  WorkCalendar c = WorkCalendar::Default();
  c.days = {Day(D(2024, 5, 4), DayKind::kWorkingDay, {{600, 500}})};
  const Status s = ValidateCalendar(c);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "invalid_office_window");
  EXPECT_EQ(s.error().details.at("date").as_string(), "2024-05-04");
}

TEST(ValidateCalendar, RejectsDuplicatesUnsortedDaysWindowsOnDaysOffAndOffsets) {
  WorkCalendar c = WithTet2026();
  c.days.push_back(Day(D(2026, 2, 16), DayKind::kDayOff));
  Status s = ValidateCalendar(c);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "duplicate_calendar_day");
  EXPECT_EQ(s.error().details.at("date").as_string(), "2026-02-16");

  c = WithTet2026();
  std::swap(c.days[0], c.days[1]);
  s = ValidateCalendar(c);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "unsorted_calendar_days");

  c = WithTet2026();
  c.days[2].windows = {{480, 720}};
  s = ValidateCalendar(c);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "calendar_day_windows");
  EXPECT_EQ(s.error().details.at("date").as_string(), "2026-02-16");
  EXPECT_NE(s.error().message_vi.find("16/02/2026"), std::string::npos);

  c = WorkCalendar::Default();
  c.utc_offset_minutes = 15 * 60;
  s = ValidateCalendar(c);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "invalid_utc_offset");
}

std::vector<Date> DatesOf(const std::vector<ProposedHoliday>& holidays) {
  std::vector<Date> out;
  for (const auto& h : holidays) out.push_back(h.date);
  return out;
}

TEST(ProposeHolidays, TheLabourCodeDaysOf2026) {
  const auto holidays = ProposeHolidays(2026);
  // Tết Bính Ngọ is 17/02/2026; tháng Chạp Ất Tỵ has 29 days, so its last day is 16/02.
  EXPECT_EQ(DatesOf(holidays), (std::vector<Date>{D(2026, 1, 1), D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18),
                                                  D(2026, 2, 19), D(2026, 2, 20), D(2026, 4, 26), D(2026, 4, 30),
                                                  D(2026, 5, 1), D(2026, 9, 1), D(2026, 9, 2)}));
  for (const auto& h : holidays) {
    EXPECT_EQ(h.kind, DayKind::kHoliday);
    EXPECT_FALSE(h.name_vi.empty());
    EXPECT_FALSE(h.name_en.empty());
  }
  EXPECT_EQ(holidays[0].name_vi, "Tết Dương lịch");
  EXPECT_NE(holidays[1].name_vi.find("29 tháng Chạp"), std::string::npos) << holidays[1].name_vi;
  EXPECT_NE(holidays[2].name_vi.find("mùng 1 tháng Giêng"), std::string::npos) << holidays[2].name_vi;
  EXPECT_NE(holidays[6].name_vi.find("Giỗ Tổ Hùng Vương"), std::string::npos) << holidays[6].name_vi;
  EXPECT_NE(holidays[9].name_vi.find("hằng năm"), std::string::npos) << "1/9 is announced each year";
  EXPECT_NE(holidays[10].name_vi.find("Quốc khánh"), std::string::npos);
}

TEST(ProposeHolidays, TetEveIsThe30thWhenTheLastMonthIsLong) {
  // Tết Giáp Thìn is 10/02/2024 and tháng Chạp Quý Mão has 30 days: the eve is 09/02, 30 tháng Chạp.
  const auto holidays = ProposeHolidays(2024);
  ASSERT_GE(holidays.size(), 7u);
  EXPECT_EQ(holidays[1].date, D(2024, 2, 9));
  EXPECT_NE(holidays[1].name_vi.find("30 tháng Chạp"), std::string::npos) << holidays[1].name_vi;
  EXPECT_EQ(holidays[5].date, D(2024, 2, 13)) << "mùng 4";
  EXPECT_EQ(holidays[6].date, D(2024, 4, 18)) << "Giỗ Tổ";
  // 2025: Tết 29/01, eve 28/01 (29 tháng Chạp Giáp Thìn), Giỗ Tổ 07/04.
  const auto y2025 = ProposeHolidays(2025);
  ASSERT_GE(y2025.size(), 7u);
  EXPECT_EQ(y2025[1].date, D(2025, 1, 28));
  EXPECT_EQ(y2025[6].date, D(2025, 4, 7));
}

}  // namespace
}  // namespace danvan
