#include "core/time.hpp"

#include <fmt/format.h>

#include <ctime>

namespace danvan {
namespace {

std::string Format(TimePoint t, const char* suffix, bool with_millis) {
  const auto since = t.time_since_epoch();
  const auto secs = std::chrono::floor<std::chrono::seconds>(since);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(since - secs).count();
  const std::time_t tt = secs.count();
  std::tm tm{};
  gmtime_r(&tt, &tm);
  if (with_millis)
    return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:03d}{}", tm.tm_year + 1900, tm.tm_mon + 1,
                       tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms, suffix);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}{}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec, suffix);
}

}  // namespace

std::optional<TimePoint> ParseInstant(std::string_view s) {
  auto digits = [&](size_t at, size_t n) -> std::optional<int> {
    if (at + n > s.size()) return std::nullopt;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return std::nullopt;
  const auto y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2), h = digits(11, 2), mi = digits(14, 2),
             se = digits(17, 2);
  if (!y || !mo || !d || !h || !mi || !se || *h > 23 || *mi > 59 || *se > 59) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*mo)},
                                        std::chrono::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  size_t at = 19;
  std::chrono::milliseconds millis{0};
  if (s[at] == '.') {
    const auto ms = digits(at + 1, 3);
    if (!ms) return std::nullopt;
    millis = std::chrono::milliseconds(*ms);
    at += 4;
  }
  std::chrono::minutes offset{0};
  if (at < s.size() && s[at] == 'Z') {
    ++at;
  } else if (at + 6 == s.size() && (s[at] == '+' || s[at] == '-') && s[at + 3] == ':') {
    const auto oh = digits(at + 1, 2), om = digits(at + 4, 2);
    if (!oh || !om || *oh > 14 || *om > 59) return std::nullopt;
    offset = std::chrono::minutes(*oh * 60 + *om) * (s[at] == '-' ? -1 : 1);
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != s.size()) return std::nullopt;
  return TimePoint(std::chrono::sys_days(ymd).time_since_epoch() + std::chrono::hours(*h) +
                   std::chrono::minutes(*mi) + std::chrono::seconds(*se) + millis - offset);
}

std::string FormatUtc(TimePoint t) { return Format(t, "Z", true); }

std::string FormatVietnam(TimePoint t) { return Format(t + std::chrono::hours(7), "+07:00", false); }

}  // namespace danvan
