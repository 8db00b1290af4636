// The lunar calendar against dates printed in Vietnamese and Chinese calendars, and against itself: every day of
// 1900–2100 reads as a lunar date that leads back to it, and lunar dates follow one another day by day.

#include "core/lunar.hpp"

#include <gtest/gtest.h>

namespace danvan {
namespace {

Date D(int y, unsigned m, unsigned d) { return Date::FromYmd(y, m, d); }

TEST(Lunar, TetInVietnam) {
  EXPECT_EQ(LunarToSolar(2000, 1, 1), D(2000, 2, 5));
  EXPECT_EQ(LunarToSolar(2020, 1, 1), D(2020, 1, 25));
  EXPECT_EQ(LunarToSolar(2021, 1, 1), D(2021, 2, 12));
  EXPECT_EQ(LunarToSolar(2022, 1, 1), D(2022, 2, 1));
  EXPECT_EQ(LunarToSolar(2023, 1, 1), D(2023, 1, 22));
  EXPECT_EQ(LunarToSolar(2024, 1, 1), D(2024, 2, 10));
  EXPECT_EQ(LunarToSolar(2025, 1, 1), D(2025, 1, 29));
  EXPECT_EQ(LunarToSolar(2026, 1, 1), D(2026, 2, 17));
  EXPECT_EQ(SolarToLunar(D(2026, 2, 17)), (LunarDate{2026, 1, 1, false}));
  EXPECT_EQ(SolarToLunar(D(2026, 2, 16)), (LunarDate{2025, 12, 29, false})) << "tháng Chạp Ất Tỵ has 29 days";
  EXPECT_EQ(SolarToLunar(D(2024, 2, 9)), (LunarDate{2023, 12, 30, false})) << "tháng Chạp Quý Mão has 30 days";
}

TEST(Lunar, HungKingsDay) {
  EXPECT_EQ(LunarToSolar(2023, 3, 10), D(2023, 4, 29));
  EXPECT_EQ(LunarToSolar(2024, 3, 10), D(2024, 4, 18));
  EXPECT_EQ(LunarToSolar(2025, 3, 10), D(2025, 4, 7));
  EXPECT_EQ(LunarToSolar(2026, 3, 10), D(2026, 4, 26));
  EXPECT_EQ(SolarToLunar(D(2025, 4, 7)), (LunarDate{2025, 3, 10, false}));
}

TEST(Lunar, VietnamAndChinaDifferWhereANewMoonFallsBetweenTheirMidnights) {
  // 1985: at UTC+8 the month of the winter solstice starts a day earlier, which moves month 11 and so Tết a month.
  EXPECT_EQ(LunarToSolar(1985, 1, 1, false, 7.0), D(1985, 1, 21));
  EXPECT_EQ(LunarToSolar(1985, 1, 1, false, 8.0), D(1985, 2, 20));
  EXPECT_EQ(SolarToLunar(D(1985, 1, 21), 7.0), (LunarDate{1985, 1, 1, false}));
  EXPECT_EQ(SolarToLunar(D(1985, 2, 20), 8.0), (LunarDate{1985, 1, 1, false}));
  // 2007: the new moon of 17/02 16:14 UTC is 23:14 in Hà Nội and 00:14 the next day in Beijing.
  EXPECT_EQ(LunarToSolar(2007, 1, 1, false, 7.0), D(2007, 2, 17));
  EXPECT_EQ(LunarToSolar(2007, 1, 1, false, 8.0), D(2007, 2, 18));
  EXPECT_EQ(SolarToLunar(D(2007, 2, 17), 8.0), (LunarDate{2006, 12, 30, false}));
}

TEST(Lunar, LeapMonths) {
  // Quý Mão 2023: tháng 2 nhuận from 22/03/2023 (new moon 21/03 17:23 UTC, 00:23 the next day in Hà Nội).
  EXPECT_EQ(LunarToSolar(2023, 2, 1), D(2023, 2, 20));
  EXPECT_EQ(LunarToSolar(2023, 2, 1, true), D(2023, 3, 22));
  EXPECT_EQ(SolarToLunar(D(2023, 3, 22)), (LunarDate{2023, 2, 1, true}));
  EXPECT_EQ(SolarToLunar(D(2023, 3, 21)), (LunarDate{2023, 2, 30, false}));
  EXPECT_EQ(LunarMonthLength(2023, 2, true), 29);
  EXPECT_EQ(LunarToSolar(2023, 3, 1), D(2023, 4, 20));
  // Canh Tý 2020: tháng 4 nhuận from 23/05/2020.
  EXPECT_EQ(LunarToSolar(2020, 4, 1, true), D(2020, 5, 23));
  EXPECT_EQ(SolarToLunar(D(2020, 6, 20)), (LunarDate{2020, 4, 29, true}));
  EXPECT_EQ(SolarToLunar(D(2020, 6, 21)), (LunarDate{2020, 5, 1, false}));
  EXPECT_EQ(LunarMonthLength(2020, 4, true), 29);
}

TEST(Lunar, DatesThatDoNotExist) {
  EXPECT_EQ(LunarToSolar(2024, 1, 1, true), std::nullopt) << "Giáp Thìn 2024 has no leap month";
  EXPECT_EQ(LunarToSolar(2023, 3, 1, true), std::nullopt) << "2023's leap month is the 2nd";
  EXPECT_EQ(LunarMonthLength(2023, 3, true), std::nullopt);
  EXPECT_EQ(LunarMonthLength(2025, 12), 29);
  EXPECT_EQ(LunarToSolar(2025, 12, 30), std::nullopt) << "tháng Chạp Ất Tỵ has 29 days";
  EXPECT_EQ(LunarToSolar(2025, 12, 29), D(2026, 2, 16));
  EXPECT_EQ(LunarMonthLength(2023, 12), 30);
  EXPECT_EQ(LunarToSolar(2023, 12, 30), D(2024, 2, 9));
  EXPECT_EQ(LunarToSolar(2026, 13, 1), std::nullopt);
  EXPECT_EQ(LunarToSolar(2026, 0, 1), std::nullopt);
  EXPECT_EQ(LunarToSolar(2026, 1, 0), std::nullopt);
  EXPECT_EQ(LunarToSolar(2026, 1, 31), std::nullopt);
  EXPECT_EQ(LunarMonthLength(2026, 13), std::nullopt);
}

TEST(Lunar, EveryDayOf1900To2100RoundTripsAndFollowsTheDayBefore) {
  int leap_months = 0;
  LunarDate previous = SolarToLunar(D(1899, 12, 31));
  for (std::chrono::sys_days d = D(1900, 1, 1).days(); d <= D(2100, 12, 31).days(); d += std::chrono::days{1}) {
    const Date solar{std::chrono::year_month_day{d}};
    const LunarDate lunar = SolarToLunar(solar);
    ASSERT_EQ(LunarToSolar(lunar.year, lunar.month, lunar.day, lunar.leap_month), solar) << solar.Iso();
    if (lunar.day == 1) {
      ASSERT_TRUE(previous.day == 29 || previous.day == 30) << solar.Iso();
      const auto length = LunarMonthLength(previous.year, previous.month, previous.leap_month);
      ASSERT_EQ(length, previous.day) << solar.Iso();
      if (lunar.leap_month) {
        ++leap_months;
        ASSERT_EQ(lunar.month, previous.month) << solar.Iso();
        ASSERT_EQ(lunar.year, previous.year) << solar.Iso();
      } else if (previous.month == 12) {
        ASSERT_EQ(lunar.month, 1) << solar.Iso();
        ASSERT_EQ(lunar.year, previous.year + 1) << solar.Iso();
      } else {
        ASSERT_EQ(lunar.month, previous.month + 1) << solar.Iso();
        ASSERT_EQ(lunar.year, previous.year) << solar.Iso();
      }
    } else {
      ASSERT_EQ(lunar, (LunarDate{previous.year, previous.month, previous.day + 1, previous.leap_month}))
          << solar.Iso();
    }
    previous = lunar;
  }
  // Seven leap months every 19 years (the Metonic cycle): about 74 in 201 years.
  EXPECT_GE(leap_months, 72);
  EXPECT_LE(leap_months, 76);
}

}  // namespace
}  // namespace danvan
