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

std::string FormatUtc(TimePoint t) { return Format(t, "Z", true); }

std::string FormatVietnam(TimePoint t) { return Format(t + std::chrono::hours(7), "+07:00", false); }

}  // namespace danvan
